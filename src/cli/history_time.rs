//! Times as `history` and `report` use them: wall-clock local time, as the
//! cluster's logs write it and as an operator types it ("03:00",
//! "2026-12-01 03:10"). A [`Stamp`] counts seconds of local civil time
//! since 1970-01-01 00:00, so log lines, file times and user input compare
//! without any time-zone arithmetic.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp(pub i64);

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

impl Stamp {
    pub fn civil(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> Option<Stamp> {
        let valid = (1..=12).contains(&mo)
            && (1..=31).contains(&d)
            && (0..=23).contains(&h)
            && (0..=59).contains(&mi)
            && (0..=60).contains(&s);
        valid.then(|| Stamp(days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s))
    }

    pub fn parts(self) -> (i64, i64, i64, i64, i64, i64) {
        let days = self.0.div_euclid(86400);
        let secs = self.0.rem_euclid(86400);
        let (y, m, d) = civil_from_days(days);
        (y, m, d, secs / 3600, secs % 3600 / 60, secs % 60)
    }

    pub fn year(self) -> i64 {
        self.parts().0
    }

    /// The local time of a Unix time.
    pub fn from_unix(t: i64) -> Stamp {
        Stamp(t + local_offset(t))
    }

    pub fn to_unix(self) -> i64 {
        self.0 - local_offset(self.0)
    }

    pub fn now() -> Stamp {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Stamp::from_unix(t)
    }

    pub fn of_file(path: &std::path::Path) -> Option<Stamp> {
        let m = std::fs::metadata(path).ok()?.modified().ok()?;
        let t = m.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs() as i64;
        Some(Stamp::from_unix(t))
    }

    /// `2026-12-01`
    pub fn date(self) -> String {
        let (y, m, d, ..) = self.parts();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// `19:26:30`
    pub fn time(self) -> String {
        let (.., h, mi, s) = self.parts();
        format!("{h:02}:{mi:02}:{s:02}")
    }
}

/// `2026-12-01 19:26:30`, as crmsh prints a period.
impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.date(), self.time())
    }
}

/// Seconds east of UTC at Unix time `t` (the machine's time zone).
fn local_offset(t: i64) -> i64 {
    let t = t as libc::time_t;
    // SAFETY: localtime_r only writes the tm we own; a zeroed tm is valid.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let ok = unsafe { !libc::localtime_r(&t, &mut tm).is_null() };
    if ok {
        tm.tm_gmtoff
    } else {
        0
    }
}

/// The abbreviation of the machine's time zone at Unix time `t` (`UTC`,
/// `JST`), empty when the C library has none.
fn zone_name(t: i64) -> String {
    let t = t as libc::time_t;
    // SAFETY: as in local_offset; tm_zone, when set, points at a
    // NUL-terminated name the C library keeps for the process.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let ok = unsafe { !libc::localtime_r(&t, &mut tm).is_null() };
    if !ok || tm.tm_zone.is_null() {
        return String::new();
    }
    unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
        .to_string_lossy()
        .into_owned()
}

/// When a file was last written, as crmsh shows a report's creation
/// time: `Fri 14 Dec 19:08:38 UTC 2012` (strftime's `%a %d %b %H:%M:%S
/// %Z %Y`, local time).
pub fn file_ctime(path: &std::path::Path) -> Option<String> {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let m = std::fs::metadata(path).ok()?.modified().ok()?;
    let t = m.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs() as i64;
    let local = Stamp::from_unix(t);
    let (y, mo, d, h, mi, s) = local.parts();
    let weekday = DAYS[local.0.div_euclid(86400).rem_euclid(7) as usize];
    Some(format!(
        "{weekday} {d:02} {} {h:02}:{mi:02}:{s:02} {} {y}",
        MONTHS[(mo - 1) as usize],
        zone_name(t)
    ))
}

fn month(word: &str) -> Option<i64> {
    let w = word.get(..3)?;
    MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(w))
        .map(|i| i as i64 + 1)
}

fn hms(word: &str) -> Option<(i64, i64, i64)> {
    let word = word.split('.').next()?;
    let mut it = word.split(':');
    let h = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let s = match it.next() {
        Some(s) => s.parse().ok()?,
        None => 0,
    };
    if it.next().is_some() {
        return None;
    }
    Some((h, m, s))
}

fn ymd(word: &str) -> Option<(i64, i64, i64)> {
    let sep = if word.contains('-') { '-' } else { '/' };
    let mut it = word.split(sep);
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.parse().ok()?;
    if it.next().is_some() || !(1000..=9999).contains(&y) {
        return None;
    }
    Some((y, m, d))
}

