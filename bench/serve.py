"""How long `playbook serve` takes to show a change to one tip.

Starts the server on a free loopback port, waits for its first build, then
edits one tip's title in its data file and times, from the write, when the
server logs the rebuild as finished and when the page serves the new title.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

STARTUP_TIMEOUT = 600.0
CHANGE_TIMEOUT = 300.0
POLL_SECONDS = 0.05


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LogWatcher(threading.Thread):
    """Reads a process's output, noting when each line arrived."""

    def __init__(self, stream: Any) -> None:
        super().__init__(daemon=True)
        self.stream = stream
        self.lines: list[tuple[float, str]] = []
        self.lock = threading.Lock()

    def run(self) -> None:
        for line in self.stream:
            with self.lock:
                self.lines.append((time.perf_counter(), line.rstrip()))

    def first(self, pattern: str, after: float) -> tuple[float, str] | None:
        """The first line matching `pattern` that arrived after `after`."""
        with self.lock:
            return next(((t, line) for t, line in self.lines if t > after and re.search(pattern, line)), None)

    def wait_for(self, pattern: str, after: float, timeout: float) -> tuple[float, str]:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            found = self.first(pattern, after)
            if found:
                return found
            time.sleep(POLL_SECONDS)
        with self.lock:
            tail = "\n".join(line for _, line in self.lines[-20:])
        raise TimeoutError(f"no log line matching {pattern!r} within {timeout:.0f}s; last lines:\n{tail}")


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return ""


def wait_for_page(url: str, text: str, after: float, timeout: float) -> float:
    """Poll `url` until it contains `text`; the time it first did."""
    deadline = after + timeout
    while time.perf_counter() < deadline:
        if text in fetch(url):
            return time.perf_counter()
        time.sleep(POLL_SECONDS)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f}s")


def _edit_title(tip_file: Path, tip_id: str, mark: str) -> str:
    """Append `mark` to the title of `tip_id` in `tip_file`; return the new title."""
    lines = tip_file.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"- id: {tip_id}")
    for i in range(start + 1, len(lines)):
        if lines[i].startswith("  title: "):
            lines[i] = f"{lines[i]} {mark}"
            tip_file.write_text("\n".join(lines), encoding="utf-8")
            return lines[i].removeprefix("  title: ")
    raise ValueError(f"no title for {tip_id} in {tip_file}")


def _last_bench_tip(data: Path) -> tuple[Path, str]:
    """The last synthetic tip file and the id of its first tip."""
    tip_file = sorted((data / "tips").glob("bench-*.yaml"))[-1]
    match = re.search(r"^- id: (\S+)$", tip_file.read_text(encoding="utf-8"), re.M)
    if not match:
        raise ValueError(f"no tip in {tip_file}")
    return tip_file, match.group(1)


def measure_serve(root: Path, data: Path, env: dict[str, str], edits: int = 2) -> dict[str, Any]:
    """Start `playbook serve` on `data`, edit one tip `edits` times; the timings in seconds."""
    port = free_port()
    command = [sys.executable, "-m", "generator.cli", "serve", "--data", str(data), "--dev-addr", f"127.0.0.1:{port}"]
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    log = LogWatcher(process.stdout)
    log.start()
    tip_file, tip_id = _last_bench_tip(data)
    original = tip_file.read_bytes()
    url = f"http://127.0.0.1:{port}/tips/{tip_id}/"
    try:
        ready, _ = log.wait_for(r"Serving on", started, STARTUP_TIMEOUT)
        rounds = []
        for n in range(1, edits + 1):
            time.sleep(1.0)  # let the watcher settle
            edited = time.perf_counter()
            title = _edit_title(tip_file, tip_id, f"edited-{n}")
            built, line = log.wait_for(r"Documentation built in", edited, CHANGE_TIMEOUT)
            shown = wait_for_page(url, title, edited, CHANGE_TIMEOUT)
            engine = re.search(r"built in ([0-9.]+) seconds", line)
            rounds.append(
                {
                    "rebuilt_seconds": built - edited,
                    "page_updated_seconds": shown - edited,
                    "engine_reported_seconds": float(engine.group(1)) if engine else None,
                }
            )
        return {"port": port, "first_build_seconds": ready - started, "edits": rounds}
    finally:
        tip_file.write_bytes(original)
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
