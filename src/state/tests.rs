//! State store tests: round trip, corrupt file (at start-up and while open),
//! symlink target, read-only directory, the per-key merge of readers'
//! changes, and the bounded lock.

use super::*;
use std::time::{Duration, Instant};

/// Changes marking `keys` read (hash 1) at `stamp`.
fn reads(keys: &[&str], stamp: u64) -> Changes {
    let mut changes = Changes::default();
    for key in keys {
        let change = ItemChange {
            read: Some(1),
            stamp,
        };
        changes.record(key.to_string(), change);
    }
    changes
}

fn unread(key: &str, stamp: u64) -> Changes {
    let mut changes = Changes::default();
    changes.record(key.into(), ItemChange { read: None, stamp });
    changes
}

fn pending(briefing: &str, changes: Changes) -> Pending {
    let mut pending = Pending::default();
    pending.add(briefing.into(), changes);
    pending
}

fn store(dir: &Path) -> Store {
    Store {
        path: dir.join("brief").join("state.json"),
    }
}

/// Saves with a fresh `last_good`, as a reader that loaded nothing would.
fn save(s: &Store, briefing: &str, changes: Changes) -> io::Result<Option<String>> {
    s.save(&pending(briefing, changes), &mut LastGood::default())
}

fn read_keys(s: &Store, briefing: &str) -> Vec<String> {
    let file = s.load().0;
    file.briefings
        .get(briefing)
        .map(|b| b.read.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    let mut mine = reads(&["talks/meeting"], 5);
    mine.known.insert("talks/meeting".into(), 7);
    mine.view = Some(Box::new(SavedView {
        kind: "item".into(),
        section: Some("talks".into()),
        item: Some("meeting".into()),
        ..Default::default()
    }));
    assert_eq!(save(&s, "k", mine.clone()).unwrap(), None);
    let (file, warning) = s.load();
    assert_eq!(warning, None);
    let stored = &file.briefings["k"];
    assert_eq!(stored.last_view, mine.view);
    assert_eq!(stored.read["talks/meeting"], 1);
    assert_eq!(stored.known["talks/meeting"], 7);
    assert_eq!(stored.changed["talks/meeting"], 5);
}

#[test]
fn files_without_stamps_still_load_and_any_change_wins_over_them() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    fs::create_dir_all(s.path.parent().unwrap()).unwrap();
    let old = r#"{"version":1,"briefings":{"k":{"last_view":null,"read":{"a/x":3},"known":{}}}}"#;
    fs::write(&s.path, old).unwrap();
    assert_eq!(s.load().1, None);
    save(&s, "k", unread("a/x", 1)).unwrap();
    assert!(read_keys(&s, "k").is_empty());
}

#[test]
fn corrupt_file_is_moved_aside_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    fs::create_dir_all(s.path.parent().unwrap()).unwrap();
    fs::write(&s.path, b"{ not json").unwrap();
    let (file, warning) = s.load();
    assert_eq!(file, StateFile::default());
    let warning = warning.expect("a warning");
    assert!(
        warning.contains("corrupt") && warning.contains("moved to"),
        "{warning}"
    );
    assert!(!s.path.exists(), "the corrupt file is moved aside");
    // And the next save starts a good file.
    save(&s, "k", reads(&["a/b"], 1)).unwrap();
    assert_eq!(read_keys(&s, "k"), ["a/b"]);
}

/// Item 14 of issue 15: the file goes bad while a reader is open. Its next
/// save moves the bad file aside (kept, not overwritten), warns, and writes
/// what the reader last knew plus its change: 51 briefings stay 51.
#[test]
fn a_file_corrupted_while_a_reader_is_open_is_kept_and_no_mark_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    let mut all = Pending::default();
    for n in 0..51 {
        all.add(format!("briefing-{n}"), reads(&["s/one", "s/two"], 10));
    }
    s.save(&all, &mut LastGood::default()).unwrap();
    let mut last_good = LastGood::from(&s.load().0);
    fs::write(&s.path, b"{\"version\":1,\"briefings\":{ truncated").unwrap();
    let warning = s
        .save(
            &pending("briefing-7", reads(&["s/three"], 11)),
            &mut last_good,
        )
        .expect("saved")
        .expect("a warning");
    assert!(
        warning.contains("corrupt") && warning.contains("moved to"),
        "{warning}"
    );
    let file = s.load().0;
    assert_eq!(file.briefings.len(), 51);
    assert_eq!(read_keys(&s, "briefing-7"), ["s/one", "s/three", "s/two"]);
    assert_eq!(read_keys(&s, "briefing-50"), ["s/one", "s/two"]);
    let asides = corrupt_copies(&s);
    assert_eq!(asides.len(), 1, "{asides:?}");
    assert!(fs::read(&asides[0]).unwrap().ends_with(b"truncated"));
}

