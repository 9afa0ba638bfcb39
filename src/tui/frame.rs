//! Frames on the wire: one buffered write per frame inside synchronised-update
//! markers, and OSC 8 hyperlinks re-sent only when they change.

use crate::app::App;
use crate::doc::links::LinkRun;
use crate::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
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

/// Hyperlink runs sent with the last frame: a run is re-sent only when it
/// changes (unchanged cells keep their link in the terminal).
#[derive(Debug, Default)]
pub struct Hyperlinks {
    pub enabled: bool,
    sent: Vec<LinkRun>,
    area: ratatui::layout::Rect,
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
    }
}

/// Draws one frame as a single write wrapped in synchronised-update markers.
pub fn draw<W: Write>(terminal: &mut Term<W>, app: &App, theme: &Theme) -> io::Result<usize> {
    draw_frame(terminal, app, theme, &mut Hyperlinks::default())
}

/// [`draw`], plus OSC 8 hyperlinks over the source URLs on screen.
pub fn draw_frame<W: Write>(
    terminal: &mut Term<W>,
    app: &App,
    theme: &Theme,
    links: &mut Hyperlinks,
) -> io::Result<usize> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    let runs = {
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
        crate::doc::links::find(frame.buffer, theme.link, &rows)
    };
    for run in runs.iter().filter(|r| !links.sent.contains(r)) {
        write_link(terminal.backend_mut(), run, theme)?;
    }
    links.sent = runs;
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
