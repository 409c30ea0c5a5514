//! An email about one notification or a digest of several: the subject, a plain-text part and an
//! HTML part, in the person's language. The widget's markup goes through the same allow-list as in
//! the app (`protocol::markup`): only formatting and safe links survive, every text is escaped, and
//! links are made absolute to the account's address.

use std::fmt::Write;

use amocrm_notify_protocol::entities::escape_html as escape;
use amocrm_notify_protocol::http_api::Language;
use amocrm_notify_protocol::link::Link;
use amocrm_notify_protocol::markup::{Markup, Node, Tag};
use amocrm_notify_protocol::words::{entity_label, ru_plural, Word};
use amocrm_notify_protocol::{EntryKind, Record};

/// The composed email.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Message {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Where links point: the account's address (`https://acme.amocrm.ru`), without a trailing slash;
/// and whom the email speaks to: their language and the time zone of its dates.
pub(super) struct Site<'a> {
    pub base_url: &'a str,
    pub account: &'a str,
    pub language: Language,
    pub zone: jiff::tz::TimeZone,
}

impl Site<'_> {
    /// A word the interface writes too.
    fn word(&self, word: Word) -> &'static str {
        word.in_language(self.language)
    }

    fn pick<'s>(&self, en: &'s str, ru: &'s str) -> &'s str {
        self.language.pick(en, ru)
    }

    /// When a notification arrived, in the person's language and time zone: "5 December 2026,
    /// 13:42 MSK", "5 декабря 2026, 13:42 MSK".
    fn when(&self, date_ms: f64) -> String {
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const RU: [&str; 12] = [
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ];
        let Ok(at) = jiff::Timestamp::from_millisecond(date_ms as i64) else {
            return String::new();
        };
        let at = at.to_zoned(self.zone.clone());
        let month = usize::try_from(at.month() - 1).unwrap_or(0);
        let month = match self.language {
            Language::En => EN[month],
            Language::Ru => RU[month],
        };
        format!(
            "{} {month} {}, {:02}:{:02} {}",
            at.day(),
            at.year(),
            at.hour(),
            at.minute(),
            at.strftime("%Z")
        )
    }

    /// An absolute URL for a link of the app's rules, percent-encoded (a Cyrillic search term
    /// stays one, in any mail reader); `None` for one that breaks the rules.
    fn absolute(&self, raw: &str) -> Option<String> {
        let url = match Link::parse_href(raw).ok()? {
            Link::Internal(path) => format!("{}{path}", self.base_url),
            Link::External(url) if url.starts_with("//") => format!("https:{url}"),
            Link::External(url) => url,
        };
        Some(percent_encoding::utf8_percent_encode(&url, URL_UNSAFE).to_string())
    }
}

/// What is percent-encoded in a URL put in an email, besides everything outside ASCII: what may not
/// stand in a URL as it is. `%` is kept: a URL that is already encoded stays as it was.
const URL_UNSAFE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'\\')
    .add(b'^');

/// The email for `records` (one, or a digest, oldest first).
pub(super) fn compose(site: &Site, records: &[Record]) -> Message {
    let subject = match records {
        [one] => format!("[{}] {}", site.account, as_text(&headline(site, one))),
        many => format!(
            "[{}] {} {}",
            site.account,
            many.len(),
            match site.language {
                Language::En => "notifications".to_owned(),
                Language::Ru =>
                    ru_plural(many.len(), "уведомление", "уведомления", "уведомлений").to_owned(),
            }
        ),
    };
    let mut text = String::new();
    let mut html = String::from(
        "<!doctype html><html><head><meta charset=\"utf-8\"></head>\
         <body style=\"margin:0;padding:24px;background:#f3f5f8;font:15px/1.5 -apple-system,Segoe UI,Roboto,Arial,sans-serif;color:#1c2434\">\
         <div style=\"max-width:560px;margin:0 auto\">",
    );
    for record in records {
        section(site, record, &mut text, &mut html);
    }
    let settings = format!("{}/settings", site.base_url);
    let why = site.pick(
        "You get this email because Email is on for these notifications. Change what arrives:",
        "Вы получили это письмо, потому что для этих уведомлений включена почта. Изменить, что приходит:",
    );
    let _ = write!(text, "--\n{why} {settings}\n");
    let _ = write!(
        html,
        "<p style=\"color:#5b6474;font-size:13px\">{} <a href=\"{}\" style=\"color:#1f5fd1\">{}</a></p></div></body></html>",
        escape(why),
        escape(&settings),
        escape(site.word(Word::NotificationSettings)),
    );
    Message {
        subject,
        text,
        html,
    }
}

