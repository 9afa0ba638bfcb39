//! The cache's properties, each on its own: what comes back is what went
//! in; any change to a file's key is a miss; damage reads as a miss, never
//! as another card or a panic; the file stays within its bound; it is
//! replaced whole; old records survive only while their files do not change.

use super::*;
use std::time::UNIX_EPOCH;

const UKRAINE: &str = include_str!("../../../briefings/ukraine-talks-2025-12-02.toml");

fn card(text: &str) -> Card {
    Card::of(&crate::model::load_str("t", text).expect("loads"))
}

fn key(n: u64) -> FileKey {
    FileKey {
        len: 100 + n,
        mtime: (1_700_000_000, 5),
        ctime: (1_700_000_001, 7),
        ino: 42 + n,
        dev: 3,
    }
}

/// A cache file holding `records`, as bytes.
fn file(records: &[(&str, FileKey, &Card)]) -> Vec<u8> {
    let mut out = Out(MAGIC.to_vec());
    for (path, key, card) in records {
        out.bytes(&record(Path::new(path), key, card));
    }
    out.0
}

#[test]
fn a_card_comes_back_as_it_went_in() {
    let generated = crate::sample::generate(3, 5);
    let (u, g) = (card(UKRAINE), card(&generated));
    assert_eq!(u.items.iter().map(Vec::len).sum::<usize>(), u.outline.items);
    let records = Records::parse(file(&[
        ("/l/u.toml", key(1), &u),
        ("/l/g.toml", key(2), &g),
    ]));
    assert_eq!(records.len(), 2);
    assert_eq!(records.card(Path::new("/l/u.toml"), &key(1)), Some(u));
    assert_eq!(records.card(Path::new("/l/g.toml"), &key(2)), Some(g));
    assert_eq!(records.card(Path::new("/l/x.toml"), &key(1)), None);
}

#[test]
fn any_change_to_the_key_is_a_miss() {
    let u = card(UKRAINE);
    let records = Records::parse(file(&[("/l/u.toml", key(1), &u)]));
    let k = key(1);
    let changed = [
        FileKey {
            len: k.len + 1,
            ..k
        },
        FileKey {
            mtime: (k.mtime.0, k.mtime.1 + 1),
            ..k
        },
        FileKey {
            ctime: (k.ctime.0, k.ctime.1 + 1),
            ..k
        },
        FileKey {
            ino: k.ino + 1,
            ..k
        },
        FileKey {
            dev: k.dev + 1,
            ..k
        },
    ];
    for other in changed {
        assert_eq!(
            records.card(Path::new("/l/u.toml"), &other),
            None,
            "{other:?}"
        );
    }
}

#[test]
fn damage_reads_as_a_miss_never_as_another_card() {
    let (u, g) = (card(UKRAINE), card(&crate::sample::generate(1, 2)));
    let good = file(&[("/l/u.toml", key(1), &u), ("/l/g.toml", key(2), &g)]);
    let check = |bytes: Vec<u8>| {
        let records = Records::parse(bytes);
        for (path, k, want) in [("/l/u.toml", key(1), &u), ("/l/g.toml", key(2), &g)] {
            if let Some(got) = records.card(Path::new(path), &k) {
                assert_eq!(&got, want);
            }
        }
    };
    for cut in 0..good.len() {
        check(good[..cut].to_vec());
    }
    // Every byte flipped, one at a time (a stride keeps it quick).
    for at in (0..good.len()).step_by(7) {
        let mut bad = good.clone();
        bad[at] ^= 0x5a;
        check(bad);
    }
    check(b"not a cache at all".to_vec());
    check(Vec::new());
}

/// A library directory of `n` small briefings, and a cache beside it.
fn library(n: usize) -> (tempfile::TempDir, Vec<PathBuf>, Cache) {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    let paths = (0..n)
        .map(|i| {
            let path = lib.join(format!("b{i}.toml"));
            let text = format!(
                "[briefing]\ntitle = \"B{i}\"\ndate = 2025-12-02\n\n[[section]]\ntitle = \"S\"\n\n[[section.item]]\ntitle = \"I\"\n"
            );
            std::fs::write(&path, text).unwrap();
            // Old enough to be cached (not "racy").
            let old = std::fs::FileTimes::new().set_modified(UNIX_EPOCH + Duration::from_secs(1_600_000_000));
            std::fs::File::options().write(true).open(&path).unwrap().set_times(old).unwrap();
            path
        })
        .collect();
    let cache = Cache {
        path: dir.path().join("cache").join("brief").join("library.cache"),
    };
    (dir, paths, cache)
}

