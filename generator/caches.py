"""Where the build's caches live, and a file cache that checks what it returns.

A cache only saves time: whatever is in it (a file cut short by a full disk, edited by hand,
or removed by another build a moment ago) must never reach a site or fail a build. So every
entry is stored under its key and the digest of its own content, and an entry whose content no
longer matches its digest is dropped and made again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

CACHE_DIR_VARIABLE = "PLAYBOOK_CACHE_DIR"
"""Where the caches live when set; otherwise `.cache/` in the folder the build runs from."""

DIGEST_LENGTH = 32
"""Hex digits of the content's sha256 kept in each entry's name."""


def cache_root() -> Path:
    """$PLAYBOOK_CACHE_DIR, or .cache in the folder the build runs from (the repository root).

    Every cache keys its entries by content hash, so builds of any dataset can share it safely.
    """
    root = os.environ.get(CACHE_DIR_VARIABLE)
    return Path(root) if root else Path.cwd() / ".cache"


def last_used(path: Path) -> float:
    """A cache entry's mtime (caches touch what they serve); 0 if another build pruned it a moment ago."""
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]


class VerifiedCache:
    """Files as `<folder>/<key>-<digest of content><suffix>`, checked on every read, pruned to the newest."""

    def __init__(self, folder: Path, suffix: str, keep: int) -> None:
        self.folder = folder
        self.suffix = suffix
        self.keep = keep

    def get(self, key: str) -> bytes | None:
        """The stored content if it is whole, else None (a damaged entry is removed)."""
        try:
            entries = list(self.folder.glob(f"{key}-*{self.suffix}"))
        except OSError:
            return None
        for path in entries:
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if path.name == self._name(key, data):
                with contextlib.suppress(OSError):  # a read-only cache still serves
                    os.utime(path)  # mark as recently used, for prune()
                return data
            with contextlib.suppress(OSError):
                path.unlink()
        return None

    def put(self, key: str, data: bytes) -> None:
        """Store atomically (a concurrent build sees the whole entry or none); OSError if it cannot."""
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, self.folder / self._name(key, data))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def prune(self) -> None:
        """Drop all but the `keep` most recently used entries."""
        try:
            entries = sorted(self.folder.glob(f"*{self.suffix}"), key=last_used, reverse=True)
            for stale in entries[self.keep :]:
                stale.unlink(missing_ok=True)
        except OSError:
            return

    def _name(self, key: str, data: bytes) -> str:
        return f"{key}-{digest(data)}{self.suffix}"
