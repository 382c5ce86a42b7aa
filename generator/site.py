"""Putting generated output on disk: the docs tree for any engine, and the atomic site build.

The MkDocs build runs in a child process (`python -m mkdocs`), so this
package never imports MkDocs; the plugin it loads is the only adapter.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import ctypes.util
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from .branding import Brand, apply_brand, brand_files, load_brand
from .deck_pdf import event_kit_pdfs
from .loader import load_dataset
from .pdf import PdfCache, worksheet_pdfs
from .render import render_site
from .render.environment import Output, RenderSettings
from .tree_cache import GeneratedTree, TreeCache, tree_key, write_files

DATA_DIR_VARIABLE = "PLAYBOOK_DATA_DIR"
"""mkdocs.yml reads the data folder from this variable (`!ENV`), so the CLI can point it elsewhere."""
SITE_URL_VARIABLE, DEFAULT_SITE_URL = "PLAYBOOK_SITE_URL", "http://127.0.0.1:8000/"
"""mkdocs.yml's site_url (`!ENV` with this default); worksheet PDFs print it, so they read it the same way."""


class BuildFailed(Exception):
    """The engine's build failed; the message is what it reported."""


def generate(
    data_dir: Path,
    site_url: str | None = None,
    *,
    brand: Brand | None = None,
    brand_dir: Path | None = None,
    directory_urls: bool = True,
) -> Output:
    """Load and render: every generated docs file (pages, API, embeds, worksheet PDFs), keyed by path.

    Raises DatasetError. A brand selects what an association's build shows and adds its colours
    and logo. PDFs come from the on-disk cache unless their worksheet changed.
    """
    dataset = load_dataset(data_dir)
    if brand is not None:
        dataset = apply_brand(dataset, brand)
    settings = render_settings_for(site_url, brand, directory_urls)
    files = render_site(dataset, settings)
    # The offline build has no address of its own; its PDFs print the public one, as online.
    pdfs = worksheet_pdfs(dataset, settings.site_url or configured_site_url(), PdfCache.default())
    files.update(pdfs.files)
    files.update(event_kit_pdfs(dataset, settings.site_url or configured_site_url(), PdfCache.default()).files)
    if brand is not None:
        files.update(brand_files(brand, brand_dir or Path(".")))
    return files


def generated_tree(
    data_dir: Path,
    site_url: str | None = None,
    *,
    brand: Brand | None = None,
    brand_dir: Path | None = None,
    directory_urls: bool = True,
    cache: TreeCache | None = None,
) -> GeneratedTree:
    """The generated files on disk: the cached tree when nothing they are made from changed,
    else `generate` (which validates the data and raises DatasetError) written to the cache."""
    cache = cache or TreeCache.default()
    key = tree_key(data_dir, render_settings_for(site_url, brand, directory_urls), brand, brand_dir)
    found = cache.get(key)
    if found is not None:
        return found
    files = generate(data_dir, site_url, brand=brand, brand_dir=brand_dir, directory_urls=directory_urls)
    return cache.put(key, files)


def render_settings_for(site_url: str | None, brand: Brand | None, directory_urls: bool) -> RenderSettings:
    """The render settings of a build: the configured address unless given, the brand's name if any."""
    return RenderSettings(
        site_url=configured_site_url() if site_url is None else site_url,
        site_name=brand.name if brand is not None else RenderSettings.site_name,
        directory_urls=directory_urls,
    )


def generated_tree_in_child(data_dir: Path, **options: Any) -> GeneratedTree:
    """`generated_tree` in a short-lived child process, for the CLI before it starts the engine.

    Rendering 10,000 tips peaks at about 500 MB, which Python would keep while MkDocs builds;
    from a child it is all returned first. A DatasetError crosses back intact.
    """
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(generated_tree, data_dir, **options).result()


def configured_site_url() -> str:
    """The site's address as mkdocs.yml reads it: the variable when set, else its default; with
    the trailing slash MkDocs adds, so the CLI and the plugin agree on the tree cache's key."""
    url = os.environ.get(SITE_URL_VARIABLE) or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"


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
    write_files(out_dir, generated)
    return len(hand_written) + len(generated)


BRAND_VARIABLE, OFFLINE_VARIABLE = "PLAYBOOK_BRAND", "PLAYBOOK_OFFLINE"
"""mkdocs.yml reads the brand file and the offline switch from these (`!ENV`)."""


def atomic_build(
    config: Path, site_dir: Path, data_dir: Path, *, brand: Path | None = None, offline: bool = False
) -> None:
    """Build with MkDocs (strict) beside site_dir and swap it in only on success.

    On any failure or interruption the previous site_dir is left byte for byte as it was.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    try:
        env = {
            **os.environ,
            DATA_DIR_VARIABLE: str(data_dir.resolve()),
            BRAND_VARIABLE: str(brand.resolve()) if brand else "",
            OFFLINE_VARIABLE: "true" if offline else "false",
            "NO_MKDOCS_2_WARNING": "1",
        }
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(staging)]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BuildFailed(_engine_messages(result.stderr + result.stdout))
        _swap_into_place(staging, site_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def offline_bundle(config: Path, data_dir: Path, out_dir: Path, brand: Path | None = None) -> Path:
    """Build the offline site and zip it to out_dir/<name>-offline.zip; return the zip's path.

    The zip holds one folder, so it unpacks tidily; open index.html in it from file://.
    """
    name = load_brand(brand).id if brand else "networking-playbook"
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".offline-", dir=out_dir) as work:
        site = Path(work) / name
        atomic_build(config, site, data_dir, brand=brand, offline=True)
        target = out_dir / f"{name}-offline.zip"
        partial = out_dir / f".{name}-offline.zip.partial"
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as bundle:
            for file in sorted(site.rglob("*")):
                if file.is_file():
                    bundle.write(file, file.relative_to(site.parent).as_posix())
        partial.replace(target)
    return target


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
