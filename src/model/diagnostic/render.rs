//! Rendering a [`Report`]: rustc-style text (annotate-snippets) and JSON lines.

use super::snippet::excerpt;
use super::{Diagnostic, MAX_PER_CODE, Omitted, Report, Severity, thousands};
use crate::model::sanitize::{sanitize, sanitize_inline};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

impl Report {
    /// rustc-style human output, one block per diagnostic, then a note for
    /// each code whose later diagnostics were only counted.
    pub fn render(&self, color: bool) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut out = String::new();
        for d in &self.diagnostics {
            out.push_str(&self.render_one(&renderer, d));
            out.push_str("\n\n");
        }
        let path = sanitize_inline(&self.path);
        for o in &self.omitted {
            let title = Level::NOTE.primary_title(omitted_message(o));
            let group = title.element(Origin::path(path.as_ref()));
            out.push_str(&renderer.render(&[group]).replace('\n', "\n "));
            out.push_str("\n\n");
        }
        out
    }

    /// The plain rendering, sanitised for a terminal (the reader's errors
    /// overlay): worked out once, however often it is drawn.
    pub fn plain(&self) -> &Plain {
        (self.memo.0.plain).get_or_init(|| Plain::new(sanitize(&self.render(false)).into_owned()))
    }

    fn render_one(&self, renderer: &Renderer, d: &Diagnostic) -> String {
        let path = sanitize_inline(&self.path);
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(d.message.as_str());
        let ex = d.span.as_ref().map(|span| {
            let (line, col) = self.line_col(span.start);
            (excerpt(&self.text, span, line), (line, col))
        });
        let group: Group<'_> = match &ex {
            Some((ex, _)) => title.element(
                Snippet::source(ex.source.as_str())
                    .line_start(ex.line_start)
                    .path(path.as_ref())
                    .annotation(AnnotationKind::Primary.span(ex.span.clone())),
            ),
            None => title.element(Origin::path(path.as_ref())),
        };
        // The other place the problem involves (where a duplicate was first
        // defined), labelled, as rustc shows a second span.
        let related = (d.related.as_deref()).map(|r| {
            let (line, _) = self.line_col(r.span.start);
            (excerpt(&self.text, &r.span, line), r.message)
        });
        let group = match (&related, &ex) {
            (Some((rel, message)), Some(_)) => group.element(
                Snippet::source(rel.source.as_str())
                    .line_start(rel.line_start)
                    .path(path.as_ref())
                    .annotation(
                        AnnotationKind::Context
                            .span(rel.span.clone())
                            .label(*message),
                    ),
            ),
            _ => group,
        };
        let group = match &d.help {
            Some(help) => group.element(Level::HELP.message(help.as_str())),
            None => group,
        };
        let rendered = renderer.render(&[group]);
        let related = (d.related.as_deref()).map(|r| {
            let (line, col) = self.line_col(r.span.start);
            format!("{path}:{line}:{col}")
        });
        match &ex {
            Some((_, (line, col))) => set_origin(
                &rendered,
                &format!("{path}:{line}:{col}"),
                related.as_deref(),
            ),
            // With no excerpt there is no line-number gutter: indent the
            // `-->` and `= help` lines as if there were, to line up with the
            // diagnostics that have one.
            None => rendered.replace('\n', "\n "),
        }
    }

    /// One JSON object per diagnostic, one per line, written by the one
    /// JSON writer ([`crate::model::json`]); then one per code whose later
    /// diagnostics were only counted, with `omitted` the count.
    pub fn to_json_lines(&self) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            // A `Value` of strings and numbers always serialises.
            out.push_str(&crate::model::json::line(&self.to_json(d)).unwrap_or_default());
        }
        for o in &self.omitted {
            let json = serde_json::json!({
                "path": self.path,
                "line": null,
                "column": null,
                "end_line": null,
                "end_column": null,
                "severity": o.severity.as_str(),
                "code": o.code,
                "message": omitted_message(o),
                "help": null,
                "omitted": o.count,
            });
            out.push_str(&crate::model::json::line(&json).unwrap_or_default());
        }
        out
    }

    /// A diagnostic as JSON: path, line/column (1-based, `null` without a span), code, message, help.
    pub fn to_json(&self, d: &Diagnostic) -> serde_json::Value {
        let (start, end) = match &d.span {
            Some(s) => (Some(self.line_col(s.start)), Some(self.line_col(s.end))),
            None => (None, None),
        };
        serde_json::json!({
            "path": self.path,
            "line": start.map(|p| p.0),
            "column": start.map(|p| p.1),
            "end_line": end.map(|p| p.0),
            "end_column": end.map(|p| p.1),
            "severity": d.severity.as_str(),
            "code": d.code,
            "message": d.message,
            "help": d.help,
        })
    }
}

/// A rendered report as lines, for a pager that shows a window of them.
#[derive(Debug, Clone, Default)]
pub struct Plain {
    text: String,
    /// Where each line starts (as `str::lines` splits).
    starts: Vec<usize>,
    /// The widest line, in terminal columns.
    widest: usize,
}

impl Plain {
    fn new(text: String) -> Self {
        let mut starts = Vec::new();
        let mut widest = 0;
        let mut at = 0;
        for line in text.lines() {
            starts.push(at);
            widest = widest.max(unicode_width::UnicodeWidthStr::width(line));
            at += line.len() + 1;
        }
        Self {
            text,
            starts,
            widest,
        }
    }

    /// How many lines.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Line `i` (empty past the end).
    pub fn line(&self, i: usize) -> &str {
        let Some(&start) = self.starts.get(i) else {
            return "";
        };
        let rest = &self.text[start..];
        rest.split('\n').next().unwrap_or("")
    }

