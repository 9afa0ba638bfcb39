#!/usr/bin/env python3
"""Start to first frame: `brief FILE` against `less` on the same words, in a pty.

Usage (from the repository root, after `cargo build --release`):

    python3 benches/startup.py [BRIEFING] [RUNS]

BRIEFING defaults to the Ukraine briefing and RUNS to 30. The text `less`
shows is brief's own plain-text rendering of the briefing (`brief FILE | cat`),
so both programs show the same words. Each round runs every case once, in a
shuffled order, so that noise from other work on the machine, and the warm
caches a run leaves to the next, fall on all cases alike.

Each run: fork a child on a new 80x24 pseudo-terminal, exec the program, and
read its output until the first screen is complete:
  - brief: the end of its first frame, `ESC [ ? 2026 l` (every frame is one
    write wrapped in synchronised-update markers);
  - less: its first prompt, the file name in standout, which less prints
    after the screen's lines.
The time is from just before fork to the read that completes the marker.
Then `q` is sent and the child reaped. Prints the median, min and max of
each, and the ratio of the medians with a 95% bootstrap interval (the runs
resampled 2000 times): on a shared machine the medians move by 0.2-0.5 ms
from one run of the script to the next. `brief --no-state` is measured too: it
skips loading and saving read marks (the state file and its writer thread).
STARTUP_OTHER=/path/to/brief adds another build (a profile, a patch) to the
same rounds; several paths are separated by ':'.
"""

import fcntl
import os
import pty
import random
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROWS, COLS = 24, 80
TIMEOUT = 10.0


def binary():
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    path = os.path.join(target, "release", "brief")
    if not os.access(path, os.X_OK):
        sys.exit(f"{path} not found: run `cargo build --release` first")
    return path


def first_screen(argv, marker, env):
    """Seconds from fork to the end of `marker` in the child's output."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        os.execve(argv[0], argv, env)
    seen = b""
    elapsed = None
    deadline = start + TIMEOUT
    try:
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if marker in seen:
                elapsed = time.perf_counter() - start
                break
    finally:
        try:
            os.write(fd, b"q")
        except OSError:
            pass
        end = time.time() + 2
        while time.time() < end:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            try:
                while select.select([fd], [], [], 0.05)[0] and os.read(fd, 65536):
                    pass
            except OSError:
                pass
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)
    if elapsed is None:
        sys.exit(f"{argv}: no first screen within {TIMEOUT}s; output: {seen[-400:]!r}")
    return elapsed


def main():
    briefing = sys.argv[1] if len(sys.argv) > 1 else "briefings/ukraine-talks-2025-12-02.toml"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    brief = binary()
    less = subprocess.run(["which", "less"], capture_output=True, text=True).stdout.strip()
    if not less:
        sys.exit("less not found")
    home = tempfile.mkdtemp(prefix="brief-startup-")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": home,
        "XDG_STATE_HOME": os.path.join(home, "state"),
        "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "COLUMNS": str(COLS),
    }
    text_path = os.path.join(home, "u.txt")
    with open(text_path, "wb") as out:
        subprocess.run([brief, briefing], stdout=out, env=env, check=True)
    cases = {
        "brief": ([brief, briefing], b"\x1b[?2026l"),
        "brief --no-state": ([brief, "--no-state", briefing], b"\x1b[?2026l"),
        "less": ([less, text_path], text_path.encode()),
    }
    # Other builds of brief to compare in the same run (a profile or a patch):
    # STARTUP_OTHER=/path/a:/path/b python3 benches/startup.py
    others = [p for p in os.environ.get("STARTUP_OTHER", "").split(":") if p]
    for i, other in enumerate(others):
        cases[f"other {i + 1}"] = ([other, briefing], b"\x1b[?2026l")
    times = {name: [] for name in cases}
    # Each round runs every case once, in a shuffled order: a program run
    # right after another start-up of the same binary finds more of it
    # still in the CPU's caches, which a fixed order would hand to one case.
    order = list(cases)
    shuffle = random.Random(7).shuffle
    for _ in range(runs):
        shuffle(order)
        for name in order:
            argv, marker = cases[name]
            times[name].append(first_screen(argv, marker, env))
    size_b = os.path.getsize(briefing)
    size_t = os.path.getsize(text_path)
    words = len(open(text_path, encoding="utf-8").read().split())
    print(f"{briefing}: {size_b} bytes; as text for less: {size_t} bytes, {words} words")
    for i, other in enumerate(others):
        print(f"other {i + 1}: {other}")
    print(f"{runs} rounds, each case once a round in shuffled order, {COLS}x{ROWS} pty, start to first screen:")
    for name, ts in times.items():
        ms = sorted(t * 1000 for t in ts)
        print(
            f"  {name:16} median {statistics.median(ms):7.2f} ms"
            f"   min {ms[0]:7.2f} ms   max {ms[-1]:7.2f} ms"
        )
    for name in cases:
        if name != "less":
            ratio = statistics.median(times[name]) / statistics.median(times["less"])
            low, high = ratio_interval(times[name], times["less"])
            print(
                f"  {name} / less (medians): {ratio:.2f}x"
                f"   (95% bootstrap interval {low:.2f}-{high:.2f}x)"
            )
    # This build against each other one: below 1 means this one is faster.
    for i in range(len(others)):
        name = f"other {i + 1}"
        ratio = statistics.median(times["brief"]) / statistics.median(times[name])
        low, high = ratio_interval(times["brief"], times[name])
        print(
            f"  brief / {name} (medians): {ratio:.2f}x"
            f"   (95% bootstrap interval {low:.2f}-{high:.2f}x)"
        )


def ratio_interval(a, b, rounds=2000):
    """A 95% bootstrap interval for median(a) / median(b): how far the ratio
    moves when the same runs are resampled, so noise is not read as a gain."""
    rng = random.Random(1)
    ratios = sorted(
        statistics.median(rng.choices(a, k=len(a)))
        / statistics.median(rng.choices(b, k=len(b)))
        for _ in range(rounds)
    )
    return ratios[int(rounds * 0.025)], ratios[int(rounds * 0.975) - 1]


if __name__ == "__main__":
    main()
