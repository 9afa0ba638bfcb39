//! Diagnostics: what is wrong with a file, where, and how to print it (rustc-style or JSON).
//!
//! Messages and help are sanitised when a diagnostic is made; the snippet of
//! the file is sanitised when it is rendered (see [`snippet`]), so nothing from
//! a file reaches a terminal raw.

use super::sanitize::sanitize_inline;
use std::ops::Range;

mod render;
mod snippet;

/// Error stops the file from loading; a warning does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable machine-readable code, e.g. `unknown-key`.
    pub code: &'static str,
    pub message: String,
    /// Byte range in the file's text; `None` for whole-file problems.
    pub span: Option<Range<usize>>,
    /// e.g. "did you mean `summary`?"
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic; the message is sanitised (it may quote the file).
    pub fn new(
        severity: Severity,
        code: &'static str,
        message: impl AsRef<str>,
        span: Option<Range<usize>>,
    ) -> Self {
        Self {
            severity,
            code,
            message: sanitize_inline(message.as_ref()).into_owned(),
            span,
            help: None,
        }
    }

    pub fn error(code: &'static str, message: impl AsRef<str>, span: Option<Range<usize>>) -> Self {
        Self::new(Severity::Error, code, message, span)
    }

    pub fn warning(
        code: &'static str,
        message: impl AsRef<str>,
        span: Option<Range<usize>>,
    ) -> Self {
        Self::new(Severity::Warning, code, message, span)
    }

    /// Adds (sanitised) help.
    pub fn with_help(mut self, help: impl AsRef<str>) -> Self {
        self.help = Some(sanitize_inline(help.as_ref()).into_owned());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// All diagnostics for one file, with the text they point into.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The file as outputs name it: for a file on disk, [`super::name::shown`]
    /// of its path (escaped, never lossy); else a label such as `<stdin>`.
    pub path: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// A report holding one whole-file error.
    pub fn single(path: &str, diagnostic: Diagnostic) -> Self {
        Self {
            path: path.to_string(),
            text: String::new(),
            diagnostics: vec![diagnostic],
        }
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// 1-based (line, column) of a byte offset in the text; column in characters.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text.as_bytes()[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let col = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        (line, col)
    }

    /// `line:col message` of the first error (else the first warning), for the reader's reload banner.
    pub fn headline(&self) -> String {
        let first = self.diagnostics.iter().find(|d| d.is_error());
        let Some(d) = first.or(self.diagnostics.first()) else {
            return String::new();
        };
        match &d.span {
            Some(span) => {
                let (l, c) = self.line_col(span.start);
                format!("{l}:{c} {}", d.message)
            }
            None => d.message.clone(),
        }
    }

    /// Sorts diagnostics by position (whole-file ones first), errors before warnings at a tie.
    pub fn sort(&mut self) {
        self.diagnostics.sort_by_key(|d| {
            (
                d.span.as_ref().map(|s| s.start),
                std::cmp::Reverse(d.severity),
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(text: &str) -> Report {
        Report {
            path: "t.toml".into(),
            text: text.into(),
            diagnostics: vec![],
        }
    }

    #[test]
    fn line_col_is_one_based_and_counts_chars() {
        let r = report("ab\nКиїв = 1\n");
        assert_eq!(r.line_col(0), (1, 1));
        assert_eq!(r.line_col(3), (2, 1));
        let eq = r.text.find('=').unwrap();
        assert_eq!(r.line_col(eq), (2, 6));
        assert_eq!(r.line_col(999), (3, 1));
    }

    #[test]
    fn messages_are_sanitised() {
        let d = Diagnostic::error("x", "bad `\u{1b}[2J`", None).with_help("\u{202e}");
        assert!(!d.message.contains('\u{1b}'));
        assert!(!d.help.unwrap().contains('\u{202e}'));
    }

    #[test]
    fn headline_prefers_errors() {
        let mut r = report("a = 1\nb = 2\n");
        r.diagnostics
            .push(Diagnostic::warning("w", "warn", Some(0..1)));
        r.diagnostics
            .push(Diagnostic::error("e", "bad", Some(6..7)));
        assert_eq!(r.headline(), "2:1 bad");
    }
}
