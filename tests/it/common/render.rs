//! Rendering helpers for the hostile-input tests: draw the app into a test
//! backend and read the cells back.

#![allow(dead_code)]

use brief::app::{Action, App, Entry};
use brief::model::Loaded;
use brief::model::sanitize::is_clean;
use brief::ui::{Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// A reader on one loaded briefing.
pub fn app(loaded: Loaded) -> App {
    App::new(vec![Entry::new("hostile", Ok(loaded))], false)
}

/// Renders one frame at `w`x`h` and returns the buffer.
pub fn draw(app: &mut App, w: u16, h: u16) -> Buffer {
    app.update(Action::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("backend");
    let theme = Theme::colour(false);
    terminal.draw(|f| render(app, &theme, f)).expect("draw");
    terminal.backend().buffer().clone()
}

/// The buffer as a terminal shows it, one line per row: the placeholder cell
/// after a wide character is not printed.
pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

/// Panics if any cell holds a control, C1, bidi or invisible format character
/// (ZWJ and VS15/VS16 only where the sanitiser keeps them, next to emoji).
pub fn assert_clean(buf: &Buffer, context: &str) {
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            assert!(
                is_clean(sym),
                "{context}: cell ({x},{y}) holds {sym:?}\n{}",
                text(buf)
            );
        }
    }
}

/// Action paths that reach every view of a briefing with actors and sources.
pub fn every_view() -> Vec<Vec<Action>> {
    use Action::*;
    vec![
        vec![],
        vec![Open],
        vec![Open, Open],
        vec![Down, Open],
        vec![Down, Open, Open],
        vec![Down, Open, Open, NextLink, Open],
        vec![Down, Open, Open, NextLink, NextLink, Open],
        vec![Down, Down, Open, Open],
        vec![JumpSection(1), Open],
        vec![JumpSection(1), Open, Down],
        vec![JumpSection(1), Open, NextLink, Open],
        vec![JumpSection(1), Open, NextLink, NextLink, Open],
        vec![Open, Open, NextLink, Open],
        vec![Open, Open, NextLink, NextLink, Open],
        vec![Open, Open, PrevLink, Open],
        vec![ActorIndex],
        vec![ActorIndex, Open],
        vec![JumpSection(1), ToggleMatrix],
        vec![JumpSection(2), ToggleMatrix],
        vec![ToggleHelp],
        vec![Search, Input('e'), InputSubmit],
        vec![Search, Input('e')],
        vec![Palette, Input('a')],
    ]
}

/// A terminal of `w`x`h` whose frames go, as the reader sends them, into a
/// byte buffer: for counting what a key costs on the wire.
pub fn wire_terminal(
    w: u16,
    h: u16,
) -> Terminal<ratatui::backend::CrosstermBackend<brief::tui::FrameWriter<Vec<u8>>>> {
    let backend =
        ratatui::backend::CrosstermBackend::new(brief::tui::FrameWriter::new(Vec::<u8>::new()));
    let options = ratatui::TerminalOptions {
        viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, w, h)),
    };
    Terminal::with_options(backend, options).expect("terminal")
}
