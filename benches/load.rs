//! Loading a briefing: read + parse + validate (+ the search index) per size,
//! beside the floor measured in the same run: bare `toml::from_str` of the same
//! text into the same serde types (`brief::model::raw::RawFile`).
//!
//! Sizes: the Ukraine briefing (~19 KB), ~1 MB and ~12 MB generated ones.

use brief::model::load_str;
use brief::model::raw::RawFile;
use brief::sample::generate;
use divan::Bencher;
use std::sync::LazyLock;

fn main() {
    divan::main();
}

static UKRAINE: &str = include_str!("../briefings/ukraine-talks-2025-12-02.toml");
static MB1: LazyLock<String> = LazyLock::new(|| generate(8, 100));
static MB12: LazyLock<String> = LazyLock::new(|| generate(40, 250));

fn text(size: &str) -> &'static str {
    match size {
        "ukraine" => UKRAINE,
        "1mb" => &MB1,
        _ => &MB12,
    }
}

const SIZES: [&str; 3] = ["ukraine", "1mb", "12mb"];

/// The floor: serde straight into the raw types, nothing else.
#[divan::bench(args = SIZES, sample_count = 20)]
fn floor_toml_from_str(bencher: Bencher, size: &str) {
    let text = text(size);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| toml::from_str::<RawFile>(divan::black_box(text)).expect("parses"));
}

/// What the reader does: parse, check every rule, build the validated model.
#[divan::bench(args = SIZES, sample_count = 20)]
fn load(bencher: Bencher, size: &str) {
    let text = text(size);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| load_str("bench", divan::black_box(text)).expect("loads"));
}

/// Loading plus building the search index (done after the first frame).
#[divan::bench(args = SIZES, sample_count = 20)]
fn load_and_index(bencher: Bencher, size: &str) {
    let text = text(size);
    bencher.bench(|| {
        let loaded = load_str("bench", divan::black_box(text)).expect("loads");
        brief::search::Index::build(&loaded.briefing)
    });
}
