//! `brief serve` with the real OpenSSH client in a real pty, on 127.0.0.1:
//! a reader's first frame, keys, resize and copies; two readers' own read
//! marks; an edit reaching every session; the faults (a killed client, a
//! panic, SIGTERM, an idle reader), Ctrl-z. What must be refused is in
//! serve_refuse, the limits on input and output in serve_limits.

use crate::common::pty::Pty;
use crate::common::serve::{Desk, kill_client, memory_kib};
use std::time::{Duration, Instant};

/// The library's first frame: three briefings, the links one selected.
fn wait_library(pty: &Pty) -> String {
    pty.wait_text("Library: 3 briefings");
    pty.wait_text("Two sources.")
}

/// The library row of the links briefing.
fn links_row(screen: &str) -> String {
    let row = screen.lines().find(|l| l.contains("Links  1 section"));
    row.unwrap_or_default().to_string()
}

#[test]
fn a_reader_gets_the_library_moves_and_follows_a_resize() {
    let desk = Desk::start(&["alice"], &[]);
    let mut alice = desk.connect("alice", 100, 30);
    wait_library(&alice);
    // Down to the Ukraine briefing, open it: two panes at 100 columns.
    alice.send("j");
    alice.send("l");
    alice.wait_text("Contents (4 sections)");
    let title = "US-Russia talks on Ukraine end without a breakthrough";
    assert!(!alice.screen().lines().any(|l| l.starts_with(title)));
    // Narrower: one pane, the whole title on one line.
    alice.resize(70, 20);
    alice.wait_for("the title unwrapped at 70 columns", |s| {
        s.lines().any(|l| l.starts_with(title))
    });
    // A window of 65535x65535 is drawn at the cap (512x256), in bounded
    // memory; back to 100 columns, two panes again.
    let peak_before = memory_kib(desk.pid(), "VmHWM");
    alice.resize_terminal_only(65535, 65535);
    alice.wait_quiet(Duration::from_millis(300));
    let grew = memory_kib(desk.pid(), "VmHWM").saturating_sub(peak_before);
    assert!(grew < 64 * 1024, "peak memory grew by {grew} KiB");
    alice.resize(100, 30);
    alice.wait_for("two panes at 100 columns", |s| {
        !s.lines().any(|l| l.starts_with(title)) && s.contains("Contents (4 sections)")
    });
    alice.send("q");
    assert_eq!(alice.wait_exit(Duration::from_secs(10)), 0);
    alice.assert_restored();
    // One line each for the connection, the key and the disconnect: who,
    // which key, from where, how long, how many bytes; nothing read.
    let bye = desk.wait_log("alice's disconnect", |l| {
        l.contains("disconnect") && l.contains("reader=alice")
    });
    let log = desk.log();
    let event = |name: &str| log.lines().filter(|l| l.contains(name)).count();
    assert_eq!(
        (event(" connect "), event(" auth "), event(" disconnect ")),
        (1, 1, 1),
        "{log}"
    );
    let auth = log.lines().find(|l| l.contains(" auth ")).unwrap();
    for field in ["reader=alice", "key=SHA256:", "addr=127.0.0.1:"] {
        assert!(auth.contains(field), "{auth}");
    }
    for field in [
        "key=SHA256:",
        "addr=127.0.0.1:",
        "duration=",
        "bytes_in=",
        "bytes_out=",
    ] {
        assert!(bye.contains(field), "{bye}");
    }
    for content in ["US-Russia", "Kushner", "Two sources", "Contents"] {
        assert!(!log.contains(content), "briefing content in the log: {log}");
    }
}

/// Ctrl-z: a served reader cannot stop the server, and there is no shell
/// to go back to. It says so, and the reader goes on.
#[test]
fn ctrl_z_says_suspend_is_not_available_and_the_reader_goes_on() {
    let desk = Desk::start(&["alice"], &[]);
    let mut alice = desk.connect("alice", 120, 30);
    wait_library(&alice);
    alice.send("\x1a");
    alice.wait_text("suspend is not available in this session");
    // Nor does help offer it (seen at its end, beside quit).
    alice.send("?G");
    let help = alice.wait_text("Ctrl-c  quit");
    assert!(!help.contains("suspend"), "{help}");
    alice.send("?");
    alice.send("j");
    alice.send("l");
    alice.wait_text("Contents (4 sections)");
    alice.send("q");
    assert_eq!(alice.wait_exit(Duration::from_secs(10)), 0);
    alice.assert_restored();
}

