//! What the server says it can do (`initialize`), and each request sent on
//! to the feature that answers it.

use super::convert::Options;
use super::document::Document;
use super::position::Encoding;
use super::server::{Failure, Server};
use super::{actions, completion, hover, navigate, symbols};
use ls_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    HoverProviderCapability, InitializeResult, OneOf, PositionEncodingKind, RenameOptions,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, Uri, WorkDoneProgressOptions,
};
use lsp_server::{ErrorCode, Request};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The answer to `initialize`, and what the client can take. Its
/// parameters are read by hand, leniently: a client that sends something
/// odd still gets a server (UTF-16, help in the message).
pub fn initialize(params: &Value) -> (Value, Options) {
    let caps = &params["capabilities"];
    let offers = |name: &str| {
        (caps["general"]["positionEncodings"].as_array())
            .is_some_and(|a| a.iter().any(|e| e == name))
    };
    let encoding = if offers("utf-8") {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let related = caps["textDocument"]["publishDiagnostics"]["relatedInformation"] == true;
    let result = InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "brief".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
        offset_encoding: None,
    };
    let value = serde_json::to_value(result).unwrap_or_default();
    (value, Options { encoding, related })
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::from(encoding.name())),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..TextDocumentSyncOptions::default()
            },
        )),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(["\"", "'", "[", "."].map(String::from).to_vec()),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// Answers a request of a running server.
pub fn handle(server: &Server, req: &Request) -> Result<Value, Failure> {
    let opts = server.opts;
    let doc = |uri: &Uri| server.docs.get(uri);
    match req.method.as_str() {
        "textDocument/completion" => on(req, |p: ls_types::CompletionParams| {
            let at = p.text_document_position;
            let doc = doc(&at.text_document.uri);
            Ok(doc.map(|d| completion::complete(d, at.position, opts.encoding)))
        }),
        "textDocument/hover" => on(req, |p: ls_types::HoverParams| {
            let at = p.text_document_position_params;
            let doc = doc(&at.text_document.uri);
            Ok(doc.and_then(|d| hover::hover(d, at.position, opts.encoding)))
        }),
        "textDocument/definition" => on(req, |p: ls_types::GotoDefinitionParams| {
            let at = p.text_document_position_params;
            let doc = doc(&at.text_document.uri);
            Ok(doc.and_then(|d| navigate::definition(d, at.position, opts.encoding)))
        }),
        "textDocument/references" => on(req, |p: ls_types::ReferenceParams| {
            let at = p.text_document_position;
            let doc = doc(&at.text_document.uri);
            let with_decl = p.context.include_declaration;
            Ok(doc.and_then(|d| navigate::references(d, at.position, with_decl, opts.encoding)))
        }),
        "textDocument/prepareRename" => on(req, |p: ls_types::TextDocumentPositionParams| {
            let doc = doc(&p.text_document.uri);
            Ok(doc.and_then(|d| navigate::prepare_rename(d, p.position, opts.encoding)))
        }),
        "textDocument/rename" => on(req, |p: ls_types::RenameParams| {
            let at = p.text_document_position;
            let doc = known(doc(&at.text_document.uri))?;
            navigate::rename(doc, at.position, &p.new_name, opts.encoding).map(Some)
        }),
        "textDocument/documentSymbol" => on(req, |p: ls_types::DocumentSymbolParams| {
            let doc = doc(&p.text_document.uri);
            Ok(doc.map(|d| symbols::symbols(d, opts.encoding)))
        }),
        "textDocument/codeAction" => on(req, |p: ls_types::CodeActionParams| {
            let doc = doc(&p.text_document.uri);
            Ok(doc.map(|d| actions::actions(d, &p, opts.encoding)))
        }),
        other => Err((
            ErrorCode::MethodNotFound,
            format!("unknown method `{other}`"),
        )),
    }
}

/// A document the client has opened, or the error for one it has not.
fn known(doc: Option<&Document>) -> Result<&Document, Failure> {
    doc.ok_or_else(|| (ErrorCode::InvalidParams, "the document is not open".into()))
}

/// Reads the parameters as `P` and answers with `f`'s result.
fn on<P: DeserializeOwned, R: Serialize>(
    req: &Request,
    f: impl FnOnce(P) -> Result<R, Failure>,
) -> Result<Value, Failure> {
    let params = serde_json::from_value::<P>(req.params.clone())
        .map_err(|e| (ErrorCode::InvalidParams, format!("invalid parameters: {e}")))?;
    let result = f(params)?;
    Ok(serde_json::to_value(result).unwrap_or_default())
}
