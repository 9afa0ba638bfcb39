//! A real OpenSSH server on 127.0.0.1 for the tests: its own throw-away host
//! and client keys, config and authorized_keys in a temp dir, a free port,
//! stopped by its PID when dropped. Only loopback is ever used.

#![allow(dead_code)]

use super::pty::Pty;
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Sshd {
    /// Keys, config, logs and the remote side's files.
    pub dir: tempfile::TempDir,
    pub port: u16,
    child: Child,
    /// Readers started so far: each gets its own state directory.
    readers: std::cell::Cell<usize>,
}

/// The first of `paths` that exists, else `name` found on `PATH`.
fn find_program(name: &str, paths: &[&str]) -> Option<PathBuf> {
    let on_path: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join(name)).collect())
        .unwrap_or_default();
    paths
        .iter()
        .map(PathBuf::from)
        .chain(on_path)
        .find(|p| p.is_file())
}

/// Whether `name` can be run (for skipping when it is not installed).
pub fn installed(name: &str) -> bool {
    find_program(name, &[]).is_some()
}

fn keygen(path: &Path) {
    let status = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "brief-test", "-f"])
        .arg(path)
        .stdin(Stdio::null())
        .status()
        .expect("run ssh-keygen");
    assert!(status.success(), "ssh-keygen failed for {}", path.display());
}

/// A port nothing listens on now (the kernel's pick on 127.0.0.1).
fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local addr").port()
}

impl Sshd {
    /// Starts sshd, or `None` (with a message saying why the test is
    /// skipped) when OpenSSH's server or client is not installed.
    pub fn start() -> Option<Self> {
        let sshd = find_program(
            "sshd",
            &["/usr/sbin/sshd", "/usr/local/sbin/sshd", "/sbin/sshd"],
        );
        let (Some(sshd), true, true) = (sshd, installed("ssh"), installed("ssh-keygen")) else {
            eprintln!("skipped: OpenSSH (sshd, ssh, ssh-keygen) is not installed");
            return None;
        };
        let dir = tempfile::tempdir().expect("tempdir");
        keygen(&dir.path().join("host_key"));
        keygen(&dir.path().join("client_key"));
        let public = std::fs::read(dir.path().join("client_key.pub")).expect("client key");
        std::fs::write(dir.path().join("authorized_keys"), public).expect("authorized_keys");
        privsep_dir();
        // The port is free when picked; if another process takes it before
        // sshd binds, sshd exits and the next port is tried.
        for _ in 0..5 {
            let port = free_port();
            let mut child = spawn_sshd(&sshd, dir.path(), port);
            if wait_listening(&mut child, port) {
                write_known_hosts(dir.path(), port);
                let readers = Default::default();
                return Some(Self {
                    dir,
                    port,
                    child,
                    readers,
                });
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        let log = std::fs::read_to_string(dir.path().join("sshd.log")).unwrap_or_default();
        panic!("sshd did not start on 127.0.0.1:\n{log}");
    }

    /// The `ssh` arguments that run `command` on this server in a remote
    /// pty, with this test's keys and nothing from the user's configuration.
    pub fn ssh_args(&self, command: &str) -> Vec<String> {
        let d = self.dir.path().display();
        let mut args: Vec<String> = ["-tt", "-F", "/dev/null", "-p", &self.port.to_string()]
            .map(String::from)
            .into();
        for option in [
            format!("IdentityFile={d}/client_key"),
            "IdentitiesOnly=yes".into(),
            "IdentityAgent=none".into(),
            format!("UserKnownHostsFile={d}/known_hosts"),
            "GlobalKnownHostsFile=/dev/null".into(),
            "StrictHostKeyChecking=yes".into(),
            "BatchMode=yes".into(),
            "ConnectTimeout=10".into(),
            "LogLevel=ERROR".into(),
        ] {
            args.push("-o".into());
            args.push(option);
        }
        args.push("127.0.0.1".into());
        args.push(command.into());
        args
    }

    /// `ssh -tt ... brief FILE` in a real pty on this side, `brief` (the
    /// binary at `brief`) in a pty on the server's, with no read state from
    /// an earlier reader. The remote shell writes the reader's PID to
    /// [`Sshd::remote_pid`]'s file first, then execs it.
    pub fn spawn_reader(&self, brief: &Path, file: &Path, cols: u16, rows: u16) -> Pty {
        let d = self.dir.path();
        let _ = std::fs::remove_file(d.join("remote.pid"));
        let n = self.readers.get() + 1;
        self.readers.set(n);
        let command = format!(
            "echo $$ > '{d}/remote.pid' && exec env LANG=C.UTF-8 HOME='{d}' \
             XDG_STATE_HOME='{d}/state-{n}' XDG_CONFIG_HOME='{d}/config' '{brief}' '{file}'",
            d = d.display(),
            brief = brief.display(),
            file = file.display(),
        );
        let args = self.ssh_args(&command);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        Pty::spawn_program("ssh", &args, d, cols, rows, &[])
    }

    /// The PID of the reader on the server side (once its shell wrote it).
    pub fn remote_pid(&self) -> i32 {
        let path = self.dir.path().join("remote.pid");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(pid) = std::fs::read_to_string(&path)
                .ok()
                .and_then(|s| s.trim().parse().ok())
            {
                return pid;
            }
            assert!(Instant::now() < deadline, "the remote shell wrote no PID");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        stop(&mut self.child);
    }
}

/// SIGTERM, then SIGKILL if it has not gone within 2 s; reaps it.
pub fn stop(child: &mut Child) {
    let pid = child.id() as i32;
    // SAFETY: signalling our own child by its PID.
    unsafe { libc::kill(pid, libc::SIGTERM) };
    let deadline = Instant::now() + Duration::from_secs(2);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// True while `pid` is a live process (not gone, not a zombie).
pub fn alive(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the command name in parentheses.
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| !rest.starts_with('Z') && !rest.starts_with('X')),
        Err(_) => false,
    }
}

/// sshd running as root insists on its privilege-separation directory
/// (Debian's service creates it at boot; a container may have none).
fn privsep_dir() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 && !Path::new("/run/sshd").is_dir() {
        std::fs::create_dir_all("/run/sshd").expect("create /run/sshd");
    }
}

