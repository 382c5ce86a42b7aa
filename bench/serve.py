"""How long `playbook serve` takes to show an edit: from the write to the new text in the served page.

The server runs on a copy of the repository under bench/work/ (data, content, overrides,
mkdocs.yml and the generator itself, imported from the copy through PYTHONPATH, as
tests/test_serve.py does), so the edits never touch the real files. It starts on a free loopback
port; after its first build, each edit writes one file once (a tip template in the copy's
generator/templates/, or a tip's title in a data file) and the page is polled until it serves the
new text. Each round writes the original file with that round's mark, so no undo is needed between
rounds; the originals are written back at the end. When the server noticed the change, when MkDocs
logged the rebuild as finished, and the CPU seconds the server spent meanwhile (what the wait
would be on an idle machine, near enough: the server builds on one core) are recorded beside it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.caches import CACHE_DIR_VARIABLE
from generator.site_address import SITE_URL_VARIABLE

STARTUP_TIMEOUT = 600.0
CHANGE_TIMEOUT = 300.0
POLL_SECONDS = 0.05
SETTLE_SECONDS = 1.0
"""A pause before each edit, so the watcher is idle and the edit is timed alone."""

COPIED = ("data", "content", "overrides", "generator")
TIP_TEMPLATE = Path("generator") / "templates" / "tip.md.j2"
TEMPLATE_ANCHOR = "<dt>Time it takes</dt>"
"""Text of tip.md.j2 that every tip page shows; the template edit appends a mark to it."""

_ID_LINE = re.compile(r"^\s*- id:\s*(\S+)\s*$")
_TITLE_LINE = re.compile(r"^(\s*title:\s*)(.*?)\s*$")


def copy_repository(root: Path, target: Path) -> Path:
    """What serve reads (data, content, overrides, the generator, mkdocs.yml), copied to target afresh."""
    shutil.rmtree(target, ignore_errors=True)
    for name in COPIED:
        shutil.copytree(root / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(root / "mkdocs.yml", target / "mkdocs.yml")
    return target


@dataclass(frozen=True)
class Edit:
    """One kind of edit: the file it writes, the page that shows it, and how round n changes the file."""

    kind: str
    """"template" or "tip"."""
    path: Path
    page: str
    """The page that shows it, relative to the site root (`tips/<id>/`)."""
    anchor: str
    """The text of the original file the edit changes: a template line, or a tip's title line."""

    def mark(self, round_number: int) -> str:
        """The text round n adds, unique to it, which the page must show."""
        return f"bench {self.kind} edit {round_number}"

    def edited(self, original: str, round_number: int) -> str:
        """The whole file as round n writes it: the original with this round's mark added."""
        if self.kind == "tip":
            return original.replace(self.anchor, with_title_mark(self.anchor, self.mark(round_number)), 1)
        return original.replace(self.anchor, f"{self.anchor.removesuffix('</dt>')} {self.mark(round_number)}</dt>", 1)


def with_title_mark(line: str, mark: str) -> str:
    """A `title:` line with `mark` appended to the title, inside its quotes if it has them."""
    match = _TITLE_LINE.match(line)
    if not match:
        raise ValueError(f"not a title line: {line!r}")
    prefix, value = match.groups()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return f"{prefix}{value[:-1]} {mark}{value[-1]}"
    return f"{prefix}{value} {mark}"


def tip_edit(tip_file: Path) -> Edit:
    """An edit to the title of the first tip in a data file (either layout: top-level or under `tips:`)."""
    lines = tip_file.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        found = _ID_LINE.match(line)
        if found:
            record_indent = len(line) - len(line.lstrip()) + 2
            for later in lines[number + 1 :]:
                if later.strip() and len(later) - len(later.lstrip()) < record_indent:
                    break  # the record ended without a title
                if _TITLE_LINE.match(later) and len(later) - len(later.lstrip()) == record_indent:
                    return Edit("tip", tip_file, f"tips/{found.group(1)}/", later)
            raise ValueError(f"{tip_file}: tip {found.group(1)} has no title line")
    raise ValueError(f"{tip_file}: no tip")


