//! `brief serve`: an SSH server whose only service is the reader over one
//! library. Public keys from an `authorized_keys` file are the only way in;
//! each key names a reader, whose read state is kept here. Every session
//! runs the same reader as a local terminal (`tui::run_on` on an SSH
//! channel), on one shared library with one file watcher. The limits and the
//! threat model are in SECURITY.md, the set-up in docs/serve.md.

mod conn;
mod hostkey;
mod hub;
mod idle;
mod input;
mod keys;
mod limits;
mod live;
mod log;
mod outbox;
pub mod restricted;
mod session;

use crate::cli::ServeArgs;
use crate::model::name::shown;
use crate::tui::Wake;
use hub::Hub;
use keys::AuthorizedKeys;
use russh::keys::PrivateKey;
use russh::server::Config;
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};

/// How long a stopping server waits for its sessions to say goodbye.
const STOP_GRACE: Duration = Duration::from_secs(5);

/// The limits in force (SECURITY.md lists them with their defaults).
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_sessions: usize,
    pub per_minute: usize,
    pub auth_timeout: Duration,
    pub idle_timeout: Duration,
}

/// What every connection shares.
#[derive(Debug)]
pub struct Server {
    hub: Arc<Hub>,
    keys: Mutex<AuthorizedKeys>,
    limits: Limits,
    state_dir: PathBuf,
    theme: crate::ui::Theme,
    stopping: AtomicBool,
}

/// Milliseconds since the server started: the clock idle times are kept in.
fn now_ms() -> u64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_millis() as u64
}

/// Runs the server until SIGTERM (or SIGINT, SIGHUP); the exit code.
pub fn run(args: &ServeArgs) -> i32 {
    match serve(args) {
        Ok(()) => 0,
        Err(why) => {
            eprintln!(
                "brief serve: {}",
                crate::model::sanitize::sanitize_inline(&why)
            );
            1
        }
    }
}

fn serve(args: &ServeArgs) -> Result<(), String> {
    let (server, host_key) = open(args)?;
    install_panic_hook();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("serve-net")
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start: {e}"))?;
    let listener = runtime
        .block_on(TcpListener::bind(args.listen))
        .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
    let at = listener.local_addr().map_err(|e| e.to_string())?;
    log::line(
        "listening",
        &[("addr", &at), ("sessions", &args.max_sessions)],
    );
    spawn_signals(server.clone())?;
    runtime.block_on(accept(server, Arc::new(config(host_key)), listener));
    Ok(())
}

/// Everything before the first connection: the library, the host key (made
/// if need be), the keys file, the readers' state directory.
fn open(args: &ServeArgs) -> Result<(Arc<Server>, PrivateKey), String> {
    let dir = args
        .dir
        .clone()
        .unwrap_or_else(|| PathBuf::from("briefings"));
    if !dir.is_dir() {
        return Err(format!("{}: not a directory of briefings", shown(&dir)));
    }
    let (keys_path, key_path, state_dir) = paths(args)?;
    let host_key = open_host_key(&key_path)?;
    let keys = open_keys(&keys_path);
    make_private_dir(&state_dir).map_err(|e| format!("{}: {e}", shown(&state_dir)))?;
    let (hub, skipped) = Hub::open(&dir);
    let briefings = hub.briefings();
    log::line(
        "library",
        &[
            ("dir", &shown(&dir)),
            ("briefings", &briefings),
            ("links_skipped", &skipped),
        ],
    );
    let limits = Limits {
        max_sessions: args.max_sessions,
        per_minute: args.per_minute,
        auth_timeout: args.auth_timeout,
        idle_timeout: args.idle_timeout,
    };
    let server = Server {
        hub,
        keys: Mutex::new(keys),
        limits,
        state_dir,
        theme: crate::config::Config::default().theme(true, false),
        stopping: AtomicBool::new(false),
    };
    Ok((Arc::new(server), host_key))
}

/// The host key, made if there is none; its fingerprint is logged.
fn open_host_key(path: &Path) -> Result<PrivateKey, String> {
    let (host_key, made) = hostkey::load_or_create(path)?;
    let event = if made { "host-key-made" } else { "host-key" };
    let fingerprint = hostkey::fingerprint(&host_key);
    log::line(
        event,
        &[("fingerprint", &fingerprint), ("file", &shown(path))],
    );
    Ok(host_key)
}

/// The keys file as it is now (missing or refused: no key yet, logged).
fn open_keys(path: &Path) -> AuthorizedKeys {
    let (keys, problems) = AuthorizedKeys::open(path);
    for problem in problems {
        log::line("keys", &[("problem", &problem)]);
    }
    log::line(
        "keys",
        &[("readers", &keys.count()), ("file", &shown(path))],
    );
    keys
}

/// The keys file, the host key and the readers' state directory: as given,
/// else under the XDG config and state directories.
fn paths(args: &ServeArgs) -> Result<(PathBuf, PathBuf, PathBuf), String> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().ok();
    let config = base.as_ref().map(|b| b.config_dir().join("brief"));
    let state =
        (base.as_ref()).map(|b| b.state_dir().unwrap_or_else(|| b.data_dir()).join("brief"));
    let pick = |given: &Option<PathBuf>, base: &Option<PathBuf>, name: &str, flag: &str| {
        (given.clone())
            .or_else(|| base.as_ref().map(|b| b.join(name)))
            .ok_or_else(|| format!("no home directory to keep files in: give {flag}"))
    };
    Ok((
        pick(
            &args.authorized_keys,
            &config,
            "authorized_keys",
            "--authorized-keys",
        )?,
        pick(&args.host_key, &state, "host_ed25519_key", "--host-key")?,
        pick(&args.state_dir, &state, "readers", "--state-dir")?,
    ))
}

