//! Diagnostics: what is wrong with a file, where, and how to print it (rustc-style or JSON).
//!
//! Messages and help are sanitised when a diagnostic is made; the snippet of
//! the file is sanitised when it is rendered (see [`snippet`]), so nothing from
//! a file reaches a terminal raw.

use super::sanitize::sanitize_inline;
use std::ops::Range;
use std::sync::OnceLock;

mod diags;
mod lines;
mod render;
mod snippet;

pub use diags::{Diags, MAX_KEPT, MAX_PER_CODE, Omitted};
pub use lines::LineIndex;
pub use render::Plain;

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
    /// Another place the problem involves, e.g. where a duplicated id was
    /// first defined: for editors (`brief lsp`), whose related information
    /// can jump there; the text output says it in the help instead.
    /// Boxed: it is rare, and a diagnostic is passed around by value.
    pub related: Option<Box<Related>>,
}

/// A second place in the file a diagnostic points at, with what it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub span: Range<usize>,
    pub message: &'static str,
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
            related: None,
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

    /// Adds the other place the problem involves.
    pub fn with_related(mut self, span: Range<usize>, message: &'static str) -> Self {
        self.related = Some(Box::new(Related { span, message }));
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
    /// At most [`MAX_PER_CODE`] of each code when made by the loader.
    pub diagnostics: Vec<Diagnostic>,
    /// Diagnostics past the caps: counted, not kept (see [`Diags`]).
    pub omitted: Vec<Omitted>,
    /// Worked out from `text` and `diagnostics` on first use (make it with
    /// `..Report::default()`).
    pub memo: Memo,
}

/// What a report works out once: a report must not change after it is shown.
/// Boxed, so that a `Result<_, Report>` stays small.
#[derive(Clone, Default)]
pub struct Memo(Box<Cells>);

#[derive(Clone, Default)]
struct Cells {
    lines: OnceLock<LineIndex>,
    plain: OnceLock<render::Plain>,
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

impl Report {
    /// A report holding one whole-file error.
    pub fn single(path: &str, diagnostic: Diagnostic) -> Self {
        Self {
            path: path.to_string(),
            diagnostics: vec![diagnostic],
            ..Self::default()
        }
    }

    /// A report of what `diags` collected, sorted.
    pub fn new(path: &str, text: String, diags: Diags) -> Self {
        let (diagnostics, omitted) = diags.into_parts();
        let mut report = Self {
            path: path.to_string(),
            text,
            diagnostics,
            omitted,
            memo: Memo::default(),
        };
        report.sort();
        report
    }

    /// Errors, the omitted ones included.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Warnings, the omitted ones included.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        let kept = self.diagnostics.iter().filter(|d| d.severity == severity);
        let omitted = self.omitted.iter().filter(|o| o.severity == severity);
        kept.count() + omitted.map(|o| o.count).sum::<usize>()
    }

    /// 1-based (line, column) of a byte offset in the text; column in characters.
    /// The first call indexes the text; later ones read at most two blocks of it.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let index = self.memo.0.lines.get_or_init(|| LineIndex::new(&self.text));
        index.line_col(&self.text, offset)
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
        self.memo.0.plain = OnceLock::new();
    }
}

/// 9900 -> "9,900", for counts in messages.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(text: &str) -> Report {
        Report {
            path: "t.toml".into(),
            text: text.into(),
            ..Report::default()
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
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(9_900), "9,900");
        assert_eq!(thousands(1_234_567), "1,234,567");
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
