"""Folders the playbook writes: it replaces only what it made, and never leaves a half-made one.

Replacing a folder is deleting it. So every folder a command writes (the site, a generated docs
tree, the offline zip's folder) carries a small marker file, and a command replaces a folder only
when it holds that marker (or is empty, or is not there yet). The repository, anything above it,
the data and content folders, anything holding `.git`, a regular file and `/` are refused before
anything is generated, with a message and nothing touched.

A build is made in a staging folder beside its target and renamed into place when it succeeded:
on a failure or an interruption the previous output stays as it was, and the next build clears
whatever staging folders an interrupted one left.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

MARKER = ".playbook-output"
"""The file that marks a folder as the playbook's own output (hidden: hosts and Pages skip it)."""

MARKER_TEXT = (
    "This folder was written by the Networking Playbook (`playbook build`, `generate` or `offline`).\n"
    "The playbook replaces it on the next run; it refuses to replace any folder without this file.\n"
)

EARLIER_BUILD_FILES = ("search/search_index.json", "assets/javascripts/theme-boot.js", "api/v1/index.json")
"""A site built before folders were marked holds all of these: it may be replaced too."""


class OutputRefused(Exception):
    """The target may not be written or replaced; the message says why and what to do."""


def check_target(target: Path, *, roots: Iterable[Path] = (), sources: Iterable[Path] = ()) -> None:
    """Raise OutputRefused unless `target` may be created or replaced by a playbook command.

    `roots` (the repository) may hold the target but may not be it or lie inside it; `sources`
    (data, content, theme overrides, a brand's folder) may not even hold it, since a build
    reads them.
    """
    shown = str(target)
    if target.is_symlink():
        raise OutputRefused(f"{shown} is a symbolic link; name the folder itself")
    resolved = target.resolve()
    if resolved == Path(resolved.anchor):
        raise OutputRefused(f"{shown} is the root of the file system")
    if resolved.exists() and not resolved.is_dir():
        raise OutputRefused(f"{shown} is a file, not a folder; choose another name")
    for folder in [*roots, *sources]:
        folder = folder.resolve()
        if folder.is_relative_to(resolved):
            raise OutputRefused(f"{shown} holds {folder}, which the build reads; choose a folder of its own")
    for folder in sources:
        folder = folder.resolve()
        if resolved.is_relative_to(folder):
            raise OutputRefused(f"{shown} is inside {folder}, which the build reads; choose a folder outside it")
    if not resolved.exists():
        return
    if (resolved / ".git").exists():
        raise OutputRefused(f"{shown} holds a git repository (.git); the playbook will not replace it")
    if not is_playbook_output(resolved) and any(resolved.iterdir()):
        raise OutputRefused(
            f"{shown} is not empty and was not written by the playbook (it has no {MARKER} file); "
            "empty it or choose another folder"
        )


def repository_root(start: Path) -> Path:
    """The git work tree holding `start`, or `start` itself outside one."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def is_playbook_output(folder: Path) -> bool:
    """Whether the folder is one the playbook wrote: marked, or a site built before markers existed."""
    if (folder / MARKER).is_file():
        return True
    return all((folder / name).is_file() for name in EARLIER_BUILD_FILES)


def current_umask() -> int:
    """The process's umask (there is no way to read it without setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def staging_folder(target: Path) -> Path:
    """A new marked folder beside `target`, readable as `mkdir` would make it, after clearing old debris.

    `tempfile.mkdtemp` makes folders 0700, which a web server running as another user cannot
    read: the mode is set as the user's umask allows, as `cp` or `mkdocs build` would give.
    """
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    clear_debris(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    os.chmod(staging, 0o777 & ~current_umask())
    mark(staging)
    return staging


def mark(folder: Path) -> None:
    """Mark a folder as the playbook's own output."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def install(staging: Path, target: Path) -> None:
    """Put a finished staging folder in the target's place: two renames, then the old one goes."""
    target = target.resolve()
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        target.replace(old)  # an empty folder is replaced atomically by rename
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    """Remove a staging folder whose build failed."""
    shutil.rmtree(staging, ignore_errors=True)


def clear_debris(target: Path) -> None:
    """Remove the staging and old folders an interrupted run left beside `target` (only marked ones)."""
    parent = target.parent
    if not parent.is_dir():
        return
    for prefix in (f".{target.name}.new-", f".{target.name}.old-"):
        for leftover in parent.glob(f"{glob_escape(prefix)}*"):
            if (
                leftover.is_dir()
                and not leftover.is_symlink()
                and (not any(leftover.iterdir()) or is_playbook_output(leftover))
            ):
                shutil.rmtree(leftover, ignore_errors=True)


def glob_escape(text: str) -> str:
    """A literal for Path.glob (names may hold `[`, `*` or `?`)."""
    return "".join(f"[{c}]" if c in "[]*?" else c for c in text)
