//! The `date` rules: seconds or milliseconds, `Date` objects, ISO 8601 strings; now when missing,
//! unreadable or absurd.

use crate::notification::time::days_from_civil;

/// Numbers below this are seconds, above it milliseconds (1e11 s is the year 5138; 1e11 ms is 1973).
const SECONDS_LIMIT: f64 = 1e11;
/// A date further ahead than this is a mistake (the reference's own `+19534084500` is year 2589).
const MAX_AHEAD_MS: f64 = 366.0 * 24.0 * 3600.0 * 1000.0;

/// The date to use, and why the given one was not used (for a `console.warn`).
#[derive(Clone, Debug, PartialEq)]
pub struct DateOutcome {
    pub ms: f64,
    pub replaced_because: Option<String>,
}

/// A date given as a number (seconds or milliseconds).
pub fn from_number(n: f64, now_ms: f64) -> DateOutcome {
    if !n.is_finite() || n < 0.0 {
        return replaced(
            now_ms,
            format!(
                "{} is not a timestamp",
                super::value::js_number_to_string(n)
            ),
        );
    }
    let ms = if n < SECONDS_LIMIT { n * 1000.0 } else { n };
    check_ahead(ms, now_ms)
}

/// A date given as a string: digits are a timestamp, anything else must be ISO 8601.
pub fn from_string(s: &str, now_ms: f64) -> DateOutcome {
    let trimmed = s.trim();
    if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        if let Some(n) = super::value::parse_number(trimmed) {
            return from_number(n, now_ms);
        }
    }
    match parse_iso8601(trimmed) {
        Some(ms) => check_ahead(ms, now_ms),
        None => replaced(
            now_ms,
            format!("\"{s}\" is neither a timestamp nor an ISO 8601 date"),
        ),
    }
}

/// A `Date` object.
pub fn from_date(ms: f64, now_ms: f64) -> DateOutcome {
    if ms.is_finite() {
        check_ahead(ms, now_ms)
    } else {
        replaced(now_ms, "is an invalid Date".into())
    }
}

fn check_ahead(ms: f64, now_ms: f64) -> DateOutcome {
    if ms - now_ms > MAX_AHEAD_MS {
        let when = match year_of(ms) {
            Some(year) => format!("year {year}"),
            None => "later than any date JavaScript can hold".to_owned(),
        };
        replaced(now_ms, format!("is more than a year ahead ({when})"))
    } else {
        DateOutcome {
            ms,
            replaced_because: None,
        }
    }
}

fn replaced(now_ms: f64, why: String) -> DateOutcome {
    DateOutcome {
        ms: now_ms,
        replaced_because: Some(why),
    }
}

/// The latest time a JavaScript `Date` holds: 100,000,000 days after the epoch (year 275760).
const MAX_JS_DATE_MS: f64 = 8.64e15;

/// The year of `ms`, for a message; `None` past what a `Date` holds (where the day count would
/// overflow the calendar arithmetic).
fn year_of(ms: f64) -> Option<i64> {
    (ms <= MAX_JS_DATE_MS)
        .then(|| crate::notification::time::civil_from_days((ms / 86_400_000.0).floor() as i64).0)
}

