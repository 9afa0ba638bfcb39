//! The protocol's framing over stdio: `Content-Length` headers, then a JSON
//! body. Reading is bounded (a header line, the number of headers, and the
//! body, [`MAX_MESSAGE`]: a bigger one is skipped unread and reported), and
//! every message written goes through the one JSON writer (`model::json`).
//!
//! lsp-server has a stdio transport, but it allocates whatever a
//! `Content-Length` says and writes with serde_json directly; its message
//! types are used, its transport is not.

use lsp_server::{ErrorCode, Message};
use serde_json::Value;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::sync::mpsc::{Receiver, SyncSender};
use std::thread::JoinHandle;

/// The largest message read: twice the largest briefing file
/// (`model::load::MAX_BYTES`), room for its JSON escapes. A file that big
/// still arrives, and is refused as too large by the loader, as `brief check`
/// refuses it.
pub const MAX_MESSAGE: usize = 2 * crate::model::load::MAX_BYTES as usize;

/// The longest header line, and the most header lines, read.
const MAX_HEADER_LINE: u64 = 4096;
const MAX_HEADERS: usize = 16;

/// What the reader thread hands the server.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A body that is not a JSON-RPC message: its id if it has one, the
    /// error to answer with (not JSON: a parse error; JSON but not a
    /// message: an invalid request), and why.
    Malformed {
        id: Value,
        code: ErrorCode,
        why: String,
    },
    /// A message longer than [`MAX_MESSAGE`], skipped unread.
    TooLarge(usize),
}

/// One framed body, or the length of one that was skipped.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    Body(Vec<u8>),
    TooLarge(usize),
}

/// Reads one frame; `None` at the end of the input. A header that cannot
/// be read is an error: the stream can no longer be framed.
pub fn read_frame(r: &mut impl BufRead) -> io::Result<Option<Frame>> {
    let mut length = None;
    let mut headers = 0;
    loop {
        let mut line = Vec::new();
        let n = r
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return match headers {
                0 => Ok(None),
                _ => Err(invalid("the input ended inside a header")),
            };
        }
        if !line.ends_with(b"\n") {
            return Err(invalid("a header line too long or unterminated"));
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if headers == 0 {
                continue; // stray blank lines between messages
            }
            break;
        }
        headers += 1;
        if headers > MAX_HEADERS {
            return Err(invalid("too many header lines"));
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(invalid("a header line without `:`"));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let n = value.trim().parse::<usize>();
            length = Some(n.map_err(|_| invalid("a Content-Length that is not a number"))?);
        }
    }
    let length = length.ok_or_else(|| invalid("a message without Content-Length"))?;
    if length > MAX_MESSAGE {
        io::copy(&mut r.by_ref().take(length as u64), &mut io::sink())?;
        return Ok(Some(Frame::TooLarge(length)));
    }
    let mut body = vec![0; length];
    r.read_exact(&mut body)?;
    Ok(Some(Frame::Body(body)))
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_string())
}

/// A body as a message, or why it is not one.
pub fn parse(body: &[u8]) -> Incoming {
    let value = match serde_json::from_slice::<Value>(body) {
        Ok(value) => value,
        Err(e) => {
            return Incoming::Malformed {
                id: Value::Null,
                code: ErrorCode::ParseError,
                why: format!("not JSON: {e}"),
            };
        }
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Incoming::Message(m),
        Err(e) => Incoming::Malformed {
            id,
            code: ErrorCode::InvalidRequest,
            why: format!("not a JSON-RPC message: {e}"),
        },
    }
}

/// Reads frames from `input` until it ends (or cannot be framed), handing
/// each to `to`; then the thread ends and `to` is dropped, which tells the
/// server the input is gone.
pub fn spawn_reader(input: impl Read + Send + 'static, to: SyncSender<Incoming>) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let mut input = BufReader::with_capacity(1 << 16, input);
        loop {
            let incoming = match read_frame(&mut input) {
                Ok(Some(Frame::Body(body))) => parse(&body),
                Ok(Some(Frame::TooLarge(n))) => Incoming::TooLarge(n),
                Ok(None) => return,
                Err(e) => {
                    eprintln!("brief lsp: {e}; stopping");
                    return;
                }
            };
            if to.send(incoming).is_err() {
                return;
            }
        }
    })
}

