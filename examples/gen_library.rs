//! Writes a generated library: `cargo run --release --example gen_library -- N DIR`
//! (N briefings of about 20 KB, as `benches/library.rs` makes them).

fn main() {
    let mut args = std::env::args().skip(1);
    let n = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "library".into()));
    if let Err(e) =
        std::fs::create_dir_all(&dir).and_then(|()| brief::sample::write_library(&dir, n))
    {
        eprintln!("gen_library: {e}");
        std::process::exit(1);
    }
}
