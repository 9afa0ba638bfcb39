//! The output of `brief diff`. Text: one line per change, an indented line
//! per changed field with a word diff (`[-old-]{+new+}`, red and green when
//! colour is on); everything from a briefing passes the sanitiser. JSON: the
//! document described in docs/diff.md.

use super::diff_change::{Change, Kind, Place, Target};
use crate::model::compare::{FieldChange, Shown};
use crate::model::sanitize::{sanitize, sanitize_inline as clean};
use serde::Serialize;
use similar::{ChangeTag, TextDiff};
use std::time::Duration;

/// The JSON document (docs/diff.md); `version` changes only when the
/// structure does.
#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    old: String,
    new: String,
    equal: bool,
    changes: &'a [Change],
}

/// The changes as a pretty-printed JSON document, newline-terminated,
/// written by the one JSON writer; `old` and `new` are the files' names as
/// every output writes them ([`crate::model::name`]; `diff::run` names them).
pub fn json(old: &str, new: &str, changes: &[Change]) -> serde_json::Result<String> {
    let doc = Output {
        version: 1,
        old: old.to_string(),
        new: new.to_string(),
        equal: changes.is_empty(),
        changes,
    };
    crate::model::json::pretty(&doc)
}

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const RESET: &str = "\x1b[0m";

/// Every change as text; empty when there are none.
pub fn render(changes: &[Change], color: bool) -> String {
    let mut out = String::new();
    for c in changes {
        let head = heading(c);
        match (color, c.kind) {
            (true, Kind::Added) => out.push_str(&format!("{GREEN}{head}{RESET}\n")),
            (true, Kind::Removed) => out.push_str(&format!("{RED}{head}{RESET}\n")),
            _ => out.push_str(&format!("{head}\n")),
        }
        for f in &c.fields {
            out.push_str(&field_line(f, color));
        }
    }
    out
}

/// `item talks/meeting moved from talks #2 to talks #1`.
fn heading(c: &Change) -> String {
    let target = match c.target {
        Target::Header => "header",
        Target::Actor => "actor",
        Target::Source => "source",
        Target::Section => "section",
        Target::Item => "item",
    };
    let kind = match c.kind {
        Kind::Added => "added",
        Kind::Removed => "removed",
        Kind::Moved => "moved",
        Kind::Changed => "changed",
    };
    let mut out = target.to_string();
    if !c.path.is_empty() {
        out.push(' ');
        out.push_str(&clean(&c.path));
    }
    out.push(' ');
    out.push_str(kind);
    if let (Some(from), Some(to)) = (&c.from, &c.to) {
        let items = c.target == Target::Item;
        out.push_str(&format!(" from {} to {}", at(from, items), at(to, items)));
    } else if let Some(title) = &c.title {
        out.push_str(": ");
        out.push_str(&clean(title));
    }
    out
}

/// `talks #2` for an item's place, `#2` for a section's.
fn at(p: &Place, with_section: bool) -> String {
    if with_section {
        format!("{} #{}", clean(&p.section), p.position)
    } else {
        format!("#{}", p.position)
    }
}

/// `  field: word diff`, continuation lines indented under it; a list gets
/// a line per element that changed (`  points[2]: ...`).
fn field_line(f: &FieldChange, color: bool) -> String {
    let name = clean(&f.field);
    match (f.old.as_ref(), f.new.as_ref()) {
        (Some(Shown::List(old)), Some(Shown::List(new))) => list_lines(&name, old, new, color),
        (old, new) => {
            let diff = word_diff(&sanitize(&shown(old)), &sanitize(&shown(new)), color);
            format!("  {name}: {}\n", indent(&diff))
        }
    }
}

/// Continuation lines indented under the field (blank lines left empty).
fn indent(text: &str) -> String {
    let mut lines = text.split('\n');
    let mut out = lines.next().unwrap_or("").to_string();
    for line in lines {
        out.push('\n');
        if !line.trim().is_empty() {
            out.push_str("    ");
            out.push_str(line);
        }
    }
    out
}

/// One line per list element removed, added or replaced (replaced pairs get a
/// word diff); unchanged elements are left out.
fn list_lines(name: &str, old: &[String], new: &[String], color: bool) -> String {
    use similar::{Algorithm, DiffTag, capture_diff_slices_deadline};
    let deadline = std::time::Instant::now() + Duration::from_secs(1);
    let mut out = String::new();
    let mut line = |at: usize, a: &str, b: &str| {
        let diff = word_diff(&sanitize(a), &sanitize(b), color);
        out.push_str(&format!("  {name}[{}]: {}\n", at + 1, indent(&diff)));
    };
    for op in capture_diff_slices_deadline(Algorithm::Myers, old, new, Some(deadline)) {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        let (olds, news) = (
            old.get(o.clone()).unwrap_or(&[]),
            new.get(n.clone()).unwrap_or(&[]),
        );
        for k in 0..olds.len().max(news.len()) {
            match (olds.get(k), news.get(k)) {
                (Some(a), Some(b)) => line(n.start + k, a, b),
                (Some(a), None) => line(o.start + k, a, ""),
                (None, Some(b)) => line(n.start + k, "", b),
                (None, None) => {}
            }
        }
    }
    out
}

