//! The client's keys: the bytes an SSH channel carries, parsed into the
//! crossterm events the reader's loop takes. The parsing is terminput's (a
//! maintained port of crossterm's own Unix parser, which crossterm does not
//! expose); this module feeds it the way crossterm's reader does and maps
//! its events across.

use ratatui::crossterm::event as ct;
use terminput as ti;

/// An escape sequence longer than this is not one a terminal sends: it is
/// dropped rather than buffered without end.
pub const MAX_SEQUENCE: usize = 256;

/// Bytes in, events out; keeps a sequence split across packets.
#[derive(Debug, Default)]
pub struct InputParser {
    buf: Vec<u8>,
}

impl InputParser {
    /// Parses `data`, calling `emit` for each whole event. A lone ESC with
    /// more bytes behind it in the same packet starts a sequence (or an
    /// Alt-key); at the end of a packet it is the Esc key, as crossterm reads it.
    pub fn feed(&mut self, data: &[u8], mut emit: impl FnMut(ct::Event)) {
        let mut skip_to = 0;
        for (i, &byte) in data.iter().enumerate() {
            if i < skip_to {
                continue;
            }
            // A control string (OSC, DCS, APC, PM, SOS) ended in the same
            // packet is a terminal's answer or a paste of one, never keys:
            // its payload is dropped, not read as key presses. Without its
            // end in sight it is an Alt-key, as crossterm reads it.
            if self.buf == [0x1b]
                && matches!(byte, b']' | b'P' | b'_' | b'^' | b'X')
                && let Some(end) = control_string_end(&data[i + 1..])
            {
                self.buf.clear();
                skip_to = i + 1 + end;
                continue;
            }
            self.buf.push(byte);
            let more = i + 1 < data.len();
            if self.buf == [0x1b] && more {
                continue;
            }
            match ti::Event::parse_from(&self.buf) {
                Ok(Some(event)) => {
                    self.buf.clear();
                    if let Some(event) = convert(event) {
                        emit(event);
                    }
                }
                Ok(None) if self.buf.len() < MAX_SEQUENCE => {}
                Ok(None) | Err(_) => self.buf.clear(),
            }
        }
    }
}

/// A control string's payload is at most this long: past it, what follows
/// is read as keys again.
const MAX_CONTROL_STRING: usize = 4096;

/// Where a control string's payload `rest` ends, past its terminator (BEL,
/// or ST: `ESC \`), if that is within [`MAX_CONTROL_STRING`] bytes.
fn control_string_end(rest: &[u8]) -> Option<usize> {
    let rest = &rest[..rest.len().min(MAX_CONTROL_STRING)];
    let at = rest.iter().position(|&b| b == 0x07 || b == 0x1b)?;
    match rest[at] {
        0x07 => Some(at + 1),
        _ => (rest.get(at + 1) == Some(&b'\\')).then_some(at + 2),
    }
}

/// terminput's event as crossterm's; `None` for what the reader never gets
/// from a terminal's bytes (a resize comes from the SSH window-change).
fn convert(event: ti::Event) -> Option<ct::Event> {
    Some(match event {
        ti::Event::Key(k) => ct::Event::Key(key(k)?),
        ti::Event::Mouse(m) => ct::Event::Mouse(ct::MouseEvent {
            kind: mouse_kind(m.kind)?,
            column: m.column,
            row: m.row,
            modifiers: modifiers(m.modifiers),
        }),
        ti::Event::FocusGained => ct::Event::FocusGained,
        ti::Event::FocusLost => ct::Event::FocusLost,
        ti::Event::Paste(text) => ct::Event::Paste(text),
        ti::Event::Resize { .. } => return None,
    })
}

fn key(k: ti::KeyEvent) -> Option<ct::KeyEvent> {
    let kind = match k.kind {
        ti::KeyEventKind::Press => ct::KeyEventKind::Press,
        ti::KeyEventKind::Repeat => ct::KeyEventKind::Repeat,
        ti::KeyEventKind::Release => ct::KeyEventKind::Release,
    };
    let mut event = ct::KeyEvent::new(code(k.code)?, modifiers(k.modifiers));
    event.kind = kind;
    Some(event)
}

