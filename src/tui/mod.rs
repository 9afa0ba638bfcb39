//! The reader's run loop: set-up, the event loop, and the actions that reach
//! past the app (copies, link opens, suspend). The terminal handling is in
//! `terminal`, frames in `frame`, and the threads that feed the loop in
//! `threads`.
//!
//! Input and signals arrive on background threads and are sent into one
//! channel; the UI thread only draws from memory and waits on that channel.

mod colours;
mod frame;
mod keys;
mod terminal;
mod threads;
mod wide;

pub use frame::{FrameWriter, Hyperlinks, Term, draw, draw_frame};
pub use terminal::{restore, tty_size};

use crate::app::keymap::{Keymap, prompt_action_for};
use crate::app::read::Marks;
use crate::app::{Action, App};
use crate::state::Store;
use crate::ui::{self, Theme};
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{Event, MouseEventKind};
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, Sender};
use terminal::{enter, inject_test_panic, install_panic_hook, repaint, suspend};
use threads::{
    next_wake, register_signals, spawn_input, spawn_signals, spawn_state_writer, spawn_watcher,
};

/// What the loop can be woken by.
#[derive(Debug)]
pub enum Wake {
    Input(Event),
    /// The terminal went away (read error, EOF): exit.
    InputClosed,
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT (the number): exit cleanly.
    Terminate(i32),
    /// SIGCONT after an outside stop: take the terminal back and repaint.
    Continue,
    /// Something for the status line from a background thread.
    Notice(String),
    /// A watched file changed (or watching failed).
    Watch(crate::watch::Update),
    /// Input paused while previews were held: let them catch up.
    Settle,
}

