"""The one reader of user-named files: regular files only, the size limit checked before reading."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from generator import reading
from generator.reading import FileRefused, read_limited


def _refusal(path: Path, limit: int = 1000, advice: str = "") -> str:
    with pytest.raises(FileRefused) as refused:
        read_limited(path, limit, advice)
    return str(refused.value)


def test_a_regular_file_within_the_limit_is_read_whole(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"x" * 1000)
    assert read_limited(tmp_path / "a.yaml", 1000) == b"x" * 1000


def test_a_fifo_is_refused_at_once_instead_of_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "tips.yaml"
    os.mkfifo(fifo)
    outcome: list[str] = []
    # No writer ever opens the pipe: a blocking open or read would wait for ever.
    worker = threading.Thread(target=lambda: outcome.append(_refusal(fifo)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert outcome == ["is a named pipe (FIFO), not a regular file: name a file saved on disk"]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_without_reading_it(device: str, tmp_path: Path) -> None:
    link = tmp_path / "brand.yml"
    link.symlink_to(device)
    assert _refusal(link) == "is a character device, not a regular file: name a file saved on disk"
    assert _refusal(Path(device)) == "is a character device, not a regular file: name a file saved on disk"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert _refusal(tmp_path) == "is a folder, not a regular file: name a file saved on disk"


def test_a_huge_file_is_refused_from_its_size_without_a_byte_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as file:
        file.truncate(1024**3)  # sparse: 1 GiB on paper, nothing on disk
    reads: list[int] = []
    real_read = os.read
    monkeypatch.setattr(reading.os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    message = _refusal(huge, reading.MAX_FILE_BYTES, "split it into several files")
    assert message == "is 1,073,741,824 bytes; the limit is 4,194,304: split it into several files"
    assert reads == []


def test_a_file_that_grows_after_its_size_was_taken_is_still_cut_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    grown = tmp_path / "grown.yaml"
    grown.write_bytes(b"x" * 5000)
    real_fstat = os.fstat

    class Shrunk:
        def __init__(self, info: os.stat_result) -> None:
            self.st_mode, self.st_size = info.st_mode, 10

    monkeypatch.setattr(reading.os, "fstat", lambda fd: Shrunk(real_fstat(fd)))
    assert _refusal(grown, 1000) == "is more than 1,000 bytes; the limit is 1,000"


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    assert _refusal(tmp_path / "absent.yml") == "cannot be read: No such file or directory"


def test_a_symlink_loop_says_so(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yml"
    loop.symlink_to(loop)
    assert _refusal(loop) == "cannot be read: Too many levels of symbolic links"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_says_so(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yml"
    secret.write_text("a: b\n")
    secret.chmod(0)
    assert _refusal(secret) == "cannot be read: Permission denied"