/// A time as an operator types it: `2026-12-01 03:10[:00]`,
/// `2026/12/01 03:10`, `2026-12-01T03:10:00`, `03:10` (today), `3pm`,
/// ctime (`Tue Dec  1 03:10:00 2026`), `Dec 1 03:10`, or a Unix time
/// prefixed with `@`.
pub fn parse(spec: &str) -> Option<Stamp> {
    let spec = spec.trim();
    if let Some(unix) = spec.strip_prefix('@') {
        return unix.parse().ok().map(Stamp::from_unix);
    }
    let today = Stamp::now().parts();
    let words: Vec<&str> = spec
        .split(|c: char| c.is_whitespace() || c == 'T' || c == '_')
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [d] if ymd(d).is_some() => {
            let (y, m, d) = ymd(d)?;
            Stamp::civil(y, m, d, 0, 0, 0)
        }
        [d, t] if ymd(d).is_some() => {
            let (y, m, d) = ymd(d)?;
            let (h, mi, s) = hms(t)?;
            Stamp::civil(y, m, d, h, mi, s)
        }
        [t] => {
            let (h, mi, s) = hms(t).or_else(|| ampm(t))?;
            Stamp::civil(today.0, today.1, today.2, h, mi, s)
        }
        [_, mon, d, t, y] if month(mon).is_some() => {
            let (h, mi, s) = hms(t)?;
            Stamp::civil(y.parse().ok()?, month(mon)?, d.parse().ok()?, h, mi, s)
        }
        [mon, d, t] if month(mon).is_some() => {
            let (h, mi, s) = hms(t)?;
            Stamp::civil(today.0, month(mon)?, d.parse().ok()?, h, mi, s)
        }
        [mon, d, t, y] if month(mon).is_some() => {
            let (h, mi, s) = hms(t)?;
            Stamp::civil(y.parse().ok()?, month(mon)?, d.parse().ok()?, h, mi, s)
        }
        _ => None,
    }
}

fn ampm(word: &str) -> Option<(i64, i64, i64)> {
    let lower = word.to_ascii_lowercase();
    let (num, pm) = if let Some(n) = lower.strip_suffix("pm") {
        (n, true)
    } else {
        (lower.strip_suffix("am")?, false)
    };
    let (h, m, s) = hms(num).or_else(|| Some((num.parse().ok()?, 0, 0)))?;
    if !(1..=12).contains(&h) {
        return None;
    }
    Some((h % 12 + if pm { 12 } else { 0 }, m, s))
}

/// The time at the start of a log line and the node that wrote it:
/// Pacemaker's own log (`Dec 01 19:26:30.184 n2 pacemaker-…`), syslog
/// (`Dec  1 19:26:30 n2 …`) and RFC 3339 (`2026-12-01T19:26:30.184+09:00 n2 …`).
/// `year` completes the formats that have none.
pub fn log_stamp(line: &str, year: i64) -> Option<(Stamp, &str)> {
    let mut words = line.split_whitespace();
    let first = words.next()?;
    if let Some(m) = month(first) {
        if first.len() != 3 {
            return None;
        }
        let d: i64 = words.next()?.parse().ok()?;
        let (h, mi, s) = hms(words.next()?)?;
        let node = words.next()?;
        return Some((Stamp::civil(year, m, d, h, mi, s)?, node));
    }
    // RFC 3339: the date, 'T', the time, then an offset we keep as local.
    let (d, rest) = first.split_once('T')?;
    let (y, m, d) = ymd(d)?;
    let time_end = rest.find(['+', '-', 'Z']).unwrap_or(rest.len());
    let (h, mi, s) = hms(&rest[..time_end])?;
    let mut node = words.next()?;
    if node.starts_with('[') {
        node = words.next()?;
    }
    Some((Stamp::civil(y, m, d, h, mi, s)?, node))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        let s = Stamp::civil(2026, 12, 1, 3, 10, 5).expect("valid");
        assert_eq!(s.to_string(), "2026-12-01 03:10:05");
        assert_eq!(Stamp::civil(1970, 1, 1, 0, 0, 0), Some(Stamp(0)));
        assert_eq!(
            Stamp::civil(2024, 2, 29, 0, 0, 0).map(|s| s.date()),
            Some("2024-02-29".into())
        );
        assert!(Stamp::civil(2026, 13, 1, 0, 0, 0).is_none());
    }

    #[test]
    fn operator_times() {
        let want = Stamp::civil(2026, 12, 1, 3, 10, 0);
        for spec in [
            "2026-12-01 03:10",
            "2026/12/01 03:10:00",
            "2026-12-01T03:10:00",
            "Tue Dec  1 03:10:00 2026",
            "Dec 1 03:10 2026",
        ] {
            assert_eq!(parse(spec), want, "{spec}");
        }
        assert_eq!(parse("3pm").map(|s| s.time()), Some("15:00:00".into()));
        assert_eq!(parse("03:10").map(|s| s.time()), Some("03:10:00".into()));
        assert_eq!(parse("yesterday"), None);
        assert_eq!(parse("25:00"), None);
    }

    #[test]
    fn log_line_stamps() {
        let (s, node) = log_stamp(
            "Dec 01 19:26:30.184 n2 pacemaker-schedulerd[5834] (pe_fence_node) \twarning: x",
            2026,
        )
        .expect("pacemaker.log line");
        assert_eq!(
            (s.to_string().as_str(), node),
            ("2026-12-01 19:26:30", "n2")
        );
        let (s, node) = log_stamp("Dec  1 19:26:30 n3 pacemaker-controld[1]: notice: y", 2026)
            .expect("syslog line");
        assert_eq!((s.time().as_str(), node), ("19:26:30", "n3"));
        let (s, node) =
            log_stamp("2026-12-01T19:26:30.184+09:00 n1 corosync[9]: z", 0).expect("rfc3339 line");
        assert_eq!(
            (s.to_string().as_str(), node),
            ("2026-12-01 19:26:30", "n1")
        );
        assert!(log_stamp("  continuation of a message", 2026).is_none());
    }
}