/// A widget's words in a header as words: an `=?charset?q?…?=` in them would be decoded by the
/// person's mail reader as an encoded word (RFC 2047), to a line break or anything else. A zero
/// width space after its `=` keeps it text; the subject then goes out encoded as a whole.
fn as_text(words: &str) -> String {
    words.replace("=?", "=\u{200B}?")
}

fn headline(site: &Site, record: &Record) -> String {
    let header = Markup::parse(&record.header).text();
    let text = Markup::parse(&record.text).text();
    let kind = if record.kind == EntryKind::Call {
        site.pick("Call", "Звонок")
    } else {
        site.word(Word::Error)
    };
    // A header that only names the kind ("Error") says nothing the subject does not.
    let body = if header.is_empty() || header.eq_ignore_ascii_case(kind) {
        text
    } else {
        header
    };
    let short: String = body.chars().take(120).collect();
    format!("{kind}: {short}")
}

fn section(site: &Site, record: &Record, text: &mut String, html: &mut String) {
    let header = Markup::parse(&record.header);
    let body = Markup::parse(&record.text);
    let link = record
        .call
        .as_ref()
        .and_then(|c| c.click_link.as_deref())
        .or(record.link.as_deref())
        .and_then(|l| site.absolute(l))
        .or_else(|| {
            let element = record.call.as_ref()?.element.as_ref()?;
            Some(format!(
                "{}/{}/detail/{}",
                site.base_url,
                element.kind.path_segment(),
                element.id
            ))
        });
    let when = site.when(record.date);
    let _ = writeln!(
        text,
        "{when}\n{}\n{}",
        header.text_with_links(&|link| site.absolute(link.as_str())),
        body.text_with_links(&|link| site.absolute(link.as_str()))
    );
    html.push_str("<div style=\"background:#fff;border:1px solid #dde2ea;border-radius:10px;padding:16px 20px;margin-bottom:16px\">");
    let _ = write!(
        html,
        "<div style=\"color:#5b6474;font-size:13px;margin-bottom:4px\">{}</div>",
        escape(&when)
    );
    if !header.is_blank() {
        html.push_str("<div style=\"font-weight:700;margin-bottom:4px\">");
        nodes(site, header.nodes(), html);
        html.push_str("</div>");
    }
    html.push_str("<div>");
    nodes(site, body.nodes(), html);
    html.push_str("</div>");
    if let Some(call) = &record.call {
        html.push_str("<table style=\"margin-top:10px;font-size:14px;border-collapse:collapse\">");
        let mut row = |label: &str, value: String, text_value: String| {
            let _ = writeln!(text, "{label}: {text_value}");
            let _ = write!(
                html,
                "<tr><td style=\"color:#5b6474;padding:2px 12px 2px 0\">{}</td><td>{value}</td></tr>",
                escape(label)
            );
        };
        if let Some(from) = &call.from {
            row(site.word(Word::From), escape(from), from.clone());
        }
        if let Some(to) = &call.to {
            row(site.word(Word::To), escape(to), to.clone());
        }
        if let Some(element) = &call.element {
            let url = format!(
                "{}/{}/detail/{}",
                site.base_url,
                element.kind.path_segment(),
                element.id
            );
            let name = element.name.clone().unwrap_or_else(|| {
                format!(
                    "{} #{}",
                    entity_label(element.kind, site.language),
                    element.id
                )
            });
            row(
                entity_label(element.kind, site.language),
                format!(
                    "<a href=\"{}\" style=\"color:#1f5fd1\">{}</a>",
                    escape(&url),
                    escape(&name)
                ),
                format!("{name} <{url}>"),
            );
        }
        if let Some(duration) = call.duration {
            let value = format!("{}:{:02}", duration / 60, duration % 60);
            row(site.word(Word::Duration), escape(&value), value.clone());
        }
        if let Some(recording) = call.link.as_deref().and_then(|l| site.absolute(l)) {
            row(
                site.pick("Recording", "Запись"),
                format!(
                    "<a href=\"{}\" style=\"color:#1f5fd1\">{}</a>",
                    escape(&recording),
                    escape(site.pick("Listen", "Слушать"))
                ),
                recording.clone(),
            );
        }
        html.push_str("</table>");
    }
    if let Some(link) = link {
        let _ = writeln!(text, "{}: {link}", site.word(Word::Open));
        let _ = write!(
            html,
            "<p style=\"margin:12px 0 0\"><a href=\"{}\" style=\"display:inline-block;background:#1f5fd1;color:#fff;text-decoration:none;padding:8px 14px;border-radius:6px;font-weight:600\">{}</a></p>",
            escape(&link),
            escape(site.pick("Open in the CRM", "Открыть в CRM"))
        );
    }
    text.push('\n');
    html.push_str("</div>");
}