/// What a save wrote is what the next one falls back on: another reader's
/// marks merged at the first save survive the file going corrupt before
/// the second (the state writer keeps it as bytes, parsed only then).
#[test]
fn a_save_keeps_what_it_wrote_for_a_corrupt_file_later() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    save(&s, "k", reads(&["s/theirs"], 1)).unwrap();
    let mut last_good = LastGood::default();
    s.save(&pending("k", reads(&["s/one"], 2)), &mut last_good)
        .unwrap();
    fs::write(&s.path, b"not json").unwrap();
    s.save(&pending("k", reads(&["s/two"], 3)), &mut last_good)
        .unwrap()
        .expect("a warning");
    assert_eq!(read_keys(&s, "k"), ["s/one", "s/theirs", "s/two"]);
}

fn corrupt_copies(s: &Store) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(s.path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .collect();
    found.sort();
    found
}

#[test]
fn corrupt_copies_never_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    fs::create_dir_all(s.path.parent().unwrap()).unwrap();
    for bad in ["first bad", "second bad"] {
        fs::write(&s.path, bad).unwrap();
        save(&s, "k", reads(&["a/b"], 1)).unwrap().expect("warns");
    }
    let kept: Vec<Vec<u8>> = corrupt_copies(&s)
        .iter()
        .map(|p| fs::read(p).unwrap())
        .collect();
    assert_eq!(kept, [b"first bad".to_vec(), b"second bad".to_vec()]);
}

#[test]
fn symlink_target_is_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    fs::create_dir_all(s.path.parent().unwrap()).unwrap();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, b"precious").unwrap();
    std::os::unix::fs::symlink(&victim, &s.path).unwrap();
    let (_, warning) = s.load();
    assert!(warning.expect("warns").contains("symlink"));
    assert!(save(&s, "k", reads(&["a/b"], 1)).is_err());
    assert_eq!(fs::read(&victim).unwrap(), b"precious");
    assert!(
        fs::symlink_metadata(&s.path)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn unwritable_directory_fails_without_panicking() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // A directory we may not write (for non-root users)...
    let s = store(dir.path());
    let parent = s.path.parent().unwrap();
    fs::create_dir_all(parent).unwrap();
    fs::set_permissions(parent, fs::Permissions::from_mode(0o500)).unwrap();
    let result = save(&s, "k", reads(&["a/b"], 1));
    fs::set_permissions(parent, fs::Permissions::from_mode(0o700)).unwrap();
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        assert!(result.is_err());
    }
    // ...and one that cannot exist, which fails for root too.
    let blocked = dir.path().join("a-file");
    fs::write(&blocked, b"").unwrap();
    let s = Store {
        path: blocked.join("brief").join("state.json"),
    };
    assert!(save(&s, "k", reads(&["a/b"], 1)).is_err());
    let (file, _) = s.load();
    assert_eq!(file, StateFile::default());
}

/// Item 15 of issue 15, at the store: A marks five items read; B loads and
/// idles; C marks one unread; B marks another item read and saves. B writes
/// only its own key, so C's change stands.
#[test]
fn a_reader_writes_only_the_keys_it_changed() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    let five = ["s/1", "s/2", "s/3", "s/4", "s/5"];
    save(&s, "k", reads(&five, 100)).unwrap();
    let mut b_loaded = LastGood::from(&s.load().0);
    save(&s, "k", unread("s/3", 200)).unwrap();
    s.save(&pending("k", reads(&["s/6"], 300)), &mut b_loaded)
        .unwrap();
    assert_eq!(read_keys(&s, "k"), ["s/1", "s/2", "s/4", "s/5", "s/6"]);
}

