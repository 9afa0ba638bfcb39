//! A library against its size: 10, 1,000 and 10,000 generated briefings of
//! about 20 KB each, written into a temporary directory when first used (not
//! kept; 10,000 is about 200 MB on disk for the length of the run).
//!
//! - `first_frame`: what `brief DIR` does before its first frame: list the
//!   directory (names and metadata), make the app, draw 80x24.
//! - `load_all`: the background loader's work, every file read, parsed and
//!   validated and filled in (one thread here). After the samples it prints
//!   the heap the loaded library holds (`memory: ...`), counted by this
//!   bench's allocator: the model's share of the reader's RSS.
//! - `search_keystroke`: one more character typed into `/` from the library
//!   (every briefing searched), indexes built beforehand.
//! - `timeline_build`: the library's timeline (`t`) built from every
//!   briefing's digest: what the first frame after a change of the entries
//!   pays (12 items a briefing).
//! - `timeline_key`: `j` and the frame after it at 160x48 with the timeline
//!   open: built once, so a key costs what the visible rows cost.
//!
//! Ratios (10,000 against 10) are in docs/performance.md.

use brief::app::{Action, App};
use brief::ui::{Theme, render};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts the bytes live on the heap (what the model holds, not malloc's slack).
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [10, 1_000, 10_000];

/// One generated briefing (about 20 KB), dated `day` days into 2000.
fn briefing(template: &str, n: usize) -> String {
    let date = format!(
        "{:04}-{:02}-{:02}",
        2000 + n / 336,
        1 + n / 28 % 12,
        1 + n % 28
    );
    template.replacen("2025-12-02", &date, 1)
}

/// A library of `n` briefings in a temporary directory, made once per size.
fn library(n: usize) -> &'static Path {
    static DIRS: [LazyLock<tempfile::TempDir>; 3] = [
        LazyLock::new(|| make(SIZES[0])),
        LazyLock::new(|| make(SIZES[1])),
        LazyLock::new(|| make(SIZES[2])),
    ];
    let at = SIZES.iter().position(|&s| s == n).expect("a bench size");
    DIRS[at].path()
}

fn make(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let template = brief::sample::generate(2, 6);
    for i in 0..n {
        let path = dir.path().join(format!("b{i:05}.toml"));
        std::fs::write(path, briefing(&template, i)).expect("written");
    }
    dir
}

fn listed(dir: &Path) -> App {
    let opened = brief::open::open_with(Some(dir), true).expect("a directory");
    let mut app = App::new(opened.entries, true);
    app.library.dir = opened.dir;
    app
}

fn load_all(app: &mut App) {
    let batch = (app.pending_jobs().into_iter())
        .map(|(i, p): (usize, PathBuf)| (i, brief::model::load_path(&p)))
        .collect();
    app.arrive(batch);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn first_frame(bencher: Bencher, n: usize) {
    let dir = library(n);
    let theme = Theme::colour(false);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    bencher.bench_local(|| {
        let app = listed(dir);
        terminal.draw(|f| render(&app, &theme, f)).expect("frame");
        app
    });
}

#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn load_all_and_memory(bencher: Bencher, n: usize) {
    let dir = library(n);
    let mut held = 0;
    bencher
        .with_inputs(|| listed(dir))
        .bench_local_values(|mut app| {
            let before = LIVE.load(Ordering::Relaxed);
            load_all(&mut app);
            held = LIVE.load(Ordering::Relaxed).saturating_sub(before);
            app
        });
    eprintln!(
        "memory: {n} briefings loaded hold {:.1} MB of heap ({:.1} KB each)",
        held as f64 / 1e6,
        held as f64 / 1e3 / n as f64
    );
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn search_keystroke(bencher: Bencher, n: usize) {
    let mut app = listed(library(n));
    load_all(&mut app);
    app.update(Action::Resize(160, 48));
    app.update(Action::Search);
    for c in "sanction".chars() {
        app.update(Action::Input(c));
    }
    bencher.bench_local(|| {
        app.update(Action::Input('s'));
        app.update(Action::InputBackspace);
    });
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn timeline_build(bencher: Bencher, n: usize) {
    use brief::app::timeline::Scope;
    use brief::doc::timeline::{Filter, Timeline};
    let mut app = listed(library(n));
    load_all(&mut app);
    bencher.bench_local(|| Timeline::build(&app.digests(Scope::Library), &Filter::default()));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn timeline_key(bencher: Bencher, n: usize) {
    let mut app = listed(library(n));
    load_all(&mut app);
    app.update(Action::Resize(160, 48));
    app.update(Action::Timeline);
    let theme = Theme::colour(false);
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    terminal.draw(|f| render(&app, &theme, f)).expect("frame");
    bencher.bench_local(|| {
        app.update(Action::Down);
        terminal.draw(|f| render(&app, &theme, f)).expect("frame");
    });
}
