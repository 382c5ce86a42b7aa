"""One measurement in a fresh process: wall time and peak memory.

`python -m bench.probe SPEC` where SPEC is JSON:

- `{"step": "generator", "data": DIR, "config": MKDOCS_YML}`: time what the generator does in one
  `playbook build` (load_edition, then site_files written to a temporary folder), with its parts;
- `{"argv": [...], "cwd": DIR, "env": {...}, "keep_output": false}`: run a command and time it.

Prints one JSON line: seconds (wall), cpu_seconds (user + system, of the
command's whole process tree or of the timed step), peak_rss (bytes: the largest single process, from
getrusage), tree_peak_rss (bytes: the largest sum of RSS over the command's
process tree, sampled from /proc; 0 for in-process steps), returncode and
the tail of the command's output when it failed.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

SAMPLE_SECONDS = 0.1
T = TypeVar("T")


def _rss(pid: int) -> int:
    """Resident bytes of one process, 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                found += [int(child) for child in children.read().split()]
        except OSError:
            continue
    return found


def tree_rss(root: int) -> int:
    """The summed RSS of a process and all its descendants, now."""
    total, todo, seen = 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _rss(pid)
        todo += _children(pid)
    return total


class TreeSampler(threading.Thread):
    """Samples a process tree's RSS until stopped; keeps the peak."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.peak = root, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, tree_rss(self.root))
            self.done.wait(SAMPLE_SECONDS)


def _maxrss(who: int) -> int:
    """ru_maxrss in bytes (Linux reports KiB)."""
    return resource.getrusage(who).ru_maxrss * 1024


def run_command(argv: list[str], cwd: str | None, env: dict[str, str], keep_output: bool = False) -> dict[str, Any]:
    """Run argv to completion; its time, peak RSS of its largest process and of its whole tree."""
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=cwd, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    sampler = TreeSampler(process.pid)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = usage.ru_maxrss * 1024
    return {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_rss": peak,
        "tree_peak_rss": max(sampler.peak, peak),
        "returncode": process.returncode,
        "output": output[-4000:] if process.returncode or keep_output else "",
    }


Clocks = tuple[float, float]


def _clocks() -> Clocks:
    return time.perf_counter(), time.process_time()


def _spent(since: Clocks) -> dict[str, float]:
    wall, cpu = _clocks()
    return {"seconds": wall - since[0], "cpu_seconds": cpu - since[1]}


class Stopwatch:
    """Wall and CPU seconds added up over several timed stretches."""

    def __init__(self) -> None:
        self.seconds = self.cpu_seconds = 0.0

    def add(self, since: Clocks) -> None:
        spent = _spent(since)
        self.seconds += spent["seconds"]
        self.cpu_seconds += spent["cpu_seconds"]

    def spent(self) -> dict[str, float]:
        return {"seconds": self.seconds, "cpu_seconds": self.cpu_seconds}


def timed_stream(items: Iterator[T], watch: Stopwatch) -> Iterator[T]:
    """The same items, with the time spent producing each one (not consuming it) added to `watch`."""
    while True:
        started = _clocks()
        try:
            item = next(items)
        except StopIteration:
            watch.add(started)
            return
        watch.add(started)
        yield item


def run_generator(data: Path, config: Path) -> dict[str, Any]:
    """What the MkDocs plugin does in one `playbook build`, timed in this process.

    The CLI loads and validates the edition (generate.load_edition); the plugin writes
    generate.site_files into a folder of its own, which goes when the build ends. Both run here
    with the site address the build would use, on whatever caches the environment points at
    (the bench runs this after a build, so worksheet PDFs and compiled templates come from them).
    Imports are paid before the clock starts. Inside the total: `load`, `render` (producing the
    files, PDFs left out), `pdfs` (worksheet PDFs, from the cache), `write` (writing the files) and
    `remove` (removing the folder, as the plugin does when the build ends).
    """
    from generator import generate
    from generator.config_file import read_engine_settings
    from generator.pdf import PdfReport, worksheet_pdfs

    site_url = read_engine_settings(config).address.url
    stream, pdfs = Stopwatch(), Stopwatch()
    reports: list[PdfReport] = []

    def timed_pdfs(*args: Any, **kwargs: Any) -> PdfReport:
        started = _clocks()
        report = worksheet_pdfs(*args, **kwargs)
        pdfs.add(started)
        reports.append(report)
        return report

    generate.worksheet_pdfs = timed_pdfs  # type: ignore[attr-defined]  # site_files calls it from there
    started = _clocks()
    edition = generate.load_edition(data, site_url=site_url)
    load = _spent(started)
    folder = Path(tempfile.mkdtemp(prefix="bench-generated-"))
    try:
        written = generate.write_files(folder, timed_stream(generate.site_files(edition), stream))
    finally:
        removing = _clocks()
        shutil.rmtree(folder)
        remove = _spent(removing)
    total = _spent(started)
    produced, from_cache = stream.spent(), pdfs.spent()
    clocks = ("seconds", "cpu_seconds")
    parts = {
        "load": load,
        "render": {clock: produced[clock] - from_cache[clock] for clock in clocks},
        "pdfs": from_cache,
        "write": {clock: total[clock] - load[clock] - produced[clock] - remove[clock] for clock in clocks},
        "remove": remove,
    }
    return {
        **total,
        "parts": parts,
        "files": len(written),
        "site_url": site_url,
        "pdfs_rendered": sum(len(report.rendered) for report in reports),
        "peak_rss": _maxrss(resource.RUSAGE_SELF),
        "tree_peak_rss": 0,
        "returncode": 0,
    }


def main() -> None:
    spec = json.loads(sys.argv[1])
    if spec.get("step") == "generator":
        result = run_generator(Path(spec["data"]), Path(spec["config"]))
    else:
        result = run_command(spec["argv"], spec.get("cwd"), spec.get("env", {}), spec.get("keep_output", False))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
