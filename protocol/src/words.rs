//! Words both sides write: the app's interface and the server's emails, each written once here.

use crate::http_api::Language;
use crate::kinds::EntityKind;

/// A word the interface and the emails both show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Word {
    /// Following an entry's link.
    Open,
    /// Who called.
    From,
    /// Whom the call was for.
    To,
    Duration,
    /// The kind of an entry that is not a call.
    Error,
    /// The link to the settings page.
    NotificationSettings,
}

impl Word {
    /// The word in `language`.
    pub fn in_language(self, language: Language) -> &'static str {
        let (en, ru) = match self {
            Word::Open => ("Open", "Открыть"),
            Word::From => ("From", "От"),
            Word::To => ("To", "Кому"),
            Word::Duration => ("Duration", "Длительность"),
            Word::Error => ("Error", "Ошибка"),
            Word::NotificationSettings => ("Notification settings", "Настройки уведомлений"),
        };
        match language {
            Language::En => en,
            Language::Ru => ru,
        }
    }
}

/// A CRM entity's name in `language`: "Contact", "Контакт".
pub fn entity_label(kind: EntityKind, language: Language) -> &'static str {
    match (language, kind) {
        (Language::En, kind) => kind.label(),
        (Language::Ru, EntityKind::Contact) => "Контакт",
        (Language::Ru, EntityKind::Lead) => "Сделка",
        (Language::Ru, EntityKind::Company) => "Компания",
    }
}

/// The Russian plural form for `n`: `one` (1, 21, 101: "уведомление"), `few` (2–4, 22–24:
/// "уведомления") or `many` (0, 5–20, 25–30, 111–114: "уведомлений").
pub fn ru_plural(
    n: usize,
    one: &'static str,
    few: &'static str,
    many: &'static str,
) -> &'static str {
    let (last, last_two) = (n % 10, n % 100);
    if last == 1 && last_two != 11 {
        one
    } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
        few
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::ru_plural;

    #[test]
    fn russian_plurals() {
        let form = |n| ru_plural(n, "уведомление", "уведомления", "уведомлений");
        for (n, expected) in [
            (1, "уведомление"),
            (21, "уведомление"),
            (101, "уведомление"),
            (2, "уведомления"),
            (4, "уведомления"),
            (22, "уведомления"),
            (0, "уведомлений"),
            (5, "уведомлений"),
            (11, "уведомлений"),
            (12, "уведомлений"),
            (14, "уведомлений"),
            (25, "уведомлений"),
            (111, "уведомлений"),
        ] {
            assert_eq!(form(n), expected, "{n}");
        }
    }
}