/// Turns a terminal event into an action; `prompt` when a prompt takes the keys.
pub fn action_for_event(keymap: &Keymap, event: &Event, prompt: bool) -> Option<Action> {
    match event {
        Event::Key(key) if prompt => prompt_action_for(*key),
        Event::Key(key) => keymap.action_for(*key),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::ScrollAt {
                x: m.column,
                y: m.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Action::ScrollAt {
                x: m.column,
                y: m.row,
                down: false,
            }),
            MouseEventKind::Down(_) => Some(Action::ClickAt {
                x: m.column,
                y: m.row,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Runs the reader until the user quits or the terminal goes away. Returns
/// the signal that ended it, if one did (the caller exits with 128 + it, as
/// a shell reports a program killed by that signal).
///
/// Only what a safe first frame needs happens before it: the panic hook, the
/// signal handlers, raw mode and one size query. Threads (signals, input,
/// state writer, watcher) start after it, so start-up is as fast as `less`.
pub fn run(
    mut app: App,
    theme: &Theme,
    mouse: bool,
    store: Option<Store>,
) -> io::Result<Option<i32>> {
    install_panic_hook();
    let (tx, rx) = mpsc::channel();
    let signals = register_signals()?;
    enter(mouse)?;
    let mut writer = None;
    let result = (|| {
        let area = tty_size();
        let backend = CrosstermBackend::new(FrameWriter::new(io::stdout()));
        let options = TerminalOptions {
            viewport: Viewport::Fixed(area),
        };
        let mut terminal = Terminal::with_options(backend, options)?;
        app.mouse = mouse;
        app.defer_previews = true;
        app.update(Action::Resize(area.width, area.height));
        let mut links = Hyperlinks::new(ui::links::supported(|k| std::env::var(k).ok()));
        draw_frame(&mut terminal, &app, theme, &mut links)?;
        inject_test_panic();
        spawn_signals(signals, tx.clone())?;
        spawn_input(tx.clone());
        writer = store.map(|s| spawn_state_writer(s, tx.clone()));
        let watcher = spawn_watcher(&app, tx);
        let saver = writer.as_ref().map(|(tx, _)| tx.clone());
        let io = LoopIo {
            rx: &rx,
            mouse,
            saver: saver.as_ref(),
            watcher: watcher.as_ref(),
        };
        event_loop(&mut terminal, &mut app, theme, &io, &mut links)
    })();
    restore();
    // The last view and any marks not yet saved, then wait for the writes.
    if let Some((tx, handle)) = writer {
        let _ = tx.send(app.take_dirty_marks());
        drop(tx);
        let _ = handle.join();
    }
    result
}

/// The channels the loop talks to.
struct LoopIo<'a> {
    rx: &'a Receiver<Wake>,
    mouse: bool,
    saver: Option<&'a Sender<Vec<Marks>>>,
    watcher: Option<&'a Sender<crate::watch::Msg>>,
}

fn event_loop<W: Write>(
    terminal: &mut Term<W>,
    app: &mut App,
    theme: &Theme,
    io: &LoopIo<'_>,
    links: &mut Hyperlinks,
) -> io::Result<Option<i32>> {
    let (rx, mouse, saver) = (io.rx, io.mouse, io.saver);
    while let Some(first) = next_event(rx, app) {
        // Handle everything already queued (a burst of resizes, a pasted
        // string of keys) before drawing once.
        for wake in std::iter::once(first).chain(rx.try_iter()) {
            match wake {
                Wake::InputClosed => return Ok(None),
                Wake::Terminate(signal) => return Ok(Some(signal)),
                Wake::Continue => repaint(terminal, mouse, links)?,
                Wake::Notice(text) => app.message = Some(text),
                Wake::Settle => app.update(Action::SettlePreview),
                Wake::Watch(crate::watch::Update::Reloaded(index, result)) => {
                    app.apply_reload(index, *result)
                }
                Wake::Watch(crate::watch::Update::Added(index, path, result)) => {
                    app.add_entry(index, path.display().to_string(), *result)
                }
                Wake::Watch(crate::watch::Update::Unavailable(text)) => app.message = Some(text),
                Wake::Input(ev) => match action_for_event(&app.keymap, &ev, app.search.typing) {
                    Some(Action::Suspend) => {
                        suspend(mouse)?;
                        repaint(terminal, mouse, links)?;
                    }
                    Some(Action::Reload) => match io.watcher {
                        Some(w) if w.send(crate::watch::Msg::ReloadAll).is_ok() => {
                            app.message = Some("reloading".into())
                        }
                        _ => app.message = Some(nothing_to_reload(app).into()),
                    },
                    Some(action) => app.update(action),
                    None => {}
                },
            }
            if app.should_quit {
                return Ok(None);
            }
        }
        deliver_outbox(terminal.backend_mut(), app)?;
        let area = tty_size();
        if area != terminal.get_frame().area() {
            terminal.resize(area)?;
        }
        app.update(Action::Resize(area.width, area.height));
        draw_frame(terminal, app, theme, links)?;
        if let Some(saver) = saver {
            let dirty = app.take_dirty_marks();
            if !dirty.is_empty() {
                let _ = saver.send(dirty);
            }
        }
    }
    Ok(None)
}

/// The next thing to handle. While nothing waits (and no preview is held),
/// search indexes are built a slice at a time: keys are never kept waiting
/// for a whole large briefing to be indexed.
fn next_event(rx: &Receiver<Wake>, app: &mut App) -> Option<Wake> {
    use std::sync::mpsc::TryRecvError;
    loop {
        match rx.try_recv() {
            Ok(wake) => return Some(wake),
            Err(TryRecvError::Disconnected) => return None,
            Err(TryRecvError::Empty) => {}
        }
        if app.previews_held() || !app.index_step() {
            return next_wake(rx, app.previews_held());
        }
    }
}

/// Carries out copies (OSC 52, sent with the next frame; through GNU
/// screen's passthrough inside it) and link opens.
fn deliver_outbox(out: &mut impl Write, app: &mut App) -> io::Result<()> {
    use crate::app::copy::Outbound;
    use crate::clipboard::{MAX_PAYLOAD, Route, human_size, is_ssh, open_url, osc52};
    if app.outbox.is_empty() {
        return Ok(());
    }
    let route = Route::detect(|k| std::env::var(k).ok());
    for job in std::mem::take(&mut app.outbox) {
        let (text, what, over_ssh) = match job {
            Outbound::Copy { text, what } => (text, what, false),
            Outbound::Open(url) if is_ssh(|k| std::env::var(k).ok()) => (url, "link", true),
            Outbound::Open(url) => {
                app.message = Some(match open_url(&url) {
                    Ok(()) => format!("opening {url}"),
                    Err(e) => format!("could not open the link: {e}"),
                });
                continue;
            }
        };
        app.message = Some(match osc52(&text, route) {
            Ok(seq) => {
                out.write_all(seq.as_bytes())?;
                let via = if over_ssh {
                    " (SSH session: copied, not opened)"
                } else {
                    ""
                };
                format!("copied {what}, {}{via}", human_size(text.len()))
            }
            Err(size) => format!(
                "not copied: {} is over the {} terminals accept",
                human_size(size),
                human_size(MAX_PAYLOAD)
            ),
        });
    }
    Ok(())
}

/// Why `r` does nothing: no entry was read from a file.
fn nothing_to_reload(app: &App) -> &'static str {
    if app
        .entries
        .iter()
        .any(|e| e.label == crate::open::STDIN_LABEL)
    {
        "nothing to reload: read from standard input"
    } else {
        "nothing to reload: bundled briefings"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Entry;

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
}
