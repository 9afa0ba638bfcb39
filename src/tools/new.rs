//! `brief new [PATH] [--title T] [--date D] [--force]`: writes a starter
//! briefing that uses every key of the format once, each commented with what
//! it is for. It passes `brief check --deny-warnings`; what to change says
//! "replace me".

use crate::cli::NewArgs;
use crate::model::name::shown;
use std::path::{Path, PathBuf};

const TEMPLATE: &str = include_str!("new/template.toml");

/// Why `brief new` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error("{} already exists (use --force to overwrite it)", shown(.0))]
    Exists(PathBuf),
    #[error("--date {0:?} is not a date: write YYYY-MM-DD")]
    BadDate(String),
    #[error("cannot write {}: {}", shown(.0), .1)]
    Write(PathBuf, std::io::Error),
}

/// Runs the command; returns the process exit code (0 written, 2 refused).
pub fn run(args: &NewArgs) -> i32 {
    match write(args, &today()) {
        Ok(path) => {
            // Named as every output names a file: escaped, never lossy.
            println!("{}", shown(&path));
            0
        }
        Err(e) => {
            let msg = crate::model::sanitize::sanitize_inline(&e.to_string()).into_owned();
            eprintln!("brief new: {msg}");
            2
        }
    }
}

/// Writes the starter briefing; returns where. `today` is the default date.
pub fn write(args: &NewArgs, today: &str) -> Result<PathBuf, NewError> {
    let date = match &args.date {
        Some(d) => checked_date(d)?,
        None => today.to_string(),
    };
    let title = args.title.as_deref().unwrap_or("New briefing");
    let path = target(args.path.as_deref(), title, &date);
    if path.exists() && !args.force {
        return Err(NewError::Exists(path));
    }
    let text = template(title, &date, &path);
    std::fs::write(&path, text).map_err(|e| NewError::Write(path.clone(), e))?;
    Ok(path)
}

/// The template with the title, date and path filled in.
pub fn template(title: &str, date: &str, path: &Path) -> String {
    // The path goes into a comment: one line, printable, as outputs name it.
    TEMPLATE
        .replace("{{TITLE}}", &toml_string(title))
        .replace("{{DATE}}", date)
        .replace("{{PATH}}", &shown(path))
}

/// A TOML basic string holding exactly `s`.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// `YYYY-MM-DD` that is a real calendar day.
fn checked_date(d: &str) -> Result<String, NewError> {
    let bad = || NewError::BadDate(d.to_string());
    let dt: toml::value::Datetime = d.trim().parse().map_err(|_| bad())?;
    match (dt.date, dt.time, dt.offset) {
        (Some(date), None, None) => Ok(date.to_string()),
        _ => Err(bad()),
    }
}

/// PATH as given; a directory gets the default name; no PATH means the
/// default name in `./briefings/` if it exists, else here.
fn target(path: Option<&Path>, title: &str, date: &str) -> PathBuf {
    let name = format!("{}-{date}.toml", slug_or_default(title));
    match path {
        Some(p) if p.is_dir() => p.join(name),
        Some(p) => p.to_path_buf(),
        None if Path::new("briefings").is_dir() => Path::new("briefings").join(name),
        None => PathBuf::from(name),
    }
}

fn slug_or_default(title: &str) -> String {
    let slug = crate::model::slug(title);
    if slug.is_empty() {
        "briefing".into()
    } else {
        slug
    }
}

/// Today's date in local time, `YYYY-MM-DD`.
fn today() -> String {
    // SAFETY: `time` with a null pointer only returns the time; `localtime_r`
    // fills the `tm` we own and touches nothing else.
    let tm = unsafe {
        let now = libc::time(std::ptr::null_mut());
        let mut tm: libc::tm = std::mem::zeroed();
        libc::localtime_r(&now, &mut tm);
        tm
    };
    format!(
        "{:04}-{:02}-{:02}",
        tm.tm_year + 1900,
        tm.tm_mon + 1,
        tm.tm_mday
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_checks_clean_with_any_title() {
        for title in [
            "Talks",
            "A \"quoted\" title \\ with \\n escapes",
            "Ünïcödé 会谈",
            "",
        ] {
            let text = template(title, "2026-11-28", Path::new("x.toml"));
            let loaded = crate::model::load_str("x.toml", &text).expect("loads");
            assert_eq!(loaded.briefing.title, title);
            assert_eq!(loaded.report.diagnostics, vec![], "{title}");
        }
    }

    #[test]
    fn the_template_uses_every_key_of_the_format() {
        let text = template("T", "2026-11-28", Path::new("x.toml"));
        let doc: toml::Table = toml::from_str(&text).unwrap();
        let keys = keys(&doc);
        let schema = crate::tools::schema::schema();
        let defs = schema["$defs"].as_object().unwrap();
        for (def, body) in defs {
            for key in body["properties"].as_object().unwrap().keys() {
                assert!(
                    keys.contains(key.as_str()),
                    "{def}.{key} is not in the template"
                );
            }
        }
        let kinds: Vec<&str> = ["talks", "positions", "pressure", "concerns"].to_vec();
        for kind in kinds {
            assert!(text.contains(&format!("kind = \"{kind}\"")), "{kind}");
        }
    }

    #[test]
    fn dates_must_be_calendar_days() {
        assert_eq!(checked_date("2025-12-02").unwrap(), "2025-12-02");
        for bad in [
            "2025-13-01",
            "2025-02-30",
            "tomorrow",
            "2025-12-02T10:00:00",
            "",
        ] {
            assert!(checked_date(bad).is_err(), "{bad}");
        }
        let t = today();
        assert!(checked_date(&t).is_ok(), "{t}");
    }

    /// Every key used anywhere in a TOML document (for the template test).
    fn keys(t: &toml::Table) -> std::collections::BTreeSet<String> {
        let mut out = std::collections::BTreeSet::new();
        for (k, v) in t {
            out.insert(k.clone());
            match v {
                toml::Value::Table(t) => out.extend(keys(t)),
                toml::Value::Array(a) => {
                    for t in a.iter().filter_map(toml::Value::as_table) {
                        out.extend(keys(t));
                    }
                }
                _ => {}
            }
        }
        out
    }
}
