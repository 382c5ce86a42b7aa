"""`playbook serve` shows every kind of edit without a restart, and stops cleanly with what it started.

It runs on a copy of the repository (data, content, overrides, mkdocs.yml and the generator
itself), so the edits never touch the real files. How fast each edit shows is measured by
`make bench`, not here: this test only waits, generously, for each to show.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, free_port

pytestmark = pytest.mark.slow

PATIENCE = 90.0
"""Seconds to wait for a change to show: a full rebuild on a busy two-core machine, with room."""


@dataclass
class Server:
    url: str
    process: subprocess.Popen[str]
    root: Path


def copy_repository(target: Path) -> Path:
    for name in ("data", "content", "overrides", "generator"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", errors="replace"))
    except (urllib.error.URLError, OSError):
        return ""


def wait_for(check: Callable[[], bool], what: str, process: subprocess.Popen[str] | None = None) -> float:
    started = time.monotonic()
    while not check():
        if process is not None and process.poll() is not None:
            pytest.fail(f"the server stopped while waiting for {what}")
        if time.monotonic() - started > PATIENCE:
            pytest.fail(f"{what} did not show within {PATIENCE:.0f} s")
        time.sleep(0.2)
    return time.monotonic() - started


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = copy_repository(tmp_path_factory.mktemp("serve"))
    port = free_port()
    temporary = root / "tmp"
    temporary.mkdir()
    # The copy's generator, not the repository's; a temporary folder of its own, to see what it leaves.
    env = {**os.environ, "PYTHONPATH": str(root), "TMPDIR": str(temporary)}
    env.pop("PLAYBOOK_SITE_URL", None)
    log = (root / "serve.log").open("w", encoding="utf-8")  # a file: an unread pipe would fill and stall it
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "The Networking Playbook" in fetch(url), "the first build", process)
        yield Server(url, process, root)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def first_tip(root: Path) -> tuple[Path, str, str]:
    """A tip's data file, id and title line."""
    path = sorted((root / "data" / "tips").glob("*.yaml"))[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    tip_id = next(line.split(":", 1)[1].strip() for line in lines if line.strip().startswith("- id:"))
    title = next(line for line in lines if line.strip().startswith("title:"))
    return path, tip_id, title


def test_a_tip_edit_shows(server: Server) -> None:
    path, tip_id, title = first_tip(server.root)
    edit(path, title, title.rstrip() + " (edited in data)")
    wait_for(lambda: "(edited in data)" in fetch(f"{server.url}tips/{tip_id}/"), "a tip edit", server.process)
    # The decks holding the tip keep their earlier PDFs in the preview instead of re-printing first.
    assert "kept from before the edit in this preview" in (server.root / "serve.log").read_text(encoding="utf-8")
    with urllib.request.urlopen(f"{server.url}event-kit/conversation-cards/all-tips-a4.pdf", timeout=5) as deck:
        assert deck.read(5) == b"%PDF-"


def test_a_template_edit_shows(server: Server) -> None:
    _, tip_id, _ = first_tip(server.root)
    edit(
        server.root / "generator" / "templates" / "tip.md.j2",
        "## Related tips",
        "## Related tips, from a template edit",
    )
    wait_for(lambda: "from a template edit" in fetch(f"{server.url}tips/{tip_id}/"), "a template edit", server.process)


def test_a_stylesheet_edit_shows(server: Server) -> None:
    stylesheet = server.root / "content" / "assets" / "stylesheets" / "playbook.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n.pb-edited-in-serve { color: inherit; }\n")
    css = f"{server.url}assets/stylesheets/playbook.css"
    wait_for(lambda: "pb-edited-in-serve" in fetch(css), "a stylesheet edit", server.process)


def test_a_theme_override_edit_shows(server: Server) -> None:
    edit(server.root / "overrides" / "main.html", "{% block content %}", "{% block content %}<!-- override edited -->")
    wait_for(lambda: "<!-- override edited -->" in fetch(server.url), "a theme override edit", server.process)


def test_a_generator_code_edit_shows_after_a_clean_restart(server: Server) -> None:
    edit(server.root / "generator" / "render" / "tips.py", '"online": "Online"', '"online": "Online (code edit)"')
    wait_for(lambda: "Online (code edit)" in fetch(f"{server.url}tips/"), "a code edit", server.process)


def test_sigterm_stops_it_with_everything_it_started(server: Server) -> None:
    children = _children(server.process.pid)
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=30) == 0
    assert fetch(server.url) == ""
    assert [pid for pid in children if Path(f"/proc/{pid}").exists()] == []
    assert list((server.root / "tmp").iterdir()) == [], "serve's temporary folders are removed"


def _children(pid: int) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(proc.name))
    return found
