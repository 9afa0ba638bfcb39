//! The bounded list diagnostics are collected into: the first [`MAX_PER_CODE`]
//! of each code (and [`MAX_KEPT`] in all) are kept, the rest only counted.
//!
//! A hostile file can make one mistake a million times (a million unknown
//! references on one line); keeping, explaining and printing each would cost
//! time and memory in proportion, for a report no one reads past the first
//! screen. What is dropped is still counted, so totals stay exact and the
//! output can say "and 9,900 more like this".

use super::{Diagnostic, Severity};

/// Diagnostics kept per code; later ones with the same code are counted.
pub const MAX_PER_CODE: usize = 100;

/// Diagnostics kept in all, whatever their codes.
pub const MAX_KEPT: usize = 1_000;

/// Diagnostics of one code and severity that were counted but not kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Omitted {
    pub code: &'static str,
    pub severity: Severity,
    pub count: usize,
}

/// Collects diagnostics up to the caps.
#[derive(Debug, Default, PartialEq)]
pub struct Diags {
    kept: Vec<Diagnostic>,
    /// (code, how many kept): a handful of codes, searched linearly.
    per_code: Vec<(&'static str, usize)>,
    omitted: Vec<Omitted>,
}

impl Diags {
    pub fn new() -> Self {
        Self::default()
    }

    /// True when a diagnostic with `code` would be kept.
    pub fn wants(&self, code: &str) -> bool {
        let kept = self.per_code.iter().find(|(c, _)| *c == code);
        self.kept.len() < MAX_KEPT && kept.is_none_or(|&(_, n)| n < MAX_PER_CODE)
    }

    /// Keeps `d`, or counts it when its code (or the list) is full.
    pub fn push(&mut self, d: Diagnostic) {
        if self.wants(d.code) {
            self.keep(d);
        } else {
            self.omit(d.code, d.severity);
        }
    }

    /// Like [`Diags::push`], but builds the diagnostic only when it is kept:
    /// for diagnostics whose message or help is costly (a "did you mean").
    pub fn push_with(
        &mut self,
        severity: Severity,
        code: &'static str,
        make: impl FnOnce() -> Diagnostic,
    ) {
        if self.wants(code) {
            self.keep(make());
        } else {
            self.omit(code, severity);
        }
    }

    fn keep(&mut self, d: Diagnostic) {
        match self.per_code.iter_mut().find(|(c, _)| *c == d.code) {
            Some((_, n)) => *n += 1,
            None => self.per_code.push((d.code, 1)),
        }
        self.kept.push(d);
    }

    fn omit(&mut self, code: &'static str, severity: Severity) {
        let same = |o: &&mut Omitted| o.code == code && o.severity == severity;
        match self.omitted.iter_mut().find(same) {
            Some(o) => o.count += 1,
            None => self.omitted.push(Omitted {
                code,
                severity,
                count: 1,
            }),
        }
    }

    /// How many are kept so far: for [`Diags::shift_since`].
    pub fn mark(&self) -> usize {
        self.kept.len()
    }

    /// Moves the spans of the diagnostics kept since `mark` `by` bytes on
    /// (they were made on a piece of the file that starts there).
    pub fn shift_since(&mut self, mark: usize, by: usize) {
        for d in self.kept.iter_mut().skip(mark) {
            let related = d.related.as_mut().map(|r| &mut r.span);
            for span in d.span.iter_mut().chain(related) {
                *span = span.start + by..span.end + by;
            }
        }
    }

    /// The diagnostics kept, in the order they came.
    pub fn list(&self) -> &[Diagnostic] {
        &self.kept
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty() && self.omitted.is_empty()
    }

    /// True when any error was pushed, kept or not.
    pub fn has_errors(&self) -> bool {
        self.kept.iter().any(Diagnostic::is_error)
            || self.omitted.iter().any(|o| o.severity == Severity::Error)
    }

    /// (kept, omitted).
    pub fn into_parts(self) -> (Vec<Diagnostic>, Vec<Omitted>) {
        (self.kept, self.omitted)
    }
}

impl Extend<Diagnostic> for Diags {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        for d in iter {
            self.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_of_each_code_and_counts_the_rest() {
        let mut diags = Diags::new();
        for i in 0..MAX_PER_CODE + 50 {
            diags.push(Diagnostic::error("a", format!("a{i}"), None));
        }
        diags.push(Diagnostic::warning("b", "b", None));
        let mut built = 0;
        diags.push_with(Severity::Error, "a", || {
            built += 1;
            Diagnostic::error("a", "costly", None)
        });
        assert_eq!(built, 0, "a full code is not built");
        assert!(diags.has_errors() && diags.wants("b"));
        let (kept, omitted) = diags.into_parts();
        assert_eq!(kept.len(), MAX_PER_CODE + 1);
        assert_eq!(kept[MAX_PER_CODE].code, "b");
        let count = 51;
        assert_eq!(
            omitted,
            [Omitted {
                code: "a",
                severity: Severity::Error,
                count
            }]
        );
    }

    #[test]
    fn keeps_at_most_max_kept_in_all() {
        let codes: Vec<&'static str> = (0..MAX_KEPT / MAX_PER_CODE + 2)
            .map(|i| &*format!("c{i}").leak())
            .collect();
        let mut diags = Diags::new();
        for code in &codes {
            for _ in 0..MAX_PER_CODE {
                diags.push(Diagnostic::warning(code, "w", None));
            }
        }
        assert!(!diags.has_errors());
        let (kept, omitted) = diags.into_parts();
        assert_eq!(kept.len(), MAX_KEPT);
        let dropped: usize = omitted.iter().map(|o| o.count).sum();
        assert_eq!(dropped, 2 * MAX_PER_CODE);
    }
}
