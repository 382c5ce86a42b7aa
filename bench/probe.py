"""One measurement in a fresh process: wall time and peak memory.

`python -m bench.probe SPEC` where SPEC is JSON:

- `{"step": "load", "data": DIR}`: time generator.loader.load_dataset;
- `{"step": "generate", "data": DIR}`: time generator.site.generated_tree on an empty tree cache
  (what `playbook build` runs before the engine), with the load, render_site and key inside it timed too;
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
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

SAMPLE_SECONDS = 0.1


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


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _spent(since: tuple[float, float]) -> dict[str, float]:
    wall, cpu = _clocks()
    return {"seconds": wall - since[0], "cpu_seconds": cpu - since[1]}


def run_step(step: str, data: Path) -> dict[str, Any]:
    """Time generator work in this process (imports are paid before the clock starts).

    `load`: generator.loader.load_dataset alone. `generate`: generator.site.generated_tree on an
    empty tree cache, what `playbook build` runs before the engine starts (validate and load,
    render_site, worksheet PDFs from their cache, write the tree), with load_dataset, render_site
    and the cache key timed inside it. In the build the plugin computes the key once more and
    then finds the tree in the cache.
    """
    from generator import site
    from generator.loader import load_dataset
    from generator.tree_cache import TreeCache

    if step == "load":
        started = _clocks()
        load_dataset(data)
        return {**_spent(started), "peak_rss": _maxrss(resource.RUSAGE_SELF), "tree_peak_rss": 0, "returncode": 0}
    inner: dict[str, dict[str, float]] = {}

    def timed(name: str, function: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = _clocks()
            try:
                return function(*args, **kwargs)
            finally:
                inner[name] = _spent(started)

        return wrapper

    site.load_dataset = timed("load", site.load_dataset)  # type: ignore[attr-defined]
    site.render_site = timed("render", site.render_site)  # type: ignore[attr-defined]
    site.tree_key = timed("key", site.tree_key)  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory(prefix="bench-trees-") as cold:
        started = _clocks()
        site.generated_tree(data, cache=TreeCache(Path(cold)))
        spent = _spent(started)
    result = {**spent, "peak_rss": _maxrss(resource.RUSAGE_SELF), "tree_peak_rss": 0, "returncode": 0}
    return {**result, **{f"{name}_{key}": value for name, spent in inner.items() for key, value in spent.items()}}


def main() -> None:
    spec = json.loads(sys.argv[1])
    if "step" in spec:
        result = run_step(spec["step"], Path(spec["data"]))
    else:
        result = run_command(spec["argv"], spec.get("cwd"), spec.get("env", {}), spec.get("keep_output", False))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
