"""The measurements of one dataset size, each in a fresh process (see probe.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from generator.caches import CACHE_DIR_VARIABLE
from generator.loader import load_dataset
from generator.site_address import SITE_URL_VARIABLE

from .engine_config import write_engine_config
from .synth import synthesise

ENGINE_ENV = {"NO_MKDOCS_2_WARNING": "1"}
SITE_URL = "https://playbook.example.org/"
"""Every build here has a public address, as a published one does: with it the embed pages, oEmbed
responses, canonical links and sitemap are made too (three docs files per tip), as in earlier runs."""
OWN = "own"
"""The name of the row measured on the playbook's own data/."""
ZENSICAL_UNSEARCHED = "tips/index.md"
ZENSICAL_CACHED_MAX = 1000
"""Zensical's cached rebuild is measured up to this size (it is information, not a target)."""


class MeasurementFailed(Exception):
    """A measured command exited non-zero."""


def dataset_paths(work: Path, name: str | int) -> dict[str, Path]:
    """Where one dataset's inputs and outputs live under bench/work/ (`name`: a size, or "own")."""
    names = {
        "data": "data-{n}",
        "site": "site-{n}",
        "docs": "docs-{n}",
        "engine_site": "site-engine-{n}",
        "engine_config": "engine-{n}.yml",
        "zensical_site": "site-zensical-{n}",
        "zensical_config": "zensical-{n}.yml",
        "cache": "cache-{n}",
    }
    return {key: work / value.format(n=name) for key, value in names.items()}


def probe(spec: dict[str, Any], root: Path) -> dict[str, Any]:
    """Run one measurement in a fresh `python -m bench.probe`; its result."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.probe", json.dumps(spec)],
        cwd=root,
        env={**os.environ, **spec.get("env", {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise MeasurementFailed(f"probe failed for {spec}:\n{result.stderr[-4000:]}")
    measured: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    if measured["returncode"] != 0:
        command = " ".join(spec.get("argv", []))
        raise MeasurementFailed(f"{command} exited {measured['returncode']}:\n{measured['output']}")
    if not spec.get("keep_output"):
        measured.pop("output", None)
    return measured


def tree_size(folder: Path) -> dict[str, int]:
    """Files, bytes (apparent) and bytes on disk (allocated blocks) under a folder."""
    files = apparent = disk = 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            stat = os.lstat(os.path.join(dirpath, name))
            files += 1
            apparent += stat.st_size
            disk += stat.st_blocks * 512
    return {"files": files, "bytes": apparent, "disk_bytes": disk}


def cache_entries(folder: Path) -> set[str]:
    """The file names in the worksheet PDF cache (a new name is a PDF rendered)."""
    return {p.name for p in folder.rglob("*.pdf")} if folder.is_dir() else set()


def _playbook(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator.cli", *args]


def measure_size(root: Path, work: Path, size: int, zensical: Path | None, rebuild: bool) -> dict[str, Any]:
    """Synthesise a dataset of `size` tips from data/ and measure every step on it."""
    paths = dataset_paths(work, size)
    started = time.perf_counter()
    synthesise(root / "data", paths["data"], size)
    synthesised = time.perf_counter() - started
    row = measure_dataset(root, paths["data"], paths, rebuild, zensical, zensical_cached=size <= ZENSICAL_CACHED_MAX)
    return {"tips": size, "synthesise_seconds": synthesised, **row}


def measure_own(root: Path, work: Path, zensical: Path | None) -> dict[str, Any]:
    """Every step on the playbook's own data/, read where it is (nothing writes to it)."""
    data = root / "data"
    tips = len(load_dataset(data).tips)
    row = measure_dataset(root, data, dataset_paths(work, OWN), True, zensical, zensical_cached=True)
    return {"tips": tips, "dataset": OWN, **row}


