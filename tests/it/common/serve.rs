//! `brief serve` on 127.0.0.1 (a free port the kernel picks) over a copy of
//! the fixture library, and the real OpenSSH client against it: in a pty
//! for a reader, or as a plain command for what must be refused. The server
//! is started and stopped by its PID.

#![allow(dead_code)]

use super::pty::Pty;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub struct Desk {
    pub dir: tempfile::TempDir,
    pub lib: PathBuf,
    pub state: PathBuf,
    pub port: u16,
    log: PathBuf,
    child: Child,
}

/// A copy of the fixture library in `dir/lib`.
pub fn copy_library(dir: &Path) -> PathBuf {
    let lib = dir.join("lib");
    std::fs::create_dir(&lib).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library");
    for entry in std::fs::read_dir(fixtures).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, lib.join(path.file_name().unwrap())).unwrap();
    }
    lib
}

/// Makes an Ed25519 key pair `dir/NAME` whose comment is NAME.
pub fn make_key(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let status = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&path)
        .status()
        .expect("ssh-keygen runs");
    assert!(status.success(), "ssh-keygen failed");
    path
}

impl Desk {
    /// A server whose keys file lists `readers` (a key each).
    pub fn start(readers: &[&str], args: &[&str]) -> Self {
        Self::start_with(readers, args, &[])
    }

    pub fn start_with(readers: &[&str], args: &[&str], env: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let lib = copy_library(dir.path());
        let keys = dir.path().join("keys");
        std::fs::create_dir(&keys).unwrap();
        let mut listed = String::new();
        for name in readers {
            let key = make_key(&keys, name);
            listed += &std::fs::read_to_string(key.with_extension("pub")).unwrap();
        }
        let authorized = dir.path().join("authorized_keys");
        std::fs::write(&authorized, listed).unwrap();
        let state = dir.path().join("readers");
        let log = dir.path().join("server.log");
        let child = Command::new(env!("CARGO_BIN_EXE_brief"))
            .arg("serve")
            .arg(&lib)
            .args(["--listen", "127.0.0.1:0", "--authorized-keys"])
            .arg(&authorized)
            .arg("--host-key")
            .arg(dir.path().join("host_key"))
            .arg("--state-dir")
            .arg(&state)
            .args(args)
            .env("HOME", dir.path())
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("XDG_STATE_HOME", dir.path().join("state"))
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("brief serve starts");
        let mut desk = Self {
            dir,
            lib,
            state,
            port: 0,
            log,
            child,
        };
        let line = desk.wait_log("the listening line", |l| l.contains(" listening "));
        let addr = line
            .split_whitespace()
            .find_map(|w| w.strip_prefix("addr="))
            .unwrap();
        desk.port = addr.rsplit(':').next().unwrap().parse().unwrap();
        desk
    }

    pub fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    /// The key of `name` (made when the desk started, or by `make_key`).
    pub fn key(&self, name: &str) -> PathBuf {
        let path = self.dir.path().join("keys").join(name);
        if !path.exists() {
            make_key(&self.dir.path().join("keys"), name);
        }
        path
    }

    /// The client's options: this key only, no agent, no config, no host
    /// key prompt, no password prompt.
    pub fn ssh_args(&self, key: &str, extra: &[&str]) -> Vec<String> {
        self.ssh_args_to(self.port, key, extra)
    }

    /// The same, to another port (a relay's: ssh takes the first `-p`).
    pub fn ssh_args_to(&self, port: u16, key: &str, extra: &[&str]) -> Vec<String> {
        let key = self.key(key);
        let mut args: Vec<String> = vec!["-F".into(), "/dev/null".into()];
        args.extend(["-p".into(), port.to_string(), "-i".into()]);
        args.push(key.display().to_string());
        for opt in [
            "IdentitiesOnly=yes",
            "IdentityAgent=none",
            "StrictHostKeyChecking=no",
            "UserKnownHostsFile=/dev/null",
            "LogLevel=ERROR",
            "BatchMode=yes",
            "ConnectTimeout=10",
        ] {
            args.extend(["-o".into(), opt.into()]);
        }
        args.extend(extra.iter().map(|s| s.to_string()));
        args
    }

    /// A reader at a terminal of `cols`x`rows`: `ssh -t 127.0.0.1`.
    pub fn connect(&self, reader: &str, cols: u16, rows: u16) -> Pty {
        self.connect_to(self.port, reader, cols, rows)
    }

