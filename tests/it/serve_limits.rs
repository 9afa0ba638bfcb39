//! `brief serve`'s limits with the real OpenSSH client on 127.0.0.1: the
//! defaults, a client flooding keys, a client that stops reading its
//! output. Each holds the server's memory, not the client's excess.

use crate::common::pty::Pty;
use crate::common::serve::{Desk, Relay, logged, memory_kib};
use std::time::Duration;

/// The library's first frame: three briefings, the links one selected.
fn wait_library(pty: &Pty) -> String {
    pty.wait_text("Library: 3 briefings");
    pty.wait_text("Two sources.")
}

/// Without flags: loopback, port 2222, the documented limits, and the keys
/// file, host key and readers' state under the XDG directories (the server
/// is then started on a free port with no path given).
#[test]
fn the_defaults_are_loopback_the_documented_limits_and_the_xdg_directories() {
    use brief::cli::{Cli, Command};
    use clap::Parser;
    let cli = Cli::try_parse_from(["brief", "serve"]).unwrap();
    let Some(Command::Serve(args)) = cli.command else {
        panic!("brief serve");
    };
    assert_eq!(args.listen, "127.0.0.1:2222".parse().unwrap());
    assert_eq!((args.max_sessions, args.per_minute), (64, 20));
    assert_eq!(
        (args.auth_timeout.as_secs(), args.idle_timeout.as_secs()),
        (30, 1800)
    );
    let desk = Desk::start(&["alice"], &[]);
    let home = desk.dir.path().join("home");
    let (config, state) = (home.join("config"), home.join("state"));
    std::fs::create_dir_all(config.join("brief")).unwrap();
    let keys = config.join("brief/authorized_keys");
    std::fs::copy(desk.dir.path().join("authorized_keys"), &keys).unwrap();
    let log = desk.dir.path().join("defaults.log");
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("serve")
        .arg(&desk.lib)
        .args(["--listen", "127.0.0.1:0"])
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", &config)
        .env("XDG_STATE_HOME", &state)
        .stdin(std::process::Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let read_log = || std::fs::read_to_string(&log).unwrap_or_default();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !read_log().contains(" listening ") && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let text = read_log();
    // SAFETY: a signal to our own child, by its PID.
    unsafe { libc::kill(server.id() as i32, libc::SIGTERM) };
    let _ = server.wait();
    let host_key = state.join("brief/host_ed25519_key");
    assert!(
        text.contains(&format!("file={}", host_key.display())),
        "{text}"
    );
    assert!(host_key.exists(), "{text}");
    assert!(
        text.contains(&format!("readers=1 file={}", keys.display())),
        "{text}"
    );
    assert!(state.join("brief/readers").is_dir(), "{text}");
}

/// A client pasting 4 MB of keys, far past the 1,024 a session queues: the
/// server drops the excess (counted in the log) rather than holding it, its
/// peak memory barely moves, another reader reads on meanwhile, and the
/// flooding session itself still answers once the flood is over.
#[test]
fn a_client_flooding_keys_is_held_to_the_input_cap() {
    let desk = Desk::start(&["alice", "bob"], &[]);
    let mut alice = desk.connect("alice", 100, 30);
    let mut bob = desk.connect("bob", 100, 30);
    wait_library(&alice);
    wait_library(&bob);
    let peak_before = memory_kib(desk.pid(), "VmHWM");
    let flood = std::thread::spawn(move || {
        alice.send(&"j".repeat(4 << 20));
        alice
    });
    // Bob moves while Alice floods.
    bob.send("j");
    bob.send("l");
    bob.wait_text("Contents (4 sections)");
    let mut alice = flood.join().unwrap();
    alice.wait_quiet(Duration::from_millis(500));
    alice.send("h");
    alice.send("k");
    alice.send("q");
    assert_eq!(alice.wait_exit(Duration::from_secs(30)), 0);
    let line = desk.wait_log("alice's disconnect", |l| {
        l.contains("disconnect") && l.contains("reader=alice")
    });
    let dropped = logged(&line, "keys_dropped");
    eprintln!("{line}");
    assert!(dropped > 1 << 20, "most of the flood was dropped: {line}");
    let grew = memory_kib(desk.pid(), "VmHWM").saturating_sub(peak_before);
    eprintln!("the server's peak memory grew by {grew} KiB");
    assert!(grew < 32 * 1024, "peak memory grew by {grew} KiB");
    bob.send("q");
    assert_eq!(bob.wait_exit(Duration::from_secs(10)), 0);
}

/// A client that stops reading (its link stalls: a relay holds back what
/// the server sends, while its keys still go through) as its reader draws
/// megabytes of frames at 500x200: the server drops frames past its cap
/// rather than hold them, and once the client reads again it gets a frame
/// in full: its screen is what a reader on a good link sees after the
/// same keys.
#[test]
fn a_client_that_stops_reading_holds_the_output_cap_then_gets_a_full_frame() {
    let desk = Desk::start(&["alice", "bob"], &[]);
    let relay = Relay::start(desk.port);
    let mut alice = desk.connect_to(relay.port, "alice", 500, 200);
    let mut bob = desk.connect("bob", 500, 200);
    for reader in [&mut alice, &mut bob] {
        wait_library(reader);
        reader.send("j");
        reader.wait_text("PUBLIC · by brief sample desk");
    }
    let peak_before = memory_kib(desk.pid(), "VmHWM");
    relay.pause(true);
    in_and_out(&mut alice, 400);
    // Then into its second section, as bob does on a good link.
    for key in ["l", "j", "j", "l"] {
        alice.send(key);
        bob.send(key);
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(300));
    let grew = memory_kib(desk.pid(), "VmHWM").saturating_sub(peak_before);
    relay.pause(false);
    alice.wait_quiet(Duration::from_millis(500));
    bob.wait_quiet(Duration::from_millis(100));
    let (after, control) = (alice.screen(), bob.screen());
    alice.send("q");
    assert_eq!(alice.wait_exit(Duration::from_secs(30)), 0);
    let line = desk.wait_log("alice's disconnect", |l| {
        l.contains("disconnect") && l.contains("reader=alice")
    });
    eprintln!("{line}\nthe server's peak memory grew by {grew} KiB while the client read nothing");
    // What went out is what the client's window took, the queue, and the
    // repaint; the rest was dropped, not held.
    assert!(logged(&line, "frames_dropped") > 100, "{line}");
    assert!(logged(&line, "bytes_out") < 6 << 20, "{line}");
    assert!(grew < 4 * 1024, "peak memory grew by {grew} KiB");
    assert!(control.contains("Where the parties stand"), "{control}");
    // (A repaint writes blanks where a first frame left cells untouched.)
    let differ: Vec<(&str, &str)> = (control.lines().zip(after.lines()))
        .filter(|(c, a)| c.trim_end() != a.trim_end())
        .collect();
    assert!(differ.is_empty(), "alice's screen is bob's: {differ:#?}");
}

/// Into the Ukraine briefing and out, `times` times: each a frame of most
/// of a 500x200 screen, some 10 MB in all for 400.
fn in_and_out(reader: &mut Pty, times: usize) {
    for _ in 0..times {
        reader.send("l");
        std::thread::sleep(Duration::from_millis(15));
        reader.send("h");
        std::thread::sleep(Duration::from_millis(15));
    }
}
