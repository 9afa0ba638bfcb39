//! One reader on one host, from the first frame to the last save: what the
//! local tty (`brief`, `brief --restricted`) and a served SSH channel
//! (`brief serve`) share. The caller says where events come from, where
//! read state goes and who watches the files ([`Wiring`]).

use super::saver;
use super::threads::{register_signals, spawn_lister, spawn_loader, spawn_signals, spawn_watcher};
use super::{Exit, Host, Hyperlinks, LocalTty, LoopIo, Screen, Wake, draw_frame, event_loop};
use super::{
    terminal::enter, terminal::inject_test_panic, terminal::install_panic_hook, terminal_on,
};
use crate::app::{Action, App};
use crate::state::{StateFile, Store};
use crate::ui::Theme;
use std::io;
use std::sync::mpsc::{Receiver, Sender};

/// Who watches the briefings' files for this reader.
#[derive(Debug)]
pub enum Watcher {
    /// The reader starts its own watcher over its entries.
    Own,
    /// A watcher shared with other readers: its updates arrive on the
    /// reader's channel, and `r` asks it for a reload here.
    Shared(Sender<crate::watch::Msg>),
}

/// What was read from the read-state store before the reader started.
#[derive(Debug)]
pub enum Stored {
    Read(StateFile),
    /// Nothing yet: the state writer reads it after the first frame and
    /// sends it to the reader ([`Wake::StateRead`]). A library listed in
    /// the background does not wait for a large state file to draw.
    Later,
}

/// What a reader is connected to besides its terminal.
#[derive(Debug)]
pub struct Wiring {
    /// The reader's own channel: its host's input, the watcher's updates
    /// and notices all arrive here.
    pub tx: Sender<Wake>,
    pub rx: Receiver<Wake>,
    /// Where read marks are saved, and what was loaded from there (`None`:
    /// no read state).
    pub state: Option<(Store, Stored)>,
    pub watcher: Watcher,
    /// Whether frames carry OSC 8 hyperlinks.
    pub hyperlinks: bool,
    /// Whether mouse reporting is on (the hints say so).
    pub mouse: bool,
}

/// The reader on the tty this process was started on: takes the terminal
/// (panic hook, signals, raw mode), runs, and gives it back.
pub fn run_tty(mut host: LocalTty, app: App, theme: &Theme, wiring: Wiring) -> io::Result<Exit> {
    install_panic_hook();
    let signals = register_signals()?;
    enter(host.mouse)?;
    let tx = wiring.tx.clone();
    run_on(&mut host, app, theme, wiring, move || {
        inject_test_panic();
        spawn_signals(signals, tx)
    })
}

/// Runs the reader on `host` until the user quits, the input ends or a
/// signal says stop; the host is left ([`Host::leave`]) and the last marks
/// saved before it returns. `first_frame` runs once the first frame is out.
///
/// Only what a safe first frame needs happens before it: threads (input,
/// state writer, watcher) start after it, so start-up is as fast as `less`.
pub fn run_on<H: Host>(
    host: &mut H,
    mut app: App,
    theme: &Theme,
    wiring: Wiring,
    first_frame: impl FnOnce() -> io::Result<()>,
) -> io::Result<Exit> {
    let (tx, rx) = (wiring.tx, wiring.rx);
    let mut writer = None;
    let result = (|| {
        let mut terminal = terminal_on(host)?;
        let area = terminal.get_frame().area();
        app.mouse = wiring.mouse;
        if !host.suspends() {
            app.keymap.set_unavailable(Action::Suspend);
        }
        app.previews.defer = true;
        app.update(Action::Resize(area.width, area.height));
        let mut links = Hyperlinks::new(wiring.hyperlinks);
        draw_frame(&mut terminal, &app, theme, &mut links)?;
        first_frame()?;
        host.start_input(tx.clone());
        writer = wiring
            .state
            .map(|(store, loaded)| saver::spawn_writer(store, loaded, tx.clone()));
        let own_watcher = matches!(wiring.watcher, Watcher::Own);
        // A library still to be listed starts its loader and watcher once
        // the listing is done (see `event_loop`).
        let watcher = match wiring.watcher {
            _ if app.library.listing => {
                spawn_lister(&app, tx.clone());
                None
            }
            Watcher::Own => {
                spawn_loader(&app, tx.clone());
                spawn_watcher(&app, tx.clone())
            }
            Watcher::Shared(w) => {
                spawn_loader(&app, tx.clone());
                Some(w)
            }
        };
        let mut io = LoopIo {
            rx: &rx,
            tx,
            saver: writer.as_ref(),
            watcher,
            own_watcher,
            searcher: None,
        };
        let mut screen = Screen {
            host: &mut *host,
            terminal: &mut terminal,
            links: &mut links,
        };
        event_loop(&mut screen, &mut app, theme, &mut io)
    })();
    host.leave();
    // The last marks, saved in a bounded time (a signal still ends it).
    let result = match writer {
        Some(writer) => saver::finish_and_report(&writer, &mut app, &rx, result),
        None => result,
    };
    if host.exits_after() {
        // The process exits next: freeing a 10,000-briefing library one
        // allocation at a time took 0.4 s of the quit.
        std::mem::forget(app);
    }
    result
}
