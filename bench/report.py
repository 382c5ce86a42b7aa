"""Targets (ratios from one run, PASS or FAIL) and the tables `make bench` prints."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Row = dict[str, Any]
Metric = Callable[[Row], float]

GENERATOR_SHARE_MAX = 0.10
PER_TIP_GROWTH_MAX = 1.2
REBUILD_RATIO_MAX = 1.1
PEAK_MEMORY_MAX = 1_000_000_000  # 1 GB
CLOCK = "cpu_seconds"
"""Targets use CPU time (user + system of the whole process tree): on a shared machine it moves far
less than wall time when other work competes for the cores. Wall times are recorded beside it."""


def generator_seconds(row: Row, clock: str = CLOCK) -> float:
    """What `playbook build` spends in the generator on a cold tree cache: generating the tree once
    (validate, load, render, write) and the plugin's second key computation."""
    return float(row["generator"][clock])


def build_seconds(row: Row) -> float:
    return float(row["build"][CLOCK])


def engine_seconds(row: Row) -> float:
    return float(row["engine"][CLOCK])


def over_engine_seconds(row: Row) -> float:
    """The whole build less the engine alone on the same tree."""
    return build_seconds(row) - engine_seconds(row)


def site_bytes(row: Row) -> float:
    return float(row["build"]["site"]["bytes"])


def marginal(rows: list[Row], metric: Metric, low: int, high: int) -> float:
    """The cost of each extra tip between two sizes: the slope of `metric` from rows[low] to rows[high]."""
    a, b = rows[low], rows[high]
    return (metric(b) - metric(a)) / float(b["tips"] - a["tips"])


def _target(name: str, value: float | None, limit: float, detail: str, *, below: bool = False) -> dict[str, Any]:
    met = value is not None and (value < limit if below else value <= limit)
    status = "n/a" if value is None else "PASS" if met else "FAIL"
    return {"target": name, "value": value, "limit": limit, "status": status, "detail": detail}


def targets(rows: list[Row], pdf_generator: bool) -> list[dict[str, Any]]:
    """Every target, computed from one run's rows (sorted by size)."""
    found: list[dict[str, Any]] = []
    n = len(rows)
    if n >= 2:
        low, high = rows[-2]["tips"], rows[-1]["tips"]
        gen = marginal(rows, generator_seconds, n - 2, n - 1)
        whole = marginal(rows, build_seconds, n - 2, n - 1)
        over = marginal(rows, over_engine_seconds, n - 2, n - 1)
        found.append(
            _target(
                "generator share of each extra tip's build cost",
                gen / whole,
                GENERATOR_SHARE_MAX,
                f"{low:,}->{high:,} tips: generator {gen * 1000:.2f} ms/tip of build {whole * 1000:.2f} ms/tip "
                f"(build minus engine alone: {over * 1000:.2f} ms/tip, {over / whole:.0%})",
            )
        )
    else:
        found.append(_target("generator share of each extra tip's build cost", None, GENERATOR_SHARE_MAX, "2 sizes"))
    for name, metric, unit, scale in (
        ("build cost per tip, largest vs middle size", build_seconds, "ms", 1000.0),
        ("site bytes per tip, largest vs middle size", site_bytes, "kB", 0.001),
    ):
        if n >= 3:
            upper = marginal(rows, metric, n - 2, n - 1)
            lower = marginal(rows, metric, n - 3, n - 2)
            detail = (
                f"{rows[-2]['tips']:,}->{rows[-1]['tips']:,}: {upper * scale:.2f} {unit}/tip; "
                f"{rows[-3]['tips']:,}->{rows[-2]['tips']:,}: {lower * scale:.2f} {unit}/tip"
            )
            if metric is build_seconds:
                engine_growth = marginal(rows, engine_seconds, n - 2, n - 1) / marginal(
                    rows, engine_seconds, n - 3, n - 2
                )
                detail += f"; engine alone grows {engine_growth:.2f}x"
            found.append(_target(name, upper / lower, PER_TIP_GROWTH_MAX, detail))
        else:
            found.append(_target(name, None, PER_TIP_GROWTH_MAX, "needs three sizes"))
    rebuilt = [row for row in rows if "rebuild" in row]
    if rebuilt:
        row = rebuilt[-1]
        ratio = row["rebuild"][CLOCK] / row["engine"][CLOCK]
        wall = row["rebuild"]["seconds"] / row["engine"]["seconds"]
        rendered = row["rebuild"].get("pdfs_rendered", 0) if pdf_generator else 0
        pdfs = f"{rendered} PDFs rendered" if pdf_generator else "no PDFs: generator/pdf.py not present"
        detail = (
            f"at {row['tips']:,} tips: CPU {row['rebuild'][CLOCK]:.1f} s vs {row['engine'][CLOCK]:.1f} s "
            f"(wall {row['rebuild']['seconds']:.1f} s vs {row['engine']['seconds']:.1f} s, {wall:.2f}x); {pdfs}"
        )
        target = _target("no-change rebuild vs engine alone, no PDF rendered", ratio, REBUILD_RATIO_MAX, detail)
        if rendered:
            target["status"] = "FAIL"
        found.append(target)
    last = rows[-1]
    peak = last["build"]["tree_peak_rss"]
    found.append(
        _target(
            f"peak memory of the build at {last['tips']:,} tips",
            float(peak),
            PEAK_MEMORY_MAX,
            f"{peak / 1e6:.0f} MB (process tree; largest single process {last['build']['peak_rss'] / 1e6:.0f} MB)",
            below=True,
        )
    )
    return found


