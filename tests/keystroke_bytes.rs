//! What a keypress costs on the wire: frames go through the real crossterm
//! backend into a counting buffer. A `j` on the section view must send a small
//! fraction of a full redraw (only the changed cells).

use brief::app::{Action, App, Entry};
use brief::model::load_path;
use brief::tui::{FrameWriter, draw};
use brief::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{TerminalOptions, Viewport};
use std::path::Path;

#[test]
fn a_j_press_sends_a_fraction_of_a_full_redraw() {
    let loaded = load_path(Path::new("briefings/ukraine-talks-2025-12-02.toml")).expect("loads");
    let mut app = App::new(vec![Entry::new("u", Ok(loaded))], false);
    let (w, h) = (120, 40);
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
        "full redraw {full} bytes, j press {j} bytes ({:.1}%)",
        j as f64 * 100.0 / full as f64
    );
    assert!(j > 0, "the j press changed nothing");
    assert!(
        j * 4 <= full,
        "a j press sent {j} bytes, more than 25% of a full redraw ({full})"
    );
}
