//! Frames on the wire: one buffered write per frame inside synchronised-update
//! markers, nothing at all when a frame would change nothing, and OSC 8
//! hyperlinks re-sent only when they change.

use crate::app::App;
use crate::doc::links::LinkRun;
use crate::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::crossterm::{cursor, queue};
use std::io::{self, Write};

/// Buffers a whole frame and sends it in one write on `commit`; `flush` is
/// deferred so ratatui's own flush does not split the frame.
pub struct FrameWriter<W: Write> {
    inner: W,
    buf: Vec<u8>,
    /// The frame as sent (its colours rewritten), kept to reuse its memory.
    sent: Vec<u8>,
}

impl<W: Write> FrameWriter<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            buf: Vec::with_capacity(1 << 16),
            sent: Vec::new(),
        }
    }

    /// The writer frames go to (what a test's terminal received).
    pub fn get_ref(&self) -> &W {
        &self.inner
    }

    /// Sends the buffered frame, its colours in their basic codes; returns
    /// how many bytes were sent.
    pub fn commit(&mut self) -> io::Result<usize> {
        self.sent.clear();
        super::colours::basic_colours_into(&self.buf, &mut self.sent);
        let n = self.sent.len();
        self.inner.write_all(&self.sent)?;
        self.inner.flush()?;
        self.buf.clear();
        Ok(n)
    }

    /// True when nothing waits to be sent.
    fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// Drops the buffered frame unsent.
    fn discard(&mut self) {
        self.buf.clear();
    }
}

impl<W: Write> Write for FrameWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub type Term<W> = Terminal<CrosstermBackend<FrameWriter<W>>>;

/// What the last frame sent: its hyperlink runs (a run is re-sent only when
/// it changes: unchanged cells keep their link in the terminal) and its
/// cells (a frame that changes none of them is not sent).
#[derive(Debug, Default)]
pub struct Hyperlinks {
    pub enabled: bool,
    sent: Vec<LinkRun>,
    area: ratatui::layout::Rect,
    cells: Buffer,
}

impl Hyperlinks {
    pub fn new(enabled: bool) -> Self {
        Self {
            enabled,
            ..Self::default()
        }
    }

    /// Forget what was sent: the next frame sends every link again (after
    /// anything that repainted every cell plain).
    pub fn forget(&mut self) {
        self.sent.clear();
        self.cells = Buffer::default();
    }

    /// Records the frame's cells; false when they are the last frame's.
    fn note_cells(&mut self, cells: &Buffer) -> bool {
        if *cells == self.cells {
            return false;
        }
        self.cells.area = cells.area;
        // Reuses the last frame's memory: no allocation per frame.
        self.cells.content.clone_from(&cells.content);
        true
    }
}

/// Draws one frame as a single write wrapped in synchronised-update markers
/// (always sent: unlike [`draw_frame`] it keeps no record of the last one).
pub fn draw<W: Write>(terminal: &mut Term<W>, app: &App, theme: &Theme) -> io::Result<usize> {
    draw_frame(terminal, app, theme, &mut Hyperlinks::default())
}

/// [`draw`], plus OSC 8 hyperlinks over the source URLs on screen; sends
/// nothing (and returns 0) when no cell, link or waiting byte would change
/// what the terminal shows: a key that changes nothing costs no bytes.
///
/// The cursor is not compared: only the search prompt shows it, at the end
/// of its drawn text, so it cannot move without a cell changing.
pub fn draw_frame<W: Write>(
    terminal: &mut Term<W>,
    app: &App,
    theme: &Theme,
    links: &mut Hyperlinks,
) -> io::Result<usize> {
    // Bytes written since the last frame (a clear after a resize, a copy)
    // must go out whatever the cells do.
    let waiting = !terminal.backend().writer().is_empty();
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    let (runs, changed) = {
        let frame = terminal.draw(|frame| {
            ui::render(app, theme, frame);
            super::wide::mark_after_flags(frame.buffer_mut());
        })?;
        // Each row's URL as the view that drew it recorded it: never found
        // by matching the text on screen.
        let rows = if links.enabled {
            app.cache.urls.rows()
        } else {
            Vec::new()
        };
        if frame.area != links.area {
            // A resize repainted every cell: every link must be sent again.
            links.sent.clear();
            links.area = frame.area;
        }
        let changed = links.note_cells(frame.buffer);
        (
            crate::doc::links::find(frame.buffer, theme.link, &rows),
            changed,
        )
    };
    let mut linked = false;
    for run in runs.iter().filter(|r| !links.sent.contains(r)) {
        write_link(terminal.backend_mut(), run, theme)?;
        linked = true;
    }
    links.sent = runs;
    if !(waiting || changed || linked) {
        terminal.backend_mut().writer_mut().discard();
        return Ok(0);
    }
    queue!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    terminal.backend_mut().writer_mut().commit()
}

