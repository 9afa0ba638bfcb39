//! A small JSON-RPC client for `brief lsp`: the real binary over stdio, as
//! an editor drives it. Frames are read by a thread of its own (written here
//! independently of the server's transport); every wait for a reply is
//! bounded, so a server that misbehaves fails the test instead of hanging it.

use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// The longest wait for any one message (a debug build on a busy machine).
pub const WAIT: Duration = Duration::from_secs(30);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    from_server: Receiver<Value>,
    /// Messages read while waiting for another.
    unread: VecDeque<Value>,
    next_id: i64,
}

/// A frame's body from `r`, `None` at the end.
fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// `text` as the body of a frame.
pub fn frame(text: &str) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", text.len()).into_bytes();
    out.extend_from_slice(text.as_bytes());
    out
}

impl Client {
    /// Starts `brief lsp`.
    pub fn start() -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start brief lsp");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(m) = read_message(&mut r) {
                if tx.send(m).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take();
        Self {
            child,
            stdin,
            from_server: rx,
            unread: VecDeque::new(),
            next_id: 0,
        }
    }

    /// Writes raw bytes to the server.
    pub fn write(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write to brief lsp");
        stdin.flush().expect("flush");
    }

    pub fn send(&mut self, message: &Value) {
        self.write(&frame(&message.to_string()));
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request; its id.
    pub fn request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// The next message that `pred` accepts (others are kept for later).
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.unread.iter().position(&pred) {
            return self.unread.remove(i).expect("just found");
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.from_server.recv_timeout(left) {
                Ok(m) if pred(&m) => return m,
                Ok(m) => self.unread.push_back(m),
                Err(RecvTimeoutError::Timeout) => panic!("no {what} within {WAIT:?}"),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("brief lsp closed its output before {what}")
                }
            }
        }
    }

    /// The response to request `id` (result or error).
    pub fn response(&mut self, id: i64) -> Value {
        self.wait_for(&format!("response {id}"), |m| {
            m["id"] == id && m.get("method").is_none()
        })
    }

    /// Sends a request and returns its result (panics on an error answer).
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.request(method, params);
        let r = self.response(id);
        assert!(r.get("error").is_none(), "{method}: {r}");
        r["result"].clone()
    }

    /// Sends a request that must fail; its error.
    pub fn call_err(&mut self, method: &str, params: Value) -> Value {
        let id = self.request(method, params);
        let r = self.response(id);
        r.get("error")
            .cloned()
            .unwrap_or_else(|| panic!("{method} did not fail: {r}"))
    }

    /// `initialize` with these client capabilities, then `initialized`; the result.
    pub fn initialize(&mut self, capabilities: Value) -> Value {
        let params = json!({"processId": null, "rootUri": null, "capabilities": capabilities});
        let result = self.call("initialize", params);
        self.notify("initialized", json!({}));
        result
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        let doc = json!({"uri": uri, "languageId": "toml", "version": 1, "text": text});
        self.notify("textDocument/didOpen", json!({"textDocument": doc}));
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        let params =
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes});
        self.notify("textDocument/didChange", params);
    }

    /// The diagnostics published for `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(&format!("diagnostics for {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Closes the server's input and waits (bounded) for it to exit; its code.
    pub fn close_and_wait(&mut self) -> i32 {
        self.stdin = None;
        self.wait_exit()
    }

    /// Waits (bounded) for the server to exit; its code.
    pub fn wait_exit(&mut self) -> i32 {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status.code().expect("an exit code, not a signal");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("brief lsp did not exit within {WAIT:?}");
    }

    /// `shutdown`, then `exit`; the exit code.
    pub fn shutdown_and_exit(&mut self) -> i32 {
        assert_eq!(self.call("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.wait_exit()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The document URI the tests use.
pub const URI: &str = "file:///desk/talks.toml";

/// A started and initialised server (UTF-16, related information taken).
pub fn started() -> Client {
    let mut c = Client::start();
    let caps = json!({"textDocument": {"publishDiagnostics": {"relatedInformation": true}}});
    let init = c.initialize(caps);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["serverInfo"]["name"], "brief");
    c
}

/// [`position_of`] in UTF-16.
pub fn at(text: &str, needle: &str, nth: usize, past: usize) -> Value {
    position_of(text, needle, nth, past, false)
}

/// A position in the test document, as requests take it.
pub fn doc_at(pos: Value) -> Value {
    json!({"textDocument": {"uri": URI}, "position": pos})
}

/// A position in `text` as the protocol counts it (UTF-16, or UTF-8 bytes),
/// of the `nth` occurrence of `needle`, `past` characters into it.
pub fn position_of(text: &str, needle: &str, nth: usize, past: usize, utf8: bool) -> Value {
    let at = text.match_indices(needle).nth(nth).expect("the needle").0;
    let at = at + needle.chars().take(past).map(char::len_utf8).sum::<usize>();
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count();
    let col = if utf8 {
        at - line_start
    } else {
        text[line_start..at].encode_utf16().count()
    };
    json!({"line": line, "character": col})
}

/// Applies a list of protocol text edits (UTF-16) to `text`.
pub fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let col = p["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        let rest = &text[start..];
        let mut at = rest.len();
        for (i, c) in rest.char_indices() {
            if units >= col || c == '\n' {
                at = i;
                break;
            }
            units += c.len_utf16();
        }
        start + at
    };
    let mut spans: Vec<(usize, usize, &str)> = (edits.iter())
        .map(|e| {
            let r = &e["range"];
            (
                offset(&r["start"]),
                offset(&r["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new) in spans {
        out.replace_range(start..end, new);
    }
    out
}
