//! Navigation by id: go to an actor's or source's declaration, find every
//! use, rename one (refused when the new id is not a valid id or is
//! already declared).

use super::document::Document;
use super::index::{IdKind, id_span};
use super::position::{Encoding, floor_char};
use super::server::Failure;
use crate::model::valid_id;
use ls_types::{
    GotoDefinitionResponse, Location, Position, PrepareRenameResponse, TextEdit, WorkspaceEdit,
};
use lsp_server::ErrorCode;
use std::collections::HashMap;
use std::ops::Range;

/// The id at `pos`: its kind, the id, and the token it is written in.
fn id_at(doc: &Document, pos: Position, enc: Encoding) -> Option<(IdKind, String, Range<usize>)> {
    let offset = floor_char(&doc.text, doc.offset(pos, enc));
    let (kind, id, span) = doc.index().id_at(offset)?;
    Some((kind, id.to_string(), span))
}

fn location(doc: &Document, span: &Range<usize>, enc: Encoding) -> Location {
    Location::new(doc.uri.clone(), doc.range(span, enc))
}

/// Where the id at `pos` is declared (its first declaration).
pub fn definition(doc: &Document, pos: Position, enc: Encoding) -> Option<GotoDefinitionResponse> {
    let (kind, id, _) = id_at(doc, pos, enc)?;
    let decl = doc.index().decl(kind, &id)?;
    Some(GotoDefinitionResponse::Scalar(location(
        doc, &decl.span, enc,
    )))
}

/// Every use of the id at `pos` (and its declaration, if asked).
pub fn references(
    doc: &Document,
    pos: Position,
    with_decl: bool,
    enc: Encoding,
) -> Option<Vec<Location>> {
    let (kind, id, _) = id_at(doc, pos, enc)?;
    let index = doc.index();
    let decls: Vec<Range<usize>> = index
        .decls_of(kind)
        .filter(|d| d.id == id)
        .map(|d| d.span.clone())
        .collect();
    let places = index.places(kind, &id).into_iter();
    let places = places.filter(|p| with_decl || !decls.contains(p));
    Some(places.map(|p| location(doc, &p, enc)).collect())
}

/// The id under the cursor, if it can be renamed: the range of the id
/// itself (inside its quotes).
pub fn prepare_rename(
    doc: &Document,
    pos: Position,
    enc: Encoding,
) -> Option<PrepareRenameResponse> {
    let (_, id, span) = id_at(doc, pos, enc)?;
    let range = doc.range(&id_span(&doc.text, &span, &id), enc);
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range,
        placeholder: id,
    })
}

/// Renames the id at `pos` and every use of it.
pub fn rename(
    doc: &Document,
    pos: Position,
    new: &str,
    enc: Encoding,
) -> Result<WorkspaceEdit, Failure> {
    let failed = |msg: String| (ErrorCode::RequestFailed, msg);
    let (kind, id, _) =
        id_at(doc, pos, enc).ok_or_else(|| failed("there is no actor or source id here".into()))?;
    if !valid_id(new) {
        let shown = crate::model::sanitize::sanitize_inline(new);
        return Err(failed(format!(
            "`{shown}` is not a valid id: use lowercase letters, digits, `-` and `_`"
        )));
    }
    let index = doc.index();
    if new != id && index.decl(kind, new).is_some() {
        return Err(failed(format!("{} `{new}` already exists", kind.table())));
    }
    let edits = (index.places(kind, &id).into_iter())
        .map(|span| {
            let inner = id_span(&doc.text, &span, &id);
            // A token that is not a plain quoted id (escapes, or bare) is rewritten whole.
            let quoted = inner == span && doc.text[span.clone()].starts_with(['"', '\'']);
            let text = if quoted {
                format!("\"{new}\"")
            } else {
                new.to_string()
            };
            TextEdit::new(doc.range(&inner, enc), text)
        })
        .collect();
    Ok(WorkspaceEdit {
        changes: Some(HashMap::from([(doc.uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    })
}
