//! The run loop on a host in memory, and its messages.

use super::*;
use crate::app::Entry;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

/// A terminal in memory: a size, and counts of what the loop asked of it.
#[derive(Default)]
struct TestHost {
    size: Rect,
    suspended: usize,
    reentered: usize,
    hung_up: bool,
    /// No shell to suspend to (served, `--restricted`).
    no_shell: bool,
}

impl Host for TestHost {
    type Out = Vec<u8>;

    fn output(&mut self) -> Vec<u8> {
        Vec::new()
    }

    fn size(&mut self) -> Rect {
        self.size
    }

    fn start_input(&mut self, _tx: Sender<Wake>) {}

    fn hung_up(&mut self) -> bool {
        self.hung_up
    }

    fn suspend(&mut self) -> io::Result<()> {
        self.suspended += 1;
        Ok(())
    }

    fn reenter(&mut self) -> io::Result<()> {
        self.reentered += 1;
        Ok(())
    }

    fn suspends(&self) -> bool {
        !self.no_shell
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Wake {
    Wake::Input(Event::Key(KeyEvent::new(code, modifiers)))
}

/// Runs the loop on `host` with `wakes` queued (the channel stays open
/// when `open`); returns how it ended and the bytes the host received.
fn serve(host: &mut TestHost, app: &mut App, wakes: Vec<Wake>, open: bool) -> (Exit, Vec<u8>) {
    let (tx, rx) = mpsc::channel();
    for wake in wakes {
        tx.send(wake).expect("queued");
    }
    let _kept = open.then_some(tx);
    let mut terminal = terminal_on(host).expect("a terminal");
    let mut links = Hyperlinks::default();
    // Threads the loop starts report elsewhere: the queue ends when `open` is false.
    let (spare, _) = mpsc::channel();
    let mut io = LoopIo {
        rx: &rx,
        tx: spare,
        saver: None,
        watcher: None,
        own_watcher: false,
        searcher: None,
    };
    let mut screen = Screen {
        host,
        terminal: &mut terminal,
        links: &mut links,
    };
    let exit = event_loop(&mut screen, app, &Theme::mono(false), &mut io).expect("the loop");
    (exit, terminal.backend().writer().get_ref().clone())
}

#[test]
fn the_loop_serves_a_host_that_is_not_the_tty() {
    let mut host = TestHost {
        size: Rect::new(0, 0, 100, 30),
        ..TestHost::default()
    };
    let mut app = app_of("a.toml");
    let down = key(KeyCode::Char('j'), KeyModifiers::NONE);
    let (exit, bytes) = serve(&mut host, &mut app, vec![down], false);
    assert_eq!(exit, None, "the input ended");
    // The size came from the host, the key from its events, and the
    // frame went to its writer.
    assert_eq!(app.size, (100, 30));
    assert!(matches!(app.top(), crate::app::View::Overview(l) if l.selected == 1));
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("Bottom line"), "{text}");
}

#[test]
fn suspend_signals_and_hang_ups_go_through_the_host() {
    let mut host = TestHost {
        size: Rect::new(0, 0, 80, 24),
        ..TestHost::default()
    };
    let mut app = app_of("a.toml");
    let ctrl_z = key(KeyCode::Char('z'), KeyModifiers::CONTROL);
    let wakes = vec![ctrl_z, Wake::Continue, Wake::Terminate(15)];
    let (exit, _) = serve(&mut host, &mut app, wakes, true);
    assert_eq!(exit, Some(15));
    assert_eq!((host.suspended, host.reentered), (1, 2));
    // Nothing queued and the channel open: only the host's hang-up ends it.
    host.hung_up = true;
    let (exit, _) = serve(&mut host, &mut app, vec![], true);
    assert_eq!(exit, None);
}

#[test]
fn ctrl_z_without_a_shell_says_so_and_reads_on() {
    let mut host = TestHost {
        size: Rect::new(0, 0, 80, 24),
        no_shell: true,
        ..TestHost::default()
    };
    let mut app = app_of("a.toml");
    let ctrl_z = key(KeyCode::Char('z'), KeyModifiers::CONTROL);
    let (exit, bytes) = serve(&mut host, &mut app, vec![ctrl_z], false);
    assert_eq!(exit, None);
    assert_eq!((host.suspended, host.reentered), (0, 0));
    assert_eq!(app.message.as_deref(), Some(NO_SUSPEND));
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("suspend is not available"), "{text}");
}

fn app_of(label: &str) -> App {
    let text = include_str!("../../briefings/ukraine-talks-2025-12-02.toml");
    let loaded = crate::model::load_str(label, text).expect("loads");
    App::new(vec![Entry::new(label, Ok(loaded))], false)
}

#[test]
fn nothing_to_reload_says_where_the_briefing_came_from() {
    let stdin = app_of(crate::open::STDIN_LABEL);
    assert_eq!(
        nothing_to_reload(&stdin),
        "nothing to reload: read from standard input"
    );
    let bundled = app_of("ukraine-talks-2025-12-02.toml");
    assert_eq!(
        nothing_to_reload(&bundled),
        "nothing to reload: bundled briefings"
    );
}
