//! Shell integration: completion scripts parse, the committed man page is the
//! one the clap definition generates, and it renders.

use std::process::Command;

fn brief(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .output()
        .expect("brief runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn bash_completions_parse_and_know_the_subcommands() {
    let script = brief(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.bash");
    std::fs::write(&path, &script).unwrap();
    let status = Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
        .expect("bash runs");
    assert!(status.success(), "bash -n rejected the completion script");
    let text = String::from_utf8(script).unwrap();
    assert!(
        text.contains("check") && text.contains("--deny-warnings"),
        "{text}"
    );
    for shell in ["zsh", "fish"] {
        assert!(!brief(&["completions", shell]).is_empty());
    }
}

#[test]
fn the_committed_man_page_is_current_and_renders() {
    let generated = brief(&["manpage"]);
    let committed = std::fs::read("docs/brief.1").expect("docs/brief.1 is committed");
    assert!(
        generated == committed,
        "docs/brief.1 is stale: run `cargo run -- manpage > docs/brief.1`"
    );
    let out = Command::new("groff")
        .args(["-man", "-Tascii", "docs/brief.1"])
        .output();
    // groff is not on every machine; where it is, the page must render.
    if let Ok(out) = out {
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("brief"));
    }
}
