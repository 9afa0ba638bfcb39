//! What a `j` press costs on the wire: bytes written through the real
//! crossterm backend (a counting buffer) on the section view at 120x40, against
//! a full redraw of the same screen. Printed, and the frame itself timed.
//! Read marks are attached (a first visit), as the reader has them.
//!
//! The reader defers previews: a `j` sends the list rows at once and the new
//! preview once input pauses. Printed beside it, the same presses with the
//! preview following at once (the baseline), and a held `j` of 10 rows.

use brief::app::{Action, App, Entry};
use brief::model::load_str;
use brief::tui::{FrameWriter, draw};
use brief::ui::Theme;
use divan::Bencher;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

fn main() {
    for (w, h) in [(120, 40), (79, 40)] {
        let (full, j, settle) = bytes(w, h, true);
        let (_, at_once, _) = bytes(w, h, false);
        println!(
            "{w}x{h} section view: full redraw {full} B; j press {j} B ({:.1}%), \
             preview after the pause {settle} B; without deferral {at_once} B ({:.1}%)",
            pct(j, full),
            pct(at_once, full)
        );
        let (held, baseline) = (held_j(w, h, 10, true), held_j(w, h, 10, false));
        println!(
            "{w}x{h} j held for 10 rows: {held} B deferred, {baseline} B without ({:.1}%)",
            pct(held, baseline)
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
    app.attach_state(&brief::state::StateFile::default());
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

fn pct(part: usize, whole: usize) -> f64 {
    part as f64 * 100.0 / whole as f64
}

/// (bytes of a full redraw, of the frame after one `j`, of the settle frame).
fn bytes(w: u16, h: u16, defer: bool) -> (usize, usize, usize) {
    let (mut app, mut terminal) = setup(w, h);
    app.previews.defer = defer;
    let theme = Theme::colour(false);
    let full = draw(&mut terminal, &app, &theme).expect("full frame");
    app.update(Action::Down);
    let j = draw(&mut terminal, &app, &theme).expect("j frame");
    app.update(Action::SettlePreview);
    (full, j, draw(&mut terminal, &app, &theme).expect("settle"))
}

/// Bytes for `n` presses of `j` (a frame each, as key repeat sends them) and
/// the settle frame after them.
fn held_j(w: u16, h: u16, n: usize, defer: bool) -> usize {
    // A generated section with enough items to move through.
    let loaded = load_str("g", &brief::sample::generate(1, 30)).expect("loads");
    let mut app = App::new(vec![Entry::new("g", Ok(loaded))], false);
    app.attach_state(&brief::state::StateFile::default());
    app.update(Action::Resize(w, h));
    app.update(Action::JumpSection(1));
    let backend = ratatui::backend::CrosstermBackend::new(FrameWriter::new(Vec::new()));
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
    };
    let mut terminal = Terminal::with_options(backend, options).expect("terminal");
    app.previews.defer = defer;
    let theme = Theme::colour(false);
    draw(&mut terminal, &app, &theme).expect("full frame");
    let mut sent = 0;
    for _ in 0..n {
        app.update(Action::Down);
        sent += draw(&mut terminal, &app, &theme).expect("j frame");
    }
    app.update(Action::SettlePreview);
    sent + draw(&mut terminal, &app, &theme).expect("settle")
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