def template_edit(copy: Path, page: str) -> Edit:
    """An edit to the copy's tip template, seen on `page` (a tip page)."""
    path = copy / TIP_TEMPLATE
    if TEMPLATE_ANCHOR not in path.read_text(encoding="utf-8"):
        raise ValueError(f"{path} no longer holds {TEMPLATE_ANCHOR!r}: choose another line for the bench to edit")
    return Edit("template", path, page, TEMPLATE_ANCHOR)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LogWatcher(threading.Thread):
    """Reads a process's output (so its pipe never fills), noting when each line arrived."""

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
        raise TimeoutError(f"no log line matching {pattern!r} within {timeout:.0f}s; last lines:\n{self.tail()}")

    def tail(self, count: int = 20) -> str:
        with self.lock:
            return "\n".join(line for _, line in self.lines[-count:])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8", errors="replace"))
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


def cpu_seconds_from_stat(stat: str, ticks_per_second: int) -> float:
    """utime + stime + cutime + cstime from a /proc/PID/stat line (fields 14-17 of proc(5)), in seconds.

    The command name (field 2) is in brackets and may hold spaces or brackets, so the fields are
    counted from after its last ")": there, field 3 is index 0.
    """
    fields = stat.rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / ticks_per_second


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process (all its threads) and of its children it waited for."""
    stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    return cpu_seconds_from_stat(stat, os.sysconf("SC_CLK_TCK"))


def serve_environment(copy: Path, cache: Path) -> dict[str, str]:
    """The server's environment: the copy's generator first on the path, the bench's cache, no public address."""
    env = {**os.environ, "PYTHONPATH": str(copy), CACHE_DIR_VARIABLE: str(cache), "NO_MKDOCS_2_WARNING": "1"}
    env.pop(SITE_URL_VARIABLE, None)
    return env


def measure_serve(copy: Path, data: Path, cache: Path, edits: list[Edit], rounds: int = 2) -> dict[str, Any]:
    """Serve `data` from the copy, make each edit `rounds` times (round by round); the timings in seconds."""
    port = free_port()
    command = [sys.executable, "-m", "generator.cli", "serve", "--data", str(data), "--dev-addr", f"127.0.0.1:{port}"]
    originals = {edit.path: edit.path.read_text(encoding="utf-8") for edit in edits}
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=copy,
        env=serve_environment(copy, cache),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    log = LogWatcher(process.stdout)
    log.start()
    base = f"http://127.0.0.1:{port}/"
    try:
        ready, _ = log.wait_for(r"Serving on", started, STARTUP_TIMEOUT)
        timings = []
        for number in range(1, rounds + 1):
            for edit in edits:
                time.sleep(SETTLE_SECONDS)
                cpu_before = process_cpu_seconds(process.pid)
                written = time.perf_counter()
                edit.path.write_text(edit.edited(originals[edit.path], number), encoding="utf-8")
                shown = wait_for_page(base + edit.page, edit.mark(number), written, CHANGE_TIMEOUT)
                cpu = process_cpu_seconds(process.pid) - cpu_before
                # The server holds requests while it rebuilds, so the page shows once the rebuild is over.
                noticed, _ = log.wait_for(r"Detected file changes", written, CHANGE_TIMEOUT)
                built, line = log.wait_for(r"Documentation built in", noticed, CHANGE_TIMEOUT)
                engine = re.search(r"built in ([0-9.]+) seconds", line)
                timings.append(
                    {
                        "kind": edit.kind,
                        "round": number,
                        "page_updated_seconds": shown - written,
                        "server_cpu_seconds": cpu,
                        "noticed_seconds": noticed - written,
                        "rebuilt_seconds": built - written,
                        "engine_reported_seconds": float(engine.group(1)) if engine else None,
                    }
                )
        return {"port": port, "first_build_seconds": ready - started, "edits": timings}
    except TimeoutError as error:
        raise TimeoutError(f"{error}\nserver log:\n{log.tail()}") from None
    finally:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def measure_own(root: Path, work: Path, cache: Path) -> dict[str, Any]:
    """On the playbook's own data (copied): a template edit and a tip edit, twice each."""
    copy = copy_repository(root, work / "serve-copy")
    tip = tip_edit(sorted((copy / "data" / "tips").glob("*.yaml"))[0])
    edits = [template_edit(copy, tip.page), tip]
    return measure_serve(copy, copy / "data", cache, edits)


def measure_synthetic(root: Path, work: Path, data: Path, cache: Path) -> dict[str, Any]:
    """On a synthetic dataset (already under bench/work/): one tip's title edited twice."""
    copy = copy_repository(root, work / "serve-copy")
    tip = tip_edit(sorted((data / "tips").glob("bench-*.yaml"))[-1])
    return measure_serve(copy, data, cache, [tip])
