//! A library against its size: 10, 1,000 and 10,000 generated briefings of
//! about 20 KB each (`brief::sample::write_library`), written into a
//! temporary directory when first used (not kept; 10,000 is about 200 MB on
//! disk for the length of the run).
//!
//! - `first_frame`: what `brief DIR` does before its first frame: open the
//!   directory (no listing: that is the lister thread's), make the app,
//!   draw 80x24.
//! - `listing`: the lister thread's work and the app taking its parts:
//!   names, metadata, rows in order.
//! - `load_all_and_memory`: the loader's work, every file read, parsed,
//!   validated and filled in (one thread here), briefings let go as the
//!   reader lets them go. After the samples it prints the heap the loaded
//!   library holds (`memory: ...`), counted by this bench's allocator:
//!   outlines, digests and the rest of the entries.
//! - `load_from_cache`: the same library filled from a warm cache: the
//!   listing with every card, no file parsed; and its heap.
//! - `search_first_hits` / `search_no_hits`: a search of the library's
//!   files (`/` from the library), from the keystroke to its first batch of
//!   hits (every file matches), and through every file (none does).
//! - `search_keystroke`: what a keystroke costs the UI thread (a search
//!   asked for, the one under way dropped).
//! - `timeline_build`: the library's timeline (`t`) built from every
//!   briefing's digest: what the first frame after a change of the entries
//!   pays (12 items a briefing).
//! - `timeline_key`: `j` and the frame after it at 160x48 with the timeline
//!   open: built once, so a key costs what the visible rows cost.
//!
//! Ratios (10,000 against 10) are in docs/performance.md.

use brief::app::{Action, App};
use brief::library::search::{Request, run};
use brief::library::{Listing, cache};
use brief::search::Query;
use brief::ui::{Theme, render};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::sync::atomic::AtomicU64;

#[path = "common/counting.rs"]
mod counting;

#[global_allocator]
static ALLOC: counting::Counting = counting::Counting;

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [10, 1_000, 10_000];

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
    brief::sample::write_library(dir.path(), n).expect("written");
    dir
}

/// The app `brief DIR` draws its first frame with.
fn opened(dir: &Path) -> App {
    let opened = brief::open::open_with(Some(dir), true).expect("a directory");
    let mut app = App::new(opened.entries, true);
    app.library.dir = opened.dir;
    app.library.list_in_background();
    app
}

/// The app once the lister thread's parts have arrived.
fn listed(dir: &Path, cards: Option<&cache::Records>) -> App {
    let mut app = opened(dir);
    let mut files = brief::library::list(dir);
    if let Some(records) = cards {
        for f in &mut files {
            let key = cache::FileKey::of(&std::fs::metadata(&f.path).expect("a file"));
            f.card = records.card(&f.path, &key).map(Box::new);
        }
    }
    app.listed(Listing { files, done: true });
    app
}

/// The loader's work, on this thread: every pending file read into its
/// card, and the cards filled in.
fn load_all(app: &mut App) {
    let batch = (app.pending_jobs().into_iter())
        .map(|(i, p): (usize, PathBuf)| (i, brief::library::loader::read_card(&p)))
        .collect();
    app.arrive_cards(batch);
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn first_frame(bencher: Bencher, n: usize) {
    let dir = library(n);
    let theme = Theme::colour(false);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    bencher.bench_local(|| {
        let app = opened(dir);
        terminal.draw(|f| render(&app, &theme, f)).expect("frame");
        app
    });
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn listing(bencher: Bencher, n: usize) {
    let dir = library(n);
    bencher.bench_local(|| listed(dir, None));
}

/// Prints the heap `make` leaves held, per briefing.
fn held_by(what: &str, n: usize, make: impl FnOnce() -> App) -> App {
    let before = counting::live();
    let app = make();
    let held = counting::live().saturating_sub(before);
    eprintln!(
        "memory: {n} briefings {what} hold {:.1} MB of heap ({:.1} KB each)",
        held as f64 / 1e6,
        held as f64 / 1e3 / n as f64
    );
    app
}

#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn load_all_and_memory(bencher: Bencher, n: usize) {
    let dir = library(n);
    bencher
        .with_inputs(|| listed(dir, None))
        .bench_local_values(|mut app| {
            load_all(&mut app);
            app
        });
    held_by("loaded", n, || {
        let mut app = listed(dir, None);
        load_all(&mut app);
        app
    });
}

/// A cache of the library at `dir`, written as the reader writes it.
fn warm_cache(dir: &Path) -> (tempfile::TempDir, cache::Records) {
    let at = tempfile::tempdir().expect("a temporary directory");
    let cache = cache::Cache {
        path: at.path().join("library.cache"),
    };
    let writer = cache::Writer::new(cache.clone());
    // The bench's files are new: the cache takes no file changed in the
    // last two seconds.
    std::thread::sleep(cache::RACY);
    for (_, path) in brief::library::list(dir).iter().map(|l| ((), &l.path)) {
        let key = cache::FileKey::of(&std::fs::metadata(path).expect("a file"));
        let loaded = brief::model::load_path(path).expect("loads");
        writer.add(path, &key, &cache::Card::of(&loaded));
    }
    writer.finish().expect("written");
    let records = cache.read();
    (at, records)
}

#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn load_from_cache(bencher: Bencher, n: usize) {
    let dir = library(n);
    let (_at, records) = warm_cache(dir);
    bencher.bench_local(|| listed(dir, Some(&records)));
    let app = held_by("from the cache", n, || listed(dir, Some(&records)));
    assert_eq!(app.pending_count(), 0, "every card used");
}

/// A search of every file of the library at `dir`, newest first.
fn request(dir: &Path, query: &str) -> Request {
    let app = listed(dir, None);
    let jobs: Vec<(usize, PathBuf)> = (app.library_order().iter())
        .filter_map(|&i| Some((i, app.entries[i].path()?.to_path_buf())))
        .collect();
    Request {
        generation: 1,
        query: Query::parse(query),
        jobs: jobs.into(),
    }
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn search_first_hits(bencher: Bencher, n: usize) {
    let request = request(library(n), "sanctions");
    let current = AtomicU64::new(1);
    bencher.bench_local(|| {
        // Stops at the first batch with hits, as a reader sees it.
        run(&request, &current, &|p| p.found.is_empty())
    });
}

#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn search_no_hits(bencher: Bencher, n: usize) {
    let request = request(library(n), "zanzibar");
    let current = AtomicU64::new(1);
    bencher.bench_local(|| run(&request, &current, &|_| true));
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn search_keystroke(bencher: Bencher, n: usize) {
    let mut app = listed(library(n), None);
    load_all(&mut app);
    app.update(Action::Resize(160, 48));
    app.update(Action::Search);
    for c in "sanction".chars() {
        app.update(Action::Input(c));
    }
    bencher.bench_local(|| {
        app.update(Action::Input('s'));
        app.update(Action::InputBackspace);
        app.take_search_request()
    });
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn timeline_build(bencher: Bencher, n: usize) {
    use brief::app::timeline::Scope;
    use brief::doc::timeline::{Filter, Timeline};
    let mut app = listed(library(n), None);
    load_all(&mut app);
    bencher.bench_local(|| Timeline::build(&app.digests(Scope::Library), &Filter::default()));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn timeline_key(bencher: Bencher, n: usize) {
    let mut app = listed(library(n), None);
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
