"""`make bench`: measure every size, the serve loop and Zensical; print tables; write JSON.

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

from .machine import describe
from .measure import CACHE_VARIABLE, measure_size, size_paths
from .report import slopes, tables, target_table, targets
from .serve import measure_serve

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / "work"
RESULTS = BENCH / "results"
DEFAULT_SIZES = (100, 1000, 10000)
SERVE_SIZE = 1000
ZENSICAL = WORK / "zensical-venv" / "bin" / "zensical"


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
    parser.add_argument("--no-serve", action="store_true", help="skip the serve measurement")
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


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sizes = _sizes(args.sizes)
    zensical, zensical_version = (None, None) if args.no_zensical else _zensical()
    if zensical is None:
        _log("Zensical is not installed (make bench-zensical): its columns are skipped")
    pdf_generator = (ROOT / "generator" / "pdf.py").is_file()
    machine = describe(ROOT, zensical_version)
    WORK.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    now = dt.datetime.now(dt.UTC)
    result: dict[str, Any] = {
        "date": now.isoformat(timespec="seconds"),
        "complete": False,
        "sizes": sizes,
        "machine": machine,
        "pdf_generator_present": pdf_generator,
        "zensical": f"measured up to {args.zensical_max:,} tips" if zensical else "not installed: skipped",
        "rows": [],
        "serve": None,
    }
    for size in sizes:
        _log(f"{size:,} tips")
        rebuild = args.rebuild_max is None or size <= args.rebuild_max
        engine = zensical if size <= args.zensical_max else None
        result["rows"].append(measure_size(ROOT, WORK, size, engine, rebuild))
        _write(result, now, machine["host"], args.out)  # a later failure keeps what was measured
    if not args.no_serve:
        serve_size = min(sizes, key=lambda n: abs(n - SERVE_SIZE))
        _log(f"serve: one tip edited at {serve_size:,} tips")
        paths = size_paths(WORK, serve_size)
        env = {CACHE_VARIABLE: str(paths["cache"])}
        result["serve"] = {"tips": serve_size, **measure_serve(ROOT, paths["data"], env)}
    machine["load_average_at_end"] = list(os.getloadavg())
    rows = result["rows"]
    found = targets(rows, pdf_generator)
    result.update(complete=True, targets=found, bench_seconds=time.perf_counter() - started)
    _write(result, now, machine["host"], args.out)
    serve = result["serve"]
    print(tables(rows))
    print()
    print(slopes(rows))
    print("\n### Targets\n")
    print(target_table(found))
    if serve:
        edits = ", ".join(f"{e['page_updated_seconds']:.1f} s" for e in serve["edits"])
        print(f"\nserve at {serve['tips']:,} tips: first build {serve['first_build_seconds']:.1f} s; one tip edited ->")
        print(f"page updated after {edits}")
    print(f"\nbench took {result['bench_seconds'] / 60:.1f} min; results in {args.out}/latest.json")
    return 0


def _write(result: dict[str, Any], now: dt.datetime, host: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=1) + "\n"
    (out / f"{now:%Y-%m-%d}-{host}.json").write_text(text, encoding="utf-8")
    (out / "latest.json").write_text(text, encoding="utf-8")
