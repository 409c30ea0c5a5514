//! Words both sides write: the app's interface and the server's emails.

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
