//! Copying over SSH (OSC 52) and opening links: payloads for the terminal,
//! and the system opener for local sessions.

use crate::model::sanitize::sanitize;
use base64::Engine as _;

/// Terminals cap OSC 52 payloads (xterm, tmux, kitty around 100 KB): larger
/// copies are refused with a message rather than silently truncated.
pub const MAX_PAYLOAD: usize = 100 * 1024;

/// The OSC 52 sequence that puts `text` (sanitised) on the clipboard, or the
/// payload size when it is over the cap.
pub fn osc52(text: &str) -> Result<String, usize> {
    let clean = sanitize(text);
    let payload = base64::engine::general_purpose::STANDARD.encode(clean.as_bytes());
    if payload.len() > MAX_PAYLOAD {
        return Err(payload.len());
    }
    // ST (ESC \) rather than BEL: both are accepted, ST is the standard.
    Ok(format!("\x1b]52;c;{payload}\x1b\\"))
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
        let seq = osc52("Title\n“quote” \u{1b}]0;pwned\u{7}").unwrap();
        assert_eq!(decode(&seq), "Title\n“quote” ␛]0;pwned␇");
        assert!(
            !seq[1..seq.len() - 2].contains('\u{1b}'),
            "only the framing is an escape"
        );
    }

    #[test]
    fn payload_over_the_cap_is_refused() {
        let big = "x".repeat(MAX_PAYLOAD);
        let size = osc52(&big).unwrap_err();
        assert!(size > MAX_PAYLOAD);
        assert!(osc52(&"x".repeat(MAX_PAYLOAD / 2)).is_ok());
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
