//! Search per keystroke on a 10,000-item briefing (40 sections x 250 items,
//! about 15 MB): the cost of typing one more character of a query into the
//! prompt, and of building the index when the prompt opens.

use brief::app::{Action, App, Entry};
use brief::model::{Loaded, load_str};
use brief::sample::generate;
use divan::Bencher;
use std::sync::LazyLock;

fn main() {
    divan::main();
}

static BIG: LazyLock<Loaded> =
    LazyLock::new(|| load_str("bench.toml", &generate(40, 250)).expect("generated briefing loads"));

fn app_with_prompt(prefix: &str) -> App {
    let mut app = App::new(vec![Entry::new("bench.toml", Ok(BIG.clone()))], false);
    app.update(Action::Resize(160, 48));
    app.update(Action::Search);
    for c in prefix.chars() {
        app.update(Action::Input(c));
    }
    app
}

/// Typing the last character of each query (the index is already built).
#[divan::bench(args = ["p", "kr", "kremlin", "sanctions frozen", "\"frozen assets", "item 39.24"], sample_count = 20)]
fn keystroke(bencher: Bencher, query: &str) {
    let (prefix, last) = query.split_at(query.len() - 1);
    let last = last.chars().next().expect("one char");
    let mut app = app_with_prompt(prefix);
    bencher.bench_local(|| {
        app.update(Action::Input(last));
        app.update(Action::InputBackspace);
    });
}

/// Opening the prompt, which builds the search index of the briefing.
#[divan::bench(sample_count = 10)]
fn open_prompt_builds_the_index(bencher: Bencher) {
    bencher
        .with_inputs(|| App::new(vec![Entry::new("bench.toml", Ok(BIG.clone()))], false))
        .bench_local_values(|mut app| {
            app.update(Action::Search);
            app
        });
}
