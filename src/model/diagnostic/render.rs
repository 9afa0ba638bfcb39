//! Rendering a [`Report`]: rustc-style text (annotate-snippets) and JSON lines.

use super::snippet::excerpt;
use super::{Diagnostic, Report, Severity};
use crate::model::sanitize::sanitize_inline;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

impl Report {
    /// rustc-style human output, one block per diagnostic.
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
        out
    }

    fn render_one(&self, renderer: &Renderer, d: &Diagnostic) -> String {
        let path = sanitize_inline(&self.path);
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(d.message.as_str());
        let ex = d.span.as_ref().map(|span| excerpt(&self.text, span));
        let group: Group<'_> = match &ex {
            Some(ex) => title.element(
                Snippet::source(ex.source.as_str())
                    .line_start(ex.line_start)
                    .path(path.as_ref())
                    .annotation(AnnotationKind::Primary.span(ex.span.clone())),
            ),
            None => title.element(Origin::path(path.as_ref())),
        };
        let group = match &d.help {
            Some(help) => group.element(Level::HELP.message(help.as_str())),
            None => group,
        };
        renderer.render(&[group])
    }

    /// One JSON object per diagnostic, one per line.
    pub fn to_json_lines(&self) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            out.push_str(&self.to_json(d).to_string());
            out.push('\n');
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