/// The client's environment (`SetEnv`: `NO_COLOR`, a config directory
/// asking for ASCII borders) changes nothing, and a link in the library to
/// a briefing outside it is never read, not at start nor when it appears.
#[test]
fn the_clients_environment_and_links_out_of_the_library_change_nothing() {
    let desk = Desk::start(&["alice"], &[]);
    let config = desk.dir.path().join("config");
    std::fs::create_dir_all(config.join("brief")).unwrap();
    std::fs::write(
        config.join("brief/config.toml"),
        "[defaults]\nascii = true\n",
    )
    .unwrap();
    let set_env = format!("SetEnv=NO_COLOR=1 XDG_CONFIG_HOME={}", config.display());
    let mut alice = desk.connect_with("alice", &["-o", &set_env], &[]);
    wait_library(&alice);
    alice.wait_for("Unicode borders", |s| s.contains('│') && !s.contains(" | "));
    let raw = String::from_utf8_lossy(&alice.raw()).into_owned();
    // A foreground colour: `ESC [` 30-37 or 90-97, then `;` or `m`.
    let coloured = raw.split("\x1b[").skip(1).any(|sgr| {
        let b = sgr.as_bytes();
        b.len() > 2
            && b"39".contains(&b[0])
            && (b'0'..=b'7').contains(&b[1])
            && b";m".contains(&b[2])
    });
    assert!(coloured, "colours, whatever NO_COLOR says");
    let outside = desk.dir.path().join("outside.toml");
    let text = std::fs::read_to_string(desk.lib.join("links.toml")).unwrap();
    std::fs::write(
        &outside,
        text.replace("\"Links\"", "\"Secret from outside\""),
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, desk.lib.join("outside.toml")).unwrap();
    std::fs::write(
        desk.lib.join("new.toml"),
        text.replace("\"Links\"", "\"Newcomer\""),
    )
    .unwrap();
    let screen = alice.wait_text("Newcomer");
    assert!(screen.contains("Library: 4 briefings"), "{screen}");
    assert!(!screen.contains("Secret"), "{screen}");
    alice.send("q");
    assert_eq!(alice.wait_exit(Duration::from_secs(10)), 0);
}

#[test]
fn copies_and_o_reach_the_client_as_osc_52_and_nothing_is_opened() {
    use base64::Engine as _;
    let desk = Desk::start(&["alice"], &[]);
    let mut alice = desk.connect("alice", 140, 30);
    wait_library(&alice);
    // Into the links briefing's only item, its first source selected.
    for key in ["l", "j", "l", "l"] {
        alice.send(key);
        std::thread::sleep(Duration::from_millis(150));
    }
    alice.wait_text("https://example.org/report");
    alice.send("o");
    alice.wait_text("copied link");
    alice.wait_text("not opened");
    let url = base64::engine::general_purpose::STANDARD.encode("https://example.org/report");
    let osc = format!("\x1b]52;c;{url}\x1b\\");
    let raw = String::from_utf8_lossy(&alice.raw()).into_owned();
    assert!(
        raw.contains(&osc),
        "the OSC 52 copy reached the client's terminal"
    );
    alice.send("q");
    alice.wait_exit(Duration::from_secs(10));
}

/// A copy goes the way the reader's terminal needs, told by its `TERM`
/// alone: the server running inside GNU screen (`STY`) changes nothing,
/// and a reader inside screen (`TERM=screen`) gets screen's passthrough.
#[test]
fn a_copys_route_follows_the_readers_term_not_the_servers_environment() {
    let desk = Desk::start_with(&["alice", "bob"], &[], &[("STY", "1234.pts-0.host")]);
    let copy = |reader: &str, term: &str| {
        let mut pty = desk.connect_with(reader, &[], &[("TERM", term)]);
        wait_library(&pty);
        pty.send("l");
        pty.wait_text("Contents (");
        pty.send("y");
        pty.wait_text("copied");
        let raw = String::from_utf8_lossy(&pty.raw()).into_owned();
        pty.send("q");
        pty.wait_exit(Duration::from_secs(10));
        raw
    };
    let plain = copy("alice", "xterm-256color");
    assert!(plain.contains("\x1b]52;c;"), "no OSC 52");
    assert!(
        !plain.contains("\x1bP\x1b]52"),
        "wrapped for a screen the reader is not in"
    );
    let in_screen = copy("bob", "screen");
    assert!(
        in_screen.contains("\x1bP\x1b]52;c;"),
        "not wrapped for screen"
    );
}

