//! What `brief serve` refuses, with the real OpenSSH client (or a bare TCP
//! connection) on 127.0.0.1: keys it does not list, passwords, commands,
//! subsystems, a session without a terminal, a client that never
//! authenticates, an address over its rate, a host key others may read.

use crate::common::pty::Pty;
use crate::common::serve::Desk;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_key_not_in_the_file_is_refused() {
    let desk = Desk::start(&["alice"], &[]);
    let out = desk.ssh("eve", &["-t", "127.0.0.1"]);
    assert_eq!(out.status.code(), Some(255));
    assert!(
        stderr(&out).contains("Permission denied (publickey)"),
        "{}",
        stderr(&out)
    );
    desk.wait_log("eve refused", |l| l.contains("auth-refused"));
    assert!(!desk.log().contains("reader=eve"), "{}", desk.log());
}

#[test]
fn a_key_added_to_the_file_is_let_in_and_one_deleted_shut_out_without_a_restart() {
    let desk = Desk::start(&["alice"], &[]);
    assert_eq!(
        desk.ssh("eve", &["127.0.0.1", "x"]).status.code(),
        Some(255)
    );
    let eve = std::fs::read_to_string(desk.key("eve").with_extension("pub")).unwrap();
    let file = desk.dir.path().join("authorized_keys");
    let mut keys = std::fs::read_to_string(&file).unwrap();
    keys.push_str(&eve);
    std::fs::write(&file, &keys).unwrap();
    // In: the command is then refused, which shows she got past the key.
    let out = desk.ssh("eve", &["127.0.0.1", "x"]);
    assert!(
        stderr(&out).contains("no command is run here"),
        "{}",
        stderr(&out)
    );
    // Her line deleted: shut out again, still without a restart.
    std::fs::write(&file, keys.replace(&eve, "")).unwrap();
    let out = desk.ssh("eve", &["127.0.0.1", "x"]);
    assert_eq!(out.status.code(), Some(255), "{}", stderr(&out));
    assert!(stderr(&out).contains("Permission denied (publickey)"));
}

#[test]
fn a_password_is_never_asked_for_nor_taken() {
    let desk = Desk::start(&["alice"], &[]);
    // A client that would answer any password prompt, and notes that it was asked.
    let asked = desk.dir.path().join("asked");
    let askpass = desk.dir.path().join("askpass.sh");
    std::fs::write(
        &askpass,
        format!("#!/bin/sh\ntouch '{}'\necho hunter2\n", asked.display()),
    )
    .unwrap();
    std::fs::set_permissions(
        &askpass,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let mut args = desk.ssh_args("alice", &[]);
    for a in args.iter_mut().filter(|a| *a == "BatchMode=yes") {
        *a = "BatchMode=no".into();
    }
    let out = std::process::Command::new("ssh")
        .args(&args)
        .args([
            "-o",
            "PubkeyAuthentication=no",
            "-o",
            "PreferredAuthentications=password,keyboard-interactive",
        ])
        .args(["-o", "NumberOfPasswordPrompts=1", "127.0.0.1", "x"])
        .env("SSH_ASKPASS", &askpass)
        .env("SSH_ASKPASS_REQUIRE", "force")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(255));
    assert!(
        stderr(&out).contains("Permission denied (publickey)"),
        "{}",
        stderr(&out)
    );
    assert!(!asked.exists(), "the server offered a password prompt");
}

