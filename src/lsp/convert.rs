//! A `brief check` report as the protocol's diagnostics: the same codes,
//! messages and places; the help as a second line of the message and, for a
//! client that takes related information, as a related note too (Neovim
//! says it takes them and shows none, so the message must carry the help);
//! "first defined here" for a duplicate; and in `data`, the quick fix the
//! help suggests, for code actions.

use super::position::{Encoding, Lines};
use crate::model::diagnostic::{Diagnostic, Report, Severity};
use crate::model::outline::Outline;
use ls_types::{
    Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Range as LspRange, Uri,
};
use serde_json::{Value, json};

/// What the client said it can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub encoding: Encoding,
    /// `textDocument.publishDiagnostics.relatedInformation`.
    pub related: bool,
}

/// Where the help and a related place go.
const SOURCE: &str = "brief";

/// Every diagnostic of `report` (made from `text`), then one for each code
/// whose later diagnostics were only counted, at the top of the file.
pub fn diagnostics(report: &Report, text: &str, uri: &Uri, opts: Options) -> Vec<LspDiagnostic> {
    // Line starts only when something has a place (a clean file has none).
    let lines = std::cell::OnceCell::new();
    let range = |span: &std::ops::Range<usize>| {
        let lines = lines.get_or_init(|| Lines::new(text));
        let start = lines.position(text, span.start, opts.encoding);
        LspRange::new(start, lines.position(text, span.end, opts.encoding))
    };
    let mut out: Vec<LspDiagnostic> = (report.diagnostics.iter())
        .map(|d| one(d, text, uri, opts, &range))
        .collect();
    for o in &report.omitted {
        out.push(LspDiagnostic {
            range: LspRange::default(),
            severity: Some(severity(o.severity)),
            code: Some(NumberOrString::String(o.code.to_string())),
            source: Some(SOURCE.into()),
            message: o.message(),
            ..LspDiagnostic::default()
        });
    }
    out
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
    }
}

fn one(
    d: &Diagnostic,
    text: &str,
    uri: &Uri,
    opts: Options,
    range: &dyn Fn(&std::ops::Range<usize>) -> LspRange,
) -> LspDiagnostic {
    let at = d.span.as_ref().map_or(LspRange::default(), range);
    let mut message = d.message.clone();
    let mut related = Vec::new();
    if let Some(help) = &d.help {
        message = format!("{message}\nhelp: {help}");
        related.push(note(uri, at, format!("help: {help}")));
    }
    if let Some(r) = &d.related {
        related.push(note(uri, range(&r.span), r.message.to_string()));
    }
    if !opts.related {
        related.clear();
    }
    LspDiagnostic {
        range: at,
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_string())),
        source: Some(SOURCE.into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        data: fix(d, text),
        ..LspDiagnostic::default()
    }
}

fn note(uri: &Uri, range: LspRange, message: String) -> DiagnosticRelatedInformation {
    DiagnosticRelatedInformation {
        location: Location::new(uri.clone(), range),
        message,
    }
}

/// The fix a diagnostic suggests, for a code action: `{"replace": new,
/// "was": old}` for a "did you mean", `{"declare": kind, "id": id}` for an
/// unknown actor or source. `was` is the text the span held, so that a fix
/// is offered only while the text still says it.
fn fix(d: &Diagnostic, text: &str) -> Option<Value> {
    let span = d.span.clone()?;
    let was = text.get(span.clone())?;
    let mut data = serde_json::Map::new();
    if let Some(new) = d.help.as_deref().and_then(suggestion) {
        data.insert("replace".into(), json!(new));
        data.insert("was".into(), json!(was));
    }
    let kind = match d.code {
        "unknown-actor" => Some("actor"),
        "unknown-source" => Some("source"),
        _ => None,
    };
    if let Some(kind) = kind {
        let id = Outline::decode(text, span).unwrap_or_else(|| was.to_string());
        data.insert("declare".into(), json!(kind));
        data.insert("id".into(), json!(id));
        data.insert("was".into(), json!(was));
    }
    (!data.is_empty()).then_some(Value::Object(data))
}

