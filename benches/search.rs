//! Search per keystroke on a 10,000-item briefing (40 sections x 250 items):
//! the cost of typing one more character of a query into the prompt.

use brief::app::{Action, App, Entry};
use brief::model::load_str;
use brief::sample::generate;
use divan::Bencher;

fn main() {
    divan::main();
}

fn app_with_prompt(prefix: &str) -> App {
    let text = generate(40, 250);
    let loaded = load_str("bench.toml", &text).expect("generated briefing loads");
    let mut app = App::new(vec![Entry::new("bench.toml", Ok(loaded))], false);
    app.update(Action::Resize(160, 48));
    app.update(Action::Search);
    for c in prefix.chars() {
        app.update(Action::Input(c));
    }
    app
}

/// Typing the last character of each query (the index is already built).
#[divan::bench(args = ["p", "po", "positio", "wants mor", "\"holds position 12", "item 39.24"])]
fn keystroke(bencher: Bencher, query: &str) {
    let (prefix, last) = query.split_at(query.len() - 1);
    let last = last.chars().next().expect("one char");
    bencher
        .with_inputs(|| app_with_prompt(prefix))
        .bench_local_values(|mut app| {
            app.update(Action::Input(last));
            app
        });
}

/// Opening the prompt, which builds the search index of the briefing.
#[divan::bench]
fn open_prompt_builds_the_index(bencher: Bencher) {
    let text = generate(40, 250);
    let loaded = load_str("bench.toml", &text).expect("generated briefing loads");
    bencher
        .with_inputs(|| App::new(vec![Entry::new("bench.toml", Ok(loaded.clone()))], false))
        .bench_local_values(|mut app| {
            app.update(Action::Search);
            app
        });
}
