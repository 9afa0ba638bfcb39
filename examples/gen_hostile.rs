//! Prints a hostile briefing (see `brief::sample::hostile`), for measuring the
//! loader's limits: `cargo run --release --example gen_hostile -- SHAPE N > f.toml`.
//!
//! Shapes: `unknown-refs N` (N actors, N unknown references), `one-line N`
//! (N references on one line), `duplicate-ids N` (N sections with one id),
//! `empty-tags BYTES` (`tags = ["",...]`), `positions PARTIES STANCES`.

use brief::sample::hostile;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize| args.get(i).and_then(|a| a.parse::<usize>().ok());
    let text = match (args.first().map(String::as_str), num(1)) {
        (Some("unknown-refs"), Some(n)) => hostile::unknown_refs(n),
        (Some("one-line"), Some(n)) => hostile::refs_on_one_line(n),
        (Some("duplicate-ids"), Some(n)) => hostile::duplicate_section_ids(n),
        (Some("empty-tags"), Some(n)) => hostile::empty_tags(n),
        (Some("positions"), Some(p)) => hostile::positions(p, num(2).unwrap_or(200)),
        _ => {
            eprintln!(
                "usage: gen_hostile unknown-refs N | one-line N | duplicate-ids N | empty-tags BYTES | positions PARTIES STANCES"
            );
            std::process::exit(2);
        }
    };
    print!("{text}");
}
