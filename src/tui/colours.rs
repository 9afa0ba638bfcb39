//! The 16 basic colours in their classic SGR codes. crossterm writes every
//! colour as `38;5;N`, the 256-colour form, even the basic sixteen the theme
//! uses; a terminal without 256 colours misreads it (a VT100 takes the `5` for
//! blink), while `30`-`37`, `90`-`97` and their backgrounds draw alike on every
//! colour terminal.

/// Appends `frame` to `out` (a buffer kept from frame to frame) with each
/// `ESC [ ... m` whose colours are among the basic 16 rewritten to the
/// classic codes; every other byte is kept as it is.
pub fn basic_colours_into(frame: &[u8], out: &mut Vec<u8>) {
    let mut rest = frame;
    while let Some(at) = rest.windows(2).position(|w| w == b"\x1b[") {
        out.extend_from_slice(&rest[..at + 2]);
        let params = &rest[at + 2..];
        rest = params;
        // A CSI sequence ends at its first byte in 0x40..=0x7e.
        if let Some(end) = params.iter().position(|b| (0x40..=0x7e).contains(b))
            && params[end] == b'm'
            && params[..end]
                .iter()
                .all(|b| b.is_ascii_digit() || *b == b';')
        {
            rewrite(&params[..end], out);
            out.push(b'm');
            rest = &params[end + 1..];
        }
    }
    out.extend_from_slice(rest);
}

/// Writes the SGR parameters `params` with `38;5;N` and `48;5;N` (N < 16)
/// as single codes; `38;2;R;G;B`, underline colours (`58`) and everything
/// else are copied.
fn rewrite(params: &[u8], out: &mut Vec<u8>) {
    let mut list = params.split(|&b| b == b';').peekable();
    let mut first = true;
    let mut push = |out: &mut Vec<u8>, p: &[u8]| {
        if !std::mem::take(&mut first) {
            out.push(b';');
        }
        out.extend_from_slice(p);
    };
    while let Some(p) = list.next() {
        let colour = matches!(p, b"38" | b"48" | b"58");
        match (colour, list.peek().copied()) {
            (true, Some(b"5")) => {
                list.next();
                let index = list.next();
                match index.and_then(basic) {
                    Some(n) if p != b"58" => {
                        let code = classic(p == b"38", n);
                        let digits = [b'0' + code / 100, b'0' + code / 10 % 10, b'0' + code % 10];
                        push(out, &digits[usize::from(code < 100)..]);
                    }
                    _ => {
                        for q in [Some(p), Some(&b"5"[..]), index].into_iter().flatten() {
                            push(out, q);
                        }
                    }
                }
            }
            (true, Some(b"2")) => {
                push(out, p);
                for q in list.by_ref().take(4) {
                    push(out, q);
                }
            }
            _ => push(out, p),
        }
    }
}

/// A palette index among the basic 16.
fn basic(index: &[u8]) -> Option<u8> {
    let n: u8 = std::str::from_utf8(index).ok()?.parse().ok()?;
    (n < 16).then_some(n)
}

/// The classic code of basic colour `n` as a foreground or background.
fn classic(foreground: bool, n: u8) -> u8 {
    match (foreground, n < 8) {
        (true, true) => 30 + n,
        (true, false) => 90 + n - 8,
        (false, true) => 40 + n,
        (false, false) => 100 + n - 8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basic(s: &str) -> String {
        let mut out = b"kept:".to_vec();
        basic_colours_into(s.as_bytes(), &mut out);
        let out = String::from_utf8(out).expect("utf-8");
        out.strip_prefix("kept:").expect("appended").to_string()
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
