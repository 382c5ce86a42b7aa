"""Where the build's caches live (worksheet PDFs, generated trees) and how they tell old from new."""

from __future__ import annotations

import os
from pathlib import Path

CACHE_DIR_VARIABLE = "PLAYBOOK_CACHE_DIR"
"""Where the caches live when set; otherwise `.cache/` in the folder the build runs from."""


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
