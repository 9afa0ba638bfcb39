//! `brief lsp`: a language server over stdio for briefing files. Everything
//! `brief check` reports, as the analyst types; completion of keys, kinds,
//! severities and ids; hover; go to definition, references and rename of
//! ids; an outline; quick fixes. See docs/lsp.md.
//!
//! Threads: one reads and frames the client's messages, one writes ours, one
//! checks documents (`diagnostics`); the server loop (`server`) answers
//! requests from memory and never waits for a check.

mod actions;
mod completion;
mod context;
mod convert;
mod diagnostics;
mod document;
mod hover;
pub mod index;
mod keys;
mod navigate;
pub mod position;
mod requests;
mod server;
mod symbols;
pub mod transport;

use serde::Serialize;
use serde_json::Value;
use std::sync::mpsc;
use std::time::Duration;

/// How long the end waits for what is already written to reach the client.
const FLUSH_WAIT: Duration = Duration::from_secs(2);

/// Runs the server on stdin and stdout until `exit` (or the input ends);
/// returns the exit code: 0 after a `shutdown`, 1 without one.
pub fn run() -> i32 {
    let (to_server, incoming) = mpsc::sync_channel(64);
    let (out, to_writer) = mpsc::channel();
    let (written, done) = mpsc::sync_channel(1);
    transport::spawn_reader(std::io::stdin(), to_server);
    transport::spawn_writer(std::io::stdout(), to_writer, written);
    let code = server::serve(&incoming, out);
    // Every sender is gone: the writer ends once what is queued is written.
    let _ = done.recv_timeout(FLUSH_WAIT);
    code
}

/// A notification to the client.
fn notify(method: &str, params: impl Serialize) -> Value {
    let params = serde_json::to_value(params).unwrap_or(Value::Null);
    serde_json::json!({"jsonrpc": "2.0", "method": method, "params": params})
}

/// The answer to request `id`.
fn reply(id: lsp_server::RequestId, result: Result<Value, server::Failure>) -> Value {
    let response_result = result.map_err(|(code, message)| lsp_server::ResponseError {
        code: code as i32,
        message,
        data: None,
    });
    let response = lsp_server::Response {
        id,
        response_result,
    };
    let mut value = serde_json::to_value(response).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        object.insert("jsonrpc".into(), "2.0".into());
    }
    value
}

/// An error answer to a message that could not be read as one (its id may be null).
fn reply_raw(id: Value, code: lsp_server::ErrorCode, why: &str) -> Value {
    serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {"code": code as i32, "message": why},
    })
}
