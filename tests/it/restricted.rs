//! `brief --restricted DIR`, the reader for an sshd `command=` line: in a
//! pty, with an environment and a config file that the plain reader obeys
//! and the confined one ignores; and behind the real sshd on 127.0.0.1
//! with the line docs/serve.md gives.

use crate::common::pty::Pty;
use std::path::Path;
use std::time::Duration;

/// A desk's directory: the fixture library plus a link to a briefing
/// outside it, a config file that asks for ASCII borders, and an
/// `xdg-open` that notes being run.
fn setup(dir: &Path) {
    let lib = crate::common::serve::copy_library(dir);
    let outside = dir.join("outside.toml");
    let secret = "[briefing]\ntitle = \"Secret from outside\"\ndate = 2025-12-03\nsummary = \"s\"\n\n[[section]]\ntitle = \"S\"\n";
    std::fs::write(&outside, secret).unwrap();
    std::os::unix::fs::symlink(&outside, lib.join("outside.toml")).unwrap();
    std::fs::create_dir_all(dir.join("config/brief")).unwrap();
    std::fs::write(
        dir.join("config/brief/config.toml"),
        "[defaults]\nascii = true\n",
    )
    .unwrap();
    std::fs::create_dir(dir.join("bin")).unwrap();
    let opener = dir.join("bin/xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\ntouch '{}'\n", dir.join("opened").display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
}

fn spawn(dir: &Path, args: &[&str]) -> Pty {
    let path = format!(
        "{}:{}",
        dir.join("bin").display(),
        std::env::var("PATH").unwrap()
    );
    let config = dir.join("config").display().to_string();
    let env = [
        ("XDG_CONFIG_HOME", config.as_str()),
        ("PATH", path.as_str()),
    ];
    Pty::spawn(args, dir, 140, 30, &env)
}

#[test]
fn restricted_ignores_config_and_environment_reads_nothing_outside_and_o_copies() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    // The plain reader, as a control: the config's ASCII borders, the link followed.
    let mut plain = spawn(dir.path(), &["lib"]);
    plain.wait_text("Secret from outside");
    plain.wait_for("ASCII borders", |s| s.contains(" | ") && !s.contains('│'));
    plain.send("q");
    plain.wait_exit(Duration::from_secs(10));
    // Confined: Unicode borders (no config read), the link not followed.
    let state = dir.path().join("alice.json");
    let state_arg = state.display().to_string();
    let args = ["--restricted", "lib", "--state-file", &state_arg];
    let mut confined = spawn(dir.path(), &args);
    let screen = confined.wait_text("Library: 3 briefings");
    assert!(!screen.contains("Secret"), "{screen}");
    confined.wait_for("Unicode borders", |s| s.contains('│'));
    // `o` on a source copies its URL: no program is started.
    for key in ["l", "j", "l", "l"] {
        confined.send(key);
        std::thread::sleep(Duration::from_millis(150));
    }
    confined.wait_text("https://example.org/report");
    confined.send("o");
    confined.wait_text("copied link");
    let raw = String::from_utf8_lossy(&confined.raw()).into_owned();
    assert!(raw.contains("\x1b]52;c;"), "an OSC 52 copy");
    confined.send("q");
    confined.send("q");
    assert_eq!(confined.wait_exit(Duration::from_secs(10)), 0);
    confined.assert_restored();
    assert!(!dir.path().join("opened").exists(), "xdg-open was run");
    let saved = std::fs::read_to_string(&state).expect("the state file it was given");
    // Marks are kept by the briefing (title and date), the item read.
    assert!(saved.contains("\"only/cited\""), "{saved}");
}

#[test]
fn restricted_without_a_terminal_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["--restricted", "."])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a terminal is needed"));
}

/// sshd on a free port of 127.0.0.1, only the given authorized_keys file,
/// public keys only; killed by its PID when dropped.
struct Sshd {
    child: std::process::Child,
    port: u16,
}

impl Sshd {
    fn start(dir: &Path, authorized_keys: &Path) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        crate::common::serve::make_key(dir, "sshd_host_key");
        let config = dir.join("sshd_config");
        let text = format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nAuthorizedKeysFile {}\n\
             StrictModes no\nPermitRootLogin prohibit-password\nPasswordAuthentication no\n\
             KbdInteractiveAuthentication no\nUsePAM no\nPidFile none\n",
            dir.join("sshd_host_key").display(),
            authorized_keys.display()
        );
        std::fs::write(&config, text).unwrap();
        // The privilege separation directory the distribution's service makes.
        let _ = std::fs::create_dir_all("/run/sshd");
        let log = std::fs::File::create(dir.join("sshd.log")).unwrap();
        let child = std::process::Command::new("/usr/sbin/sshd")
            .args(["-D", "-e", "-f"])
            .arg(&config)
            .stderr(log)
            .spawn()
            .expect("sshd (openssh-server) starts");
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(std::time::Instant::now() < deadline, "sshd did not listen");
            std::thread::sleep(Duration::from_millis(20));
        }
        Self { child, port }
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_openssh_line_serves_the_confined_reader_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let key = crate::common::serve::make_key(dir.path(), "alice");
    let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    let line = format!(
        "restrict,pty,command=\"{} --restricted {} --state-file {}\" {public}",
        env!("CARGO_BIN_EXE_brief"),
        dir.path().join("lib").display(),
        dir.path().join("alice.json").display()
    );
    let authorized = dir.path().join("authorized_keys");
    std::fs::write(&authorized, line).unwrap();
    let sshd = Sshd::start(dir.path(), &authorized);
    let port = sshd.port.to_string();
    let mut args = vec!["-F", "/dev/null", "-p", &port, "-i"];
    let key = key.display().to_string();
    args.push(&key);
    for opt in [
        "IdentitiesOnly=yes",
        "IdentityAgent=none",
        "StrictHostKeyChecking=no",
    ] {
        args.extend(["-o", opt]);
    }
    args.extend([
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "BatchMode=yes",
    ]);
    // A command asked for is not run: the line's command is, and wants a terminal.
    let out = std::process::Command::new("ssh")
        .args(&args)
        .args(["127.0.0.1", "cat", "/etc/passwd"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("root:"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a terminal is needed"));
    // With a terminal: the reader, confined.
    args.extend(["-t", "127.0.0.1"]);
    let mut reader = Pty::spawn_command("ssh", &args, dir.path(), 140, 30);
    let screen = reader.wait_text("Library: 3 briefings");
    assert!(!screen.contains("Secret"), "{screen}");
    // Ctrl-z: no shell to go back to (a stopped reader would hang the
    // connection): it says so and reads on.
    reader.send("\x1a");
    reader.wait_text("suspend is not available in this session");
    // Nor does help offer it (seen at its end, beside quit).
    reader.send("?G");
    let help = reader.wait_text("Ctrl-c  quit");
    assert!(!help.contains("suspend"), "{help}");
    reader.send("?");
    reader.send("j");
    reader.send("l");
    reader.wait_text("Contents (4 sections)");
    reader.send("q");
    assert_eq!(reader.wait_exit(Duration::from_secs(10)), 0);
}