/// `X` from "did you mean `X`?".
pub fn suggestion(help: &str) -> Option<&str> {
    help.strip_prefix("did you mean `")?.strip_suffix("`?")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ls_types::Position;

    fn report(text: &str) -> Report {
        match crate::model::load_str("t.toml", text) {
            Ok(loaded) => loaded.report,
            Err(report) => report,
        }
    }

    const HEAD: &str = "[briefing]\ntitle = \"T\"\ndate = 2025-01-01\nsummary = \"S\"\n";

    fn uri() -> Uri {
        "file:///t.toml".parse().unwrap()
    }

    #[test]
    fn help_follows_the_message_and_is_a_related_note() {
        let text = format!(
            "{HEAD}summray = \"x\"\n[[section]]\ntitle = \"S\"\n[[section.item]]\ntitle = \"I\"\n"
        );
        let r = report(&text);
        let opts = Options {
            encoding: Encoding::Utf16,
            related: true,
        };
        let d = &diagnostics(&r, &text, &uri(), opts)[0];
        let message = "unknown key `summray` in `[briefing]`\nhelp: did you mean `summary`?";
        assert_eq!(d.message, message);
        assert_eq!(d.range.start, Position::new(4, 0));
        assert_eq!(d.range.end, Position::new(4, 7));
        let rel = d.related_information.as_ref().unwrap();
        assert_eq!(rel[0].message, "help: did you mean `summary`?");
        assert_eq!(rel[0].location.range, d.range);
        assert_eq!(
            d.data,
            Some(json!({"replace": "summary", "was": "summray"}))
        );
        let plain = Options {
            related: false,
            ..opts
        };
        let d = &diagnostics(&r, &text, &uri(), plain)[0];
        assert_eq!(d.message, message);
        assert!(d.related_information.is_none());
    }

    #[test]
    fn duplicates_and_unknown_ids() {
        let sec = "[[section]]\nid = \"a\"\ntitle = \"A\"\n[[section.item]]\ntitle = \"I\"\nactors = [\"ptuin\"]\n";
        let text = format!("{HEAD}[actor.putin]\nname = \"P\"\n{sec}{sec}");
        let r = report(&text);
        let opts = Options {
            encoding: Encoding::Utf8,
            related: true,
        };
        let all = diagnostics(&r, &text, &uri(), opts);
        let dup = all
            .iter()
            .find(|d| d.code == Some(NumberOrString::String("duplicate-id".into())))
            .unwrap();
        let rel = dup.related_information.as_ref().unwrap();
        let first = rel
            .iter()
            .find(|r| r.message == "first defined here")
            .unwrap();
        assert_eq!(first.location.range.start.line, 7);
        let unknown = all
            .iter()
            .find(|d| d.message.starts_with("unknown actor `ptuin`\n"))
            .unwrap();
        let data = unknown.data.as_ref().unwrap();
        assert_eq!(data["replace"], "putin");
        assert_eq!(data["declare"], "actor");
        assert_eq!(data["id"], "ptuin");
        assert_eq!(data["was"], "\"ptuin\"");
    }

    #[test]
    fn omitted_diagnostics_are_one_at_the_top() {
        let mut text = format!(
            "{HEAD}[[section]]\ntitle = \"S\"\n[[section.item]]\ntitle = \"I\"\nactors = ["
        );
        for i in 0..crate::model::MAX_PER_CODE + 5 {
            text.push_str(&format!("\"x{i}\","));
        }
        text.push_str("]\n");
        let r = report(&text);
        let opts = Options {
            encoding: Encoding::Utf16,
            related: true,
        };
        let all = diagnostics(&r, &text, &uri(), opts);
        let last = all.last().unwrap();
        assert_eq!(last.range, LspRange::default());
        assert!(
            last.message
                .starts_with("and 5 more `unknown-actor` errors"),
            "{}",
            last.message
        );
        assert_eq!(suggestion("did you mean `a`?"), Some("a"));
        assert_eq!(suggestion("expected one of `a`"), None);
    }
}
