//! `-` as standard input for `check` and `diff`, as for the reader and
//! `render`: a real pipe into the real binary, labelled `<stdin>` in
//! diagnostics, read within the file size limit; `-` twice is a usage error.

use std::io::Write;
use std::process::{Command, Stdio};

struct Run {
    out: String,
    err: String,
    code: i32,
}

/// `brief ARGS` with `input` written into its standard input through a pipe
/// (by a thread, so a child that stops reading cannot block the test).
fn brief_with_stdin(args: &[&str], input: Vec<u8>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("brief runs");
    let mut stdin = child.stdin.take().expect("a pipe");
    // A child that refuses the input closes the pipe early: not an error here.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().expect("brief exits");
    writer.join().expect("the writer ends");
    Run {
        out: String::from_utf8_lossy(&output.stdout).into_owned(),
        err: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().expect("exit code"),
    }
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).expect("fixture")
}

#[test]
fn check_dash_checks_standard_input() {
    let run = brief_with_stdin(&["check", "-"], read("tests/fixtures/check/valid.toml"));
    assert!(run.err.contains("1 file checked, 0 errors"), "{}", run.err);
    assert_eq!(run.code, 0, "{}", run.err);

    let bad = read("tests/fixtures/check/misspelt_key.toml");
    let run = brief_with_stdin(&["check", "-"], bad.clone());
    assert!(run.err.contains("--> <stdin>:3:1"), "{}", run.err);
    assert!(run.err.contains("unknown key `summray`"), "{}", run.err);
    assert_eq!(run.code, 1);

    let run = brief_with_stdin(&["check", "--format", "json", "-"], bad);
    let first: serde_json::Value =
        serde_json::from_str(run.out.lines().next().expect("a line")).expect("JSON");
    assert_eq!(first["path"], "<stdin>", "{}", run.out);
}

#[test]
fn check_dash_beside_files() {
    let run = brief_with_stdin(
        &["check", "tests/fixtures/check/valid.toml", "-"],
        read("tests/fixtures/check/misspelt_key.toml"),
    );
    assert!(run.err.contains("2 files checked, 1 error"), "{}", run.err);
    assert!(run.err.contains("--> <stdin>:3:1"), "{}", run.err);
    assert_eq!(run.code, 1);
}

#[test]
fn check_dash_twice_is_a_usage_error() {
    let run = brief_with_stdin(
        &["check", "-", "-"],
        read("tests/fixtures/check/valid.toml"),
    );
    assert_eq!(run.code, 2, "{}", run.err);
    assert!(run.err.contains("standard input"), "{}", run.err);
}

/// Standard input is held to the same limit as a file (`MAX_BYTES`), with the
/// same message, and no more than the limit is read.
#[test]
fn check_dash_refuses_input_over_the_file_limit() {
    let limit = brief::model::load::MAX_BYTES as usize;
    let run = brief_with_stdin(&["check", "-"], vec![b'#'; limit + 1]);
    assert!(
        run.err
            .contains("error: the file is larger than the limit of 64 MiB"),
        "{}",
        run.err
    );
    assert!(run.err.contains("--> <stdin>"), "{}", run.err);
    assert_eq!(run.code, 1);
}

/// `diff - NEW` and `diff OLD -` say what `diff OLD NEW` says of the same
/// files, text and JSON (where standard input is named `<stdin>`).
#[test]
fn diff_reads_either_side_from_standard_input() {
    let (base, new) = (
        "tests/fixtures/diff/base.toml",
        "tests/fixtures/diff/item_changed.toml",
    );
    let files = brief_with_stdin(&["diff", base, new], Vec::new());
    assert_eq!(files.code, 1, "{}", files.err);
    assert!(!files.out.is_empty());
    let old_piped = brief_with_stdin(&["diff", "-", new], read(base));
    let new_piped = brief_with_stdin(&["diff", base, "-"], read(new));
    for run in [&old_piped, &new_piped] {
        assert_eq!(
            (run.out.as_str(), run.code),
            (files.out.as_str(), 1),
            "{}",
            run.err
        );
    }

    let run = brief_with_stdin(&["diff", "--format", "json", "-", new], read(base));
    let doc: serde_json::Value = serde_json::from_str(&run.out).expect("JSON");
    assert_eq!((&doc["old"], &doc["new"]), (&"<stdin>".into(), &new.into()));
}

#[test]
fn diff_dash_that_does_not_load_is_labelled_stdin() {
    let run = brief_with_stdin(
        &["diff", "-", "tests/fixtures/diff/base.toml"],
        read("tests/fixtures/diff/broken.toml"),
    );
    assert_eq!(run.code, 2);
    assert!(run.err.contains("--> <stdin>:"), "{}", run.err);
    assert!(run.out.is_empty());
}

#[test]
fn diff_dash_dash_is_a_usage_error() {
    let run = brief_with_stdin(&["diff", "-", "-"], read("tests/fixtures/diff/base.toml"));
    assert_eq!(run.code, 2, "{}", run.err);
    assert!(run.err.contains("not both"), "{}", run.err);
    assert!(run.out.is_empty());
}