fn make_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// Public keys only; keepalives find a peer that vanished without closing
/// its connection (three missed, 45 s); no inactivity cut (idle readers
/// are told, then closed, by the session's own timer).
fn config(host_key: PrivateKey) -> Config {
    use russh::{MethodKind, MethodSet, SshId};
    let mut methods = MethodSet::empty();
    methods.push(MethodKind::PublicKey);
    Config {
        server_id: SshId::Standard("SSH-2.0-brief".into()),
        methods,
        auth_rejection_time: Duration::from_secs(1),
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![host_key],
        max_auth_attempts: 6,
        inactivity_timeout: None,
        keepalive_interval: Some(Duration::from_secs(15)),
        keepalive_max: 3,
        nodelay: true,
        ..Config::default()
    }
}

/// Counts an open connection until dropped.
struct Open(Arc<AtomicUsize>);

impl Drop for Open {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Accepts connections for ever: each address's rate and the number open
/// are checked at the door.
async fn accept(server: Arc<Server>, config: Arc<Config>, listener: TcpListener) {
    let mut rate = limits::RateLimit::new(server.limits.per_minute);
    let open = Arc::new(AtomicUsize::new(0));
    let max_open = server.limits.max_sessions.saturating_mul(2).max(2);
    let mut next_id = 0u64;
    let mut refusals = log::Throttle::new("refused");
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                // Out of descriptors, say: wait rather than spin.
                log::line("accept-error", &[("error", &e)]);
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        next_id += 1;
        let refused = if server.stopping.load(Ordering::Relaxed) {
            Some("stopping")
        } else if let Err(why) = rate.admit(peer.ip(), Instant::now()) {
            Some(match why {
                limits::Refusal::Rate => "too many connections from this address",
                limits::Refusal::Addresses => "too many addresses",
            })
        } else if open.load(Ordering::Relaxed) >= max_open {
            Some("too many connections open")
        } else {
            None
        };
        if let Some(why) = refused {
            let now = (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH))
                .map_or(0, |d| d.as_secs());
            refusals.line(now, &[("id", &next_id), ("addr", &peer), ("why", &why)]);
            continue;
        }
        open.fetch_add(1, Ordering::Relaxed);
        let guard = Open(open.clone());
        tokio::spawn(connection(
            server.clone(),
            config.clone(),
            stream,
            peer,
            next_id,
            guard,
        ));
    }
}

/// One connection, from the SSH greeting to its close. It must authenticate
/// and start the reader within the auth timeout.
async fn connection(
    server: Arc<Server>,
    config: Arc<Config>,
    stream: TcpStream,
    peer: std::net::SocketAddr,
    id: u64,
    _open: Open,
) {
    log::line("connect", &[("id", &id), ("addr", &peer)]);
    let deadline = tokio::time::Instant::now() + server.limits.auth_timeout;
    let record = Arc::new(session::Record::new(id, peer));
    let started = Arc::new(AtomicBool::new(false));
    let handler = conn::Conn::new(server, record, started.clone());
    // A second handle on the socket, to cut it at the deadline whatever
    // state the SSH exchange is in (a handshake that stalls included).
    let cut = stream
        .as_fd()
        .try_clone_to_owned()
        .map(std::net::TcpStream::from);
    let timer = tokio::spawn(async move {
        tokio::time::sleep_until(deadline).await;
        if !started.load(Ordering::Relaxed) {
            log::line(
                "timeout",
                &[("id", &id), ("what", &"no reader started in time")],
            );
            if let Ok(socket) = &cut {
                let _ = socket.shutdown(std::net::Shutdown::Both);
            }
        }
    });
    let running = russh::server::run_stream(config, stream, handler).await;
    if let Ok(running) = running {
        let _ = running.await;
    }
    timer.abort();
}

/// SIGTERM, SIGINT or SIGHUP: every session is told and saves its state,
/// then the server exits (after at most `STOP_GRACE`).
fn spawn_signals(server: Arc<Server>) -> Result<(), String> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])
        .map_err(|e| format!("cannot handle signals: {e}"))?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                stop(&server, signal);
            }
        })
        .map(drop)
        .map_err(|e| format!("cannot handle signals: {e}"))
}

fn stop(server: &Server, signal: i32) -> ! {
    server.stopping.store(true, Ordering::Relaxed);
    log::line(
        "stopping",
        &[("signal", &signal), ("sessions", &server.hub.sessions())],
    );
    server.hub.broadcast(|| Wake::Terminate(signal));
    let deadline = Instant::now() + STOP_GRACE;
    // A session's place is free once its reader saved and its output was
    // handed to the connection; the connection itself closes a moment later
    // (longer once keepalives have run): until then its last bytes may not
    // be on the wire, nor its `disconnect` line in the log.
    let open = || server.hub.sessions() + session::open_connections();
    while open() > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    log::line(
        "stopped",
        &[
            ("sessions_left", &server.hub.sessions()),
            ("connections_left", &session::open_connections()),
        ],
    );
    std::process::exit(0)
}

/// A panic is one log line (the session it was in ends; the others go on).
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let thread = std::thread::current();
        let at = info
            .location()
            .map_or_else(String::new, |l| format!("{}:{}", l.file(), l.line()));
        let message = (info.payload().downcast_ref::<&str>().copied())
            .or_else(|| info.payload().downcast_ref::<String>().map(String::as_str))
            .unwrap_or("");
        log::line(
            "panic",
            &[
                ("thread", &thread.name().unwrap_or("?")),
                ("at", &at),
                ("message", &message),
            ],
        );
    }));
}
