//! `brief lsp`'s lifecycle and robustness, over stdio: requests before
//! `initialize` and after `shutdown`, exit codes, unknown methods, bad
//! parameters, garbage, and positions and edits no editor should send.

use crate::common::lsp::{Client, URI, at, doc_at, frame, started};
use serde_json::{Value, json};

const TEXT: &str = include_str!("../fixtures/lsp/talks.toml");

#[test]
fn the_lifecycle_as_the_specification_says() {
    // Before initialize: requests are refused, notifications dropped.
    let mut c = Client::start();
    let err = c.call_err(
        "textDocument/hover",
        doc_at(json!({"line": 0, "character": 0})),
    );
    assert_eq!(err["code"], -32002);
    c.notify("textDocument/didOpen", json!({}));
    c.initialize(json!({}));
    assert_eq!(
        c.call_err("initialize", json!({"capabilities": {}}))["code"],
        -32600
    );
    // Unknown requests: MethodNotFound; bad parameters: InvalidParams.
    assert_eq!(
        c.call_err("textDocument/formatting", json!({}))["code"],
        -32601
    );
    assert_eq!(
        c.call_err("textDocument/hover", json!({"nope": 1}))["code"],
        -32602
    );
    // A document never opened: nothing, not an error.
    assert_eq!(
        c.call(
            "textDocument/hover",
            doc_at(json!({"line": 0, "character": 0}))
        ),
        Value::Null
    );
    // Garbage: a parse error with a null id, and the server goes on.
    c.write(&frame("{not json"));
    let err = c.wait_for("a parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(err["id"], Value::Null);
    assert_eq!(c.call("shutdown", Value::Null), Value::Null);
    // After shutdown: requests are invalid, and exit ends with 0.
    assert_eq!(
        c.call_err(
            "textDocument/hover",
            doc_at(json!({"line": 0, "character": 0}))
        )["code"],
        -32600
    );
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit(), 0);
}

#[test]
fn exit_without_shutdown_is_1_and_so_is_a_closed_input() {
    let mut c = started();
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit(), 1);
    let mut c = started();
    assert_eq!(c.close_and_wait(), 1);
    let mut c = started();
    assert_eq!(c.call("shutdown", Value::Null), Value::Null);
    assert_eq!(c.close_and_wait(), 0);
}

#[test]
fn positions_past_the_end_and_hostile_edits_never_crash_it() {
    let mut c = started();
    c.open(URI, TEXT);
    let far = json!({"line": 999_999, "character": 4_000_000_000u64});
    let mid_emoji = at(TEXT, "🙂", 0, 0);
    let mid_emoji = json!({"line": mid_emoji["line"], "character": mid_emoji["character"].as_u64().unwrap() + 1});
    for pos in [far.clone(), mid_emoji.clone()] {
        c.call("textDocument/completion", doc_at(pos.clone()));
        c.call("textDocument/hover", doc_at(pos.clone()));
        c.call("textDocument/definition", doc_at(pos));
    }
    let edits = json!([
        {"range": {"start": far, "end": far}, "text": "\n[actor.x]\n"},
        {"range": {"start": mid_emoji, "end": {"line": 0, "character": 0}}, "text": "\u{0}\u{202e}"},
        {"range": {"start": {"line": 3, "character": 0}, "end": far}, "text": "= [[{{\"\"\"\n"},
    ]);
    c.change(URI, 2, edits);
    let diags = c.diagnostics(URI, 2);
    assert!(!diags.is_empty());
    let symbols = c.call(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert!(symbols.is_array());
    assert_eq!(c.shutdown_and_exit(), 0);
}

/// The check runs beside the message loop: a request sent right after a big
/// document is answered before that document's diagnostics arrive.
#[test]
fn requests_are_answered_while_a_check_runs() {
    let mut c = started();
    let big = brief::sample::generate(40, 60);
    assert!(big.len() > 3_000_000);
    c.open(URI, &big);
    let id = c.request("shutdown", Value::Null);
    let first = c.wait_for("the answer or the diagnostics", |m| {
        m["id"] == id || m["method"] == "textDocument/publishDiagnostics"
    });
    assert_eq!(first["id"], id, "the diagnostics came first: {first}");
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit(), 0);
}
