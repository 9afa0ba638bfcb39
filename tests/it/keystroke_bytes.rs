//! What a keypress costs on the wire: frames go through the real crossterm
//! backend into a counting buffer, and only changed cells are sent.

use brief::app::{Action, App, Entry};
use brief::model::load_path;
use brief::tui::{FrameWriter, draw};
use brief::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::path::Path;

/// What one `j` costs on the pressure section view.
struct Press {
    /// The first frame: every cell.
    full: usize,
    /// The frame the `j` press sends at once.
    j: usize,
    /// The frame sent when input pauses and held previews catch up.
    settle: usize,
    /// A frame with nothing new: the markers and cursor bookkeeping.
    idle: usize,
    /// The screen after `j`, and after the settle.
    after_j: String,
    after_settle: String,
}

/// What a terminal shows after every byte sent so far.
fn screen(terminal: &Terminal<CrosstermBackend<FrameWriter<Vec<u8>>>>, w: u16, h: u16) -> String {
    let nz = |n: u16| std::num::NonZeroU16::new(n).expect("a real size");
    let mut parser = vt100::Parser::new(nz(h), nz(w), 0);
    parser.process(terminal.backend().writer().get_ref());
    parser.screen().contents()
}

fn measure(w: u16, h: u16) -> Press {
    let loaded = load_path(Path::new("briefings/ukraine-talks-2025-12-02.toml")).expect("loads");
    let mut app = App::new(vec![Entry::new("u", Ok(loaded))], false);
    // Read marks, as the reader has them (a first visit: all unread).
    app.attach_state(&brief::state::StateFile::default());
    app.previews.defer = true;
    let mut terminal = crate::common::render::wire_terminal(w, h);
    let theme = Theme::colour(false);
    app.update(Action::Resize(w, h));
    app.update(Action::JumpSection(3));
    let full = draw(&mut terminal, &app, &theme).expect("first frame");
    app.update(Action::Down);
    let j = draw(&mut terminal, &app, &theme).expect("j frame");
    let after_j = screen(&terminal, w, h);
    app.update(Action::SettlePreview);
    let settle = draw(&mut terminal, &app, &theme).expect("settle frame");
    let after_settle = screen(&terminal, w, h);
    let idle = draw(&mut terminal, &app, &theme).expect("idle frame");
    if std::env::var_os("SHOW_J_BYTES").is_some() {
        let bytes = terminal.backend().writer().get_ref();
        eprintln!(
            "{}",
            String::from_utf8_lossy(&bytes[full..full + j]).escape_debug()
        );
    }
    println!(
        "{w}x{h}: full redraw {full} bytes, j press {j} bytes ({:.1}%), preview after the pause {settle} bytes",
        j as f64 * 100.0 / full as f64
    );
    Press {
        full,
        j,
        settle,
        idle,
        after_j,
        after_settle,
    }
}

#[test]
fn a_j_press_on_the_list_alone_sends_only_the_changed_rows() {
    // One pane (narrow): the move repaints the old and new selection (two
    // rows each) and the status line: five rows, at most 3 bytes a cell, where
    // a repaint of the screen would cost the whole first frame.
    let (w, h) = (79, 40);
    let Press {
        full,
        j,
        settle,
        idle,
        ..
    } = measure(w, h);
    assert!(j > 0, "the j press changed nothing");
    assert!(
        j <= 5 * usize::from(w) * 3,
        "a j press sent {j} bytes: more than the five rows that changed"
    );
    assert!(
        j * 3 < full,
        "a j press sent {j} bytes, a third of a full redraw ({full})"
    );
    // No preview on screen: nothing is held, so no settle frame is needed,
    // and one sends no more than an idle frame.
    assert_eq!(settle, idle, "the settle frame sent {settle} bytes");
}

#[test]
fn a_j_press_with_a_preview_sends_the_list_rows_and_the_preview_follows() {
    // At 120x40 the detail pane beside the list shows the selected item. The
    // press itself sends the list rows (at most a quarter of a redraw); the
    // new preview goes out once input pauses.
    let press = measure(120, 40);
    assert!(
        press.j * 4 <= press.full,
        "a j press sent {} bytes, over 25% of a full redraw ({})",
        press.j,
        press.full
    );
    // Words from the two items' bodies, which only the preview shows.
    let (first, second) = ("hawkish", "stepped");
    assert!(
        press.after_j.contains(first) && !press.after_j.contains(second),
        "the preview should still show the first item after j"
    );
    assert!(
        press.after_settle.contains(second),
        "after the pause the preview shows the newly selected item"
    );
    assert!(press.settle > press.j, "the preview text is the bulk of it");
}
