//! Generated libraries for the pty tests: briefings of about 20 KB each,
//! each with its own title, and the reader opened on them.

use super::pty::Pty;
use std::path::Path;

/// `n` generated briefings titled `Generated 00000`..., dated a day apart
/// from 2001-01-01 on (the date in the name too): `brief-DATE-NNNNN.toml`.
pub fn write(dir: &Path, n: usize) {
    let template = brief::sample::generate(2, 6);
    for i in 0..n {
        let date = format!(
            "{:04}-{:02}-{:02}",
            2001 + i / 336,
            1 + i / 28 % 12,
            1 + i % 28
        );
        let text = template.replacen("2025-12-02", &date, 1).replacen(
            "Generated briefing",
            &format!("Generated {i:05}"),
            1,
        );
        std::fs::write(dir.join(format!("brief-{date}-{i:05}.toml")), text).unwrap();
    }
}

/// The reader at 100x30 on the library `lib`, from `home` (its HOME, read
/// state and cache), with `args` before the directory.
pub fn reader(home: &Path, lib: &Path, args: &[&str]) -> Pty {
    let mut argv = args.to_vec();
    argv.push(lib.to_str().unwrap());
    Pty::spawn(&argv, home, 100, 30, &[])
}

/// The reader (no read state) at `cols`x`rows` on a new directory `lib`
/// that `fill` writes; the directory lives as long as the guard.
pub fn reader_on_new(fill: impl FnOnce(&Path), cols: u16, rows: u16) -> (tempfile::TempDir, Pty) {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    fill(&lib);
    let pty = Pty::spawn(
        &["--no-state", lib.to_str().unwrap()],
        dir.path(),
        cols,
        rows,
        &[],
    );
    (dir, pty)
}

/// Whether the library header says nothing is left to list or load.
pub fn all_loaded(screen: &str) -> bool {
    screen.contains("Library: ") && !screen.contains("(lo") && !screen.contains("(listing")
}
