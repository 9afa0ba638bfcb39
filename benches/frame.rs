//! Drawing a frame: each view into a TestBackend at 80x24, 160x48 and 300x100,
//! on the Ukraine briefing and on a ~12 MB one. Steady state: the view is drawn
//! once before timing, so wrap caches are warm as they are after the first frame.
//!
//! Every app has read marks attached (a first visit: nothing read yet), as
//! the reader has unless it runs with `--no-state`.
//!
//! `first_frame` is the reader's first frame at 80x24: a fresh `App` each
//! time, so nothing is cached yet (the wrapping of the bottom line and the
//! unread counts included). As a first visit it hashes nothing;
//! `first_frame_returning` is a returning reader who has read every item, so
//! the first frame also hashes the items of the sections it shows.
//!
//! `render_only_300` is brief's own part of the 300x100 frames (`BIG` = 0 for
//! Ukraine, 1 for the 12 MB briefing): the rest of a frame is ratatui's diff.
//!
//! `same_screen_1_5mb` is the control: the first 4 sections of the 12 MB
//! briefing (the generator is one deterministic stream, so they are the same
//! text), a tenth of the document with the same 250-item sections on screen.
//! Equal times there and on `big_12mb` mean a frame costs what is visible, not
//! what is loaded; the gap to `ukraine` is the fuller screen (250-item lists
//! and matrices against 4-6 items).

use brief::app::{Action, App, Entry};
use brief::model::load_str;
use brief::ui::{Theme, render};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::LazyLock;

fn main() {
    divan::main();
}

static UKRAINE: LazyLock<brief::model::Loaded> = LazyLock::new(|| {
    load_str(
        "u",
        include_str!("../briefings/ukraine-talks-2025-12-02.toml"),
    )
    .expect("loads")
});
static BIG: LazyLock<brief::model::Loaded> =
    LazyLock::new(|| load_str("big", &brief::sample::generate(40, 250)).expect("loads"));
static SAME_SCREEN: LazyLock<brief::model::Loaded> =
    LazyLock::new(|| load_str("small", &brief::sample::generate(4, 250)).expect("loads"));

const VIEWS: [&str; 5] = ["overview", "section", "item", "actor", "matrix"];
const SIZES: [(u16, u16); 3] = [(80, 24), (160, 48), (300, 100)];

fn app(doc: &str, view: &str, (w, h): (u16, u16)) -> App {
    let loaded = match doc {
        "ukraine" => UKRAINE.clone(),
        "same_screen" => SAME_SCREEN.clone(),
        _ => BIG.clone(),
    };
    let mut app = App::new(vec![Entry::new(doc, Ok(loaded))], false);
    app.attach_state(&brief::state::StateFile::default());
    app.update(Action::Resize(w, h));
    let actions: &[Action] = match view {
        "overview" => &[],
        "section" => &[Action::JumpSection(3), Action::Down],
        "item" => &[Action::JumpSection(3), Action::Down, Action::Open],
        "actor" => &[Action::ActorIndex, Action::Open],
        _ => &[Action::JumpSection(2), Action::ToggleMatrix],
    };
    for &a in actions {
        app.update(a);
    }
    app
}

fn frame(bencher: Bencher, doc: &str, view: &str, size: (u16, u16)) {
    let app = app(doc, view, size);
    let theme = Theme::colour(false);
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).expect("backend");
    terminal
        .draw(|f| render(&app, &theme, f))
        .expect("warm-up frame");
    bencher.bench_local(|| {
        terminal.draw(|f| render(&app, &theme, f)).expect("frame");
    });
}

#[divan::bench(args = VIEWS, consts = [80, 160, 300], sample_count = 50)]
fn ukraine<const W: u16>(bencher: Bencher, view: &str) {
    frame(
        bencher,
        "ukraine",
        view,
        SIZES.iter().copied().find(|s| s.0 == W).expect("a size"),
    );
}

