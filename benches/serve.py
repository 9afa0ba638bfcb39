#!/usr/bin/env python3
"""`brief serve` under load: memory per session and keypress-to-frame latency.

Usage (from the repository root, after `cargo build --release`):

    python3 benches/serve.py [BRIEF] [SESSIONS] [SECONDS]

BRIEF defaults to target/release/brief, SESSIONS to 50 and SECONDS to 10.
Everything runs on 127.0.0.1 in a temporary directory:

1. A library of 1,000 briefings (the Ukraine fixture, retitled and redated),
   a key per reader, and `brief serve` on a free port.
1b. First visits: every reader connects once, sees its first frame and quits;
   the time until every session is gone (each new reader's read state for
   1,000 briefings is written before its session ends). Then every reader
   is a returning one, as on a desk's ordinary day.
2. The server's RSS with no session, with one, and with SESSIONS, each an
   OpenSSH client (`ssh -tt`) on its own 80x24 pseudo-terminal, every one at
   its first frame. Per extra session: (RSS with all - RSS with one) /
   (SESSIONS - 1).
3. For SECONDS, every session presses `j` ten times a second (the sessions
   staggered evenly over the 100 ms). A key's latency is from writing it to
   the client's pty to reading the end of the next frame there
   (`ESC [ ? 2026 l`: every frame is one write inside synchronised-update
   markers). The preview's settle frame (60 ms after a move) comes before the
   next key unless frames run 40 ms late. Prints p50/p90/p99/max and the
   bytes the client's terminal received per key.
3b. Every session in turn searches the library once (`/kushner`, Enter):
   the server's RSS after (search indexes are shared per version).
4. The same keys to `brief` itself on a pty over the same library (what
   `ssh host brief` forwards byte for byte), once it has read the library
   (it lists at once and reads in the background): bytes per key, to
   compare.

The clients' own CPU (50 ssh processes encrypting) is on the same cores as the
server: on a 2-core machine that is part of what is measured.
"""

import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

FRAME_END = b"\x1b[?2026l"
COLS, ROWS = 80, 24


def make_library(root, count=1000):
    lib = os.path.join(root, "lib")
    os.mkdir(lib)
    with open("tests/fixtures/library/ukraine.toml", encoding="utf-8") as f:
        text = f.read()
    for i in range(count):
        body = re.sub(r'(?m)^title = ".*"$', f'title = "Briefing number {i}"', text, count=1)
        body = re.sub(r"(?m)^date = .*$", f"date = 2025-{1 + i % 12:02}-{1 + i % 28:02}", body, count=1)
        with open(os.path.join(lib, f"b{i:04}.toml"), "w", encoding="utf-8") as f:
            f.write(body)
    return lib


def make_keys(root, count):
    keys = os.path.join(root, "keys")
    os.mkdir(keys)
    listed = []
    for i in range(count):
        path = os.path.join(keys, f"reader{i}")
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"reader{i}", "-f", path], check=True)
        with open(path + ".pub", encoding="utf-8") as f:
            listed.append(f.read())
    authorized = os.path.join(root, "authorized_keys")
    with open(authorized, "w", encoding="utf-8") as f:
        f.write("".join(listed))
    os.chmod(authorized, 0o600)
    return keys, authorized


def start_server(brief, root, lib, authorized, sessions):
    log = open(os.path.join(root, "server.log"), "w+", encoding="utf-8")
    args = [brief, "serve", lib, "--listen", "127.0.0.1:0", "--authorized-keys", authorized,
            "--host-key", os.path.join(root, "host_key"), "--state-dir", os.path.join(root, "state"),
            "--max-sessions", str(sessions + 1), "--per-minute", str(sessions * 4)]
    env = dict(os.environ, HOME=root, XDG_STATE_HOME=os.path.join(root, "xdg"))
    server = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log, env=env)
    deadline = time.time() + 30
    while time.time() < deadline:
        log.seek(0)
        m = re.search(r"listening addr=127\.0\.0\.1:(\d+)", log.read())
        if m:
            return server, int(m.group(1))
        time.sleep(0.02)
    raise SystemExit("the server did not start")


def rss_kib(pid):
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def spawn_on_pty(argv, cwd):
    """argv on a new COLSxROWS pty; returns (process, master fd)."""
    import fcntl
    import struct
    import termios
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd,
                            start_new_session=True, env=dict(os.environ, TERM="xterm-256color"))
    os.close(slave)
    os.set_blocking(master, False)
    return proc, master


