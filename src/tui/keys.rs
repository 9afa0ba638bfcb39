//! Key events as the terminal sends them, turned into the keys the user
//! pressed: an Alt-<key> nothing binds is Esc followed by <key>.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// The keys behind one event, in order (one, or two for an Alt-<key>).
///
/// A terminal sends Alt-<key> as `ESC <key>`, the same bytes as Esc pressed
/// just before <key>; GNU screen with mouse reporting on holds a lone Esc
/// until the next key and sends the pair that way. No binding uses Alt (a
/// [`Key`](crate::app::keymap::Key) has none), so every Alt-<key> is read
/// as Esc, then <key> without the Alt.
pub fn split_alt(event: Event) -> impl Iterator<Item = Event> {
    let (esc, event) = match event {
        Event::Key(key)
            if key.modifiers.contains(KeyModifiers::ALT) && key.kind == KeyEventKind::Press =>
        {
            let esc = KeyEvent::new_with_kind(KeyCode::Esc, KeyModifiers::NONE, key.kind);
            let rest = KeyEvent {
                modifiers: key.modifiers - KeyModifiers::ALT,
                ..key
            };
            (Some(Event::Key(esc)), Event::Key(rest))
        }
        other => (None, other),
    };
    esc.into_iter().chain(std::iter::once(event))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(event: Event) -> Vec<Event> {
        split_alt(event).collect()
    }

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn alt_key_is_esc_then_the_key() {
        let esc = key(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(
            keys(key(KeyCode::Char('j'), KeyModifiers::ALT)),
            [esc.clone(), key(KeyCode::Char('j'), KeyModifiers::NONE)]
        );
        // Other modifiers stay with the key: Esc, then Ctrl-n.
        assert_eq!(
            keys(key(
                KeyCode::Char('n'),
                KeyModifiers::ALT | KeyModifiers::CONTROL
            )),
            [esc.clone(), key(KeyCode::Char('n'), KeyModifiers::CONTROL)]
        );
        assert_eq!(
            keys(key(KeyCode::Esc, KeyModifiers::ALT)),
            [esc.clone(), esc]
        );
    }

    #[test]
    fn other_events_pass_unchanged() {
        for event in [
            key(KeyCode::Char('j'), KeyModifiers::NONE),
            key(KeyCode::Esc, KeyModifiers::NONE),
            key(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Event::Resize(80, 24),
            Event::FocusGained,
        ] {
            assert_eq!(keys(event.clone()), [event]);
        }
        let mut release = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::ALT);
        release.kind = KeyEventKind::Release;
        assert_eq!(keys(Event::Key(release)), [Event::Key(release)]);
    }
}