/// The markup tree as HTML: the allowed elements, escaped text, and `href`s made absolute.
fn nodes(site: &Site, list: &[Node], html: &mut String) {
    for node in list {
        match node {
            Node::Text(text) => html.push_str(&escape(text)),
            Node::Element { tag: Tag::Br, .. } => html.push_str("<br>"),
            Node::Element {
                tag: Tag::A,
                href,
                children,
            } => match href.as_ref().and_then(|h| site.absolute(h.as_str())) {
                Some(url) => {
                    let _ = write!(
                        html,
                        "<a href=\"{}\" style=\"color:#1f5fd1\">",
                        escape(&url)
                    );
                    nodes(site, children, html);
                    html.push_str("</a>");
                }
                None => nodes(site, children, html),
            },
            Node::Element { tag, children, .. } => {
                let _ = write!(html, "<{}>", tag.name());
                nodes(site, children, html);
                let _ = write!(html, "</{}>", tag.name());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(language: Language) -> Site<'static> {
        Site {
            base_url: "https://acme.example",
            account: "acme",
            language,
            zone: jiff::tz::TimeZone::UTC,
        }
    }

    #[test]
    fn dates_are_in_the_persons_language_and_time_zone() {
        // 2026-12-05 10:42:00 UTC.
        let at = 1_796_467_320_000.0;
        let in_zone = |language, zone| Site {
            zone: jiff::tz::TimeZone::get(zone).unwrap(),
            ..site(language)
        };
        assert_eq!(site(Language::En).when(at), "5 December 2026, 10:42 UTC");
        assert_eq!(
            in_zone(Language::Ru, "Europe/Moscow").when(at),
            "5 декабря 2026, 13:42 MSK"
        );
        assert_eq!(
            in_zone(Language::En, "America/New_York").when(at),
            "5 December 2026, 05:42 EST"
        );
        // Past midnight in Vladivostok: the next day.
        assert_eq!(
            in_zone(Language::Ru, "Asia/Vladivostok").when(1_796_508_000_000.0),
            "6 декабря 2026, 08:00 +10"
        );
    }

    fn record(json: &str) -> Record {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn an_encoded_word_in_a_widget_text_stays_text_in_the_subject() {
        let error = record(
            r#"{"v":1,"id":"e1","method":"add_error","kind":"error","header":"","text":"=?utf-8?q?a=0D=0ABcc:_evil@x?=","date":1}"#,
        );
        let message = compose(&site(Language::En), &[error]);
        assert!(!message.subject.contains("=?"), "{}", message.subject);
        assert_eq!(
            message.subject.replace('\u{200B}', ""),
            "[acme] Error: =?utf-8?q?a=0D=0ABcc:_evil@x?="
        );
        // As lettre writes it: the widget's words go out as an encoded word of their own, which a
        // reader decodes to the text (with its zero-width space), never to a line break.
        let email = lettre::Message::builder()
            .from("n@x.test".parse().unwrap())
            .to("p@x.test".parse().unwrap())
            .subject(&message.subject)
            .body(String::new())
            .unwrap();
        let raw = String::from_utf8(email.formatted()).unwrap();
        let subject = raw.lines().find(|l| l.starts_with("Subject:")).unwrap();
        assert!(subject.contains("=?utf-8?b?"), "{subject}");
        assert!(!raw.contains("=?utf-8?q?a=0D"), "not verbatim: {raw}");
        assert!(!raw.contains("Bcc:"), "no header of its own");
    }

    #[test]
    fn a_call_shows_who_and_what_with_absolute_links() {
        let call = record(
            r#"{"v":1,"id":"c1","method":"add_call","kind":"call","header":"Incoming call","text":"Call from <b>Jeremy</b>","date":1,
            "call":{"from":"+1 (415) 523-7743","to":"Jason Nash","element":{"type":"contact","id":18221265},"duration":250,"link":"/rec/1.mp3"}}"#,
        );
        let message = compose(&site(Language::En), &[call]);
        assert_eq!(message.subject, "[acme] Call: Incoming call");
        assert!(message.html.contains("Call from <b>Jeremy</b>"));
        assert!(message
            .html
            .contains("href=\"https://acme.example/contacts/detail/18221265\""));
        assert!(message
            .html
            .contains("href=\"https://acme.example/rec/1.mp3\""));
        assert!(message.html.contains(">4:10<"));
        assert!(message.text.contains("From: +1 (415) 523-7743"));
        assert!(message.text.contains("https://acme.example/settings"));
    }

    #[test]
    fn markup_is_reduced_to_the_allow_list() {
        let error = record(
            r#"{"v":1,"id":"e1","method":"add_error","kind":"error","header":"<img src=x onerror=alert(1)>H","text":"<script>alert(1)</script><a href=\"javascript:alert(1)\" onclick=\"x\">t</a><i>ok</i>","date":1}"#,
        );
        let html = compose(&site(Language::En), &[error]).html;
        for bad in ["<script", "onerror", "onclick", "javascript:", "<img"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("<i>ok</i>"));
    }

    #[test]
    fn a_digest_in_russian() {
        let one = record(
            r#"{"v":1,"id":"e1","method":"add_error","kind":"error","header":"","text":"Первая","date":1}"#,
        );
        let two = record(
            r#"{"v":1,"id":"e2","method":"add_error","kind":"error","header":"","text":"Вторая","date":2}"#,
        );
        let message = compose(&site(Language::Ru), &[one, two]);
        assert_eq!(message.subject, "[acme] 2 уведомления");
        assert!(message.text.contains("Первая") && message.text.contains("Вторая"));
        assert!(message.html.contains("Настройки уведомлений"));
    }

    #[test]
    fn digest_subjects_take_the_russian_plural() {
        let records = |n: usize| -> Vec<Record> {
            (0..n)
                .map(|i| {
                    record(&format!(
                        r#"{{"v":1,"id":"e{i}","method":"add_error","kind":"error","header":"","text":"Ошибка {i}","date":{i}}}"#
                    ))
                })
                .collect()
        };
        // The issue's examples, word for word.
        for (n, subject) in [
            (21, "[acme] 21 уведомление"),
            (22, "[acme] 22 уведомления"),
            (25, "[acme] 25 уведомлений"),
        ] {
            assert_eq!(compose(&site(Language::Ru), &records(n)).subject, subject);
        }
    }
}
