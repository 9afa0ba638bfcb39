//! Dates: a TOML date or date-time, never a quoted string or a bare time.

use crate::model::Date;
use crate::model::diagnostic::{Diagnostic, Diags};
use crate::model::raw::RawDate;
use toml::Value;

/// The date, or a `bad-date` error (pushed) explaining what was found instead.
pub fn date(v: &RawDate, diags: &mut Diags) -> Option<Date> {
    let span = Some(v.span());
    let (msg, help) = match v.get_ref() {
        Value::Datetime(dt) => match dt.date {
            Some(d) => {
                return Some(Date {
                    year: d.year,
                    month: d.month,
                    day: d.day,
                    text: dt.to_string(),
                });
            }
            None => (
                "expected a TOML date such as 2025-12-02, found a time without a date".to_string(),
                "write the day first, e.g. `2025-12-02T10:00:00`".to_string(),
            ),
        },
        Value::String(s) => {
            let unquoted = s.trim().parse::<toml::value::Datetime>();
            let help = match unquoted {
                Ok(dt) if dt.date.is_some() => format!("remove the quotes: {}", s.trim()),
                _ => "write the date unquoted, as YYYY-MM-DD".to_string(),
            };
            (
                "expected a TOML date such as 2025-12-02 (unquoted), found a string".to_string(),
                help,
            )
        }
        other => (
            format!(
                "expected a TOML date such as 2025-12-02, found {}",
                other.type_str()
            ),
            "write the date unquoted, as YYYY-MM-DD".to_string(),
        ),
    };
    diags.push(Diagnostic::error("bad-date", msg, span).with_help(help));
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use toml::Spanned;

    fn check(v: Value) -> (Option<Date>, Vec<Diagnostic>) {
        let mut diags = Diags::new();
        let d = date(&Spanned::new(0..1, v), &mut diags);
        (d, diags.into_parts().0)
    }

    #[test]
    fn dates_and_datetimes_load() {
        let dt: toml::value::Datetime = "2025-12-02T10:00:00Z".parse().unwrap();
        let (d, diags) = check(Value::Datetime(dt));
        let d = d.unwrap();
        assert_eq!((d.year, d.month, d.day), (2025, 12, 2));
        assert_eq!(d.text, "2025-12-02T10:00:00Z");
        assert!(diags.is_empty());
    }

    #[test]
    fn strings_and_times_are_errors() {
        let (d, diags) = check(Value::String("2025-12-02".into()));
        assert!(d.is_none());
        assert_eq!(diags[0].code, "bad-date");
        assert!(diags[0].message.contains("found a string"));
        assert_eq!(
            diags[0].help.as_deref(),
            Some("remove the quotes: 2025-12-02")
        );
        let t: toml::value::Datetime = "10:00:00".parse().unwrap();
        let (d, diags) = check(Value::Datetime(t));
        assert!(d.is_none());
        assert!(diags[0].message.contains("time without a date"));
    }
}