/// One message as a frame: the header and the JSON (from the one writer).
pub fn frame(message: &Value) -> Vec<u8> {
    let json = crate::model::json::line(message).unwrap_or_default();
    let json = json.trim_end_matches('\n');
    let mut out = format!("Content-Length: {}\r\n\r\n", json.len()).into_bytes();
    out.extend_from_slice(json.as_bytes());
    out
}

/// Writes each message from `from` to `output` until every sender is gone
/// (or the output is closed); `done` hears when it has finished.
pub fn spawn_writer(
    mut output: impl Write + Send + 'static,
    from: Receiver<Value>,
    done: SyncSender<()>,
) -> JoinHandle<()> {
    std::thread::spawn(move || {
        for message in from {
            let wrote = output
                .write_all(&frame(&message))
                .and_then(|()| output.flush());
            if wrote.is_err() {
                break;
            }
        }
        let _ = done.send(());
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<io::Result<Option<Frame>>> {
        let mut r = io::Cursor::new(input.to_vec());
        let mut out = Vec::new();
        loop {
            let f = read_frame(&mut r);
            let end = !matches!(f, Ok(Some(_)));
            out.push(f);
            if end {
                return out;
            }
        }
    }

    #[test]
    fn frames_are_read_by_their_length() {
        let input = b"Content-Length: 2\r\n\r\n{}\r\nContent-Type: x\r\ncontent-length:3\n\n[1]";
        let got = frames(input);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].as_ref().unwrap(), &Some(Frame::Body(b"{}".to_vec())));
        assert_eq!(
            got[1].as_ref().unwrap(),
            &Some(Frame::Body(b"[1]".to_vec()))
        );
        assert!(matches!(got[2], Ok(None)));
    }

    #[test]
    fn a_message_over_the_limit_is_skipped_and_the_next_one_read() {
        let big = MAX_MESSAGE + 1;
        let mut input = format!("Content-Length: {big}\r\n\r\n").into_bytes();
        input.resize(input.len() + big, b' ');
        input.extend_from_slice(b"Content-Length: 2\r\n\r\n{}");
        let got = frames(&input);
        assert_eq!(got[0].as_ref().unwrap(), &Some(Frame::TooLarge(big)));
        assert_eq!(got[1].as_ref().unwrap(), &Some(Frame::Body(b"{}".to_vec())));
    }

    #[test]
    fn bad_headers_are_errors_not_allocations() {
        let long = format!("X: {}\r\n\r\n", "a".repeat(5000));
        for input in [
            b"Content-Length: 99999999999999999999\r\n\r\n".as_slice(),
            b"Content-Length: -1\r\n\r\n",
            b"no colon here\r\n\r\n",
            b"Content-Type: x\r\n\r\n{}",
            b"Content-Length: 2\r\n",
            long.as_bytes(),
        ] {
            let got = frames(input);
            assert!(
                got.last().unwrap().is_err(),
                "{:?}",
                String::from_utf8_lossy(input)
            );
        }
        let many = "A: b\r\n".repeat(MAX_HEADERS + 1) + "\r\n";
        assert!(frames(many.as_bytes())[0].is_err());
        // Too short a body: an error, not a hang.
        assert!(frames(b"Content-Length: 10\r\n\r\n{}")[0].is_err());
    }

    #[test]
    fn written_frames_escape_what_a_terminal_would_act_on() {
        let out = frame(&serde_json::json!({"m": "\u{9b}2J é"}));
        let text = String::from_utf8(out).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert_eq!(head, format!("Content-Length: {}", body.len()));
        assert!(body.contains("\\u009b2J é"), "{body}");
    }

    #[test]
    fn bodies_parse_into_messages_or_say_why_not() {
        let req = br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        assert!(matches!(parse(req), Incoming::Message(Message::Request(_))));
        let Incoming::Malformed { id, code, .. } = parse(b"{not json") else {
            panic!("not JSON is malformed");
        };
        assert_eq!(
            (id, code as i32),
            (Value::Null, ErrorCode::ParseError as i32)
        );
        let Incoming::Malformed { id, code, .. } = parse(br#"{"id": 7, "x": 1}"#) else {
            panic!("not a message is malformed");
        };
        assert_eq!(
            (id, code as i32),
            (7.into(), ErrorCode::InvalidRequest as i32)
        );
    }
}