def ssh_client(root, keys, port, i):
    argv = ["ssh", "-F", "/dev/null", "-tt", "-p", str(port), "-i", os.path.join(keys, f"reader{i}"),
            "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "127.0.0.1"]
    return spawn_on_pty(argv, root)


def wait_first_frame(fd, timeout=30):
    seen = b""
    deadline = time.time() + timeout
    while time.time() < deadline:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
            if b"Library" in seen and FRAME_END in seen:
                return
    raise SystemExit("no first frame")


def wait_quiet(fd, quiet=1.0, timeout=120):
    """Reads until nothing has arrived for `quiet` seconds (a library read in
    the background redraws its header as it loads)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return
        try:
            os.read(fd, 1 << 20)
        except OSError:
            return
    raise SystemExit("the reader never went quiet")


def drive(fds, seconds):
    """Each fd gets `j` ten times a second; returns (latencies in ms, bytes read, keys sent)."""
    n = len(fds)
    start = time.perf_counter() + 0.2
    next_send = [start + i * 0.1 / n for i in range(n)]
    pending = [[] for _ in range(n)]
    latencies, received, sent = [], 0, 0
    index = {fd: i for i, fd in enumerate(fds)}
    end = start + seconds
    while True:
        now = time.perf_counter()
        if now >= end and not any(pending):
            break
        if now >= end + 2:
            break
        for i, t in enumerate(next_send):
            if t <= now < end:
                os.write(fds[i], b"j")
                pending[i].append(time.perf_counter())
                next_send[i] += 0.1
                sent += 1
        wait = max(0.0, min(next_send) - time.perf_counter()) if now < end else 0.05
        r, _, _ = select.select(fds, [], [], min(wait, 0.05))
        for fd in r:
            try:
                data = os.read(fd, 1 << 20)
            except OSError:
                continue
            got = time.perf_counter()
            received += len(data)
            i = index[fd]
            for _ in range(data.count(FRAME_END)):
                if pending[i]:
                    latencies.append((got - pending[i].pop(0)) * 1000)
    return latencies, received, sent


def first_visits(root, keys, port, sessions, log_path):
    """Every reader once: first frame, `q`; seconds until all are gone."""
    start = time.time()
    clients = [ssh_client(root, keys, port, i) for i in range(sessions)]
    for _, fd in clients:
        wait_first_frame(fd)
    for _, fd in clients:
        os.write(fd, b"q")
    deadline = time.time() + 600
    while time.time() < deadline:
        with open(log_path, encoding="utf-8") as f:
            gone = sum(1 for line in f if " disconnect " in line)
        if gone >= sessions:
            break
        time.sleep(0.1)
    for proc, fd in clients:
        proc.kill()
        os.close(fd)
    return time.time() - start


def search_once(fds):
    """Each session in turn searches the whole library (`/kushner`, Enter)
    and waits for its results; returns the server's RSS (KiB) after: the
    indexes are built once, by the first, and shared."""
    for fd in fds:
        os.write(fd, b"/kushner\r")
        wait_quiet(fd, 0.3)
    time.sleep(0.5)
    return rss_kib(SERVER_PID[0])


SERVER_PID = [0]


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def main():
    brief = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/brief")
    sessions = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 10
    root = tempfile.mkdtemp(prefix="brief-serve-bench-")
    clients = []
    server = None
    try:
        lib = make_library(root)
        keys, authorized = make_keys(root, sessions)
        server, port = start_server(brief, root, lib, authorized, sessions)
        SERVER_PID[0] = server.pid
        took = first_visits(root, keys, port, sessions, os.path.join(root, "server.log"))
        print(f"first visits of {sessions} new readers, until every session was gone: {took:.1f} s")
        time.sleep(0.5)
        idle = rss_kib(server.pid)
        clients.append(ssh_client(root, keys, port, 0))
        wait_first_frame(clients[0][1])
        time.sleep(0.3)
        one = rss_kib(server.pid)
        for i in range(1, sessions):
            clients.append(ssh_client(root, keys, port, i))
            wait_first_frame(clients[-1][1])
        time.sleep(0.5)
        full = rss_kib(server.pid)
        print(f"library: 1000 briefings; sessions: {sessions}; load average before: {os.getloadavg()[0]:.2f}")
        print(f"server RSS: {idle / 1024:.1f} MiB idle, {one / 1024:.1f} MiB with 1 session, "
              f"{full / 1024:.1f} MiB with {sessions}")
        if sessions > 1:
            print(f"per extra session: {(full - one) / (sessions - 1) / 1024:.2f} MiB")
        fds = [fd for _, fd in clients]
        lat, received, sent = drive(fds, seconds)
        after = rss_kib(server.pid)
        print(f"keys sent: {sent}, frames matched: {len(lat)}; server RSS after: {after / 1024:.1f} MiB")
        if lat:
            print("keypress to frame (ms): p50 %.2f  p90 %.2f  p99 %.2f  max %.2f" % (
                percentile(lat, 50), percentile(lat, 90), percentile(lat, 99), max(lat)))
        print(f"bytes per key at the client (brief serve): {received / max(sent, 1):.0f}")
        searched = search_once(fds)
        print(f"every session searched the library once: server RSS {searched / 1024:.1f} MiB, "
              f"{(searched - after) / len(fds) / 1024:.2f} MiB a session more")
        local, fd = spawn_on_pty([brief, "--no-state", lib], root)
        wait_first_frame(fd)
        wait_quiet(fd)
        _, local_received, local_sent = drive([fd], min(seconds, 5))
        print(f"bytes per key at the terminal (brief on a pty, as ssh host brief forwards): "
              f"{local_received / max(local_sent, 1):.0f}")
        local.kill()
    finally:
        for proc, fd in clients:
            proc.kill()
            os.close(fd)
        if server:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
