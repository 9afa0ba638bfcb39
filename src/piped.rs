//! What the reader prints when its output is not a terminal (`brief PATH |
//! less`): each briefing as plain text ([`crate::doc::export::text`]) on stdout,
//! and what does not load on stderr.
//!
//! A library comes out in the reader's order ([`crate::app::library::order`]:
//! newest first); when it holds more than one file (as `head` names files
//! only then), each briefing is under a line naming its file, written by the
//! one file-name escaper ([`crate::model::name::shown`]) and not wrapped, so
//! the name is whole. A file that does not
//! load prints its diagnostics on stderr, as `brief check` does, and the exit
//! status is 1; a directory with no briefing says so, as `check` does, and
//! exits 1.

use crate::app::Entry;
use crate::app::library::order;
use crate::doc::export;
use crate::model::name::shown;
use crate::open::Opened;
use std::io::Write;

/// Where piped text goes, and how it is written.
pub struct Out<'a> {
    /// The briefings.
    pub text: &'a mut dyn Write,
    /// Diagnostics.
    pub errors: &'a mut dyn Write,
    /// Colour the diagnostics (stderr is a terminal).
    pub colour: bool,
    /// Columns to wrap to, and ASCII glyphs only.
    pub width: usize,
    pub ascii: bool,
}

/// Prints `opened`; returns the exit status: 0, or 1 when anything did not
/// load or there was nothing to print. A closed stdout (`| head`) ends the
/// output early and is not an error.
pub fn print(opened: &Opened, out: Out) -> i32 {
    if opened.is_library && opened.entries.is_empty() {
        let dir = opened.dir.as_deref().unwrap_or(std::path::Path::new("."));
        let report = crate::model::load::no_files(dir);
        let _ = out.errors.write_all(report.render(out.colour).as_bytes());
        return 1;
    }
    let rows = if opened.is_library {
        order(&opened.entries)
    } else {
        (0..opened.entries.len()).collect()
    };
    let named = opened.is_library && opened.entries.len() > 1;
    let mut code = 0;
    let mut first = true;
    for entry in rows.into_iter().filter_map(|i| opened.entries.get(i)) {
        let loaded = match (entry.version(), entry.failure()) {
            (Some(loaded), _) => loaded,
            (None, report) => {
                let Some(report) = report else { continue };
                code = 1;
                let _ = out.errors.write_all(report.render(out.colour).as_bytes());
                continue;
            }
        };
        let mut text = String::new();
        if named {
            text = separator(entry, first);
            first = false;
        }
        text.push_str(&export::text(&loaded.briefing, out.width, out.ascii));
        if out.text.write_all(text.as_bytes()).is_err() {
            break;
        }
    }
    code
}

/// `brief PATH --actor ID | cat`: the actor's dossier as `brief render
/// PATH --actor ID` prints it (text), what does not load on stderr (exit
/// 1); no actor by that id is said on stderr, exit 1.
pub fn print_dossier(opened: &Opened, id: &str, out: Out) -> i32 {
    let mut code = 0;
    for entry in &opened.entries {
        if let Some(report) = entry.failure() {
            code = 1;
            let _ = out.errors.write_all(report.render(out.colour).as_bytes());
        }
    }
    let text = crate::cli::RenderFormat::Text;
    match crate::tools::render_dossier::render(&opened.entries, id, text, out.width, out.ascii) {
        Ok(dossier) => {
            let _ = out.text.write_all(dossier.as_bytes());
        }
        Err(msg) => {
            let _ = writeln!(out.errors, "brief: {msg}");
            code = 1;
        }
    }
    code
}

/// The line above a library's briefing: `==> NAME <==` (as `head` and `tail`
/// name each file), after a blank line unless it is the first.
fn separator(entry: &Entry, first: bool) -> String {
    let name = match entry.path() {
        Some(path) => shown(path),
        None => shown(std::path::Path::new(&entry.label)),
    };
    let gap = if first { "" } else { "\n" };
    format!("{gap}==> {name} <==\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_str;

    const BRIEFING: &str = include_str!("../briefings/ukraine-talks-2025-12-02.toml");

    fn entry(label: &str, date: &str) -> Entry {
        let text = BRIEFING.replacen("date = 2025-12-02", &format!("date = {date}"), 1);
        Entry::new(label, load_str(label, &text))
    }

    /// `print` into buffers: (text, errors, code).
    fn run(opened: &Opened) -> (String, String, i32) {
        captured(|out| print(opened, out))
    }

    /// Runs `printer` on an 80-column plain output into buffers: (text,
    /// errors, code).
    fn captured(printer: impl FnOnce(Out<'_>) -> i32) -> (String, String, i32) {
        let (mut text, mut errors) = (Vec::new(), Vec::new());
        let out = Out {
            text: &mut text,
            errors: &mut errors,
            colour: false,
            width: 80,
            ascii: false,
        };
        let code = printer(out);
        let s = |b: Vec<u8>| String::from_utf8(b).expect("utf-8");
        (s(text), s(errors), code)
    }

    fn library(entries: Vec<Entry>) -> Opened {
        Opened {
            entries,
            is_library: true,
            dir: None,
            listing: false,
        }
    }

    /// `print_dossier` into buffers: (text, errors, code).
    fn run_dossier(opened: &Opened, id: &str) -> (String, String, i32) {
        captured(|out| print_dossier(opened, id, out))
    }

    #[test]
    fn an_actor_prints_their_dossier_and_an_unknown_one_says_so() {
        let opened = library(vec![
            entry("a-old.toml", "2025-01-01"),
            entry("c-new.toml", "2025-12-31"),
        ]);
        let (text, errors, code) = run_dossier(&opened, "putin");
        assert_eq!((errors.as_str(), code), ("", 0));
        let new = text.find("2025-12-31  US-Russia").expect("the newest");
        let old = text.find("2025-01-01  US-Russia").expect("the oldest");
        assert!(new < old, "{text}");
        let (text, errors, code) = run_dossier(&opened, "nobody");
        assert_eq!((text.as_str(), code), ("", 1));
        assert!(errors.contains("`nobody`"), "{errors}");
    }

    #[test]
    fn a_library_prints_newest_first_each_under_its_name() {
        let opened = library(vec![
            entry("a-old.toml", "2025-01-01"),
            Entry::new("b-bad.toml", load_str("b-bad.toml", "not = [toml")),
            entry("c-new.toml", "2025-12-31"),
        ]);
        let (text, errors, code) = run(&opened);
        let new = text.find("==> c-new.toml <==").expect("c named");
        let old = text.find("\n\n==> a-old.toml <==\n").expect("a named");
        assert_eq!(new, 0, "{text}");
        assert!(new < old);
        assert!(!text.contains("b-bad"), "{text}");
        assert!(errors.contains("b-bad.toml"), "{errors}");
        assert_eq!(code, 1);
    }

    /// One file, or a library of one (the bundled briefings, at present),
    /// is printed as it is: there is no other to tell it from.
    #[test]
    fn one_file_has_no_separator() {
        let one = || vec![entry("one.toml", "2025-01-01")];
        let file = Opened {
            is_library: false,
            ..library(one())
        };
        for opened in [file, library(one())] {
            let (text, errors, code) = run(&opened);
            assert!(!text.contains("==>"), "{text}");
            assert!(text.contains("US-Russia"), "{text}");
            assert_eq!((errors.as_str(), code), ("", 0));
        }
    }
}
