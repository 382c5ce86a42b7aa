"""Generated docs trees kept on disk, keyed by everything they are made from.

`playbook build` validates the dataset first (for its located error report) and MkDocs' plugin
then needs the generated files. Rendering 10,000 tips takes seconds; hashing what they are made
from takes milliseconds. So the CLI generates once into this cache and the plugin, in the MkDocs
process, finds the tree ready; a rebuild with nothing changed loads and renders nothing.

The key covers the data files, the brand, the render settings, the generator's own code and
templates, and the versions of the libraries that shape the output. A tree is written beside the
cache and renamed into place, so a reader sees a whole tree or none.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from .branding import Brand
from .caches import cache_root, last_used
from .loader import data_files
from .render.environment import Output, RenderSettings

CACHE_KEEP = 3
"""Trees kept, most recently used first: the current one and a couple of other site URLs or brands
(a tree of the playbook's own data is about 2 MB; of 10,000 tips, about 180 MB)."""

FORMAT_VERSION = "1"
"""Part of every key: bump it when the layout of a cached tree changes."""

STAGING_MAX_AGE = 3600
"""Seconds after which a half-written tree (its build was killed) is removed."""

MANIFEST = ".playbook-tree"
"""In each tree: its files' paths, one per line. Written last, so a tree without it is incomplete."""

LIBRARIES = ("cmarkgfm", "nh3", "Jinja2", "pydantic", "PyYAML", "weasyprint", "MarkupSafe")
"""Libraries whose version can change the generated files."""

PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class GeneratedTree:
    """The generated files of one build: where they are, their docs paths, and where they came from."""

    folder: Path
    paths: tuple[str, ...]
    from_cache: bool
    temporary: bool = False
    """True when the cache could not be written: the tree is in a folder of its own, for one build."""


@cache
def code_fingerprint() -> str:
    """A hash of the generator's source and templates and of the libraries' versions."""
    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    for library in LIBRARIES:
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{library}={version}\0".encode())
    return digest.hexdigest()


def tree_key(
    data_dir: Path, settings: RenderSettings, brand: Brand | None = None, brand_dir: Path | None = None
) -> str:
    """The key of the tree these inputs generate."""
    digest = hashlib.sha256()
    settings_parts = (settings.site_url, settings.site_name, str(settings.directory_urls))
    for part in (FORMAT_VERSION, code_fingerprint(), *settings_parts):
        digest.update(part.encode())
        digest.update(b"\0")
    for path in data_files(data_dir):
        digest.update(path.relative_to(data_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    if brand is not None:
        digest.update(brand.model_dump_json().encode())
        if brand.logo:
            digest.update((brand_dir or Path(".")).joinpath(brand.logo).read_bytes())
    return digest.hexdigest()


class TreeCache:
    """Generated trees as `<folder>/<key>/`, pruned to the most recently used."""

    def __init__(self, folder: Path, keep: int = CACHE_KEEP) -> None:
        self.folder = folder
        self.keep = keep

    @classmethod
    def default(cls) -> TreeCache:
        """$PLAYBOOK_CACHE_DIR/trees, or .cache/trees in the folder the build runs from."""
        return cls(cache_root() / "trees")

    def get(self, key: str) -> GeneratedTree | None:
        """The complete tree under this key, if there is one."""
        folder = self.folder / key
        try:
            paths = (folder / MANIFEST).read_text(encoding="utf-8").splitlines()
        except OSError:  # not there, or the cache folder cannot be read at all
            return None
        with contextlib.suppress(OSError):  # a read-only cache still serves
            os.utime(folder)  # mark as recently used, for prune()
        return GeneratedTree(folder, tuple(paths), from_cache=True)

    def put(self, key: str, files: Output) -> GeneratedTree:
        """Write a tree and move it into place; if the cache cannot be written, a one-build folder."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f".{key[:12]}.", dir=self.folder))
        except OSError:
            staging = Path(tempfile.mkdtemp(prefix="playbook-generated-"))
            write_files(staging, files)
            return GeneratedTree(staging, tuple(files), from_cache=False, temporary=True)
        try:
            write_files(staging, files)
            (staging / MANIFEST).write_text("".join(f"{path}\n" for path in files), encoding="utf-8")
            try:
                staging.rename(self.folder / key)
            except OSError:  # another build put the same tree there first: it is identical
                shutil.rmtree(staging, ignore_errors=True)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        self.prune()
        return GeneratedTree(self.folder / key, tuple(files), from_cache=False)

    def prune(self) -> None:
        """Drop all but the `keep` most recently used trees, and half-written ones an hour old."""
        if not self.folder.is_dir():
            return
        entries = list(self.folder.iterdir())
        trees = sorted((p for p in entries if not p.name.startswith(".")), key=last_used, reverse=True)
        abandoned = [p for p in entries if p.name.startswith(".") and last_used(p) < time.time() - STAGING_MAX_AGE]
        for stale in trees[self.keep :] + abandoned:
            shutil.rmtree(stale, ignore_errors=True)


def write_files(folder: Path, files: Output) -> None:
    """Write generated files (text as UTF-8) under folder."""
    made: set[Path] = set()
    for relative, content in files.items():
        target = folder / relative
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
