//! One SSH connection: a listed public key in, one session channel, a pty,
//! then the reader. Everything else a client may ask for (commands,
//! subsystems, forwarding of ports, agents or X11, environment) is refused.

use super::keys::Reader;
use super::live::Live;
use super::session::Record;
use super::{Server, log};
use russh::keys::ssh_key::{HashAlg, PublicKey};
use russh::server::{Auth, Handler, Msg, PublicKeyOffer, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, ChannelWriteHalf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The handler russh calls for one connection.
pub struct Conn {
    server: Arc<Server>,
    record: Arc<Record>,
    /// Set once the reader runs: the start timer then leaves it alone.
    started: Arc<AtomicBool>,
    channel: Option<Chan>,
    live: Option<Live>,
}

/// The one session channel, until its reader starts.
struct Chan {
    id: ChannelId,
    write: Option<ChannelWriteHalf<Msg>>,
    /// The client's `TERM` and window, from its pty request.
    pty: Option<(String, u32, u32)>,
}

impl Conn {
    pub fn new(server: Arc<Server>, record: Arc<Record>, started: Arc<AtomicBool>) -> Self {
        Self {
            server,
            record,
            started,
            channel: None,
            live: None,
        }
    }

    /// The reader `key` names, from the keys file as it is now.
    fn reader_for(&self, key: &PublicKey) -> Option<Reader> {
        let mut keys = self.server.keys.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(problems) = keys.refresh() {
            log::line("keys", &[("readers", &keys.count())]);
            for p in problems {
                log::line("keys", &[("problem", &p)]);
            }
        }
        keys.find(key).cloned()
    }

    fn ours(&self, channel: ChannelId) -> bool {
        self.live.is_none() && self.channel.as_ref().is_some_and(|c| c.id == channel)
    }

    fn log(&self, event: &str, what: &str) {
        log::line(event, &[("id", &self.record.id), ("what", &what)]);
    }

    /// Starts the reader on the channel, if it has a pty and there is room.
    fn start(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), String> {
        let reader = self.record.reader().ok_or("not authenticated")?;
        let chan = self.channel.as_mut().ok_or("no channel")?;
        let pty = chan.pty.clone().ok_or(NO_PTY)?;
        if self.server.stopping.load(Ordering::Relaxed) {
            return Err("the server is stopping".into());
        }
        let max = self.server.limits.max_sessions;
        let slot = (self.server.hub.reserve(max)).ok_or_else(|| match max {
            1 => "the one place is taken; try again later".to_string(),
            _ => format!("all {max} places are taken; try again later"),
        })?;
        let write = chan.write.take().ok_or("no channel")?;
        let _ = session.channel_success(channel);
        let live = Live::start(&self.server, &self.record, reader, pty, write, slot)
            .map_err(|e| format!("cannot start a session: {e}"))?;
        self.live = Some(live);
        self.started.store(true, Ordering::Relaxed);
        Ok(())
    }
}

/// What a client without a terminal is told.
const NO_PTY: &str = "a terminal is needed: connect with `ssh -t` (or without -T)";

/// Tells the client why, then ends the channel.
fn refuse(session: &mut Session, channel: ChannelId, why: &str) -> Result<(), russh::Error> {
    session.channel_success(channel)?;
    let line = format!(
        "brief serve: {}\r\n",
        crate::model::sanitize::sanitize_inline(why)
    );
    session.extended_data(channel, 1, line.into_bytes())?;
    session.exit_status_request(channel, 1)?;
    session.eof(channel)?;
    session.close(channel)
}

fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

impl Handler for Conn {
    type Error = russh::Error;

    /// An unlisted key is turned away before the client signs with it.
    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        if self.reader_for(offer.public_key).is_some() {
            return Ok(Auth::Accept);
        }
        log::line(
            "auth-refused",
            &[
                ("id", &self.record.id),
                ("key", &fingerprint(offer.public_key)),
                ("addr", &self.record.peer),
            ],
        );
        Ok(Auth::reject())
    }

    async fn auth_publickey(
        &mut self,
        _user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        let Some(reader) = self.reader_for(key.public_key) else {
            return Ok(Auth::reject());
        };
        log::line(
            "auth",
            &[
                ("id", &self.record.id),
                ("reader", &reader.name),
                ("key", &reader.fingerprint),
                ("addr", &self.record.peer),
            ],
        );
        *self.record.reader.lock().unwrap_or_else(|e| e.into_inner()) = Some(reader);
        Ok(Auth::Accept)
    }

    /// One session channel per connection; a second one is refused.
    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: russh::server::ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel.is_some() {
            self.log("refused", "a second channel");
            return Ok(());
        }
        reply.accept().await;
        // Requests and data reach the callbacks below; the read half would
        // only queue copies of them.
        let (_, write) = channel.split();
        self.channel = Some(Chan {
            id: write.id(),
            write: Some(write),
            pty: None,
        });
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.ours(channel) {
            return session.channel_failure(channel);
        }
        let term: String = term.chars().take(64).collect();
        if let Some(chan) = self.channel.as_mut() {
            chan.pty = Some((term, cols, rows));
        }
        session.channel_success(channel)
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.ours(channel) {
            return session.channel_failure(channel);
        }
        match self.start(channel, session) {
            Ok(()) => Ok(()),
            Err(why) => {
                self.log("refused", &why);
                refuse(session, channel, &why)
            }
        }
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _command: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.log("refused", "a command");
        refuse(
            session,
            channel,
            "no command is run here; connect without one to read",
        )
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.log(
            "refused",
            &format!("subsystem {}", name.chars().take(32).collect::<String>()),
        );
        session.channel_failure(channel)?;
        session.close(channel)
    }

    /// No variable from the client is used.
    async fn env_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        _value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    /// The server never opens a channel to the client's agent.
    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.log("refused", "agent forwarding");
        Ok(false)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single: bool,
        _protocol: &str,
        _cookie: &str,
        _screen: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.log("refused", "X11 forwarding");
        session.channel_failure(channel)
    }

    async fn window_change_request(
        &mut self,
        _channel: ChannelId,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        match (&self.live, self.channel.as_mut()) {
            (Some(live), _) => live.resize(cols, rows),
            // Before the reader starts: it starts at the new size.
            (None, Some(Chan { pty: Some(pty), .. })) => (pty.1, pty.2) = (cols, rows),
            (None, _) => {}
        }
        Ok(())
    }

    async fn data(
        &mut self,
        _channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.record
            .bytes_in
            .fetch_add(data.len() as u64, Ordering::Relaxed);
        let Some(live) = self.live.as_mut() else {
            return Ok(());
        };
        live.feed(data);
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(live) = &self.live {
            live.input_closed();
        }
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.channel_eof(channel, session).await
    }
}

/// The connection is gone (closed, killed, timed out): its session ends now.
impl Drop for Conn {
    fn drop(&mut self) {
        if let Some(live) = &self.live {
            live.gone();
        }
    }
}
