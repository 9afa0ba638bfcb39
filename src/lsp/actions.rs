//! Quick fixes for the diagnostics the client sends back: each "did you
//! mean" as a replacement, and "declare actor `x`" (or source) adding a stub
//! table after the last declaration of its kind. What to do is in the
//! diagnostic's `data` (see `convert`); a diagnostic without it (a client
//! that drops `data`) is read from its code, message and help instead.

use super::convert::suggestion;
use super::document::Document;
use super::index::IdKind;
use super::position::Encoding;
use crate::model::outline::Outline;
use crate::model::valid_id;
use ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Diagnostic, NumberOrString,
    TextEdit, WorkspaceEdit,
};
use serde_json::Value;
use std::collections::HashMap;

/// The quick fixes for the diagnostics in `params`.
pub fn actions(
    doc: &Document,
    params: &CodeActionParams,
    enc: Encoding,
) -> Vec<CodeActionOrCommand> {
    let only = params.context.only.as_ref();
    if only.is_some_and(|o| !o.iter().any(|k| k.as_str().starts_with("quickfix"))) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for d in &params.context.diagnostics {
        if d.source.as_deref() != Some("brief") {
            continue;
        }
        let data = d.data.clone().unwrap_or_else(|| read_back(d));
        let start = doc.offset(d.range.start, enc);
        let end = doc.offset(d.range.end, enc).max(start);
        let was = &doc.text[start..end];
        // The text moved on since the check: the fix would land elsewhere.
        if data["was"].as_str().is_some_and(|w| w != was) {
            continue;
        }
        if let Some(new) = data["replace"].as_str() {
            let text = requote(was, new);
            let title = format!("Change to `{new}`");
            out.push(action(doc, d, title, TextEdit::new(d.range, text), true));
        }
        let kind = match data["declare"].as_str() {
            Some("actor") => IdKind::Actor,
            Some("source") => IdKind::Source,
            _ => continue,
        };
        let Some(id) = data["id"].as_str().filter(|id| valid_id(id)) else {
            continue;
        };
        let edit = declare(doc, kind, id, enc);
        let title = format!("Declare {} `{id}`", kind.table());
        out.push(action(doc, d, title, edit, false));
    }
    out
}

fn action(
    doc: &Document,
    d: &Diagnostic,
    title: String,
    edit: TextEdit,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![d.clone()]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(doc.uri.clone(), vec![edit])])),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(preferred),
        ..CodeAction::default()
    })
}

/// `new` in the quotes `was` had, if it had any.
fn requote(was: &str, new: &str) -> String {
    match was.chars().next() {
        Some(q @ ('"' | '\'')) if was.len() >= 2 && was.ends_with(q) => format!("{q}{new}{q}"),
        _ => new.to_string(),
    }
}

/// The fix, from what a diagnostic says: its code, the id in its message,
/// and the "did you mean" of its help (in its related information or after
/// its message).
fn read_back(d: &Diagnostic) -> Value {
    let mut data = serde_json::Map::new();
    let help_lines = (d.related_information.iter().flatten())
        .map(|r| r.message.as_str())
        .chain(d.message.lines());
    for line in help_lines {
        if let Some(new) = line.strip_prefix("help: ").and_then(suggestion) {
            data.insert("replace".into(), new.into());
        }
    }
    let code = match &d.code {
        Some(NumberOrString::String(c)) => c.as_str(),
        _ => "",
    };
    let kind = code
        .strip_prefix("unknown-")
        .filter(|k| *k == "actor" || *k == "source");
    let id = d.message.split('`').nth(1);
    if let (Some(kind), Some(id)) = (kind, id) {
        data.insert("declare".into(), kind.into());
        data.insert("id".into(), id.into());
    }
    Value::Object(data)
}

/// An `[actor.id]` (or `[source.id]`) table after the last one of its
/// kind; the first goes after the last declaration of any kind, else before
/// the first section, else at the end.
fn declare(doc: &Document, kind: IdKind, id: &str, enc: Encoding) -> TextEdit {
    let text = doc.text.as_str();
    let index = doc.index();
    let stub = format!("[{}.{id}]\n{} = \"{id}\"\n", kind.table(), kind.title_key());
    let after = (index.decls_of(kind).last())
        .or_else(|| index.decls.last())
        .map(|d| d.end);
    let (at, new) = match after {
        Some(end) => match text[end..].find('\n') {
            Some(nl) => (end + nl + 1, format!("\n{stub}")),
            None => (text.len(), format!("\n\n{stub}")),
        },
        None => match first_section(&index.outline) {
            Some(at) => (at, format!("{stub}\n")),
            None if text.is_empty() || text.ends_with('\n') => (text.len(), format!("\n{stub}")),
            None => (text.len(), format!("\n\n{stub}")),
        },
    };
    let here = doc.position(at, enc);
    TextEdit::new(ls_types::Range::new(here, here), new)
}

fn first_section(outline: &Outline) -> Option<usize> {
    let t = outline
        .tables
        .iter()
        .find(|t| t.keys.first().is_some_and(|k| k.name == "section"))?;
    Some(t.header.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacements_keep_the_quotes() {
        assert_eq!(requote("\"ptuin\"", "putin"), "\"putin\"");
        assert_eq!(requote("'ptuin'", "putin"), "'putin'");
        assert_eq!(requote("summray", "summary"), "summary");
        assert_eq!(requote("\"", "x"), "x");
    }
}
