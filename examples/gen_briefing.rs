//! Prints a synthetic briefing: `cargo run --example gen_briefing -- SECTIONS ITEMS > big.toml`.

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .map(|a| a.parse::<usize>().unwrap_or(10));
    let sections = args.next().unwrap_or(40);
    let items = args.next().unwrap_or(1000);
    print!("{}", brief::sample::generate(sections, items));
}
