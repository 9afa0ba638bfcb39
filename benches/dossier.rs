//! The actor dossier against library size: 10, 1,000 and 10,000 generated
//! briefings (`brief::sample::generate(2, 6)`, about 20 KB each; every
//! other one declares Putin as `putin` `same_as` `vladimir-putin`), loaded
//! in memory once, their full briefings dropped: only the digests remain,
//! as the library-wide views see them.
//!
//! - `people`: who is who across the library (the union-find over ids and
//!   `same_as` links, the counts) — what `a` in the library and every
//!   dossier need, worked out once per change of the library.
//! - `dossier`: Putin's rows across the library (he is in every briefing).
//!
//! Before the samples it prints the heap the digests hold
//! (`digests: ...`), counted by this bench's allocator.

use brief::doc::dossier::{Filed, People, dossier};
use brief::model::digest::Digest;
use divan::Bencher;
use std::sync::{Arc, LazyLock};

#[path = "common/counting.rs"]
mod counting;

#[global_allocator]
static ALLOC: counting::Counting = counting::Counting;

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [10, 1_000, 10_000];

/// `n` digests, newest first, made from generated briefings whose full
/// models are dropped as soon as the digest is made.
fn digests(n: usize) -> Vec<Arc<Digest>> {
    let template = brief::sample::generate(2, 6);
    let linked = template.replacen(
        "[actor.putin]\n",
        "[actor.putin]\nsame_as = [\"vladimir-putin\"]\n",
        1,
    );
    let before = counting::live();
    let out: Vec<Arc<Digest>> = (0..n)
        .rev()
        .map(|i| {
            let date = format!(
                "{:04}-{:02}-{:02}",
                2000 + i / 336,
                1 + i / 28 % 12,
                1 + i % 28
            );
            let text = if i % 2 == 0 { &template } else { &linked };
            let text = text.replacen("2025-12-02", &date, 1);
            let loaded = brief::model::load_str("b.toml", &text).expect("a generated briefing");
            loaded.digest().clone()
        })
        .collect();
    let held = counting::live().saturating_sub(before);
    eprintln!(
        "digests: {n} briefings' digests hold {:.1} MB of heap ({:.2} KB each)",
        held as f64 / 1e6,
        held as f64 / 1e3 / n as f64
    );
    out
}

fn library(n: usize) -> &'static [Arc<Digest>] {
    static LIBS: [LazyLock<Vec<Arc<Digest>>>; 3] = [
        LazyLock::new(|| digests(SIZES[0])),
        LazyLock::new(|| digests(SIZES[1])),
        LazyLock::new(|| digests(SIZES[2])),
    ];
    let at = SIZES.iter().position(|&s| s == n).expect("a bench size");
    &LIBS[at]
}

fn filed(digests: &[Arc<Digest>]) -> Vec<Filed<'_>> {
    (digests.iter().enumerate())
        .map(|(entry, d)| Filed { entry, digest: d })
        .collect()
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn people(bencher: Bencher, n: usize) {
    let library = filed(library(n));
    bencher.bench_local(|| People::of(&library));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn putin_dossier(bencher: Bencher, n: usize) {
    let library = filed(library(n));
    let people = People::of(&library);
    let putin = people.person("vladimir-putin").expect("linked");
    assert_eq!(people.person("putin"), Some(putin));
    bencher.bench_local(|| dossier(&library, &people, putin));
}