/// Re-sends one run of cells wrapped in an OSC 8 hyperlink, in the link style.
fn write_link(out: &mut impl Write, run: &LinkRun, theme: &Theme) -> io::Result<()> {
    use ratatui::backend::IntoCrossterm;
    use ratatui::crossterm::style::{Attribute, ResetColor, SetAttribute, SetForegroundColor};
    queue!(out, cursor::MoveTo(run.x, run.y))?;
    if let Some(fg) = theme.link.fg {
        queue!(out, SetForegroundColor(fg.into_crossterm()))?;
    }
    queue!(out, SetAttribute(Attribute::Underlined))?;
    // `run.url` passed `is_linkable`: printable ASCII only, no escape inside.
    write!(out, "\x1b]8;;{}\x1b\\{}\x1b]8;;\x1b\\", run.url, run.text)?;
    queue!(out, ResetColor, SetAttribute(Attribute::Reset))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, Entry};
    use ratatui::layout::Rect;
    use ratatui::{TerminalOptions, Viewport};

    fn setup() -> (App, Term<Vec<u8>>) {
        let text = include_str!("../../briefings/ukraine-talks-2025-12-02.toml");
        let loaded = crate::model::load_str("u", text).expect("loads");
        let mut app = App::new(vec![Entry::new("u", Ok(loaded))], false);
        app.update(Action::Resize(80, 24));
        let backend = CrosstermBackend::new(FrameWriter::new(Vec::new()));
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)),
        };
        (
            app,
            Terminal::with_options(backend, options).expect("terminal"),
        )
    }

    #[test]
    fn a_frame_that_changes_nothing_is_not_sent() {
        let (mut app, mut terminal) = setup();
        let theme = Theme::colour(false);
        let mut shown = Hyperlinks::new(false);
        let mut frame = |terminal: &mut Term<Vec<u8>>, app: &App| {
            draw_frame(terminal, app, &theme, &mut shown).expect("frame")
        };
        assert!(frame(&mut terminal, &app) > 0, "the first frame");
        let sent = terminal.backend().writer().get_ref().len();
        assert_eq!(frame(&mut terminal, &app), 0);
        app.update(Action::Up);
        assert_eq!(frame(&mut terminal, &app), 0, "up at the top");
        assert_eq!(terminal.backend().writer().get_ref().len(), sent);
        app.update(Action::Down);
        assert!(frame(&mut terminal, &app) > 0, "a move");
        // Bytes written between frames (a copy) go out with the next one.
        terminal
            .backend_mut()
            .write_all(b"\x1b]52;c;eA==\x1b\\")
            .unwrap();
        assert!(frame(&mut terminal, &app) > 0, "a copy");
        assert!(
            terminal
                .backend()
                .writer()
                .get_ref()
                .ends_with(b"\x1b[?2026l")
        );
        // A repaint (after Ctrl-z, a resize) clears the screen: every cell
        // goes out again although none changed.
        terminal.resize(Rect::new(0, 0, 80, 24)).unwrap();
        let full = frame(&mut terminal, &app);
        assert!(full > 1000, "a repaint sent {full} B");
    }
}