fn code(c: ti::KeyCode) -> Option<ct::KeyCode> {
    use ct::KeyCode as C;
    Some(match c {
        ti::KeyCode::Backspace => C::Backspace,
        ti::KeyCode::Enter => C::Enter,
        ti::KeyCode::Left => C::Left,
        ti::KeyCode::Right => C::Right,
        ti::KeyCode::Up => C::Up,
        ti::KeyCode::Down => C::Down,
        ti::KeyCode::Home => C::Home,
        ti::KeyCode::End => C::End,
        ti::KeyCode::PageUp => C::PageUp,
        ti::KeyCode::PageDown => C::PageDown,
        ti::KeyCode::Tab => C::Tab,
        ti::KeyCode::Delete => C::Delete,
        ti::KeyCode::Insert => C::Insert,
        ti::KeyCode::F(n) => C::F(n),
        ti::KeyCode::Char(c) => C::Char(c),
        ti::KeyCode::Esc => C::Esc,
        ti::KeyCode::CapsLock => C::CapsLock,
        ti::KeyCode::ScrollLock => C::ScrollLock,
        ti::KeyCode::NumLock => C::NumLock,
        ti::KeyCode::PrintScreen => C::PrintScreen,
        ti::KeyCode::Pause => C::Pause,
        ti::KeyCode::Menu => C::Menu,
        ti::KeyCode::KeypadBegin => C::KeypadBegin,
        // Media and lone modifier keys mean nothing to the reader.
        ti::KeyCode::Media(_) | ti::KeyCode::Modifier(..) => return None,
    })
}

fn modifiers(m: ti::KeyModifiers) -> ct::KeyModifiers {
    let pairs = [
        (ti::KeyModifiers::SHIFT, ct::KeyModifiers::SHIFT),
        (ti::KeyModifiers::ALT, ct::KeyModifiers::ALT),
        (ti::KeyModifiers::CTRL, ct::KeyModifiers::CONTROL),
        (ti::KeyModifiers::SUPER, ct::KeyModifiers::SUPER),
        (ti::KeyModifiers::HYPER, ct::KeyModifiers::HYPER),
        (ti::KeyModifiers::META, ct::KeyModifiers::META),
    ];
    pairs
        .into_iter()
        .filter(|(t, _)| m.contains(*t))
        .fold(ct::KeyModifiers::NONE, |acc, (_, c)| acc | c)
}

