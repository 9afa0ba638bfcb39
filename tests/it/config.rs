//! The config file, end to end: read with the briefing's guards, its errors
//! shown in the reader, Ctrl-c quitting whatever it says, and `brief config`
//! printing the config in force.

use crate::common::pty::Pty;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BRIEFING: &str = "briefings/ukraine-talks-2025-12-02.toml";

struct Run {
    code: Option<i32>,
    out: String,
    err: String,
}

/// `brief ARGS` with stdout and stderr to files (not a terminal), the
/// config directory at `home`, and at most 1 GiB of address space (a read
/// without a bound fails fast instead of taking the machine's memory).
/// Killed, and the test failed, if it runs for more than 10 s.
fn brief(home: &Path, args: &[&str]) -> Run {
    let out_path = home.join("stdout");
    let err_path = home.join("stderr");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v 1048576 && exec "$0" "$@""#)
        .arg(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LANG", "C.UTF-8")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).expect("stdout file"))
        .stderr(std::fs::File::create(&err_path).expect("stderr file"))
        .spawn()
        .expect("spawn brief");
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().expect("kill brief");
            child.wait().expect("reap brief");
            panic!("brief {args:?} still running after 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read = |p: &Path| String::from_utf8_lossy(&std::fs::read(p).expect("output")).into_owned();
    Run {
        code: status.code(),
        out: read(&out_path),
        err: read(&err_path),
    }
}

/// A FIFO blocked before the terminal was touched, `/dev/zero` was read
/// until memory ran out, and a config of any size was parsed: now each is
/// refused with its reason, and the reader goes on with the defaults.
#[test]
fn configs_that_are_not_small_regular_files_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("fifo.toml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let zero = dir.path().join("zero.toml");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("symlink");
    let big = dir.path().join("big.toml");
    let file = std::fs::File::create(&big).expect("create");
    file.set_len(brief::config::MAX_BYTES + 1).expect("grow");
    for (config, reason) in [
        (&fifo, "not a regular file"),
        (&zero, "not a regular file"),
        (&big, "the config is larger than the limit of 1 MiB"),
    ] {
        let run = brief(
            dir.path(),
            &["--config", config.to_str().unwrap(), BRIEFING],
        );
        assert_eq!(run.code, Some(0), "{config:?}: {}", run.err);
        assert!(run.err.contains(reason), "{config:?}: {}", run.err);
        assert!(run.err.contains("using the defaults"), "{}", run.err);
        assert!(run.out.contains("US-Russia talks"), "{config:?}");
    }
}

/// `brief config` prints the config in force, saying where it comes from.
#[test]
fn config_prints_the_config_in_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config/brief/config.toml");
    let shown = path.to_str().unwrap();
    // No file: where it would be, then the defaults, as TOML that loads.
    let run = brief(dir.path(), &["config"]);
    assert_eq!(run.code, Some(0), "{}", run.err);
    let first = run.out.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        format!("# No config file at {shown}: the defaults are in force.")
    );
    assert!(
        run.out.ends_with(brief::config::DEFAULT_TOML),
        "{}",
        run.out
    );
    let parsed = brief::config::parse("out", &run.out).expect("loads");
    assert_eq!(parsed, brief::config::Config::default());
    // A file: its content.
    std::fs::create_dir_all(path.parent().unwrap()).expect("mkdir");
    std::fs::write(&path, "[keys]\nquit = \"x\"\n").expect("write");
    let run = brief(dir.path(), &["config"]);
    assert_eq!(run.code, Some(0), "{}", run.err);
    assert_eq!(
        run.out,
        format!("# The config in force: {shown}\n[keys]\nquit = \"x\"\n")
    );
    // A file that does not load: its errors, and the defaults in force.
    std::fs::write(&path, "[keys]\nquit = \"ctrl-m\"\n").expect("write");
    let run = brief(dir.path(), &["config"]);
    assert_eq!(run.code, Some(1));
    assert!(run.err.contains("config.toml:2:8"), "{}", run.err);
    assert!(run.out.contains("the defaults are in force"), "{}", run.out);
    assert!(run.out.ends_with(brief::config::DEFAULT_TOML));
    // --path: only where it is read from; --config: another file.
    let run = brief(dir.path(), &["config", "--path"]);
    assert_eq!((run.code, run.out), (Some(0), format!("{shown}\n")));
    let other = dir.path().join("other.toml");
    std::fs::write(&other, "[defaults]\nmouse = false\n").expect("write");
    let run = brief(dir.path(), &["config", "--config", other.to_str().unwrap()]);
    assert!(
        run.out.ends_with("[defaults]\nmouse = false\n"),
        "{}",
        run.out
    );
}

