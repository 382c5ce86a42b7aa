"""`make bench`: measure the playbook's own data and every size, the serve loop and Zensical;
print tables and targets; write JSON.

Sizes come from `--sizes` or BENCH_SIZES (default 100,1000,10000). Results go
to bench/results/<date>-<host>.json and bench/results/latest.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from . import serve
from .machine import describe
from .measure import OWN, SITE_URL, dataset_paths, measure_own, measure_size
from .report import baseline_from, serve_table, slopes, tables, target_table, targets

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / "work"
RESULTS = BENCH / "results"
DEFAULT_SIZES = (100, 1000, 10000)
SERVE_SIZE = 1000
ZENSICAL = WORK / "zensical-venv" / "bin" / "zensical"
BASELINE = RESULTS / "2026-11-23-vm.json"
"""The last run on the old build path (tree cache, 2026-11-23): issue #19 holds the new path to its cost per tip."""


def _sizes(text: str | None) -> list[int]:
    if not text:
        return list(DEFAULT_SIZES)
    return sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})


def _zensical() -> tuple[Path | None, str | None]:
    """The Zensical command in its own venv under bench/work/, and its version; None if not installed."""
    command = Path(os.environ.get("ZENSICAL", ZENSICAL))
    if not command.is_file():
        return None, None
    result = subprocess.run([str(command), "--version"], capture_output=True, text=True, check=False)
    return command, (result.stdout.strip().split()[-1] if result.returncode == 0 and result.stdout.strip() else None)


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES"), help="comma-separated tip counts")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve measurements")
    parser.add_argument("--no-own", action="store_true", help="skip the playbook's own data (and its serve edits)")
    parser.add_argument("--no-zensical", action="store_true", help="skip Zensical even when installed")
    parser.add_argument(
        "--zensical-max",
        type=int,
        default=int(os.environ.get("BENCH_ZENSICAL_MAX", "1000")),
        help="build with Zensical only up to this size (default 1000: past about 1,900 tips Zensical 0.0.73 "
        "stops on its search index limit; docs/benchmarks.md)",
    )
    parser.add_argument(
        "--rebuild-max",
        type=int,
        default=int(os.environ.get("BENCH_REBUILD_MAX", "0")) or None,
        help="measure the no-change rebuild only up to this size (default: every size)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the JSON goes (default: bench/results)")
    return parser


def load_baseline(path: Path) -> dict[str, Any] | None:
    """The recorded run the build's cost per tip is held to (#19), or None if that file is gone."""
    if not path.is_file():
        return None
    return baseline_from(json.loads(path.read_text(encoding="utf-8")), path.relative_to(ROOT).as_posix())


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sizes = _sizes(args.sizes)
    zensical, zensical_version = (None, None) if args.no_zensical else _zensical()
    if zensical is None:
        _log("Zensical is not installed (make bench-zensical): its columns are skipped")
    baseline = load_baseline(BASELINE)
    if baseline is None:
        _log(f"{BASELINE} is missing: the target against the recorded run is n/a")
    machine = describe(ROOT, zensical_version)
    WORK.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    now = dt.datetime.now(dt.UTC)
    result: dict[str, Any] = {
        "date": now.isoformat(timespec="seconds"),
        "complete": False,
        "build_path": "one MkDocs build in process; the plugin renders in on_files (no tree cache)",
        "site_url": SITE_URL,
        "sizes": sizes,
        "machine": machine,
        "zensical": f"measured up to {args.zensical_max:,} tips" if zensical else "not installed: skipped",
        "baseline": baseline,
        "own": None,
        "rows": [],
        "serve": None,
    }
    if not args.no_own:
        _log("the playbook's own data")
        result["own"] = measure_own(ROOT, WORK, zensical)
        _write(result, now, machine["host"], args.out)
    for size in sizes:
        _log(f"{size:,} tips")
        rebuild = args.rebuild_max is None or size <= args.rebuild_max
        engine = zensical if size <= args.zensical_max else None
        result["rows"].append(measure_size(ROOT, WORK, size, engine, rebuild))
        _write(result, now, machine["host"], args.out)  # a later failure keeps what was measured
    if not args.no_serve:
        result["serve"] = {}
        if result["own"] is not None:
            _log("serve on the playbook's own data: a template edit and a tip edit, twice each")
            own = serve.measure_own(ROOT, WORK, dataset_paths(WORK, OWN)["cache"])
            result["serve"]["own"] = {"tips": result["own"]["tips"], **own}
        serve_size = min(sizes, key=lambda n: abs(n - SERVE_SIZE))
        _log(f"serve at {serve_size:,} tips: one tip edited twice")
        paths = dataset_paths(WORK, serve_size)
        synthetic = serve.measure_synthetic(ROOT, WORK, paths["data"].resolve(), paths["cache"])
        result["serve"]["synthetic"] = {"tips": serve_size, **synthetic}
    machine["load_average_at_end"] = list(os.getloadavg())
    rows = result["rows"]
    found = targets(rows, result["own"], result["serve"], baseline)
    result.update(complete=True, targets=found, bench_seconds=time.perf_counter() - started)
    _write(result, now, machine["host"], args.out)
    print(tables(rows, result["own"]))
    print()
    print(slopes(rows))
    if result["serve"]:
        print()
        print(serve_table(result["serve"]))
    print("\n### Targets\n")
    print(target_table(found))
    print(f"\nbench took {result['bench_seconds'] / 60:.1f} min; results in {args.out}/latest.json")
    return 0


def _write(result: dict[str, Any], now: dt.datetime, host: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=1) + "\n"
    (out / f"{now:%Y-%m-%d}-{host}.json").write_text(text, encoding="utf-8")
    (out / "latest.json").write_text(text, encoding="utf-8")
