//! Diagnostics: what is wrong with a file, where, and how to print it (rustc-style or JSON).
//! STUB: to be completed by the model work.

use std::ops::Range;

/// Error stops the file from loading; a warning does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
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

/// All diagnostics for one file, with the text they point into.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub path: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// 1-based (line, column) of a byte offset in the text.
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

    /// `line:col message` of the first error (for the reader's reload banner).
    pub fn headline(&self) -> String {
        let Some(d) = self.diagnostics.iter().max_by_key(|d| d.severity) else {
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

    /// rustc-style human output.
    pub fn render(&self, _color: bool) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            let sev = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            out.push_str(&format!("{sev}: {}\n", d.message));
        }
        out
    }
}
