//! The width piped text wraps to: `--width`, else `COLUMNS`, else the width
//! of the terminal the command runs in (stdout a pipe: stderr's, stdin's or
//! `/dev/tty`'s), else 80; never more than 1000 columns, with a warning.

use crate::common::pty::Pty;
use std::process::Command;
use std::time::Duration;
use unicode_width::UnicodeWidthStr;

const UKRAINE: &str = "briefings/ukraine-talks-2025-12-02.toml";

fn widest(text: &str) -> usize {
    text.lines()
        .map(|l| l.trim_end_matches('\r').width())
        .max()
        .unwrap_or(0)
}

/// `COLUMNS=18446744073709551615 brief FILE | cat` and `brief render --width
/// 18446744073709551615` panicked (capacity overflow, exit 101);
/// `COLUMNS=100000000` wrote 1.6 GB.
#[test]
fn a_huge_width_is_clamped_to_1000_columns_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(Option<&str>, &[&str]); 5] = [
        (Some("18446744073709551615"), &[UKRAINE]),
        (Some("99999999999999999999999999999"), &[UKRAINE]),
        (Some("100000000"), &[UKRAINE]),
        (Some("18446744073709551615"), &["render", UKRAINE]),
        (
            None,
            &["render", "--width", "18446744073709551615", UKRAINE],
        ),
    ];
    for (columns, args) in cases {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", dir.path())
            .env("LANG", "C.UTF-8");
        if let Some(columns) = columns {
            cmd.env("COLUMNS", columns);
        }
        let out = cmd.output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{columns:?} {args:?}: {stderr}");
        assert!(
            stderr.contains("over the limit of 1000 columns; wrapping at 1000"),
            "{columns:?} {args:?}: {stderr}"
        );
        assert!(out.stdout.len() < 1 << 20, "{} bytes", out.stdout.len());
        let text = String::from_utf8(out.stdout).expect("utf-8");
        assert_eq!(widest(&text), 1000, "{columns:?} {args:?}");
    }
}

/// In a 60-column terminal whose shell does not export COLUMNS, `brief FILE
/// | less` wrapped at 80: the terminal's width is found through stderr,
/// stdin or /dev/tty when stdout is a pipe.
#[test]
fn piped_text_takes_the_terminal_width_when_columns_is_not_set() {
    let dir = tempfile::tempdir().unwrap();
    let brief = env!("CARGO_BIN_EXE_brief");
    let file = std::fs::canonicalize(UKRAINE).expect("bundled briefing");
    let file = file.display();
    for script in [
        format!("'{brief}' '{file}' | cat"),
        format!("'{brief}' '{file}' 2>/dev/null | cat"),
        format!("'{brief}' '{file}' 2>/dev/null </dev/null | cat"),
        format!("'{brief}' render '{file}' 2>/dev/null </dev/null | cat"),
    ] {
        let mut pty = Pty::spawn_command("sh", &["-c", &script], dir.path(), 60, 40);
        assert_eq!(pty.wait_exit(Duration::from_secs(10)), 0, "{script}");
        let text = String::from_utf8_lossy(&pty.raw()).into_owned();
        assert!(text.contains("Ukraine"), "{script}: {text}");
        // The rules between sections are as wide as the text.
        assert_eq!(widest(&text), 60, "{script}:\n{text}");
    }
}