/// A value as one string: lists joined with `; `, absent as empty.
fn shown(v: Option<&Shown>) -> String {
    match v {
        None => String::new(),
        Some(Shown::Text(s)) => s.clone(),
        Some(Shown::List(v)) => v.join("; "),
    }
}

/// `old` and `new` as one text, removed words as `[-...-]` and added words
/// as `{+...+}` (in red and green when `color`). Spaces between two changed
/// words join them into one run.
pub fn word_diff(old: &str, new: &str, color: bool) -> String {
    let diff = TextDiff::configure()
        .timeout(Duration::from_secs(1))
        .diff_words(old, new);
    let mut out = String::new();
    let (mut gone, mut came, mut space) = (String::new(), String::new(), String::new());
    for c in diff.iter_all_changes() {
        let value = c.value();
        match c.tag() {
            ChangeTag::Equal
                if value.trim().is_empty() && !(gone.is_empty() && came.is_empty()) =>
            {
                space.push_str(value);
            }
            ChangeTag::Equal => {
                mark(&mut out, &gone, &came, color);
                gone.clear();
                came.clear();
                out.push_str(&space);
                space.clear();
                out.push_str(value);
            }
            tag => {
                gone.push_str(&space);
                came.push_str(&space);
                space.clear();
                let side = if tag == ChangeTag::Delete {
                    &mut gone
                } else {
                    &mut came
                };
                side.push_str(value);
            }
        }
    }
    mark(&mut out, &gone, &came, color);
    out.push_str(&space);
    out
}

/// Writes one run of removed and added text; whitespace both sides share at
/// either end stays outside the markers (`[-a-] b`, not `[-a -]b`), and a
/// side that is only whitespace is written as plain space.
fn mark(out: &mut String, gone: &str, came: &str, color: bool) {
    let blank = |s: &str| !s.is_empty() && s.trim().is_empty();
    let (gone, came, extra) = match (blank(gone), blank(came)) {
        (true, false) if !came.is_empty() => ("", came, gone),
        (false, true) if !gone.is_empty() => (gone, "", came),
        _ => (gone, came, ""),
    };
    let parts: Vec<&str> = [gone, came].into_iter().filter(|s| !s.is_empty()).collect();
    if parts.is_empty() {
        return;
    }
    let hoist = parts.iter().all(|p| !p.trim().is_empty());
    let lead = if hoist { shared(&parts, leading) } else { "" };
    let trail = if hoist { shared(&parts, trailing) } else { "" };
    let inner = |s: &'_ str| {
        let s = if lead.is_empty() { s } else { s.trim_start() };
        if trail.is_empty() { s } else { s.trim_end() }.to_string()
    };
    out.push_str(lead);
    if !gone.is_empty() {
        let (on, off) = if color { (RED, RESET) } else { ("", "") };
        out.push_str(&format!("{on}[-{}-]{off}", inner(gone)));
    }
    if !came.is_empty() {
        let (on, off) = if color { (GREEN, RESET) } else { ("", "") };
        out.push_str(&format!("{on}{{+{}+}}{off}", inner(came)));
    }
    out.push_str(trail);
    out.push_str(extra);
}

fn leading(s: &str) -> &str {
    &s[..s.len() - s.trim_start().len()]
}

fn trailing(s: &str) -> &str {
    &s[s.trim_end().len()..]
}

/// The whitespace at one end of the last part (the new text when there is
/// one), when every part has some there.
fn shared<'s>(parts: &[&'s str], end: fn(&'s str) -> &'s str) -> &'s str {
    if parts.iter().all(|p| !end(p).is_empty()) {
        parts.last().map_or("", |p| end(p))
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::word_diff;

    #[test]
    fn words_are_marked_with_spaces_outside() {
        assert_eq!(
            word_diff("talks end today", "talks ended today", false),
            "talks [-end-]{+ended+} today"
        );
        assert_eq!(word_diff("a b c", "a c", false), "a [-b-] c");
        assert_eq!(word_diff("a c", "a b c", false), "a {+b+} c");
        assert_eq!(word_diff("", "new", false), "{+new+}");
        assert_eq!(word_diff("same", "same", false), "same");
        assert_eq!(
            word_diff("No deal here", "Talks end with no deal here", false),
            "[-No-]{+Talks end with no+} deal here"
        );
    }

    #[test]
    fn whitespace_only_changes_stay_visible() {
        assert_eq!(word_diff("a b", "a  b", false), "a[- -]{+  +}b");
    }

    #[test]
    fn colour_wraps_the_markers() {
        assert_eq!(
            word_diff("old", "new", true),
            "\x1b[31m[-old-]\x1b[0m\x1b[32m{+new+}\x1b[0m"
        );
    }
}
