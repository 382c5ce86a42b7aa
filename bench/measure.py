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

from generator.caches import CACHE_DIR_VARIABLE as CACHE_VARIABLE

from .engine_config import write_engine_config
from .synth import synthesise

ENGINE_ENV = {"NO_MKDOCS_2_WARNING": "1"}
ZENSICAL_UNSEARCHED = "tips/index.md"
ZENSICAL_CACHED_MAX = 1000
"""Zensical's cached rebuild is measured up to this size (it is information, not a target)."""


class MeasurementFailed(Exception):
    """A measured command exited non-zero."""


def size_paths(work: Path, size: int) -> dict[str, Path]:
    """Where one size's inputs and outputs live under bench/work/."""
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
    return {key: work / name.format(n=size) for key, name in names.items()}


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
    """Synthesise a dataset of `size` tips and measure every step on it."""
    paths = size_paths(work, size)
    out: dict[str, Any] = {"tips": size}

    started = time.perf_counter()
    synthesise(root / "data", paths["data"], size)
    out["synthesise_seconds"] = time.perf_counter() - started

    data = str(paths["data"])
    out["load"] = probe({"step": "load", "data": data}, root)

    # Each size starts with an empty worksheet PDF cache of its own, so every first build pays
    # the same PDF cost (it cancels out of the per-tip slopes) and the rebuild shows the cache at work.
    shutil.rmtree(paths["site"], ignore_errors=True)
    shutil.rmtree(paths["cache"], ignore_errors=True)
    env = {**ENGINE_ENV, CACHE_VARIABLE: str(paths["cache"])}
    build = _playbook("build", "--data", data, "--site-dir", str(paths["site"]))
    out["build"] = probe({"argv": build, "cwd": str(root), "env": env}, root)
    out["build"]["site"] = tree_size(paths["site"])
    cached = cache_entries(paths["cache"])
    out["build"]["pdfs_in_site"] = sum(1 for _ in paths["site"].rglob("*.pdf"))
    out["build"]["pdfs_rendered"] = len(cached)

    if rebuild:
        out["rebuild"] = probe({"argv": build, "cwd": str(root), "env": env}, root)
        out["rebuild"]["pdfs_rendered"] = len(cache_entries(paths["cache"]) - cached)

    # What the build runs in the generator, in a fresh process, on an empty tree cache (PDFs from their cache).
    step = probe({"step": "generate", "data": data, "env": {CACHE_VARIABLE: str(paths["cache"])}}, root)
    out["render"] = {key.removeprefix("render_"): value for key, value in step.items() if key.startswith("render_")}
    out["render"]["peak_rss"] = step["peak_rss"]
    # The build generates once (the CLI, on a cold cache) and the plugin computes the key again.
    out["generator"] = {clock: step[clock] + step[f"key_{clock}"] for clock in ("seconds", "cpu_seconds")}
    out["generator"]["peak_rss"] = step["peak_rss"]

    generate = _playbook("generate", str(paths["docs"]), "--data", data)
    out["generate"] = probe({"argv": generate, "cwd": str(root), "env": env}, root)
    out["generate"]["docs"] = tree_size(paths["docs"])

    config = write_engine_config(root / "mkdocs.yml", paths["docs"], paths["engine_site"], paths["engine_config"])
    engine = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config)]
    shutil.rmtree(paths["engine_site"], ignore_errors=True)
    out["engine"] = probe({"argv": engine, "cwd": str(root), "env": ENGINE_ENV}, root)
    out["engine"]["site"] = tree_size(paths["engine_site"])

    if zensical is not None:
        out["zensical"] = measure_zensical(root, work, paths, zensical, cached=size <= ZENSICAL_CACHED_MAX)
    return out


def exclude_from_search(page: Path) -> None:
    """Add `search: exclude: true` to a generated page's front matter."""
    text = page.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise ValueError(f"{page} has no front matter")
    page.write_text("---\nsearch:\n  exclude: true\n" + text.removeprefix("---\n"), encoding="utf-8")


def measure_zensical(root: Path, work: Path, paths: dict[str, Path], zensical: Path, cached: bool) -> dict[str, Any]:
    """A clean Zensical build of the generated tree (and a cached one, if asked); an error is recorded, not raised.

    Zensical refuses a search field longer than its limit (65,536 token positions, halved as the
    index grows), and the tips index's "Tips for you" list passes that at about 1,900 tips, so the
    tips index is left out of Zensical's search at every size (MkDocs indexes it). At 10,000 tips
    the network-type pages pass the limit too; docs/benchmarks.md has the details.
    """
    exclude_from_search(paths["docs"] / ZENSICAL_UNSEARCHED)
    config = write_engine_config(
        root / "mkdocs.yml", paths["docs"], paths["zensical_site"], paths["zensical_config"], relative=True
    )
    shutil.rmtree(paths["zensical_site"], ignore_errors=True)
    command = [str(zensical), "build", "--clean", "-f", str(config)]
    try:
        result = probe({"argv": command, "cwd": str(work), "keep_output": True}, root)
    except MeasurementFailed as failure:
        return {"error": str(failure).strip().splitlines()[-1], "unsearched": ZENSICAL_UNSEARCHED}
    result["issues"] = next((line for line in result.pop("output").splitlines() if "issues found" in line), None)
    result["site"] = tree_size(paths["zensical_site"])
    result["unsearched"] = ZENSICAL_UNSEARCHED
    if cached:
        again = probe({"argv": [str(zensical), "build", "-f", str(config)], "cwd": str(work)}, root)
        result["cached"] = {key: again[key] for key in ("seconds", "cpu_seconds", "tree_peak_rss")}
    return result