    /// The same, with more of ssh's options (`-o ...`) and variables.
    pub fn connect_with(&self, reader: &str, extra: &[&str], env: &[(&str, &str)]) -> Pty {
        let mut args = self.ssh_args(reader, extra);
        args.extend(["-t".into(), "127.0.0.1".into()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        Pty::spawn_program("ssh", &args, self.dir.path(), 100, 30, env)
    }

    /// A reader through `port` (a relay's).
    pub fn connect_to(&self, port: u16, reader: &str, cols: u16, rows: u16) -> Pty {
        let mut args = self.ssh_args_to(port, reader, &[]);
        args.extend(["-t".into(), "127.0.0.1".into()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        Pty::spawn_command("ssh", &args, self.dir.path(), cols, rows)
    }

    /// `ssh EXTRA...` with no terminal, its output collected.
    pub fn ssh(&self, key: &str, extra: &[&str]) -> Output {
        Command::new("ssh")
            .args(self.ssh_args(key, extra))
            .stdin(Stdio::null())
            .output()
            .expect("ssh runs")
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits (10 s at most) for a log line that satisfies `pred`.
    pub fn wait_log(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(line) = self.log().lines().find(|l| pred(l)) {
                return line.to_string();
            }
            if Instant::now() > deadline {
                panic!("no log line for {what}; log:\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Sends `signal` to the server.
    pub fn signal(&self, signal: i32) {
        // SAFETY: a signal to our own child, by its PID.
        assert_eq!(unsafe { libc::kill(self.pid(), signal) }, 0);
    }

    /// Waits for the server to exit; its exit code.
    pub fn wait_exit(&mut self, within: Duration) -> Option<i32> {
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            if Instant::now() > deadline {
                panic!("brief serve did not exit; log:\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        // By its PID, and reaped.
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Kills a client (the ssh process) at once, as a crash or `kill -9` would.
pub fn kill_client(pty: &mut Pty) {
    let pid = pty.child.process_id().expect("ssh's pid") as i32;
    // SAFETY: a signal to our own child, by its PID.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0);
}

/// A TCP relay between a client and the server whose server-to-client
/// half can be paused: the client then reads nothing, as a stuck terminal
/// or a stalled link would, while its keys still reach the server.
pub struct Relay {
    pub port: u16,
    paused: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Relay {
    /// Relays the first connection to 127.0.0.1:`port`.
    pub fn start(port: u16) -> Self {
        use std::sync::atomic::AtomicBool;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let paused = std::sync::Arc::new(AtomicBool::new(false));
        let relay = Self {
            port: listener.local_addr().unwrap().port(),
            paused: paused.clone(),
        };
        std::thread::spawn(move || {
            let Ok((client, _)) = listener.accept() else {
                return;
            };
            let server = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
            let (client_in, server_out) =
                (client.try_clone().unwrap(), server.try_clone().unwrap());
            std::thread::spawn(move || copy(client_in, server_out, None));
            copy(server, client, Some(paused));
        });
        relay
    }

    /// Stops (true) or resumes (false) what the server sends.
    pub fn pause(&self, paused: bool) {
        self.paused
            .store(paused, std::sync::atomic::Ordering::SeqCst);
    }
}

/// Copies `from` to `to` until either ends; while `paused` is set nothing
/// is read.
fn copy(
    mut from: std::net::TcpStream,
    mut to: std::net::TcpStream,
    paused: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
) {
    use std::io::{Read, Write};
    let mut buf = [0u8; 16 * 1024];
    loop {
        if let Some(flag) = &paused
            && flag.load(std::sync::atomic::Ordering::SeqCst)
        {
            std::thread::sleep(Duration::from_millis(10));
            continue;
        }
        match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if to.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
        }
    }
    let _ = to.shutdown(std::net::Shutdown::Write);
}

/// A field of the server's /proc status, in KiB (`VmRSS`, `VmHWM`: its peak).
pub fn memory_kib(pid: i32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// A count from a `disconnect` line (`keys_dropped=`, `bytes_out=`...).
pub fn logged(line: &str, field: &str) -> u64 {
    (line.split_whitespace())
        .find_map(|w| w.strip_prefix(field)?.strip_prefix('='))
        .and_then(|n| n.parse().ok())
        .unwrap_or_default()
}