#[test]
fn a_command_is_refused_and_not_run() {
    let desk = Desk::start(&["alice"], &[]);
    let out = desk.ssh("alice", &["127.0.0.1", "cat", "/etc/passwd"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        stderr(&out).contains("no command is run here"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("root:"));
}

#[test]
fn a_subsystem_is_refused() {
    let desk = Desk::start(&["alice"], &[]);
    let out = desk.ssh("alice", &["-s", "127.0.0.1", "sftp"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("subsystem request failed"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_session_without_a_terminal_is_told_and_closed() {
    let desk = Desk::start(&["alice"], &[]);
    let out = desk.ssh("alice", &["-T", "127.0.0.1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("a terminal is needed"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn port_forwarding_is_refused() {
    let desk = Desk::start(&["alice"], &[]);
    // The server listening for the client (-R).
    let args = [
        "-o",
        "ExitOnForwardFailure=yes",
        "-N",
        "-R",
        "0:127.0.0.1:9",
        "127.0.0.1",
    ];
    let out = desk.ssh("alice", &args);
    assert_eq!(out.status.code(), Some(255));
    assert!(
        stderr(&out).contains("forwarding failed"),
        "{}",
        stderr(&out)
    );
    // The server connecting for the client (-W, as -L and -J do).
    let out = desk.ssh("alice", &["-W", "127.0.0.1:9", "127.0.0.1"]);
    assert_eq!(out.status.code(), Some(255));
    assert!(
        stderr(&out).contains("forwarding failed"),
        "{}",
        stderr(&out)
    );
}

/// A TCP connection to the server; the bytes it gets before the server closes it (10 s at most).
fn read_until_closed(stream: &mut TcpStream) -> Option<Vec<u8>> {
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return Some(got),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return Some(got),
            Err(_) => return None,
        }
    }
}

#[test]
fn a_client_that_never_authenticates_is_closed_at_the_timeout() {
    let desk = Desk::start(&["alice"], &["--auth-timeout", "1s"]);
    let mut silent = TcpStream::connect(("127.0.0.1", desk.port)).unwrap();
    silent.write_all(b"SSH-2.0-silent\r\n").unwrap();
    let got = read_until_closed(&mut silent).expect("closed by the server");
    assert!(
        got.starts_with(b"SSH-2.0-brief"),
        "{:?}",
        String::from_utf8_lossy(&got)
    );
    desk.wait_log("the timeout", |l| l.contains(" timeout "));
}

#[test]
fn an_address_over_its_rate_is_turned_away_at_the_door() {
    let desk = Desk::start(&["alice"], &["--per-minute", "2"]);
    for _ in 0..2 {
        let mut ok = TcpStream::connect(("127.0.0.1", desk.port)).unwrap();
        let mut banner = [0u8; 13];
        ok.read_exact(&mut banner).unwrap();
        assert_eq!(&banner, b"SSH-2.0-brief");
    }
    let mut third = TcpStream::connect(("127.0.0.1", desk.port)).unwrap();
    assert_eq!(read_until_closed(&mut third), Some(Vec::new()));
    desk.wait_log("the refusal", |l| {
        l.contains("too many connections from this address")
    });
}

#[test]
fn a_host_key_others_may_read_stops_the_server() {
    use std::os::unix::fs::PermissionsExt;
    let mut desk = Desk::start(&["alice"], &[]);
    let key = desk.dir.path().join("host_key");
    let made = desk.wait_log("the new key", |l| l.contains("host-key-made"));
    assert!(made.contains("fingerprint=SHA256:"), "{made}");
    assert_eq!(
        std::fs::metadata(&key).unwrap().permissions().mode() & 0o777,
        0o600
    );
    desk.signal(libc::SIGTERM);
    desk.wait_exit(Duration::from_secs(10));
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("serve")
        .arg(&desk.lib)
        .args(["--listen", "127.0.0.1:0", "--host-key"])
        .arg(&key)
        .env("HOME", desk.dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("mode 0640"), "{}", stderr(&out));
}

/// The systemd unit and the sshd line in docs/ are command lines `brief` takes.
#[test]
fn the_documented_unit_and_sshd_line_parse() {
    use brief::cli::{Cli, Command};
    use clap::Parser;
    let unit = std::fs::read_to_string("docs/brief-serve.service").unwrap();
    let unit = unit.replace("\\\n", " ");
    let exec = unit
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .expect("ExecStart");
    let cli = Cli::try_parse_from(exec.split_whitespace()).expect("the unit's command parses");
    assert!(matches!(cli.command, Some(Command::Serve(_))), "{exec}");
    let doc = std::fs::read_to_string("docs/serve.md").unwrap();
    let line = doc
        .lines()
        .find(|l| l.starts_with("restrict,pty,command="))
        .expect("the line");
    let command = line.split('"').nth(1).expect("a quoted command");
    let cli = Cli::try_parse_from(command.split_whitespace()).expect("the line's command parses");
    assert!(
        cli.read.restricted.is_some() && cli.read.state_file.is_some(),
        "{command}"
    );
}

/// OpenSSH's connection sharing opens a second session channel on the same
/// connection: refused, while the first goes on.
#[test]
fn a_second_channel_on_one_connection_is_refused() {
    let desk = Desk::start(&["alice"], &[]);
    let socket = desk.dir.path().join("cm");
    let socket = socket.display().to_string();
    let master = ["-o", "ControlMaster=yes", "-o"];
    let path = format!("ControlPath={socket}");
    let mut args = desk.ssh_args("alice", &master);
    args.extend([path.clone(), "-t".into(), "127.0.0.1".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let first = crate::common::pty::Pty::spawn_command("ssh", &args, desk.dir.path(), 100, 30);
    first.wait_text("Library: 3 briefings");
    // (The client then falls back to a connection of its own.)
    let out = desk.ssh(
        "alice",
        &[
            "-o",
            &path,
            "-o",
            "ControlMaster=no",
            "-T",
            "127.0.0.1",
            "x",
        ],
    );
    assert!(
        stderr(&out).contains("Session open refused by peer"),
        "{}",
        stderr(&out)
    );
    desk.wait_log("the refusal", |l| l.contains("a second channel"));
    first.wait_text("Library: 3 briefings");
}

/// `ssh -A -X` (with a real ssh-agent for the client to forward): both
/// requests are refused and logged, and the reader goes on.
#[test]
fn agent_and_x11_forwarding_are_refused() {
    let desk = Desk::start(&["alice"], &[]);
    let socket = desk.dir.path().join("agent.sock");
    let mut agent = std::process::Command::new("ssh-agent")
        .arg("-D")
        .arg("-a")
        .arg(&socket)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("ssh-agent starts");
    while !socket.exists() {
        std::thread::sleep(Duration::from_millis(10));
    }
    let identity_agent = format!("IdentityAgent={}", socket.display());
    let mut args = desk.ssh_args("alice", &["-A", "-X", "-t", "127.0.0.1"]);
    for a in args.iter_mut().filter(|a| *a == "IdentityAgent=none") {
        *a = identity_agent.clone();
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let env = [("DISPLAY", "127.0.0.1:99")];
    let mut alice = Pty::spawn_program("ssh", &args, desk.dir.path(), 100, 30, &env);
    alice.wait_text("Library: 3 briefings");
    desk.wait_log("the agent refused", |l| {
        l.contains(" refused ") && l.contains("agent forwarding")
    });
    desk.wait_log("X11 refused", |l| {
        l.contains(" refused ") && l.contains("X11 forwarding")
    });
    alice.send("j");
    alice.send("l");
    alice.wait_text("Contents (4 sections)");
    alice.send("q");
    assert_eq!(alice.wait_exit(Duration::from_secs(10)), 0);
    let _ = agent.kill();
    let _ = agent.wait();
}
