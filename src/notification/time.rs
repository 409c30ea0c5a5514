//! Dates and times, without words: how far a date is ([`Span`], for "2 min ago" in
//! [`crate::i18n`]), the local day, the clock ("10:42"), call durations ("4:10"), ISO 8601, the
//! calendar, and HTTP dates.

pub(crate) const MINUTE: f64 = 60_000.0;
pub(crate) const HOUR: f64 = 60.0 * MINUTE;
pub(crate) const DAY: f64 = 24.0 * HOUR;

/// A relative time, in whole units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub unit: Unit,
    pub amount: u64,
    /// In the future.
    pub ahead: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Now,
    Minute,
    Hour,
    Day,
}

/// How far `date_ms` is from `now_ms`: minutes within the hour, hours within the same local day,
/// else whole calendar days; `None` a week or more of calendar days away.
pub fn span(date_ms: f64, now_ms: f64, offset_min: f64) -> Option<Span> {
    let delta = now_ms - date_ms;
    let ahead = delta < 0.0;
    let span = delta.abs();
    let days = (local_day(now_ms, offset_min) - local_day(date_ms, offset_min)).unsigned_abs();
    let (unit, amount) = if span < MINUTE {
        (Unit::Now, 0)
    } else if span < HOUR {
        (Unit::Minute, (span / MINUTE) as u64)
    } else if days == 0 {
        (Unit::Hour, (span / HOUR) as u64)
    } else if days < 7 {
        (Unit::Day, days)
    } else {
        return None;
    };
    Some(Span {
        unit,
        amount,
        ahead,
    })
}

/// The day a date falls on in local time (days since the epoch); `offset_min` is JavaScript's
/// `getTimezoneOffset()`, minutes from local time to UTC.
pub fn local_day(date_ms: f64, offset_min: f64) -> i64 {
    ((date_ms - offset_min * MINUTE) / DAY).floor() as i64
}

/// The browser's time zone at `date_ms`: minutes west of UTC (`Date.getTimezoneOffset`); UTC
/// outside a browser.
pub fn local_offset(date_ms: f64) -> f64 {
    crate::browser::utc_offset_min(date_ms)
}

/// "10:42" in this device's time zone: what the connection states' times read. One function
/// item, so the generic `Language::connection` is compiled once for every place that calls it.
pub fn local_clock(date_ms: f64) -> String {
    clock(date_ms, local_offset(date_ms))
}

/// The time of day, "10:42", `offset_min` minutes behind UTC (as `Date.getTimezoneOffset`).
pub fn clock(date_ms: f64, offset_min: f64) -> String {
    let minutes = ((date_ms / 60_000.0).floor() - offset_min).rem_euclid(24.0 * 60.0) as u32;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// `2018-08-12T14:35:00Z`: the machine-readable form for `<time datetime>`.
pub fn iso8601(date_ms: f64) -> String {
    let secs = (date_ms / 1000.0).floor() as i64;
    let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
    let of_day = secs.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60
    )
}

/// A call's length: "0:07", "4:10", "1:02:05".
pub fn duration(secs: u32) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Days since 1970-01-01 to (year, month, day): Howard Hinnant's algorithm.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// (year, month, day) to days since 1970-01-01.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) as ms since the epoch.
pub fn http_date_ms(value: &str) -> Option<f64> {
    let (_weekday, rest) = value.split_once(", ")?;
    let parts: Vec<&str> = rest.split(' ').collect();
    let [day, month, year, time, "GMT"] = parts[..] else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == month)? as i64 + 1;
    let (day, year): (i64, i64) = (day.parse().ok()?, year.parse().ok()?);
    let hms: Vec<i64> = time
        .split(':')
        .map(|n| n.parse().ok())
        .collect::<Option<_>>()?;
    let [h, m, sec] = hms[..] else {
        return None;
    };
    if !(1..=31).contains(&day) || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let days = days_from_civil(year, month as u32, day as u32);
    Some(((days * 86_400 + h * 3_600 + m * 60 + sec) * 1_000) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration(0), "0:00");
        assert_eq!(duration(7), "0:07");
        assert_eq!(duration(250), "4:10");
        assert_eq!(duration(3725), "1:02:05");
    }

    #[test]
    fn calendar_round_trip() {
        for days in [-800_000, -1, 0, 1, 19_000, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(iso8601(1_534_084_500_000.0), "2018-08-12T14:35:00Z");
    }
}
