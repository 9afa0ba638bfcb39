//! Copying over SSH (OSC 52) and opening links: payloads for the terminal
//! (passed through GNU screen when inside it), and the system opener for
//! local sessions.

use crate::model::sanitize::sanitize;
use base64::Engine as _;

/// Terminals cap OSC 52 payloads (xterm, tmux, kitty around 100 KB): larger
/// copies are refused with a message rather than silently truncated.
pub const MAX_PAYLOAD: usize = 100 * 1024;

/// GNU screen keeps at most 767 bytes of a control string (its `MAXSTR` is
/// 768; older builds 256) and prints the rest as text: each piece of a copy
/// passed through it stays well under both.
pub const SCREEN_PIECE: usize = 200;

/// How a copy reaches the terminal's clipboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// OSC 52 as it is: the terminal (or tmux) reads it.
    Direct,
    /// Inside GNU screen, which drops an OSC 52 and prints a long one as
    /// text: the OSC goes out in pieces, each in screen's DCS passthrough
    /// (`ESC P ... ESC \`), whose content screen hands to the terminal
    /// outside unread.
    Screen,
}

impl Route {
    /// The route for the terminal the environment describes.
    pub fn detect(var: impl Fn(&str) -> Option<String>) -> Self {
        if under_screen(var) {
            Self::Screen
        } else {
            Self::Direct
        }
    }
}

/// True inside GNU screen: `STY` is set (unless `TERM` names tmux, which
/// then runs inside screen and is the nearer one), or `TERM` is `screen*`
/// outside tmux.
pub fn under_screen(var: impl Fn(&str) -> Option<String>) -> bool {
    let term = var("TERM").unwrap_or_default();
    let set = |k: &str| var(k).is_some_and(|v| !v.is_empty());
    (set("STY") && !term.starts_with("tmux")) || (term.starts_with("screen") && !set("TMUX"))
}

/// The bytes that put `text` (sanitised) on the clipboard by `route`, or
/// the payload size when it is over the cap.
pub fn osc52(text: &str, route: Route) -> Result<String, usize> {
    let clean = sanitize(text);
    let payload = base64::engine::general_purpose::STANDARD.encode(clean.as_bytes());
    if payload.len() > MAX_PAYLOAD {
        return Err(payload.len());
    }
    Ok(match route {
        // ST (ESC \) rather than BEL: both are accepted, ST is the standard.
        Route::Direct => format!("\x1b]52;c;{payload}\x1b\\"),
        // BEL ends the OSC: an ST inside would end screen's DCS instead.
        Route::Screen => screen_passthrough(&format!("\x1b]52;c;{payload}\x07")),
    })
}

/// `seq` (ASCII) cut into [`SCREEN_PIECE`]-byte pieces, each wrapped in a
/// DCS: screen writes the pieces' contents out back to back, so the
/// terminal outside reads `seq` whole.
fn screen_passthrough(seq: &str) -> String {
    debug_assert!(seq.is_ascii(), "cut at byte boundaries");
    let pieces = seq.len().div_ceil(SCREEN_PIECE);
    let mut out = String::with_capacity(seq.len() + pieces * 4);
    for piece in seq.as_bytes().chunks(SCREEN_PIECE) {
        out.push_str("\x1bP");
        out.push_str(std::str::from_utf8(piece).unwrap_or_default());
        out.push_str("\x1b\\");
    }
    out
}

/// `1.2 KB`, `840 B`.
pub fn human_size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    }
}

/// True on an SSH session, where a local opener would open nothing useful.
pub fn is_ssh(var: impl Fn(&str) -> Option<String>) -> bool {
    var("SSH_CONNECTION").is_some_and(|v| !v.is_empty())
        || var("SSH_TTY").is_some_and(|v| !v.is_empty())
}