/// `YYYY-MM-DD`, optionally `THH:MM[:SS[.fff]]` and `Z` or `±HH:MM` (no zone: UTC).
pub fn parse_iso8601(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let part = s.get(from..from + len)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let year = num(0, 4)?;
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let (month, day) = (num(5, 2)?, num(8, 2)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut ms = days_from_civil(i64::from(year), month, day) as f64 * 86_400_000.0;
    let mut at = 10;
    if matches!(b.get(at), Some(b'T' | b't' | b' ')) {
        let (hour, minute) = (num(at + 1, 2)?, num(at + 4, 2)?);
        if b.get(at + 3) != Some(&b':') || hour > 23 || minute > 59 {
            return None;
        }
        ms += f64::from(hour * 3600 + minute * 60) * 1000.0;
        at += 6;
        if b.get(at) == Some(&b':') {
            let second = num(at + 1, 2)?;
            if second > 60 {
                return None;
            }
            ms += f64::from(second) * 1000.0;
            at += 3;
            if b.get(at) == Some(&b'.') {
                let digits = s[at + 1..].bytes().take_while(u8::is_ascii_digit).count();
                if digits == 0 {
                    return None;
                }
                // Milliseconds are the fraction's first three digits; the rest is cut off.
                let millis = s[at + 1..at + 1 + digits]
                    .bytes()
                    .chain(std::iter::repeat(b'0'))
                    .take(3)
                    .fold(0u32, |ms, digit| ms * 10 + u32::from(digit - b'0'));
                ms += f64::from(millis);
                at += 1 + digits;
            }
        }
        match b.get(at) {
            None => {}
            Some(b'Z' | b'z') if at + 1 == b.len() => {}
            Some(sign @ (b'+' | b'-')) => {
                let (hours, minutes) = (num(at + 1, 2)?, num(at + 4, 2)?);
                if b.get(at + 3) != Some(&b':') || at + 6 != b.len() || hours > 23 || minutes > 59 {
                    return None;
                }
                let offset = f64::from(hours * 60 + minutes) * 60_000.0;
                ms += if *sign == b'+' { -offset } else { offset };
            }
            _ => return None,
        }
    } else if at != b.len() {
        return None;
    }
    Some(ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: f64 = 1_764_000_000_000.0; // 2025-11-24

    #[test]
    fn seconds_and_milliseconds() {
        assert_eq!(from_number(1_534_084_500.0, NOW).ms, 1_534_084_500_000.0);
        assert_eq!(
            from_number(1_534_084_500_123.0, NOW).ms,
            1_534_084_500_123.0
        );
        assert_eq!(from_string("1534084500", NOW).ms, 1_534_084_500_000.0);
    }

    #[test]
    fn the_references_example_is_far_ahead_and_becomes_now() {
        let outcome = from_number(19_534_084_500.0, NOW);
        assert_eq!(outcome.ms, NOW);
        assert_eq!(
            outcome.replaced_because.as_deref(),
            Some("is more than a year ahead (year 2589)")
        );
    }

    #[test]
    fn a_date_past_what_javascript_holds_is_named_without_a_year() {
        // Found by the parsing property: the day count overflowed the calendar arithmetic.
        for n in [2.048_231_826_636_797_4e93, f64::MAX, 8.64e15 + 1.0] {
            let outcome = from_number(n, NOW);
            assert_eq!(outcome.ms, NOW);
            assert_eq!(
                outcome.replaced_because.as_deref(),
                Some("is more than a year ahead (later than any date JavaScript can hold)")
            );
        }
        assert_eq!(
            from_number(8.64e15, NOW).replaced_because.as_deref(),
            Some("is more than a year ahead (year 275760)")
        );
    }

    #[test]
    fn nonsense_becomes_now() {
        for n in [f64::NAN, f64::INFINITY, -1.0] {
            assert_eq!(from_number(n, NOW).ms, NOW);
            assert!(from_number(n, NOW).replaced_because.is_some());
        }
        assert!(from_number(0.0, NOW).replaced_because.is_none());
        assert_eq!(from_number(1e20, NOW).ms, NOW);
        assert_eq!(from_string("abc", NOW).ms, NOW);
        assert_eq!(from_date(f64::NAN, NOW).ms, NOW);
    }

    #[test]
    fn iso_8601() {
        assert_eq!(parse_iso8601("2018-08-12"), Some(1_534_032_000_000.0));
        assert_eq!(
            parse_iso8601("2018-08-12T14:35:00Z"),
            Some(1_534_084_500_000.0)
        );
        assert_eq!(
            parse_iso8601("2018-08-12T17:35:00.250+03:00"),
            Some(1_534_084_500_250.0)
        );
        assert_eq!(parse_iso8601("2018-08-12T14:35"), Some(1_534_084_500_000.0));
        for bad in [
            "2018-13-01",
            "2018-08-12T25:00",
            "12.08.2018",
            "2018-08-12Tx",
            "2018-08-12T14:35Zjunk",
        ] {
            assert_eq!(parse_iso8601(bad), None, "{bad}");
        }
    }
}
