#!/usr/bin/env python3
"""`brief DIR` on a large library, in a pty: first frame, RSS, quit.

Usage (after `cargo build --release`):

    python3 benches/library.py DIR [RUNS] [-- EXTRA ARGS]

DIR is a library (make one with `cargo run --release --example gen_library
-- N DIR`; see docs/performance.md). Each run starts `brief DIR` on an 80x24
pty with a fresh HOME (read state and cache in it), and measures:
  - first frame: fork to the end of the first frame (`ESC [ ? 2026 l`);
  - loaded: fork to the last frame before 1.5 s without one (each batch
    the loader sends draws a frame);
  - first hit: `/`, then `sanctions` written at once, to the first output
    that draws a hit (a breadcrumb's `›`, which only hit rows have on the
    search screen); then Esc (SEARCH=0 skips the search);
  - RSS: VmRSS and VmHWM of the process once loaded and searched;
  - quit: `q` sent to the process reaped; with read state on, the state
    file must then hold every briefing loaded (`saved`).
Prints the median of each. BRIEF=/path/to/brief picks another binary.
WARM=1 keeps one HOME for every run, after one untimed run that fills the
cache (and the read state of every briefing): the runs then start from a
warm cache. FIRST_ONLY=1 measures the first frame alone (the process is
then killed): for many quick runs.
"""

import fcntl
import json
import os
import pty
import select
import statistics
import struct
import sys
import tempfile
import termios
import time

ROWS, COLS = 24, 80
END = b"\x1b[?2026l"
QUIET = 1.5


def binary():
    if os.environ.get("BRIEF"):
        return os.environ["BRIEF"]
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    return os.path.join(target, "release", "brief")


def read_until(fd, pred, deadline):
    seen = b""
    while time.perf_counter() < deadline:
        if not select.select([fd], [], [], 0.2)[0]:
            continue
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            return seen, False
        if not chunk:
            return seen, False
        seen += chunk
        if pred(seen):
            return seen, True
    return seen, False


def rss(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmRSS", "VmHWM")):
                key, value = line.split(":")
                out[key] = int(value.split()[0]) / 1024
    return out


def one(argv, env, first_only=False):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        os.execve(argv[0], argv, env)
    result = {}
    try:
        seen, ok = read_until(fd, lambda s: END in s, start + 120)
        if not ok:
            sys.exit(f"no first frame: {seen[-300:]!r}")
        result["first"] = time.perf_counter() - start
        if first_only:
            return result
        # Loaded: a frame after which no "loading" is left in the last frame.
        # Loaded: frames stop (each loaded batch draws one) for QUIET
        # seconds; the time is that of the last frame.
        last = time.perf_counter()
        while time.perf_counter() < start + 300:
            more, _ = read_until(fd, lambda s: END in s, time.perf_counter() + QUIET)
            if END not in more:
                break
            last = time.perf_counter()
        result["loaded"] = last - start
        if os.environ.get("SEARCH", "1") != "0":
            os.write(fd, b"/")
            read_until(fd, lambda s: END in s, time.perf_counter() + 10)
            typed = time.perf_counter()
            os.write(fd, b"sanctions")
            seen, ok = read_until(fd, lambda s: "›".encode() in s, typed + 120)
            if ok:
                result["first hit"] = time.perf_counter() - typed
            read_until(fd, lambda s: False, time.perf_counter() + QUIET)
            os.write(fd, b"\x1b")
            read_until(fd, lambda s: False, time.perf_counter() + QUIET)
        result.update(rss(pid))
        quit_at = time.perf_counter()
        os.write(fd, b"q")
        deadline = quit_at + 60
        while time.perf_counter() < deadline:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            read_until(fd, lambda s: False, time.perf_counter() + 0.005)
        result["quit"] = time.perf_counter() - quit_at
        state = os.path.join(env.get("XDG_STATE_HOME", ""), "brief", "state.json")
        if os.path.exists(state):
            with open(state) as f:
                result["saved"] = len(json.load(f)["briefings"])
    finally:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except OSError:
            pass
        os.close(fd)
    return result


def environment(home):
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "HOME": home,
        "XDG_STATE_HOME": os.path.join(home, "state"),
        "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "XDG_CACHE_HOME": os.path.join(home, "cache"),
    }


def main():
    args = sys.argv[1:]
    extra = args[args.index("--") + 1 :] if "--" in args else []
    args = args[: args.index("--")] if "--" in args else args
    lib = args[0]
    runs = int(args[1]) if len(args) > 1 else 3
    results = []
    warm = os.environ.get("WARM") == "1"
    home = tempfile.mkdtemp(prefix="brief-library-")
    first_only = os.environ.get("FIRST_ONLY") == "1"
    if warm:
        one([binary(), *extra, lib], environment(home))
    for _ in range(runs):
        if not warm:
            home = tempfile.mkdtemp(prefix="brief-library-")
        results.append(one([binary(), *extra, lib], environment(home), first_only))
    for key, unit, scale in [
        ("first", "ms", 1000),
        ("loaded", "s", 1),
        ("first hit", "ms", 1000),
        ("VmRSS", "MB", 1),
        ("VmHWM", "MB", 1),
        ("quit", "ms", 1000),
        ("saved", "briefings", 1),
    ]:
        values = [r[key] * scale for r in results if key in r]
        if values:
            print(f"{key:>9}: median {statistics.median(values):9.1f} {unit}"
                  f"  (min {min(values):.1f}, max {max(values):.1f}, n={len(values)})")


if __name__ == "__main__":
    main()