#[test]
fn the_later_change_wins_whatever_order_the_saves_come_in() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    // The unread (later) is saved first, the read (earlier) last: unread.
    save(&s, "k", unread("s/x", 20)).unwrap();
    save(&s, "k", reads(&["s/x"], 10)).unwrap();
    assert!(read_keys(&s, "k").is_empty());
    // In order: the later read wins over the unread.
    save(&s, "k", reads(&["s/x"], 30)).unwrap();
    assert_eq!(read_keys(&s, "k"), ["s/x"]);
    // The same change applied twice changes nothing more.
    let mut file = s.load().0;
    let once = file.clone();
    pending("k", reads(&["s/x"], 30)).apply_to(&mut file);
    assert_eq!(file, once);
}

#[test]
fn a_new_stamp_is_after_every_change_seen_even_with_a_slow_clock() {
    let mut state = BriefingState::default();
    let future = u64::MAX - 5;
    state.changed.insert("s/x".into(), future);
    assert_eq!(state.next_stamp("s/x"), future + 1);
    let now = state.next_stamp("s/other");
    assert!(
        now > 1_600_000_000_000,
        "milliseconds since the epoch: {now}"
    );
}

#[test]
fn one_save_writes_every_briefing_once() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    let mut all = Pending::default();
    for n in 0..5_000 {
        let mut changes = reads(&["s/1"], 1);
        changes.known.insert("s/2".into(), 2);
        all.add(format!("b{n}"), changes);
    }
    // A later batch from the same reader folds into the first.
    all.add("b0".into(), unread("s/1", 2));
    s.save(&all, &mut LastGood::default()).unwrap();
    let file = s.load().0;
    assert_eq!(file.briefings.len(), 5_000);
    assert!(file.briefings["b0"].read.is_empty());
    assert_eq!(file.briefings["b0"].known.len(), 1);
    assert_eq!(read_keys(&s, "b4999"), ["s/1"]);
}

#[test]
fn concurrent_writers_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    let handles: Vec<_> = (0..8)
        .map(|t| {
            let s = s.clone();
            std::thread::spawn(move || {
                for i in 0..10 {
                    let key = format!("s/{t}-{i}");
                    save(&s, "k", reads(&[key.as_str()], 1)).unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(read_keys(&s, "k").len(), 80);
}

/// Runs `f` on a thread; fails the test (rather than hanging it) if it has
/// not returned within `limit`.
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit)
        .unwrap_or_else(|_| panic!("did not return within {limit:?}"))
}

#[test]
fn a_held_lock_is_waited_for_a_bounded_time_then_named() {
    use std::os::fd::AsRawFd;
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    fs::create_dir_all(s.path.parent().unwrap()).unwrap();
    // Another open file description holds the lock, as another process would.
    let holder = File::create(s.path.with_extension("json.lock")).unwrap();
    // SAFETY: a valid open descriptor.
    assert_eq!(unsafe { libc::flock(holder.as_raw_fd(), libc::LOCK_EX) }, 0);
    let started = Instant::now();
    let s2 = s.clone();
    let result = within(LOCK_WAIT * 3, move || save(&s2, "k", reads(&["a/b"], 1)));
    let waited = started.elapsed();
    let e = result.expect_err("the lock is held");
    assert!(e.to_string().contains("held by another process"), "{e}");
    assert!(waited >= LOCK_WAIT, "gave up early: {waited:?}");
    assert!(!s.path.exists(), "nothing was written");
    // Released, the next save goes through.
    drop(holder);
    save(&s, "k", reads(&["a/b"], 1)).unwrap();
}

#[test]
fn a_fifo_or_directory_at_the_lock_path_fails_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    fs::create_dir_all(s.path.parent().unwrap()).unwrap();
    let lock = s.path.with_extension("json.lock");
    let c_path = std::ffi::CString::new(lock.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let s2 = s.clone();
    let e = within(Duration::from_secs(1), move || {
        save(&s2, "k", reads(&["a/b"], 1))
    })
    .expect_err("a FIFO is no lock");
    assert!(e.to_string().contains("not a regular file"), "{e}");
    fs::remove_file(&lock).unwrap();
    fs::create_dir(&lock).unwrap();
    let e = save(&s, "k", reads(&["a/b"], 1)).expect_err("nor a directory");
    assert!(e.to_string().contains("not a regular file"), "{e}");
}

mod adopt;