    pub fn widest(&self) -> usize {
        self.widest
    }
}

impl Omitted {
    /// What the outputs say in place of the diagnostics left out.
    pub fn message(&self) -> String {
        omitted_message(self)
    }
}

/// "and 9,900 more `unknown-actor` errors like this (not listed: ...)".
fn omitted_message(o: &Omitted) -> String {
    let what = match (o.severity, o.count) {
        (Severity::Error, 1) => "error",
        (Severity::Error, _) => "errors",
        (Severity::Warning, 1) => "warning",
        (Severity::Warning, _) => "warnings",
    };
    format!(
        "and {} more `{}` {what} like this (not listed: only the first {MAX_PER_CODE} of each kind are)",
        thousands(o.count),
        o.code,
    )
}

/// Puts `origin` (`path:line:col`) after the first `-->` below the title,
/// and `related` after the `:::` that heads the second excerpt, if any.
/// annotate-snippets counts the column in the excerpt it is given, where a
/// tab counts as four and an escaped character as its escape's length; ours
/// counts characters in the file (a tab is one), as `--format json` does, so
/// that an editor's jump to `file:line:col` lands on the spot.
fn set_origin(rendered: &str, origin: &str, related: Option<&str>) -> String {
    let mut out = String::with_capacity(rendered.len() + 8);
    let mut lines = rendered.split_inclusive('\n');
    // The title line holds the message, which may quote a `-->` from the file.
    out.extend(lines.next());
    let (mut primary, mut second) = (Some(origin), related);
    for line in lines {
        let (at, place) = match (line.find("-->"), primary) {
            (Some(at), Some(place)) => {
                primary = None;
                (at, place)
            }
            // Only once the first is placed, and only a line that starts
            // with `:::` (an excerpt's line starts with its number or `|`).
            _ => match (primary, second, heads_excerpt(line)) {
                (None, Some(place), Some(at)) => {
                    second = None;
                    (at, place)
                }
                _ => {
                    out.push_str(line);
                    continue;
                }
            },
        };
        // Keep the arrow, the space and any style codes around it.
        let keep = at + 3 + lead_len(&line[at + 3..]);
        out.push_str(&line[..keep]);
        out.push_str(place);
        if line.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// Where `:::` is in `line`, when nothing but spaces and style codes come
/// before it.
fn heads_excerpt(line: &str) -> Option<usize> {
    let mut at = 0;
    loop {
        let rest = &line[at..];
        if rest.starts_with(":::") {
            return Some(at);
        } else if rest.starts_with(' ') {
            at += 1;
        } else if let Some(code) = rest.strip_prefix("\x1b[")
            && let Some(end) = code.find('m')
        {
            at += 2 + end + 1;
        } else {
            return None;
        }
    }
}

/// Length of what follows the arrow before the path: SGR codes (`ESC [ ... m`)
/// and the one space, so that a path that itself starts with a space keeps it.
fn lead_len(s: &str) -> usize {
    let sgr = |at: usize| {
        let mut at = at;
        while let Some(code) = s[at..].strip_prefix("\x1b[")
            && let Some(end) = code.find('m')
        {
            at += 2 + end + 1;
        }
        at
    };
    let at = sgr(0);
    let at = if s[at..].starts_with(' ') { at + 1 } else { at };
    sgr(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_place_after_the_arrow_is_replaced_and_nothing_else() {
        let plain = "error: `-->` in a message\n --> a.toml:5:5\n  |\n";
        assert_eq!(
            set_origin(plain, "a.toml:5:2", None),
            "error: `-->` in a message\n --> a.toml:5:2\n  |\n"
        );
        let styled = "e\n \u{1b}[1m\u{1b}[94m--> \u{1b}[0m a.toml:1:9\n";
        assert_eq!(
            set_origin(styled, " a.toml:1:2", None),
            "e\n \u{1b}[1m\u{1b}[94m--> \u{1b}[0m a.toml:1:2\n"
        );
        // A path that starts with a space keeps it.
        assert_eq!(
            set_origin("e\n -->  b:1:1", " b:1:1", None),
            "e\n -->  b:1:1"
        );
        assert_eq!(lead_len(" \u{1b}[0m x"), 5);
    }

    /// The second place (where a duplicate was first defined) is shown as a
    /// labelled excerpt under `:::`, at the column `--format json` and
    /// editors count (a tab is one column, not four), and a `:::` quoted in
    /// the file is left alone.
    #[test]
    fn a_duplicate_shows_where_it_was_first_defined() {
        let text = "[briefing]\ntitle = \"::: T\"\ndate = 2025-01-01\nsummary = \"S\"\n\n\
                    [[section]]\nid = \"s\"\ntitle = \"S\"\n\n\
                    [[section.item]]\n\tid = \"a\"\ntitle = \"::: A\"\n\n\
                    [[section.item]]\nid = \"a\"\ntitle = \"B\"\n";
        let report = match crate::model::load_str("d.toml", text) {
            Err(report) => report,
            Ok(loaded) => loaded.report,
        };
        let out = report.render(false);
        let at = out
            .find("duplicate item id")
            .unwrap_or_else(|| panic!("{out}"));
        let block = &out[at..];
        assert!(block.contains(" --> d.toml:15:6\n"), "{block}");
        assert!(block.contains(" ::: d.toml:11:7\n"), "{block}");
        assert!(block.contains("--- first defined here"), "{block}");
        assert!(
            block.find(":::") < block.find("first defined here"),
            "{block}"
        );
        assert_eq!(heads_excerpt("12 | ::: A"), None);
        assert_eq!(heads_excerpt("  ::: a.toml:1:1"), Some(2));
        assert_eq!(heads_excerpt("  \u{1b}[1m::: x"), Some(6));
    }
}