#[divan::bench(args = VIEWS, consts = [80, 160, 300], sample_count = 50)]
fn big_12mb<const W: u16>(bencher: Bencher, view: &str) {
    frame(
        bencher,
        "big",
        view,
        SIZES.iter().copied().find(|s| s.0 == W).expect("a size"),
    );
}

#[divan::bench(args = VIEWS, consts = [80, 160, 300], sample_count = 50)]
fn same_screen_1_5mb<const W: u16>(bencher: Bencher, view: &str) {
    frame(
        bencher,
        "same_screen",
        view,
        SIZES.iter().copied().find(|s| s.0 == W).expect("a size"),
    );
}

/// Our share of a 300x100 frame: the buffer cleared and every pane rendered
/// into it, as `draw` does, without ratatui's diff against the last frame and
/// the write to the backend. Beside `ukraine`/`big_12mb` at 300, it splits a
/// frame's time between brief's rendering and ratatui's per-cell work.
#[divan::bench(args = VIEWS, consts = [0, 1], sample_count = 50)]
fn render_only_300<const BIG: u8>(bencher: Bencher, view: &str) {
    let doc = if BIG == 1 { "big" } else { "ukraine" };
    let app = app(doc, view, (300, 100));
    let theme = Theme::colour(false);
    let mut terminal = Terminal::new(TestBackend::new(300, 100)).expect("backend");
    terminal
        .draw(|f| render(&app, &theme, f))
        .expect("warm-up frame");
    bencher.bench_local(|| {
        terminal.current_buffer_mut().reset();
        render(&app, &theme, &mut terminal.get_frame());
    });
}

/// The first frame of a fresh reader at 80x24, as at start-up: empty caches.
#[divan::bench(args = ["ukraine", "big"], sample_count = 100)]
fn first_frame(bencher: Bencher, doc: &str) {
    let theme = Theme::colour(false);
    let fresh = || {
        let terminal = Terminal::new(TestBackend::new(80, 24)).expect("backend");
        (app(doc, "overview", (80, 24)), terminal)
    };
    // Both are handed back so that dropping them is not timed.
    bencher
        .with_inputs(fresh)
        .bench_local_values(|(app, mut terminal)| {
            terminal.draw(|f| render(&app, &theme, f)).expect("frame");
            (app, terminal)
        });
}

/// A stored state in which every item of `doc` was read (as it is now).
fn all_read(doc: &str) -> brief::state::StateFile {
    use brief::app::read::{content_hash, entry_key, item_key};
    use brief::model::ItemRef;
    let app = app(doc, "overview", (80, 24));
    let entry = &app.entries[0];
    let b = entry.briefing().expect("loads");
    let mut state = brief::state::BriefingState::default();
    for (section, s) in b.sections.iter().enumerate() {
        for (item, it) in s.items.iter().enumerate() {
            let key = item_key(b, ItemRef { section, item }).expect("a key");
            state.read.insert(key.clone(), content_hash(b, it));
            state.known.insert(key, content_hash(b, it));
        }
    }
    let mut file = brief::state::StateFile::default();
    file.briefings
        .insert(entry_key(entry).expect("a key"), state);
    file
}

/// The first frame at 80x24 of a reader coming back to a briefing it has
/// read in full: the read items shown are hashed to tell read from updated.
#[divan::bench(args = ["ukraine", "big"], sample_count = 50)]
fn first_frame_returning(bencher: Bencher, doc: &str) {
    let theme = Theme::colour(false);
    let state = all_read(doc);
    let fresh = || {
        let terminal = Terminal::new(TestBackend::new(80, 24)).expect("backend");
        let mut app = app(doc, "overview", (80, 24));
        app.attach_state(&state);
        (app, terminal)
    };
    bencher
        .with_inputs(fresh)
        .bench_local_values(|(app, mut terminal)| {
            terminal.draw(|f| render(&app, &theme, f)).expect("frame");
            (app, terminal)
        });
}