/// `brief help --help` was an error; `brief help COMMAND` prints its help.
#[test]
fn help_takes_help_and_a_subcommand() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = brief(dir.path(), &["help", "--help"]);
    assert_eq!(run.code, Some(0), "{}", run.err);
    assert!(
        run.out.contains("Usage: brief help [COMMAND]"),
        "{}",
        run.out
    );
    let run = brief(dir.path(), &["help", "config"]);
    assert_eq!(run.code, Some(0), "{}", run.err);
    assert!(run.out.contains("Usage: brief config"), "{}", run.out);
    assert!(run.out.contains("the config in force"), "{}", run.out);
    let run = brief(dir.path(), &["help"]);
    assert_eq!(run.code, Some(0), "{}", run.err);
    assert!(
        run.out.contains("Usage: brief [OPTIONS] [PATH]"),
        "{}",
        run.out
    );
    let run = brief(dir.path(), &["help", "nonsense"]);
    assert_eq!(run.code, Some(2));
    assert!(run.err.contains("possible values"), "{}", run.err);
}

fn spawn_with_config(dir: &Path, config: &str) -> Pty {
    let path = dir.join("config.toml");
    std::fs::write(&path, config).expect("write config");
    let briefing = std::fs::canonicalize(BRIEFING).expect("briefing");
    let args = [
        "--config",
        path.to_str().unwrap(),
        briefing.to_str().unwrap(),
    ];
    let pty = Pty::spawn(&args, dir, 120, 30, &[]);
    pty.wait_text("Contents (4 sections)");
    pty
}

/// A config that does not load says so in the reader, and `e` lists why;
/// `quit = ["ctrl-m"]` (Enter to a terminal) is such a config.
#[test]
fn config_errors_show_in_the_reader() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut pty = spawn_with_config(dir.path(), "[keys]\nquit = [\"ctrl-m\"]\n");
    pty.wait_text("config ignored (e lists why): 2:9 `ctrl-m` cannot be told apart from Enter");
    // The defaults are in force: the hints (once the message goes) say `q`.
    pty.send("j");
    pty.wait_text("q quit");
    pty.send("e");
    let screen = pty.wait_text("Config errors");
    assert!(screen.contains("config.toml:2:9"), "{screen}");
    assert!(
        screen.contains("`ctrl-m` cannot be told apart from Enter"),
        "{screen}"
    );
    pty.send("\x1b");
    pty.wait_for("the overlay closed", |s| !s.contains("Config errors"));
    pty.send("q");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    pty.assert_restored();
}

/// Ctrl-c quits with `quit` remapped (it used to take Ctrl-c away), and the
/// help says so.
#[test]
fn ctrl_c_quits_whatever_the_config() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut pty = spawn_with_config(dir.path(), "[keys]\nquit = [\"x\"]\n");
    pty.send("?");
    pty.wait_text("Keys (Esc closes)");
    pty.send("G");
    pty.wait_text("x, Ctrl-c  quit");
    pty.send("\x1b");
    pty.wait_for("the help closed", |s| !s.contains("Keys (Esc closes)"));
    pty.send("\x03");
    assert_eq!(pty.wait_exit(Duration::from_secs(5)), 0);
    pty.assert_restored();
}
