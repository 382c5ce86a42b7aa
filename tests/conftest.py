"""Shared fixtures: the dataset, a built site, and a server for it."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.caches import CACHE_DIR_VARIABLE
from generator.loader import load_dataset
from generator.schema import Dataset
from generator.security import content_security_policy

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLAYBOOK = [sys.executable, "-m", "generator.cli"]


def run_playbook(
    *args: str,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
    unset: tuple[str, ...] = (),
    umask: int = -1,
) -> subprocess.CompletedProcess[str]:
    """Run the `playbook` command as a user would, capturing its output.

    `env` adds variables, `unset` removes them (a fresh shell with no settings), `umask` sets the
    user's umask for the run.
    """
    environ = {k: v for k, v in {**os.environ, **(env or {})}.items() if k not in unset}
    return subprocess.run(
        [*PLAYBOOK, *args], cwd=cwd, capture_output=True, text=True, check=False, env=environ, umask=umask
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The tests keep a cache of their own: a test run never evicts a reader's cached PDFs."""
    folder = tmp_path_factory.mktemp("cache")
    previous = os.environ.get(CACHE_DIR_VARIABLE)
    os.environ[CACHE_DIR_VARIABLE] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop(CACHE_DIR_VARIABLE, None)
    else:
        os.environ[CACHE_DIR_VARIABLE] = previous


@pytest.fixture(scope="session")
def published_root() -> Iterator[Path]:
    """A folder every user may traverse, as /srv is to a web server (pytest's own folders are 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="playbook-published-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def build_into(folder: Path, **options: Any) -> tuple[Path, str]:
    """`playbook build` into folder/site; the site and what the build printed."""
    site = folder / "site"
    result = run_playbook("build", "--site-dir", str(site), **options)
    assert result.returncode == 0, result.stderr
    return site, result.stderr


@pytest.fixture(scope="session")
def unaddressed_build(published_root: Path) -> tuple[Path, str]:
    """`make site` as a new user runs it: no site address, the usual umask, in a folder a web server can reach."""
    return build_into(published_root / "no-address", unset=("PLAYBOOK_SITE_URL",), umask=0o022)


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

    COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")

    def send_head(self) -> Any:
        """Serve text gzipped when the client accepts it, as any real host does (page weights and
        Lighthouse are measured on compressed transfers)."""
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        content_type = self.guess_type(path)
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (os.path.isfile(path) and accepts_gzip and content_type.startswith(self.COMPRESSIBLE)):
            return super().send_head()
        with open(path, "rb") as file:
            body = gzip.compress(file.read(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    send_csp = True

    def end_headers(self) -> None:
        if self.send_csp:
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
def serve(directory: Path, port: int | None = None, *, playbook_csp: bool = True) -> Iterator[str]:
    """Serve a folder on loopback (with the playbook's CSP unless it is someone else's site)."""
    port = port or free_port()
    handler_class = _QuietHandler if playbook_csp else type("_OtherSite", (_QuietHandler,), {"send_csp": False})
    handler = functools.partial(handler_class, directory=str(directory))
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


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (it cannot download its own here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
