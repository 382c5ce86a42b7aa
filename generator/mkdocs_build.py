"""Running MkDocs for the `playbook` command: one strict build, or the live-reloading preview.

Both run MkDocs in this process, so the dataset the CLI validated is handed to the plugin
instead of being loaded again, and the plugin's options are set on the loaded config rather than
passed through environment variables. With mkdocs_plugin.py, the only module importing MkDocs.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner: see docs/engines.md

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, ConfigurationError
from mkdocs.livereload import LiveReloadServer, _serve_url

from .errors import BuildFailed, DatasetError
from .generate import Edition
from .mkdocs_plugin import PACKAGE, PlaybookPlugin

LOG = logging.getLogger("mkdocs.playbook")


@dataclass(frozen=True)
class Inputs:
    """Where a build's input lives: the config, the dataset, an association's brand file."""

    config_file: Path
    data_dir: Path
    brand_file: Path | None = None
    offline: bool = False


def show_engine_log() -> None:
    """MkDocs' messages on stderr as its own command prints them (INFO and up), once per process."""
    logger = logging.getLogger("mkdocs")
    if any(getattr(handler, "playbook", False) for handler in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.playbook = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def load(inputs: Inputs, **overrides: Any) -> MkDocsConfig:
    """mkdocs.yml with the playbook plugin's options set for these inputs."""
    try:
        config = load_config(str(inputs.config_file), **overrides)
    except (ConfigurationError, Abort) as error:
        raise BuildFailed(f"{inputs.config_file}: {error}") from None
    plugin = config.plugins.get("playbook")
    if not isinstance(plugin, PlaybookPlugin):
        raise BuildFailed(f"{inputs.config_file} does not use the playbook plugin (plugins: - playbook)")
    root = inputs.config_file.resolve().parent
    plugin.config["data_dir"] = os.path.relpath(inputs.data_dir.resolve(), root)
    plugin.config["brand"] = os.path.relpath(inputs.brand_file.resolve(), root) if inputs.brand_file else ""
    plugin.config["offline"] = inputs.offline
    return config


def build_site(inputs: Inputs, edition: Edition, site_dir: Path) -> None:
    """One strict MkDocs build of this edition into site_dir (a staging folder); BuildFailed if it fails."""
    show_engine_log()
    config = load(inputs, site_dir=str(site_dir), strict=True, site_url=edition.site_url)
    plugin = config.plugins["playbook"]
    assert isinstance(plugin, PlaybookPlugin)
    plugin.handed_over = edition
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except (Abort, BuildError, ConfigurationError) as error:
        raise BuildFailed(str(error)) from None
    finally:
        config.plugins.on_shutdown()


WATCH_POLL_SECONDS = 0.1
"""How often the preview looks for edits. MkDocs polls every 0.5 s, a quarter of a second of waiting
on average before the rebuild starts; the watched folders hold a few hundred files, so looking five
times as often costs about a millisecond each time."""


def code_snapshot() -> tuple[tuple[str, int, int], ...]:
    """The generator's Python files with their sizes and times: code a running server cannot reload."""
    files = sorted(PACKAGE.rglob("*.py"))
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files if p.is_file())


def serve_site(inputs: Inputs, dev_addr: str, restart_command: Sequence[str]) -> None:
    """The live-reloading preview; returns when stopped (Ctrl-C or SIGTERM), leaving nothing behind.

    MkDocs rebuilds on any edit to the content, the data, the templates or the theme (the plugin
    watches them). An edit to the generator's Python code cannot be picked up by a running
    process, so the server stops cleanly and this process becomes a new one (`restart_command`);
    open pages reload when it is back.
    """
    show_engine_log()
    site_dir = tempfile.mkdtemp(prefix="playbook-serve-")
    snapshot = code_snapshot()
    restart = False

    def get_config() -> MkDocsConfig:
        return load(inputs, site_dir=site_dir, dev_addr=dev_addr)

    try:
        config = get_config()
        config.plugins.on_startup(command="serve", dirty=False)
        host, port = config.dev_addr
        mount_path = urlsplit(config.site_url or "/").path
        serve_url = _serve_url(host, port, mount_path)
        config.site_url = serve_url
        _build_or_raise(config, serve_url)

        def builder(config: MkDocsConfig | None = None) -> None:
            nonlocal restart
            if code_snapshot() != snapshot:
                LOG.info("The generator's code changed: restarting the server")
                restart = True
                server.shutdown()
                return
            config = config or get_config()
            config.site_url = serve_url
            try:
                _build_or_raise(config, serve_url)
            except (BuildFailed, DatasetError) as error:
                LOG.error(f"{error}\nThe preview keeps the last good build until this is fixed.")

        server = LiveReloadServer(
            builder=builder,
            host=host,
            port=port,
            root=site_dir,
            mount_path=mount_path,
            polling_interval=WATCH_POLL_SECONDS,
        )
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        with _stopping_on(signal.SIGTERM):
            try:
                server.serve()
            except KeyboardInterrupt:
                LOG.info("Shutting down...")
            finally:
                server.shutdown()
        config.plugins.on_shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
    if restart:
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(sys.executable, [sys.executable, *restart_command])


def _build_or_raise(config: MkDocsConfig, serve_url: str) -> None:
    try:
        build(config, serve_url=serve_url)
    except (Abort, BuildError, ConfigurationError) as error:
        raise BuildFailed(str(error)) from None


class _stopping_on:
    """Within the block, a signal (SIGTERM) stops the server as Ctrl-C does, so it cleans up."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.previous: Callable[[int, FrameType | None], object] | int | None = None

    def __enter__(self) -> None:
        def interrupt(signum: int, frame: FrameType | None) -> None:
            raise KeyboardInterrupt

        self.previous = signal.signal(self.signum, interrupt)

    def __exit__(self, *exc: object) -> None:
        signal.signal(self.signum, self.previous)