fn mouse_kind(k: ti::MouseEventKind) -> Option<ct::MouseEventKind> {
    use ct::MouseEventKind as M;
    let button = |b: ti::MouseButton| match b {
        ti::MouseButton::Left => Some(ct::MouseButton::Left),
        ti::MouseButton::Right => Some(ct::MouseButton::Right),
        ti::MouseButton::Middle => Some(ct::MouseButton::Middle),
        ti::MouseButton::Unknown => None,
    };
    Some(match k {
        ti::MouseEventKind::Down(b) => M::Down(button(b)?),
        ti::MouseEventKind::Up(b) => M::Up(button(b)?),
        ti::MouseEventKind::Drag(b) => M::Drag(button(b)?),
        ti::MouseEventKind::Moved => M::Moved,
        ti::MouseEventKind::Scroll(ti::ScrollDirection::Up) => M::ScrollUp,
        ti::MouseEventKind::Scroll(ti::ScrollDirection::Down) => M::ScrollDown,
        ti::MouseEventKind::Scroll(ti::ScrollDirection::Left) => M::ScrollLeft,
        ti::MouseEventKind::Scroll(ti::ScrollDirection::Right) => M::ScrollRight,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ct::{Event, KeyCode, KeyEvent, KeyModifiers};

    fn parse(packets: &[&[u8]]) -> Vec<Event> {
        let mut parser = InputParser::default();
        let mut out = Vec::new();
        for p in packets {
            parser.feed(p, |e| out.push(e));
        }
        out
    }

    fn press(code: KeyCode, m: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, m))
    }

    /// A control string with its end in the packet (a terminal's answer
    /// to a query, or a paste of one) is dropped whole: its payload's `q`
    /// does not quit, its `/` does not search. Without its end in sight,
    /// `ESC ]` is Alt-], as before.
    #[test]
    fn control_strings_are_dropped_not_read_as_keys() {
        let none = KeyModifiers::NONE;
        let j = press(KeyCode::Char('j'), none);
        assert_eq!(parse(&[b"\x1b]0;q\x07j"]), vec![j.clone()]);
        assert_eq!(parse(&[b"\x1bP+q544e\x1b\\j"]), vec![j.clone()]);
        assert_eq!(
            parse(&[b"\x1b]11;rgb:0000/0000/0000\x1b\\j"]),
            vec![j.clone()]
        );
        assert_eq!(parse(&[b"\x1b_Gi=1;OK\x1b\\j"]), vec![j.clone()]);
        assert_eq!(
            parse(&[b"\x1b]q"]),
            vec![
                press(KeyCode::Char(']'), KeyModifiers::ALT),
                press(KeyCode::Char('q'), none)
            ]
        );
        // Too long to be a terminal's answer: read as keys again.
        let mut long = b"\x1b]".to_vec();
        long.extend(std::iter::repeat_n(b'x', MAX_CONTROL_STRING + 10));
        long.push(0x07);
        assert!(parse(&[&long]).len() > MAX_CONTROL_STRING);
    }

    #[test]
    fn keys_arrows_and_alt_keys_parse_as_crossterm_reads_them() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            parse(&[b"j\x1b[Bq\r\x7f\x03"]),
            vec![
                press(KeyCode::Char('j'), none),
                press(KeyCode::Down, none),
                press(KeyCode::Char('q'), none),
                press(KeyCode::Enter, none),
                press(KeyCode::Backspace, none),
                press(KeyCode::Char('c'), KeyModifiers::CONTROL),
            ]
        );
        assert_eq!(
            parse(&[b"\x1bj"]),
            vec![press(KeyCode::Char('j'), KeyModifiers::ALT)]
        );
        // A lone ESC at the end of a packet is the Esc key.
        assert_eq!(parse(&[b"\x1b"]), vec![press(KeyCode::Esc, none)]);
        // Multi-byte UTF-8 and a CSI split across packets.
        assert_eq!(
            parse(&[b"\xc3", b"\xa9", b"\x1b[", b"A"]),
            vec![press(KeyCode::Char('é'), none), press(KeyCode::Up, none)]
        );
    }

    #[test]
    fn sgr_mouse_wheel_and_clicks_map_across() {
        let events = parse(&[b"\x1b[<65;10;5M\x1b[<0;3;4M"]);
        assert!(
            matches!(
                &events[..],
                [
                    Event::Mouse(ct::MouseEvent {
                        kind: ct::MouseEventKind::ScrollDown,
                        column: 9,
                        row: 4,
                        ..
                    }),
                    Event::Mouse(ct::MouseEvent {
                        kind: ct::MouseEventKind::Down(ct::MouseButton::Left),
                        column: 2,
                        row: 3,
                        ..
                    }),
                ]
            ),
            "{events:?}"
        );
    }

    #[test]
    fn garbage_and_endless_sequences_are_dropped_not_buffered() {
        let mut parser = InputParser::default();
        let mut endless = b"\x1b[".to_vec();
        endless.extend(std::iter::repeat_n(b'1', 10_000));
        parser.feed(&endless, |_| {});
        assert!(parser.buf.len() < MAX_SEQUENCE, "{}", parser.buf.len());
        // Every byte value, twice over: no panic, and keys still parse after.
        let all: Vec<u8> = (0..=255u8).chain(0..=255u8).collect();
        parser.feed(&all, |_| {});
        let mut after = Vec::new();
        parser.feed(b"\x1b[0mj", |_| {});
        parser.feed(b"j", |e| after.push(e));
        assert_eq!(after, vec![press(KeyCode::Char('j'), KeyModifiers::NONE)]);
    }
}
