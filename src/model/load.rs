//! Bytes -> validated `Briefing`, with the file guards. STUB: to be completed by the model work.

use super::Briefing;
use super::diagnostic::Report;
use std::path::Path;

/// A briefing that loaded, with any warnings.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub briefing: Briefing,
    pub report: Report,
}

/// Why a file did not load: its diagnostics.
pub type LoadError = Report;

pub fn load_path(path: &Path) -> Result<Loaded, Report> {
    let bytes = std::fs::read(path).map_err(|e| {
        Report {
            path: path.display().to_string(),
            ..Default::default()
        }
        .with_message(e.to_string())
    })?;
    load_bytes(&path.display().to_string(), &bytes)
}

pub fn load_bytes(label: &str, bytes: &[u8]) -> Result<Loaded, Report> {
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str(label, text),
        Err(e) => Err(Report {
            path: label.into(),
            ..Default::default()
        }
        .with_message(e.to_string())),
    }
}

pub fn load_str(label: &str, _text: &str) -> Result<Loaded, Report> {
    Err(Report {
        path: label.into(),
        ..Default::default()
    }
    .with_message("not yet".into()))
}

impl Report {
    fn with_message(mut self, message: String) -> Self {
        self.diagnostics.push(super::Diagnostic {
            severity: super::DiagSeverity::Error,
            code: "io",
            message,
            span: None,
            help: None,
        });
        self
    }
}
