//! What a keypress costs on the wire: frames go through the real crossterm
//! backend into a counting buffer, and only changed cells are sent.

use brief::app::{Action, App, Entry};
use brief::model::load_path;
use brief::tui::{FrameWriter, draw};
use brief::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{TerminalOptions, Viewport};
use std::path::Path;

/// Bytes of (a full first frame, the frame after one `j`) on the pressure section view.
fn measure(w: u16, h: u16) -> (usize, usize) {
    let loaded = load_path(Path::new("briefings/ukraine-talks-2025-12-02.toml")).expect("loads");
    let mut app = App::new(vec![Entry::new("u", Ok(loaded))], false);
    let backend = CrosstermBackend::new(FrameWriter::new(Vec::<u8>::new()));
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
    };
    let mut terminal = Terminal::with_options(backend, options).expect("terminal");
    let theme = Theme::colour(false);
    app.update(Action::Resize(w, h));
    app.update(Action::JumpSection(3));
    let full = draw(&mut terminal, &app, &theme).expect("first frame");
    app.update(Action::Down);
    let j = draw(&mut terminal, &app, &theme).expect("j frame");
    println!(
        "{w}x{h}: full redraw {full} bytes, j press {j} bytes ({:.1}%)",
        j as f64 * 100.0 / full as f64
    );
    (full, j)
}

#[test]
fn a_j_press_on_the_list_alone_sends_only_the_changed_rows() {
    // One pane (narrow): the move repaints the old and new selection (two
    // rows each) and the status line: five rows, at most 3 bytes a cell, where
    // a repaint of the screen would cost the whole first frame.
    let (w, h) = (79, 40);
    let (full, j) = measure(w, h);
    assert!(j > 0, "the j press changed nothing");
    assert!(
        j <= 5 * usize::from(w) * 3,
        "a j press sent {j} bytes: more than the five rows that changed"
    );
    assert!(
        j * 3 < full,
        "a j press sent {j} bytes, a third of a full redraw ({full})"
    );
}

#[test]
fn a_j_press_with_a_preview_sends_less_than_a_redraw() {
    // At 120x40 the detail pane beside the list shows the newly selected
    // item, so most of the cost is the new preview text.
    let (full, j) = measure(120, 40);
    assert!(j > 0 && j < full, "j {j} vs full {full}");
}
