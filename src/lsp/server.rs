//! The server loop: the protocol's lifecycle (`initialize`, `shutdown`,
//! `exit`), the notifications that open, change and close documents, and
//! requests, answered from memory. Each message is handled behind a panic
//! guard, the last resort: a bug answers one request with an error, and the
//! server goes on.

use super::convert::Options;
use super::diagnostics::{Checker, Job};
use super::document::{Document, Documents};
use super::position::Encoding;
use super::transport::{Incoming, MAX_MESSAGE};
use super::{notify, requests};
use ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    MessageType, PublishDiagnosticsParams, ShowMessageParams,
};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId};
use serde_json::Value;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, Sender};

/// Where the session is in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Uninitialized,
    Running,
    ShutDown,
}

/// An error answer: the code and message.
pub type Failure = (ErrorCode, String);

pub struct Server {
    out: Sender<Value>,
    pub docs: Documents,
    checker: Checker,
    pub opts: Options,
    state: State,
}

/// Serves the messages from `incoming` until `exit` or the end of the
/// input; the exit code: 0 after a `shutdown`, 1 without one.
pub fn serve(incoming: &Receiver<Incoming>, out: Sender<Value>) -> i32 {
    let mut server = Server {
        checker: Checker::spawn(out.clone()),
        out,
        docs: Documents::default(),
        opts: Options {
            encoding: Encoding::Utf16,
            related: false,
        },
        state: State::Uninitialized,
    };
    while let Ok(incoming) = incoming.recv() {
        match incoming {
            Incoming::Message(Message::Notification(n)) if n.method == "exit" => break,
            Incoming::Message(Message::Notification(n)) => server.notification(n),
            Incoming::Message(Message::Request(r)) => server.request(r),
            // The server sends no requests, so there is nothing to match a response to.
            Incoming::Message(Message::Response(_)) => {}
            Incoming::Malformed { id, code, why } => server.send(super::reply_raw(id, code, &why)),
            Incoming::TooLarge(n) => server.show_error(&format!(
                "brief lsp: a message of {n} bytes was skipped (the limit is {MAX_MESSAGE} bytes)"
            )),
        }
    }
    i32::from(server.state != State::ShutDown)
}

impl Server {
    fn send(&self, message: Value) {
        let _ = self.out.send(message);
    }

    fn show_error(&self, message: &str) {
        let params = ShowMessageParams {
            typ: MessageType::ERROR,
            message: message.to_string(),
        };
        self.send(notify("window/showMessage", params));
    }

    fn answer(&self, id: RequestId, result: Result<Value, Failure>) {
        self.send(super::reply(id, result));
    }

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        let result = match (self.state, req.method.as_str()) {
            (State::Uninitialized, "initialize") => {
                let (result, opts) = requests::initialize(&req.params);
                self.opts = opts;
                self.state = State::Running;
                Ok(result)
            }
            (State::Uninitialized, _) => Err((
                ErrorCode::ServerNotInitialized,
                "the server has not been initialized".into(),
            )),
            (_, "initialize") => Err((ErrorCode::InvalidRequest, "already initialized".into())),
            (State::ShutDown, _) => Err((
                ErrorCode::InvalidRequest,
                "the server is shutting down".into(),
            )),
            (State::Running, "shutdown") => {
                self.state = State::ShutDown;
                Ok(Value::Null)
            }
            (State::Running, _) => guarded(&req.method, || requests::handle(self, &req)),
        };
        self.answer(id, result);
    }

    fn notification(&mut self, n: Notification) {
        if self.state != State::Running {
            return; // before `initialize` and after `shutdown`, only `exit` counts
        }
        let method = n.method.clone();
        let result = guarded(&method, || {
            self.document_notification(n);
            Ok(Value::Null)
        });
        if let Err((_, message)) = result {
            self.show_error(&message);
        }
    }

    fn document_notification(&mut self, n: Notification) {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    let uri = d.uri.clone();
                    self.docs.open(Document::new(d.uri, d.version, d.text));
                    self.check(&uri);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) {
                    let enc = self.opts.encoding;
                    let uri = p.text_document.uri;
                    if let Some(doc) = self.docs.get_mut(&uri) {
                        doc.change(p.text_document.version, p.content_changes, enc);
                        self.check(&uri);
                    }
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    self.docs.close(&uri);
                    self.checker.forget(&uri);
                    let params = PublishDiagnosticsParams::new(uri, Vec::new(), None);
                    self.send(notify("textDocument/publishDiagnostics", params));
                }
            }
            _ => {} // `initialized`, `$/cancelRequest`, `didSave`, ...: nothing to do
        }
    }

    /// Hands a snapshot of the document to the checker thread.
    fn check(&self, uri: &ls_types::Uri) {
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        self.checker.check(Job {
            uri: doc.uri.clone(),
            version: doc.version,
            text: std::sync::Arc::clone(&doc.text),
            opts: self.opts,
        });
    }
}

/// Runs a handler, turning a panic into an internal error.
fn guarded(method: &str, f: impl FnOnce() -> Result<Value, Failure>) -> Result<Value, Failure> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err((
            ErrorCode::InternalError,
            format!("brief lsp failed on `{method}` (its standard error says where)"),
        ))
    })
}
