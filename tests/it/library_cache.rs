//! The library cache in a real pty: a second run fills its rows from the
//! cache instead of parsing every file; a file changed since (same length,
//! same modification time) is seen; a damaged or deleted cache changes
//! nothing but speed.

use crate::common::library::{all_loaded, reader, write};
use std::path::{Path, PathBuf};
use std::time::Duration;

const N: usize = 300;
/// Long enough for a debug build to load the library on a busy machine:
/// a bound on a hang, not a timing check.
const LOADED: Duration = Duration::from_secs(180);

/// Runs the reader on `lib` until everything is loaded (and, with
/// `cache_written`, until the cache file exists), then quits; returns the
/// screen once loaded, and the first screen after the listing was done.
fn run(home: &Path, lib: &Path, cache_written: bool) -> (String, String) {
    let mut pty = reader(home, lib, &[]);
    let listed = format!("Library: {N} briefings");
    let first = pty.wait_for_within("listed", LOADED, |s| {
        s.contains(&listed) && !s.contains("(listing")
    });
    let screen = pty.wait_for_within("loaded", LOADED, all_loaded);
    if cache_written {
        let deadline = std::time::Instant::now() + LOADED;
        while !cache_file(home).exists() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(cache_file(home).exists(), "the cache was written");
    }
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(10)), 0);
    (screen, first)
}

fn cache_file(home: &Path) -> PathBuf {
    // `Pty::spawn` sets XDG_CACHE_HOME=CWD/.cache.
    home.join(".cache").join("brief").join("library.cache")
}

/// How many files were waiting for the loader when the listing was done
/// (0 when the header says none).
fn loading(screen: &str) -> usize {
    let Some(at) = screen.find("(loading ") else {
        return 0;
    };
    let digits: String = screen[at + 9..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap_or(usize::MAX)
}

#[test]
fn the_cache_sees_a_changed_file_and_a_damaged_cache_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (home, lib) = (dir.path(), dir.path().join("lib"));
    std::fs::create_dir(&lib).unwrap();
    write(&lib, N);
    // Files changed in the last two seconds are not cached (their key could
    // outlive a second write): let them age.
    std::thread::sleep(Duration::from_millis(2_200));
    let (uncached, first) = run(home, &lib, true);
    assert!(loading(&first) > 1, "nothing was cached yet: {first}");

    // The second run fills every row from the cache.
    let (cached, first) = run(home, &lib, false);
    assert_eq!(loading(&first), 0, "{first}");
    assert_eq!(cached, uncached);

    // The newest file changes its title, keeping its length and its
    // modification time: only its change time (and the content) tell.
    let newest = lib.join(format!("brief-2001-11-20-{:05}.toml", N - 1));
    let text = std::fs::read_to_string(&newest).unwrap();
    let modified = std::fs::metadata(&newest).unwrap().modified().unwrap();
    let changed = text.replacen("Generated 00299", "Rewritten 00299", 1);
    assert_eq!(changed.len(), text.len());
    std::fs::write(&newest, changed).unwrap();
    let old = std::fs::FileTimes::new().set_modified(modified);
    std::fs::File::options()
        .write(true)
        .open(&newest)
        .unwrap()
        .set_times(old)
        .unwrap();
    assert_eq!(
        std::fs::metadata(&newest).unwrap().modified().unwrap(),
        modified
    );
    let (seen, first) = run(home, &lib, false);
    assert!(
        loading(&first) <= 1,
        "only the changed file is read: {first}"
    );
    assert!(seen.contains("Rewritten 00299"), "{seen}");
    assert!(!seen.contains("Generated 00299"), "{seen}");

    // Damage: bytes flipped through the file; then a file of noise; then
    // none. Each run shows what the first showed, every file loaded.
    let bytes = std::fs::read(cache_file(home)).unwrap();
    let mut bad = bytes.clone();
    for at in (100..bad.len()).step_by(997) {
        bad[at] ^= 0xff;
    }
    std::fs::write(cache_file(home), bad).unwrap();
    let (after_damage, _) = run(home, &lib, false);
    assert_eq!(after_damage, seen);
    std::fs::write(
        cache_file(home),
        b"brief library cache 2\n\xff\xff\xff\xff junk",
    )
    .unwrap();
    let (after_noise, _) = run(home, &lib, false);
    assert_eq!(after_noise, seen);
    std::fs::remove_file(cache_file(home)).unwrap();
    let (after_delete, _) = run(home, &lib, false);
    assert_eq!(after_delete, seen);
}
