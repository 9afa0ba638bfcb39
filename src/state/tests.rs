//! State store tests: round trip, corrupt file, symlink target, read-only
//! directory, and two writers merging.

use super::*;

fn state(read: &[(&str, u64)]) -> BriefingState {
    BriefingState {
        read: read.iter().map(|(k, h)| (k.to_string(), *h)).collect(),
        ..Default::default()
    }
}

fn store(dir: &Path) -> Store {
    Store {
        path: dir.join("brief").join("state.json"),
    }
}

#[test]
fn round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    let mut mine = state(&[("talks/meeting", 7)]);
    mine.last_view = Some(SavedView {
        kind: "item".into(),
        section: Some("talks".into()),
        item: Some("meeting".into()),
    });
    s.save("k", &mine, &BTreeSet::new()).unwrap();
    let (file, warning) = s.load();
    assert_eq!(warning, None);
    assert_eq!(file.briefings["k"], mine);
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
    s.save("k", &state(&[("a/b", 1)]), &BTreeSet::new())
        .unwrap();
    assert_eq!(s.load().0.briefings["k"].read["a/b"], 1);
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
    assert!(
        s.save("k", &state(&[("a/b", 1)]), &BTreeSet::new())
            .is_err()
    );
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
    let result = s.save("k", &state(&[("a/b", 1)]), &BTreeSet::new());
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
    assert!(
        s.save("k", &state(&[("a/b", 1)]), &BTreeSet::new())
            .is_err()
    );
    let (file, _) = s.load();
    assert_eq!(file, StateFile::default());
}

#[test]
fn two_writers_merge_instead_of_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(dir.path());
    s.save("k", &state(&[("a/one", 1)]), &BTreeSet::new())
        .unwrap();
    // A second reader that never saw the first's mark writes its own.
    s.save("k", &state(&[("a/two", 2)]), &BTreeSet::new())
        .unwrap();
    let read = &s.load().0.briefings["k"].read;
    assert_eq!(read.len(), 2, "{read:?}");
    // Marking unread wins over the other reader's mark for that key.
    let unmarked: BTreeSet<String> = ["a/one".to_string()].into();
    s.save("k", &state(&[]), &unmarked).unwrap();
    let read = &s.load().0.briefings["k"].read;
    assert!(
        !read.contains_key("a/one") && read.contains_key("a/two"),
        "{read:?}"
    );
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
                    s.save("k", &state(&[(key.as_str(), 1)]), &BTreeSet::new())
                        .unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(s.load().0.briefings["k"].read.len(), 80);
}