fn spawn_sshd(sshd: &Path, dir: &Path, port: u16) -> Child {
    let d = dir.display();
    let config = format!(
        "ListenAddress 127.0.0.1:{port}\n\
         HostKey {d}/host_key\n\
         AuthorizedKeysFile {d}/authorized_keys\n\
         PidFile {d}/sshd.pid\n\
         StrictModes no\n\
         UsePAM no\n\
         PubkeyAuthentication yes\n\
         PasswordAuthentication no\n\
         KbdInteractiveAuthentication no\n\
         PermitRootLogin prohibit-password\n\
         AllowTcpForwarding no\n\
         X11Forwarding no\n\
         PrintMotd no\n\
         PrintLastLog no\n\
         UseDNS no\n\
         LogLevel VERBOSE\n"
    );
    let path = dir.join("sshd_config");
    std::fs::write(&path, config).expect("sshd_config");
    let log = std::fs::File::create(dir.join("sshd.log")).expect("sshd.log");
    Command::new(sshd)
        .arg("-D")
        .arg("-e")
        .arg("-f")
        .arg(&path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("spawn sshd")
}

/// Waits (at most 10 s) until sshd accepts on `port`; false if it exited.
fn wait_listening(child: &mut Child, port: u16) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return false;
        }
        if TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// The host key, pinned for `[127.0.0.1]:port`: the client checks it.
fn write_known_hosts(dir: &Path, port: u16) {
    let key = std::fs::read_to_string(dir.join("host_key.pub")).expect("host key");
    let line = format!("[127.0.0.1]:{port} {}", key.trim());
    std::fs::write(dir.join("known_hosts"), line + "\n").expect("known_hosts");
}