/// Files whose names are not UTF-8, added while the server runs: each is
/// one entry (not also a "missing" copy of itself), and two such names are
/// told apart on screen, escaped as every output names files.
#[test]
fn names_that_are_not_utf8_are_one_entry_each_and_told_apart() {
    use std::os::unix::ffi::OsStrExt;
    let desk = Desk::start(&["alice"], &[]);
    for name in [&b"a\xffb.toml"[..], b"a\xfeb.toml"] {
        let path = desk.lib.join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(path, "[briefing]\ntitle = 1\n").unwrap();
    }
    let alice = desk.connect("alice", 200, 30);
    let screen = alice.wait_text("Library: 5 briefings, 3 with errors");
    assert!(
        screen.contains("a\\xffb.toml") && screen.contains("a\\xfeb.toml"),
        "{screen}"
    );
    assert!(!screen.contains('\u{fffd}'), "{screen}");
    assert!(!screen.contains("missing"), "{screen}");
}

#[test]
fn two_readers_keep_their_own_read_marks() {
    let desk = Desk::start(&["alice", "bob"], &[]);
    let mut alice = desk.connect("alice", 140, 30);
    let first = wait_library(&alice);
    assert!(links_row(&first).contains("1 unread"), "{first}");
    // Alice reads the links briefing's item, then leaves.
    for key in ["l", "j", "l", "l"] {
        alice.send(key);
        std::thread::sleep(Duration::from_millis(150));
    }
    alice.wait_text("https://example.org/report");
    alice.send("q");
    alice.wait_exit(Duration::from_secs(10));
    desk.wait_log("alice's disconnect", |l| {
        l.contains("disconnect") && l.contains("reader=alice")
    });
    // Bob has read nothing.
    let mut bob = desk.connect("bob", 140, 30);
    let screen = wait_library(&bob);
    assert!(links_row(&screen).contains("1 unread"), "{screen}");
    bob.send("q");
    bob.wait_exit(Duration::from_secs(10));
    // Alice comes back where she left off, to her marks: that item is read.
    let mut alice = desk.connect("alice", 140, 30);
    alice.wait_text("Library › Links › Only › Cited");
    for _ in 0..3 {
        alice.send("h");
        std::thread::sleep(Duration::from_millis(150));
    }
    let screen = wait_library(&alice);
    let row = links_row(&screen);
    assert!(row.contains("Links") && !row.contains("unread"), "{screen}");
    alice.send("q");
    alice.wait_exit(Duration::from_secs(10));
}

#[test]
fn an_edit_and_a_new_briefing_reach_every_session() {
    let desk = Desk::start(&["alice", "bob"], &[]);
    let alice = desk.connect("alice", 140, 30);
    let bob = desk.connect("bob", 140, 30);
    wait_library(&alice);
    wait_library(&bob);
    let path = desk.lib.join("links.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen("title = \"Links\"", "title = \"Links revised\"", 1);
    assert_ne!(
        text, edited,
        "the fixture's title is where the test expects it"
    );
    std::fs::write(&path, &edited).unwrap();
    alice.wait_text("Links revised");
    bob.wait_text("Links revised");
    // A save that does not load: the last good version stays, under a
    // warning, in both (as a local reader keeps it).
    std::fs::write(&path, edited.replacen("summary", "summray", 1)).unwrap();
    for reader in [&alice, &bob] {
        let screen = reader.wait_text("newest save does not load");
        assert!(screen.contains("Links revised"), "{screen}");
    }
    // A new briefing in the directory appears in both.
    std::fs::write(
        desk.lib.join("new.toml"),
        text.replace("\"Links\"", "\"Newcomer\""),
    )
    .unwrap();
    alice.wait_text("Newcomer");
    bob.wait_text("Newcomer");
}

