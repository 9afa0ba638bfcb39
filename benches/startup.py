#!/usr/bin/env python3
"""Start to first frame: `brief` on the Ukraine briefing against `less` showing
the same words as text, each in a fresh pty, 30 runs each, medians.

brief: until the end of its first synchronised update (ESC [?2026l).
less: until the file's first line is on screen.

Run from the repository root after `cargo build --release`:
    python3 benches/startup.py
"""
import os, pty, time, statistics, sys, select, subprocess
def first_frame(argv, marker, env):
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env)
    buf = b""
    while marker not in buf:
        r,_,_ = select.select([fd],[],[],5)
        if not r: break
        try: buf += os.read(fd, 65536)
        except OSError: break
    t = time.perf_counter() - t0
    os.kill(pid, 9); os.waitpid(pid, 0); os.close(fd)
    return t
env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LINES="40", COLUMNS="100")
n = 60
b = [first_frame(["./target/release/brief","--no-state","briefings/ukraine-talks-2025-12-02.toml"], b"\x1b[?2026l", env) for _ in range(n)]
subprocess.run("COLUMNS=100 ./target/release/brief briefings/ukraine-talks-2025-12-02.toml > /tmp/u.txt", shell=True, check=True)
l = [first_frame(["less","/tmp/u.txt"], b"US-Russia talks", env) for _ in range(n)]
print("brief median %.2f ms, less median %.2f ms, ratio %.2f" % (statistics.median(b)*1e3, statistics.median(l)*1e3, statistics.median(b)/statistics.median(l)))