def _seconds(row: Row, key: str) -> str:
    """Wall seconds, with CPU seconds in brackets."""
    if key not in row:
        return "-"
    return f"{row[key]['seconds']:.1f} ({row[key][CLOCK]:.1f})"


def _mb(value: float) -> str:
    return f"{value / 1e6:.0f}"


def _generator(row: Row) -> str:
    return f"{generator_seconds(row, 'seconds'):.1f} ({generator_seconds(row):.1f})"


def tables(rows: list[Row]) -> str:
    """The results as Markdown tables: time, size and memory per dataset size."""
    has_zensical = any("zensical" in row for row in rows)
    head = "| tips | docs files | load | render | generator in build | build | rebuild | engine alone |"
    rule = "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    if has_zensical:
        head += " Zensical | Zensical cached |"
        rule += " ---: | ---: |"
    lines = ["### Time: wall seconds (CPU seconds)", "", head, rule]
    for row in rows:
        pages = row["generate"]["docs"]["files"]
        line = (
            f"| {row['tips']:,} | {pages:,} | {_seconds(row, 'load')} | {_seconds(row, 'render')} | "
            f"{_generator(row)} | {_seconds(row, 'build')} | {_seconds(row, 'rebuild')} | "
            f"{_seconds(row, 'engine')} |"
        )
        if has_zensical:
            zensical = row.get("zensical", {})
            if "error" in zensical:
                line += " failed | - |"
            else:
                line += f" {_seconds(row, 'zensical')} | {_seconds(zensical, 'cached')} |"
        lines.append(line)
    head = "| tips | site MB | site MB on disk | kB per tip | engine site MB | build peak MB | engine peak MB |"
    rule = "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    if has_zensical:
        head += " zensical site MB | zensical peak MB |"
        rule += " ---: | ---: |"
    lines += ["", "### Size and memory", "", head, rule]
    for row in rows:
        site = row["build"]["site"]
        line = (
            f"| {row['tips']:,} | {_mb(site['bytes'])} | {_mb(site['disk_bytes'])} | "
            f"{site['bytes'] / row['tips'] / 1000:.1f} | {_mb(row['engine']['site']['bytes'])} | "
            f"{_mb(row['build']['tree_peak_rss'])} | {_mb(row['engine']['tree_peak_rss'])} |"
        )
        if has_zensical:
            zensical = row.get("zensical", {})
            line += (
                f" {_mb(zensical['site']['bytes'])} | {_mb(zensical['tree_peak_rss'])} |"
                if "site" in zensical
                else " - | - |"
            )
        lines.append(line)
    return "\n".join(lines)


def _zensical_seconds(row: Row) -> float:
    return float(row["zensical"][CLOCK])


def slopes(rows: list[Row]) -> str:
    """The cost of each extra tip between consecutive sizes (CPU ms; site kB)."""
    zensical = any("site" in row.get("zensical", {}) for row in rows)
    head = "| tips | generator ms | build ms | engine alone ms | build minus engine ms | site kB |"
    rule = "| --- | ---: | ---: | ---: | ---: | ---: |"
    if zensical:
        head += " Zensical ms |"
        rule += " ---: |"
    lines = ["### Each extra tip (CPU)", "", head, rule]
    for i in range(1, len(rows)):
        span = f"{rows[i - 1]['tips']:,} -> {rows[i]['tips']:,}"
        line = f"| {span} | " + " | ".join(
            f"{marginal(rows, metric, i - 1, i) * 1000:.2f}"
            for metric in (generator_seconds, build_seconds, engine_seconds, over_engine_seconds)
        )
        line += f" | {marginal(rows, site_bytes, i - 1, i) / 1000:.1f} |"
        if zensical:
            both = all("site" in rows[j].get("zensical", {}) for j in (i - 1, i))
            line += f" {marginal(rows, _zensical_seconds, i - 1, i) * 1000:.2f} |" if both else " - |"
        lines.append(line)
    return "\n".join(lines)


def target_table(found: list[dict[str, Any]]) -> str:
    lines = ["| target | value | limit | result | detail |", "| --- | ---: | ---: | --- | --- |"]
    for t in found:
        memory = "memory" in t["target"]
        value = "-" if t["value"] is None else (f"{t['value'] / 1e6:.0f} MB" if memory else f"{t['value']:.2f}")
        limit = f"< {t['limit'] / 1e6:.0f} MB" if memory else f"<= {t['limit']:.2f}"
        lines.append(f"| {t['target']} | {value} | {limit} | {t['status']} | {t['detail']} |")
    return "\n".join(lines)


def main() -> None:
    """`python -m bench.report [results.json]`: the tables of a recorded run, as Markdown."""
    import json
    import sys
    from pathlib import Path

    path = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/results/latest.json")
    result = json.loads(path.read_text(encoding="utf-8"))
    rows = result["rows"]
    found = result.get("targets") or targets(rows, result.get("pdf_generator_present", False))
    print("\n\n".join((tables(rows), slopes(rows), "### Targets", target_table(found))))


if __name__ == "__main__":
    main()
