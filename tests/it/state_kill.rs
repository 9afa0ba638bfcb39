//! SIGKILL at random points while the read-state store is being written: the
//! state file always parses afterwards, and no temp files pile up.
//!
//! The writer is this test binary re-run with `BRIEF_STATE_HAMMER` set (the
//! `hammer` test below then loops `Store::save`), so no extra binary is needed.

use brief::state::{Changes, ItemChange, Pending, SavedView, Store};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SAVES: u32 = 1000;

/// In the child: 1,000 saves into growing state, each a read-merge-write.
#[test]
fn hammer() {
    let Some(path) = std::env::var_os("BRIEF_STATE_HAMMER") else {
        return;
    };
    let store = Store {
        path: PathBuf::from(path),
    };
    let mut last_good = brief::state::LastGood::default();
    for i in 0..SAVES {
        let mut mine = Changes::default();
        let item = format!("section/item-{i}");
        let change = ItemChange {
            read: Some(u64::from(i)),
            stamp: u64::from(i),
        };
        mine.record(item.clone(), change);
        mine.known.insert(item, u64::from(i));
        mine.view = Some(Box::new(SavedView {
            kind: "item".into(),
            section: Some("section".into()),
            item: Some(format!("item-{i}")),
            ..Default::default()
        }));
        let mut pending = Pending::default();
        pending.add(format!("key-{}", i % 3), mine);
        store.save(&pending, &mut last_good).expect("save");
    }
}

/// A small deterministic generator: kill times differ per round, reproducibly.
fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn sigkill_during_writes_never_leaves_an_unreadable_state_file() {
    if std::env::var_os("BRIEF_STATE_HAMMER").is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief").join("state.json");
    let exe = std::env::current_exe().unwrap();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let started = Instant::now();
    let mut killed_with_state = 0;
    for round in 0..50 {
        let mut child = Command::new(&exe)
            .args(["state_kill::hammer", "--exact", "--test-threads=1"])
            .env("BRIEF_STATE_HAMMER", &path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the writer");
        // Anywhere from start-up to well into the writes.
        let wait = Duration::from_micros(2_000 + xorshift(&mut seed) % 60_000);
        std::thread::sleep(wait);
        // SIGKILL: no destructor, no unwinding, no flush.
        child.kill().expect("SIGKILL");
        child.wait().unwrap();
        let (state, warning) = Store { path: path.clone() }.load();
        assert_eq!(warning, None, "round {round}, killed after {wait:?}");
        if !state.briefings.is_empty() {
            killed_with_state += 1;
        }
        // Temp files left by a killed writer are cleared by the next save.
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .map(|d| {
                d.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".tmp"))
                    .collect()
            })
            .unwrap_or_default();
        assert!(leftovers.len() <= 1, "round {round}: {leftovers:?}");
    }
    eprintln!(
        "50 kills in {:?}; {killed_with_state} after some state was written",
        started.elapsed()
    );
    assert!(killed_with_state > 25, "most kills land during the writes");
}
