"""Shared fixtures: the dataset, a built site, and a server for it."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.loader import load_dataset
from generator.schema import Dataset
from generator.security import content_security_policy

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLAYBOOK = [sys.executable, "-m", "generator.cli"]


def run_playbook(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the `playbook` command as a user would, capturing its output."""
    return subprocess.run(
        [*PLAYBOOK, *args], cwd=cwd, capture_output=True, text=True, check=False, env={**os.environ, **(env or {})}
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset(DATA)


@pytest.fixture
def valid_data(tmp_path: Path) -> Path:
    """A writable copy of the small valid fixture dataset."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", target)
    return target


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a careful host would: with the playbook's CSP, quietly."""

    def end_headers(self) -> None:
        frame_ancestors = ("*",) if "/embed/" in self.path else ("'self'",)
        self.send_header("Content-Security-Policy", content_security_policy(frame_ancestors))
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    """The real site, built once per session with site_url matching the test server."""
    site = tmp_path_factory.mktemp("build") / "site"
    result = run_playbook("build", "--site-dir", str(site), env={"PLAYBOOK_SITE_URL": f"http://127.0.0.1:{site_port}/"})
    assert result.returncode == 0, result.stderr
    return site


@contextlib.contextmanager
def serve(directory: Path, port: int | None = None) -> Iterator[str]:
    """Serve a folder on loopback with the site's headers; yields its base URL."""
    port = port or free_port()
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path, site_port: int) -> Iterator[str]:
    """The built site served on loopback, as a browser would see it."""
    with serve(built_site, site_port) as url:
        yield url
