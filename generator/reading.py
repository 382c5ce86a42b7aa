"""Opening the files a user names: regular files only, and the size limit checked before reading.

Data files, brand files and logos all come through `read_limited`. A FIFO would block `read()`
for ever, `/dev/zero` would fill memory, and a 1 GB file would be read whole before a limit on
its length could refuse it; here the file is opened without blocking, its kind and size come
from `fstat` on that same open file (so a swap between checking and reading changes nothing),
and at most `limit + 1` bytes are ever read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 4 * 1024 * 1024
"""The most a data or brand file may hold: far above any hand-written file."""

_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


class FileRefused(Exception):
    """A file that is not read: not a regular file, too big, or unreadable. The message says why."""


def read_limited(path: Path, limit: int, advice: str = "") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; else FileRefused.

    `advice` ends the too-big message (what the user can do about it).
    """
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except OSError as error:
        raise FileRefused(f"cannot be read: {error.strerror or error}") from None
    try:
        info = os.fstat(descriptor)
        kind = _kind_of(info.st_mode)
        if kind is not None:
            raise FileRefused(f"is {kind}, not a regular file: name a file saved on disk")
        if info.st_size > limit:
            raise FileRefused(_too_big(info.st_size, limit, advice))
        os.set_blocking(descriptor, True)
        chunks: list[bytes] = []
        remaining = limit + 1  # one byte more than allowed tells a file that grew since fstat
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1024 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as error:
        raise FileRefused(f"cannot be read: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > limit:
        raise FileRefused(_too_big(limit, limit, advice, at_least=True))
    return data


def _kind_of(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _too_big(size: int, limit: int, advice: str, *, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    message = f"is {more}{size:,} bytes; the limit is {limit:,}"
    return f"{message}: {advice}" if advice else message
