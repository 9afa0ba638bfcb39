//! Everyday comforts in a real terminal: copy with OSC 52, and reading a
//! briefing from stdin with keys from the terminal.

use crate::common::pty::Pty;
use base64::Engine as _;
use std::time::Duration;

fn osc52_payloads(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    text.split("\x1b]52;c;")
        .skip(1)
        .map(|rest| {
            let payload = rest.split("\x1b\\").next().unwrap_or_default();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(payload)
                .expect("base64 payload");
            String::from_utf8(bytes).expect("utf-8 payload")
        })
        .collect()
}

#[test]
fn y_on_an_item_copies_it_with_its_quotes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let briefing =
        std::fs::canonicalize("briefings/ukraine-talks-2025-12-02.toml").expect("briefing");
    let mut pty = Pty::spawn(&[briefing.to_str().unwrap()], dir.path(), 120, 40, &[]);
    pty.wait_text("Contents (4 sections)");
    // Talks, third item: the outcome, with Ushakov's quotes.
    pty.send("1jj");
    pty.send("l");
    pty.wait_for("the item", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.contains("No compromise"))
    });
    pty.send("y");
    pty.wait_text("copied item");
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    let payloads = osc52_payloads(&pty.raw());
    assert_eq!(payloads.len(), 1, "exactly one OSC 52 sequence");
    let copied = &payloads[0];
    assert!(copied.contains("No compromise on territory"), "{copied}");
    assert!(
        copied.contains("Some proposed formulations do not fit us, and work will continue."),
        "{copied}"
    );
    assert!(copied.contains("Yuri Ushakov"), "{copied}");
}

#[test]
fn stdin_briefing_with_keys_from_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let briefing =
        std::fs::canonicalize("briefings/ukraine-talks-2025-12-02.toml").expect("briefing");
    let brief = env!("CARGO_BIN_EXE_brief");
    let script = format!("cat '{}' | '{brief}' -", briefing.display());
    let mut pty = Pty::spawn_command("sh", &["-c", &script], dir.path(), 100, 30);
    pty.wait_text("Contents (4 sections)");
    pty.send("jj");
    pty.send("l");
    pty.wait_for("positions section", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.contains("Where the parties stand"))
    });
    pty.send("l");
    pty.wait_for("Russia item", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.trim_end().ends_with("› Russia"))
    });
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    pty.assert_restored();
}

#[test]
fn a_config_remap_changes_the_keys_and_the_help() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[keys]\nquit = [\"x\"]\n").expect("write config");
    let briefing =
        std::fs::canonicalize("briefings/ukraine-talks-2025-12-02.toml").expect("briefing");
    let args = [
        "--config",
        config.to_str().unwrap(),
        briefing.to_str().unwrap(),
    ];
    let mut pty = Pty::spawn(&args, dir.path(), 100, 30, &[]);
    pty.wait_text("Contents (4 sections)");
    // The status hints show the remapped key (waited for: the first frame
    // may still be arriving when the contents are on screen).
    pty.wait_text("x quit");
    pty.send("?");
    pty.wait_text("Keys (Esc closes)");
    pty.send("\x1b");
    // `q` no longer quits; `x` does.
    pty.send("q");
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        pty.child.try_wait().expect("try_wait").is_none(),
        "q still quit"
    );
    pty.send("x");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    pty.assert_restored();
}