/// Adds every file's card to `writer`, as the loader does.
fn add_all(writer: &Writer, paths: &[PathBuf]) {
    for path in paths {
        let key = FileKey::of(&std::fs::metadata(path).unwrap());
        let loaded = crate::model::load_path(path).unwrap();
        writer.add(path, &key, &Card::of(&loaded));
    }
}

fn held(cache: &Cache, paths: &[PathBuf]) -> usize {
    let records = cache.read();
    (paths.iter())
        .filter(|p| {
            let key = FileKey::of(&std::fs::metadata(p).unwrap());
            records.card(p, &key).is_some()
        })
        .count()
}

#[test]
fn files_changed_lately_are_not_cached() {
    // ctime is now for a file just written: a second write in the same
    // tick of the file clock would keep its key.
    let (_dir, paths, cache) = library(3);
    std::thread::sleep(Duration::from_millis(10));
    let writer = Writer::new(cache.clone());
    add_all(&writer, &paths);
    writer.finish().unwrap();
    assert!(
        !cache.path.exists(),
        "nothing old enough to cache, nothing written"
    );
    let now = SystemTime::now();
    let old = FileKey {
        mtime: (1, 0),
        ctime: (1, 0),
        ..key(0)
    };
    assert!(!old.is_racy(now));
    let secs = now.duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    assert!(
        FileKey {
            ctime: (secs, 0),
            ..old
        }
        .is_racy(now)
    );
    assert!(
        FileKey {
            mtime: (secs + 100, 0),
            ..old
        }
        .is_racy(now),
        "in the future"
    );
}

#[test]
fn the_cache_is_replaced_whole_and_keeps_what_still_holds() {
    let (_dir, paths, cache) = library(6);
    // Ctime cannot be set: wait until the files are no longer "racy".
    std::thread::sleep(RACY + Duration::from_millis(100));
    let writer = Writer::new(cache.clone());
    add_all(&writer, &paths[..4]);
    writer.finish().unwrap();
    assert_eq!(held(&cache, &paths), 4);
    let before = std::fs::read(&cache.path).unwrap();
    let mut open_before = std::fs::File::open(&cache.path).unwrap();
    // A second run parses the other two; one of the first four changed,
    // one went: their records go, the other two stay.
    std::fs::write(
        &paths[0],
        "[briefing]\ntitle = \"Changed\"\ndate = 2025-12-02\n",
    )
    .unwrap();
    std::fs::remove_file(&paths[1]).unwrap();
    let writer = Writer::new(cache.clone());
    add_all(&writer, &paths[4..]);
    writer.finish().unwrap();
    let still: Vec<bool> = (paths.iter())
        .map(|p| {
            let Ok(m) = std::fs::metadata(p) else {
                return false;
            };
            cache.read().card(p, &FileKey::of(&m)).is_some()
        })
        .collect();
    assert_eq!(still, [false, false, true, true, true, true]);
    // Replaced by a rename: a reader of the old file still reads it whole,
    // and no temporary file is left behind.
    let mut old = Vec::new();
    std::io::Read::read_to_end(&mut open_before, &mut old).unwrap();
    assert_eq!(old, before);
    let dir = cache.path.parent().unwrap();
    let names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, [std::ffi::OsString::from("library.cache")]);
}

#[test]
fn the_cache_stays_within_its_bound() {
    let (_dir, paths, cache) = library(40);
    std::thread::sleep(RACY + Duration::from_millis(100));
    let one = record(
        &paths[0],
        &key(0),
        &card(&std::fs::read_to_string(&paths[0]).unwrap()),
    )
    .len();
    let limit = (MAGIC.len() + 10 * (one + 4)) as u64;
    let writer = Writer::with_limit(cache.clone(), limit);
    add_all(&writer, &paths);
    writer.finish().unwrap();
    let size = std::fs::metadata(&cache.path).unwrap().len();
    assert!(size <= limit, "{size} > {limit}");
    let kept = held(&cache, &paths);
    assert!((8..=10).contains(&kept), "{kept} records in {limit} bytes");
}

#[test]
fn the_cache_lives_under_xdg_cache_home_else_home() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |k: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    };
    let at = |c: Option<Cache>| c.map(|c| c.path);
    assert_eq!(
        at(Cache::from_env(env(&[
            ("XDG_CACHE_HOME", "/x"),
            ("HOME", "/h")
        ]))),
        Some(PathBuf::from("/x/brief/library.cache"))
    );
    assert_eq!(
        at(Cache::from_env(env(&[
            ("XDG_CACHE_HOME", "rel"),
            ("HOME", "/h")
        ]))),
        Some(PathBuf::from("/h/.cache/brief/library.cache"))
    );
    assert_eq!(at(Cache::from_env(env(&[]))), None);
}