/// Opens a URL with the system opener, detached, without waiting for it.
pub fn open_url(url: &str) -> std::io::Result<()> {
    use std::process::{Command, Stdio};
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    Command::new(opener)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(seq: &str) -> String {
        let payload = seq
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix("\x1b\\"))
            .expect("an OSC 52 sequence");
        String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(payload)
                .expect("base64"),
        )
        .expect("utf-8")
    }

    #[test]
    fn payload_is_base64_of_sanitised_text() {
        let seq = osc52("Title\n“quote” \u{1b}]0;pwned\u{7}", Route::Direct).unwrap();
        assert_eq!(decode(&seq), "Title\n“quote” ␛]0;pwned␇");
        assert!(
            !seq[1..seq.len() - 2].contains('\u{1b}'),
            "only the framing is an escape"
        );
    }

    #[test]
    fn payload_over_the_cap_is_refused() {
        let big = "x".repeat(MAX_PAYLOAD);
        for route in [Route::Direct, Route::Screen] {
            let size = osc52(&big, route).unwrap_err();
            assert!(size > MAX_PAYLOAD);
            assert!(osc52(&"x".repeat(MAX_PAYLOAD / 2), route).is_ok());
        }
    }

    /// The contents of the DCS strings in `out`, as screen hands them on;
    /// panics on anything outside a DCS.
    fn dcs_contents(out: &str) -> Vec<&str> {
        let mut rest = out;
        let mut contents = Vec::new();
        while !rest.is_empty() {
            let body = rest.strip_prefix("\x1bP").expect("a DCS starts here");
            let end = body.find("\x1b\\").expect("the DCS ends");
            contents.push(&body[..end]);
            rest = &body[end + 2..];
        }
        contents
    }

    #[test]
    fn under_screen_the_osc_goes_through_in_pieces_screen_keeps() {
        let text = "Über 9000 words ".repeat(100);
        let out = osc52(&text, Route::Screen).unwrap();
        let pieces = dcs_contents(&out);
        assert!(pieces.len() > 1, "{} bytes in one piece", out.len());
        assert!(pieces.iter().all(|p| p.len() <= SCREEN_PIECE));
        // Only the first piece starts with an escape; none holds a second.
        assert!(pieces[1..].iter().all(|p| !p.contains('\u{1b}')));
        assert_eq!(pieces[0].matches('\u{1b}').count(), 1);
        let whole = pieces.concat();
        let seq = whole.strip_suffix('\u{7}').expect("BEL ends the OSC");
        assert_eq!(decode(&format!("{seq}\x1b\\")), text);
        // A short copy is one piece.
        assert_eq!(dcs_contents(&osc52("hi", Route::Screen).unwrap()).len(), 1);
    }

    #[test]
    fn screen_is_detected_unless_tmux_is_nearer() {
        let env = crate::model::fixture::env;
        let screen = |pairs| Route::detect(env(pairs)) == Route::Screen;
        assert!(screen(&[("STY", "1.pts-0.host"), ("TERM", "screen")]));
        // `term xterm-256color` in a screenrc: STY still says screen.
        assert!(screen(&[
            ("STY", "1.pts-0.host"),
            ("TERM", "xterm-256color")
        ]));
        assert!(screen(&[("TERM", "screen.xterm-256color")]));
        // Over SSH from inside screen: no STY on the far side, TERM says it.
        assert!(screen(&[
            ("TERM", "screen-256color"),
            ("SSH_TTY", "/dev/pts/3")
        ]));
        assert!(!screen(&[
            ("TERM", "screen-256color"),
            ("TMUX", "/tmp/t,1,0")
        ]));
        assert!(!screen(&[
            ("STY", "1.x"),
            ("TERM", "tmux-256color"),
            ("TMUX", "/t")
        ]));
        assert!(!screen(&[("TERM", "xterm-256color")]));
        assert!(!screen(&[("STY", ""), ("TERM", "xterm")]));
    }

    #[test]
    fn sizes_and_ssh_detection() {
        assert_eq!(human_size(840), "840 B");
        assert_eq!(human_size(1229), "1.2 KB");
        assert!(is_ssh(
            |k| (k == "SSH_TTY").then(|| "/dev/pts/1".to_string())
        ));
        assert!(!is_ssh(|_| None));
    }
}
