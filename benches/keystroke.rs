//! What a `j` press costs on the wire: bytes written through the real
//! crossterm backend (a counting buffer) on the section view at 120x40, against
//! a full redraw of the same screen. Printed, and the frame itself timed.

use brief::app::{Action, App, Entry};
use brief::model::load_str;
use brief::tui::{FrameWriter, draw};
use brief::ui::Theme;
use divan::Bencher;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

fn main() {
    for (w, h) in [(120, 40), (79, 40)] {
        let (full, j) = bytes(w, h);
        println!(
            "{w}x{h} section view: full redraw {full} B, j press {j} B ({:.1}%)",
            j as f64 * 100.0 / full as f64
        );
    }
    divan::main();
}

fn setup(
    w: u16,
    h: u16,
) -> (
    App,
    Terminal<ratatui::backend::CrosstermBackend<FrameWriter<Vec<u8>>>>,
) {
    let loaded = load_str(
        "u",
        include_str!("../briefings/ukraine-talks-2025-12-02.toml"),
    )
    .expect("loads");
    let mut app = App::new(vec![Entry::new("u", Ok(loaded))], false);
    app.update(Action::Resize(w, h));
    app.update(Action::JumpSection(3));
    let backend = ratatui::backend::CrosstermBackend::new(FrameWriter::new(Vec::new()));
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
    };
    (
        app,
        Terminal::with_options(backend, options).expect("terminal"),
    )
}

/// (bytes of a full redraw, bytes of the frame after one `j`).
fn bytes(w: u16, h: u16) -> (usize, usize) {
    let (mut app, mut terminal) = setup(w, h);
    let theme = Theme::colour(false);
    let full = draw(&mut terminal, &app, &theme).expect("full frame");
    app.update(Action::Down);
    (full, draw(&mut terminal, &app, &theme).expect("j frame"))
}

/// A `j` and the frame it causes, alternating down and up so the screen changes every time.
#[divan::bench(sample_count = 100)]
fn j_press_frame_120x40(bencher: Bencher) {
    let (mut app, mut terminal) = setup(120, 40);
    let theme = Theme::colour(false);
    draw(&mut terminal, &app, &theme).expect("first frame");
    let mut down = true;
    bencher.bench_local(|| {
        app.update(if down { Action::Down } else { Action::Up });
        down = !down;
        draw(&mut terminal, &app, &theme).expect("frame")
    });
}
