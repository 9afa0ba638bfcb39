//! The 16 basic colours in their classic SGR codes. crossterm writes every
//! colour as `38;5;N`, the 256-colour form, even the basic sixteen the theme
//! uses; a terminal without 256 colours misreads it (a VT100 takes the `5` for
//! blink), while `30`-`37`, `90`-`97` and their backgrounds draw alike on every
//! colour terminal.

/// `frame` with each `ESC [ ... m` whose colours are among the basic 16
/// rewritten to the classic codes; every other byte is kept as it is.
pub fn basic_colours(frame: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(frame.len());
    let mut rest = frame;
    while let Some(at) = find(rest, b"\x1b[") {
        out.extend_from_slice(&rest[..at]);
        let params = &rest[at + 2..];
        // A CSI sequence ends at its first byte in 0x40..=0x7e.
        match params.iter().position(|b| (0x40..=0x7e).contains(b)) {
            Some(end) if params[end] == b'm' && params[..end].iter().all(is_param) => {
                out.extend_from_slice(b"\x1b[");
                rewrite(&params[..end], &mut out);
                out.push(b'm');
                rest = &params[end + 1..];
            }
            _ => {
                out.extend_from_slice(b"\x1b[");
                rest = params;
            }
        }
    }
    out.extend_from_slice(rest);
    out
}

fn is_param(b: &u8) -> bool {
    b.is_ascii_digit() || *b == b';'
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Writes the SGR parameters `params` with `38;5;N` and `48;5;N` (N < 16)
/// as single codes; `38;2;R;G;B` and everything else are copied.
fn rewrite(params: &[u8], out: &mut Vec<u8>) {
    let list: Vec<&[u8]> = params.split(|&b| b == b';').collect();
    let mut i = 0;
    let mut first = true;
    let mut push = |out: &mut Vec<u8>, p: &[u8]| {
        if !first {
            out.push(b';');
        }
        first = false;
        out.extend_from_slice(p);
    };
    while i < list.len() {
        let (p, next) = (list[i], list.get(i + 1).copied());
        let index = list
            .get(i + 2)
            .and_then(|n| std::str::from_utf8(n).ok()?.parse().ok());
        match (p, next, index) {
            (b"38" | b"48", Some(b"5"), Some(n @ 0..16u8)) => {
                let base = match (p == b"38", n < 8) {
                    (true, true) => 30,
                    (true, false) => 90 - 8,
                    (false, true) => 40,
                    (false, false) => 100 - 8,
                };
                push(out, (base + u16::from(n)).to_string().as_bytes());
                i += 3;
            }
            (b"38" | b"48" | b"58", Some(b"2"), _) => {
                let end = (i + 5).min(list.len());
                for q in &list[i..end] {
                    push(out, q);
                }
                i = end;
            }
            (b"38" | b"48" | b"58", Some(b"5"), _) => {
                let end = (i + 3).min(list.len());
                for q in &list[i..end] {
                    push(out, q);
                }
                i = end;
            }
            _ => {
                push(out, p);
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basic(s: &str) -> String {
        String::from_utf8(basic_colours(s.as_bytes())).expect("utf-8")
    }

    #[test]
    fn the_basic_sixteen_take_their_classic_codes() {
        assert_eq!(basic("\x1b[38;5;8m"), "\x1b[90m");
        assert_eq!(basic("\x1b[38;5;1;48;5;15m"), "\x1b[31;107m");
        assert_eq!(
            basic("a\x1b[38;5;8;49mb\x1b[48;5;0mc"),
            "a\x1b[90;49mb\x1b[40mc"
        );
        assert_eq!(basic("\x1b[1m\x1b[38;5;7m"), "\x1b[1m\x1b[37m");
    }

    #[test]
    fn everything_else_is_kept() {
        for s in [
            "\x1b[38;5;16m",
            "\x1b[48;5;208m",
            "\x1b[38;2;1;2;3m",
            "\x1b[38;2;1;5;3m",
            "\x1b[58;5;3m",
            "\x1b[?2026h\x1b[2;5H",
            "\x1b]8;;https://x\x1b\\link\x1b]8;;\x1b\\",
            "plain \u{2500} text",
            "\x1b[",
            "\x1b[38;5",
        ] {
            assert_eq!(basic(s), s, "{s:?}");
        }
    }
}