def measure_dataset(
    root: Path, data_dir: Path, paths: dict[str, Path], rebuild: bool, zensical: Path | None, zensical_cached: bool
) -> dict[str, Any]:
    """Build, rebuild, the generator's part, generate and the engine alone on one dataset."""
    out: dict[str, Any] = {}
    data = str(data_dir)
    # Each dataset starts with empty caches of its own (worksheet PDFs, compiled templates), so every
    # first build pays the same PDF cost (it cancels out of the per-tip slopes) and the rebuild, the
    # second build, shows the caches at work.
    shutil.rmtree(paths["site"], ignore_errors=True)
    shutil.rmtree(paths["cache"], ignore_errors=True)
    env = {**ENGINE_ENV, SITE_URL_VARIABLE: SITE_URL, CACHE_DIR_VARIABLE: str(paths["cache"])}
    build = _playbook("build", "--data", data, "--site-dir", str(paths["site"]))
    out["build"] = probe({"argv": build, "cwd": str(root), "env": env}, root)
    out["build"]["site"] = tree_size(paths["site"])
    cached = cache_entries(paths["cache"])
    out["build"]["pdfs_in_site"] = sum(1 for _ in paths["site"].rglob("*.pdf"))
    out["build"]["pdfs_rendered"] = len(cached)

    if rebuild:
        out["rebuild"] = probe({"argv": build, "cwd": str(root), "env": env}, root)
        out["rebuild"]["pdfs_rendered"] = len(cache_entries(paths["cache"]) - cached)

    # What the plugin does in each build, in a fresh process, on the caches the build filled.
    spec = {"step": "generator", "data": data, "config": str(root / "mkdocs.yml"), "env": env}
    out["generator"] = probe(spec, root)
    # Kept at the top level too, as the tables of earlier runs have them.
    out["load"] = out["generator"]["parts"]["load"]
    out["render"] = out["generator"]["parts"]["render"]

    generate = _playbook("generate", str(paths["docs"]), "--data", data)
    out["generate"] = probe({"argv": generate, "cwd": str(root), "env": env}, root)
    out["generate"]["docs"] = tree_size(paths["docs"])

    config = write_engine_config(
        root / "mkdocs.yml", paths["docs"], paths["engine_site"], paths["engine_config"], site_url=SITE_URL
    )
    engine = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config)]
    shutil.rmtree(paths["engine_site"], ignore_errors=True)
    out["engine"] = probe({"argv": engine, "cwd": str(root), "env": ENGINE_ENV}, root)
    out["engine"]["site"] = tree_size(paths["engine_site"])

    if zensical is not None:
        out["zensical"] = measure_zensical(root, paths, zensical, cached=zensical_cached)
    return out


def exclude_from_search(page: Path) -> None:
    """Add `search: exclude: true` to a generated page's front matter."""
    text = page.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise ValueError(f"{page} has no front matter")
    page.write_text("---\nsearch:\n  exclude: true\n" + text.removeprefix("---\n"), encoding="utf-8")


def measure_zensical(root: Path, paths: dict[str, Path], zensical: Path, cached: bool) -> dict[str, Any]:
    """A clean Zensical build of the generated tree (and a cached one, if asked); an error is recorded, not raised.

    Zensical refuses a search field longer than its limit (65,536 token positions, halved as the
    index grows), and the tips index's "Tips for you" list passes that at about 1,900 tips, so the
    tips index is left out of Zensical's search at every size (MkDocs indexes it). At 10,000 tips
    the network-type pages pass the limit too; docs/benchmarks.md has the details.
    """
    exclude_from_search(paths["docs"] / ZENSICAL_UNSEARCHED)
    config = write_engine_config(
        root / "mkdocs.yml",
        paths["docs"],
        paths["zensical_site"],
        paths["zensical_config"],
        relative=True,
        site_url=SITE_URL,
    )
    shutil.rmtree(paths["zensical_site"], ignore_errors=True)
    command = [str(zensical), "build", "--clean", "-f", str(config)]
    try:
        result = probe({"argv": command, "cwd": str(config.parent), "keep_output": True}, root)
    except MeasurementFailed as failure:
        return {"error": str(failure).strip().splitlines()[-1], "unsearched": ZENSICAL_UNSEARCHED}
    result["issues"] = next((line for line in result.pop("output").splitlines() if "issues found" in line), None)
    result["site"] = tree_size(paths["zensical_site"])
    result["unsearched"] = ZENSICAL_UNSEARCHED
    if cached:
        again = probe({"argv": [str(zensical), "build", "-f", str(config)], "cwd": str(config.parent)}, root)
        result["cached"] = {key: again[key] for key in ("seconds", "cpu_seconds", "tree_peak_rss")}
    return result
