"""The verified file cache: what it returns is what was stored, or nothing; it never fails a build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.caches import VerifiedCache, digest


def entry(folder: Path, key: str) -> Path:
    (found,) = folder.glob(f"{key}-*.pdf")
    return found


def test_a_stored_entry_comes_back_whole(tmp_path: Path) -> None:
    cache = VerifiedCache(tmp_path, ".pdf", keep=8)
    cache.put("k1", b"%PDF-1.7 whole")
    assert cache.get("k1") == b"%PDF-1.7 whole"
    assert entry(tmp_path, "k1").name == f"k1-{digest(b'%PDF-1.7 whole')}.pdf"
    assert cache.get("k2") is None


def test_a_truncated_or_edited_entry_is_dropped_not_served(tmp_path: Path) -> None:
    cache = VerifiedCache(tmp_path, ".pdf", keep=8)
    cache.put("k1", b"%PDF-1.7 a whole document")
    path = entry(tmp_path, "k1")
    path.write_bytes(path.read_bytes()[:9])  # a full disk cut it short
    assert cache.get("k1") is None
    assert not path.exists(), "the damaged entry is removed, so the next build stores a good one"
    cache.put("k1", b"%PDF-1.7 a whole document")
    assert cache.get("k1") == b"%PDF-1.7 a whole document"


def test_a_missing_or_unreadable_folder_is_a_miss(tmp_path: Path) -> None:
    assert VerifiedCache(tmp_path / "absent", ".pdf", keep=8).get("k1") is None
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = VerifiedCache(blocker / "pdf", ".pdf", keep=8)
    assert cache.get("k1") is None
    with pytest.raises(OSError):
        cache.put("k1", b"x")  # the caller logs this and goes on (tests/test_pdf.py)
    cache.prune()


def test_prune_keeps_the_most_recently_used(tmp_path: Path) -> None:
    cache = VerifiedCache(tmp_path, ".pdf", keep=2)
    for age, key in enumerate(["c", "b", "a"]):
        cache.put(key, b"%PDF-" + key.encode())
        os.utime(entry(tmp_path, key), (1000 - age, 1000 - age))  # "a" is the oldest
    assert cache.get("a") == b"%PDF-a"  # using it makes it recent
    cache.prune()
    assert sorted(p.name.split("-")[0] for p in tmp_path.glob("*.pdf")) == ["a", "c"]
