//! The server's log: one line on standard error per connection,
//! authentication, refusal and disconnect, stamped in UTC. Names, keys,
//! addresses, durations and byte counts only, never briefing content; every
//! field passes the sanitiser.

use crate::model::sanitize::sanitize_inline;
use std::fmt::Write as _;
use std::io::Write as _;
use std::time::{Duration, SystemTime};

/// Writes one line: the time, the event, then `key=value` fields.
pub fn line(event: &str, fields: &[(&str, &dyn std::fmt::Display)]) {
    let mut text = format!("{} {event}", stamp(SystemTime::now()));
    for (key, value) in fields {
        let value = value.to_string();
        let value = sanitize_inline(&value);
        if value.is_empty() || value.contains(' ') {
            let _ = write!(text, " {key}={value:?}");
        } else {
            let _ = write!(text, " {key}={value}");
        }
    }
    text.push('\n');
    // One write, so lines from different sessions never interleave.
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// `2025-12-02T09:30:00Z`.
pub fn stamp(at: SystemTime) -> String {
    let secs = at
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs();
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// Days since 1970-01-01 as a (year, month, day) of the Gregorian calendar
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Lines of one kind written per second at most; past it they are
/// counted, and the count is one line (`not_logged=N`) before the next line
/// of that kind in a later second. A flood of connections refused at the
/// door cannot fill the disk.
pub const MAX_PER_SECOND: u32 = 20;

/// Bounds one kind of line to [`MAX_PER_SECOND`] (see there).
#[derive(Debug)]
pub struct Throttle {
    event: &'static str,
    second: u64,
    written: u32,
    held: u64,
}

impl Throttle {
    pub fn new(event: &'static str) -> Self {
        Self {
            event,
            second: 0,
            written: 0,
            held: 0,
        }
    }

    /// Writes the line unless this second's are spent; `now` in seconds.
    pub fn line(&mut self, now: u64, fields: &[(&str, &dyn std::fmt::Display)]) {
        if now != self.second {
            if self.held > 0 {
                line(self.event, &[("not_logged", &self.held), ("within", &"1s")]);
            }
            (self.second, self.written, self.held) = (now, 0, 0);
        }
        if self.written < MAX_PER_SECOND {
            self.written += 1;
            line(self.event, fields);
        } else {
            self.held += 1;
        }
    }
}

/// `12.3s`: a duration as the log shows it.
pub fn secs(d: Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_utc_calendar_dates() {
        let at = |secs| SystemTime::UNIX_EPOCH + Duration::from_secs(secs);
        assert_eq!(stamp(at(0)), "1970-01-01T00:00:00Z");
        // 2024-02-29 (a leap day) 12:34:56 UTC.
        assert_eq!(stamp(at(1_709_210_096)), "2024-02-29T12:34:56Z");
        assert_eq!(stamp(at(951_782_400)), "2000-02-29T00:00:00Z");
    }

    /// Past the second's allowance lines are counted, not written; the
    /// count starts over each second.
    #[test]
    fn a_flood_of_one_kind_of_line_is_counted_not_written() {
        let mut throttle = Throttle::new("refused");
        for _ in 0..300 {
            throttle.line(7, &[]);
        }
        assert_eq!(throttle.held, 300 - u64::from(MAX_PER_SECOND));
        throttle.line(8, &[]);
        assert_eq!((throttle.written, throttle.held), (1, 0));
    }
}
