"""Putting generated output on disk: the docs tree for any engine, and the atomic site build.

The MkDocs build runs in a child process (`python -m mkdocs`), so this
package never imports MkDocs; the plugin it loads is the only adapter.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .loader import load_dataset
from .render import render_site
from .render.environment import Output

DATA_DIR_VARIABLE = "PLAYBOOK_DATA_DIR"
"""mkdocs.yml reads the data folder from this variable (`!ENV`), so the CLI can point it elsewhere."""


class BuildFailed(Exception):
    """The engine's build failed; the message is what it reported."""


def generate(data_dir: Path) -> Output:
    """Load and render: every generated docs file, keyed by path. Raises DatasetError."""
    return render_site(load_dataset(data_dir))


def write_docs_tree(data_dir: Path, content_dir: Path, out_dir: Path) -> int:
    """Write content/ plus every generated file to out_dir; return how many files were written.

    A generated file never overwrites a hand-written one silently: that is an error.
    """
    generated = generate(data_dir)
    hand_written = sorted(p for p in content_dir.rglob("*") if p.is_file()) if content_dir.is_dir() else []
    clashes = sorted({p.relative_to(content_dir).as_posix() for p in hand_written} & generated.keys())
    if clashes:
        raise BuildFailed(f"hand-written files clash with generated ones: {', '.join(clashes)}")
    if out_dir.exists():
        shutil.rmtree(out_dir)
    for path in hand_written:
        target = out_dir / path.relative_to(content_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    for relative, content in generated.items():
        target = out_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return len(hand_written) + len(generated)


def atomic_build(config: Path, site_dir: Path, data_dir: Path) -> None:
    """Build with MkDocs (strict) beside site_dir and swap it in only on success.

    On any failure or interruption the previous site_dir is left byte for byte as it was.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    try:
        env = {**os.environ, DATA_DIR_VARIABLE: str(data_dir.resolve()), "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(staging)]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BuildFailed(_engine_messages(result.stderr + result.stdout))
        _swap_into_place(staging, site_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _engine_messages(output: str) -> str:
    """The engine's warnings and errors (what made a strict build fail), without its chatter."""
    keep = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR", "Error", "Aborted"))]
    return "\n".join(keep) or output.strip()


def _swap_into_place(new: Path, target: Path) -> None:
    """Replace target with new: one atomic exchange where Linux offers it, else two renames."""
    if target.exists() and _exchange(new, target):
        shutil.rmtree(new)  # `new` now holds the old site
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with renameat2(RENAME_EXCHANGE); False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(result == 0)