#[test]
fn a_killed_client_frees_its_session_within_a_second() {
    let desk = Desk::start(&["alice", "bob"], &["--max-sessions", "1"]);
    let mut alice = desk.connect("alice", 100, 30);
    wait_library(&alice);
    // The one place is taken: bob is told so.
    let mut bob = desk.connect("bob", 100, 30);
    bob.wait_text("the one place is taken");
    bob.wait_exit(Duration::from_secs(10));
    kill_client(&mut alice);
    let killed = Instant::now();
    desk.wait_log("alice's session freed", |l| {
        l.contains("disconnect") && l.contains("reader=alice")
    });
    let freed = killed.elapsed();
    eprintln!("alice's session freed {freed:?} after her client was killed");
    assert!(freed < Duration::from_secs(1), "freed after {freed:?}");
    // And the place is free again.
    let bob = desk.connect("bob", 100, 30);
    wait_library(&bob);
}

#[test]
fn a_panic_ends_only_its_own_session() {
    let env = [("BRIEF_TEST_PANIC", "reader:bob")];
    let desk = Desk::start_with(&["alice", "bob"], &[], &env);
    let mut alice = desk.connect("alice", 100, 30);
    wait_library(&alice);
    let mut bob = desk.connect("bob", 100, 30);
    bob.wait_text("internal error");
    bob.wait_exit(Duration::from_secs(10));
    bob.assert_restored();
    desk.wait_log("the panic", |l| l.contains(" panic "));
    // Alice reads on.
    alice.send("j");
    alice.wait_text("Jared Kushner");
    let bob = desk.connect("alice", 100, 30);
    wait_library(&bob);
}

#[test]
fn sigterm_tells_every_session_saves_its_place_and_exits() {
    let mut desk = Desk::start(&["alice"], &[]);
    let mut alice = desk.connect("alice", 100, 30);
    wait_library(&alice);
    alice.send("j");
    alice.send("l");
    alice.wait_text("Contents (4 sections)");
    desk.signal(libc::SIGTERM);
    alice.wait_text("the server is stopping");
    alice.wait_exit(Duration::from_secs(10));
    alice.assert_restored();
    assert_eq!(desk.wait_exit(Duration::from_secs(10)), Some(0));
    let saved = std::fs::read_to_string(desk.state.join("alice.json")).expect("alice's state");
    assert!(
        saved.contains("\"overview\""),
        "her place was saved: {saved}"
    );
}

/// Readers idle past a keepalive (15 s): SIGTERM still tells each, and
/// the server waits for their connections to close, so every one has its
/// `disconnect` line (the server used to exit as soon as the sessions were
/// done, before an idle connection had closed: neither line nor, after
/// minutes, the notice reached anyone).
#[test]
fn sigterm_after_keepalives_tells_idle_readers_and_logs_each_disconnect() {
    let mut desk = Desk::start(&["alice", "bob"], &[]);
    let mut readers = [desk.connect("alice", 100, 30), desk.connect("bob", 100, 30)];
    for reader in &readers {
        wait_library(reader);
    }
    std::thread::sleep(Duration::from_secs(17));
    desk.signal(libc::SIGTERM);
    for reader in &mut readers {
        reader.wait_text("the server is stopping");
        reader.wait_exit(Duration::from_secs(10));
    }
    assert_eq!(desk.wait_exit(Duration::from_secs(10)), Some(0));
    let log = desk.log();
    assert_eq!(log.matches(" disconnect ").count(), 2, "{log}");
    assert!(log.contains("connections_left=0"), "{log}");
}

#[test]
fn an_idle_session_is_warned_then_closed() {
    let desk = Desk::start(&["alice"], &["--idle-timeout", "2s"]);
    let mut alice = desk.connect("alice", 100, 30);
    wait_library(&alice);
    alice.wait_text("idle: this session closes in");
    alice.wait_text("closed after 2 s without a key");
    alice.wait_exit(Duration::from_secs(10));
    alice.assert_restored();
}
