#!/usr/bin/env python3
"""Quit time: `q` on a library of N briefings, in a pty, with fresh read state.

Usage (from the repository root, after `cargo build --release`):

    python3 benches/quit.py [N ...] [--runs R] [--binary PATH]

N defaults to 1000 and 5000, R to 5, PATH to $CARGO_TARGET_DIR/release/brief
(or target/release/brief). Each N makes a library of N small briefings (one
section of three items) in a temporary directory, once. Each run starts
`brief LIBRARY` on a new 100x30 pseudo-terminal with an empty
XDG_STATE_HOME (so every briefing is a first visit, whose known items are
all to be saved: the most a quit has to write), waits for the end of the
first frame (`ESC [ ? 2026 l`) and then until no frame has come for 1.5 s
(the library lists and loads in the background; each batch draws a frame;
before issue 18 the first frame came once the directory was listed),
sends `q`, and times from that
write to the child's exit (waitpid). It checks that the state file then
holds N briefings. Prints each time and the median, min and max per N.
"""

import os
import pty
import select
import shutil
import statistics
import sys
import tempfile
import time

TIMEOUT = 600.0
QUIET = 1.5


def args():
    sizes, runs, binary = [], 5, None
    argv = sys.argv[1:]
    while argv:
        a = argv.pop(0)
        if a == "--runs":
            runs = int(argv.pop(0))
        elif a == "--binary":
            binary = argv.pop(0)
        else:
            sizes.append(int(a))
    if binary is None:
        target = os.environ.get("CARGO_TARGET_DIR", "target")
        binary = os.path.join(target, "release", "brief")
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary} not found: run `cargo build --release` first")
    return sizes or [1000, 5000], runs, binary


def library(root, n):
    lib = os.path.join(root, f"lib{n}")
    os.mkdir(lib)
    for i in range(n):
        items = "".join(
            f'\n[[section.item]]\nid = "i{k}"\ntitle = "Item {k}"\nbody = "Body {k}."\n'
            for k in range(1, 4)
        )
        text = (
            f'[briefing]\ntitle = "Briefing {i}"\ndate = 2025-12-02\nsummary = "S."\n\n'
            f'[[section]]\nid = "s"\ntitle = "Items"\n{items}'
        )
        with open(os.path.join(lib, f"b{i:05}.toml"), "w") as f:
            f.write(text)
    return lib


def read_until(fd, pred, deadline):
    seen = b""
    while not pred(seen):
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(seen[-200:])
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


def one_run(binary, lib, n, state):
    env = {
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PATH": os.environ.get("PATH", ""),
        "HOME": state,
        "XDG_STATE_HOME": state,
        "XDG_CONFIG_HOME": state,
        "COLUMNS": "100",
        "LINES": "30",
    }
    pid, fd = pty.fork()
    if pid == 0:
        import fcntl, struct, termios

        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        os.execve(binary, [binary, lib], env)
    deadline = time.monotonic() + TIMEOUT
    read_until(fd, lambda s: s.rstrip().endswith(b"\x1b[?2026l"), deadline)
    # Loaded: no frame for QUIET seconds.
    while True:
        r, _, _ = select.select([fd], [], [], QUIET)
        if not r:
            break
        try:
            os.read(fd, 65536)
        except OSError:
            break
        if time.monotonic() > deadline:
            raise TimeoutError("never quiet")
    start = time.perf_counter()
    os.write(fd, b"q")
    done = None
    while done is None:
        r, _, _ = select.select([fd], [], [], 0.005)
        if r:
            try:
                os.read(fd, 65536)
            except OSError:
                pass
        wpid, status = os.waitpid(pid, os.WNOHANG)
        if wpid:
            done = time.perf_counter() - start
        elif time.monotonic() > deadline:
            os.kill(pid, 9)
            raise TimeoutError("no exit")
    os.close(fd)
    path = os.path.join(state, "brief", "state.json")
    import json

    with open(path) as f:
        saved = len(json.load(f)["briefings"])
    if saved != n:
        sys.exit(f"state holds {saved} briefings, not {n}")
    return done


def main():
    sizes, runs, binary = args()
    root = tempfile.mkdtemp(prefix="brief-quit-")
    try:
        for n in sizes:
            lib = library(root, n)
            times = []
            for r in range(runs):
                state = os.path.join(root, f"state-{n}-{r}")
                os.mkdir(state)
                t = one_run(binary, lib, n, state)
                times.append(t)
                print(f"{n} briefings, run {r + 1}: {t * 1000:.0f} ms", flush=True)
            print(
                f"{n} briefings: median {statistics.median(times) * 1000:.0f} ms, "
                f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms",
                flush=True,
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
