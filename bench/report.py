"""Targets (from one run's figures, PASS or FAIL) and the tables `make bench` prints.

Everything here is arithmetic on recorded rows, so the tests check it on hand-made ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Row = dict[str, Any]
Metric = Callable[[Row], float]
Target = dict[str, Any]

ISSUE = "#19"
"""The issue whose targets these are (the rest are kept from earlier work)."""
PER_TIP_GROWTH_MAX = 1.2
PEAK_MEMORY_MAX = 1_000_000_000  # 1 GB
OWN_REBUILD_RATIO_MAX = 1.2
SERVE_EDIT_MAX_SECONDS = 5.0
GENERATOR_SHARE_MAX = 0.10
CLOCK = "cpu_seconds"
"""Build targets use CPU time (user + system of the whole process tree): on a shared machine it moves
far less than wall time when other work competes for the cores. Wall times are recorded beside it.
The serve targets are wall time: what someone editing waits for."""


def generator_seconds(row: Row, clock: str = CLOCK) -> float:
    """What the generator does in one `playbook build`: load_edition, then site_files written out."""
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


def baseline_from(result: dict[str, Any], name: str) -> dict[str, Any]:
    """What the targets need from a recorded run: its date and its whole-build CPU seconds per size."""
    return {
        "file": name,
        "date": str(result["date"])[:10],
        "build_cpu_seconds": {str(row["tips"]): row["build"][CLOCK] for row in result["rows"]},
    }


def _target(
    name: str,
    value: float | None,
    limit: float | None,
    detail: str,
    *,
    unit: str,
    issue: str = "",
    below: bool = False,
) -> Target:
    """One target's verdict: PASS when value <= limit (< with `below`), n/a without a value, info without a limit."""
    if value is None:
        status = "n/a"
    elif limit is None:
        status = "info"
    else:
        status = "PASS" if (value < limit if below else value <= limit) else "FAIL"
    return {
        "target": name,
        "issue": issue,
        "value": value,
        "limit": limit,
        "below": below,
        "unit": unit,
        "status": status,
        "detail": detail,
    }


def build_slope_vs_baseline(rows: list[Row], baseline: dict[str, Any] | None) -> Target:
    """The whole build's CPU per extra tip between the two largest sizes, against a recorded run's."""
    name = "whole build per extra tip, no slower than the recorded run"
    if len(rows) < 2:
        return _target(name, None, None, "needs two sizes", unit="ms", issue=ISSUE)
    low, high = rows[-2]["tips"], rows[-1]["tips"]
    name = f"whole build per extra tip, {low:,}->{high:,} tips, no slower than the recorded run"
    recorded = (baseline or {}).get("build_cpu_seconds", {})
    if baseline is None or str(low) not in recorded or str(high) not in recorded:
        where = baseline["file"] if baseline else "no recorded run"
        return _target(name, None, None, f"{where} has no {low:,} and {high:,} tips rows", unit="ms", issue=ISSUE)
    limit = (recorded[str(high)] - recorded[str(low)]) / (high - low) * 1000
    value = marginal(rows, build_seconds, len(rows) - 2, len(rows) - 1) * 1000
    engine = marginal(rows, engine_seconds, len(rows) - 2, len(rows) - 1) * 1000
    detail = (
        f"CPU {value:.2f} ms/tip against {limit:.2f} ms/tip on {baseline['date']} ({baseline['file']}); "
        f"engine alone {engine:.2f} ms/tip in this run"
    )
    return _target(name, value, limit, detail, unit="ms", issue=ISSUE)


def per_tip_growth(name: str, rows: list[Row], metric: Metric, unit: str, scale: float, issue: str = "") -> Target:
    """How much the cost per extra tip grows from the lower span of sizes to the upper one."""
    if len(rows) < 3:
        return _target(name, None, PER_TIP_GROWTH_MAX, "needs three sizes", unit="x", issue=issue)
    n = len(rows)
    upper = marginal(rows, metric, n - 2, n - 1)
    lower = marginal(rows, metric, n - 3, n - 2)
    detail = (
        f"{rows[-2]['tips']:,}->{rows[-1]['tips']:,}: {upper * scale:.2f} {unit}/tip; "
        f"{rows[-3]['tips']:,}->{rows[-2]['tips']:,}: {lower * scale:.2f} {unit}/tip"
    )
    if metric is build_seconds:
        engine_growth = marginal(rows, engine_seconds, n - 2, n - 1) / marginal(rows, engine_seconds, n - 3, n - 2)
        detail += f"; engine alone grows {engine_growth:.2f}x"
    return _target(name, upper / lower, PER_TIP_GROWTH_MAX, detail, unit="x", issue=issue)


def peak_memory(rows: list[Row]) -> Target:
    """The build's peak memory (summed over its process tree) at the largest size."""
    if not rows:
        return _target("peak memory of the build", None, PEAK_MEMORY_MAX, "no sizes", unit="bytes", issue=ISSUE)
    last = rows[-1]
    peak = float(last["build"]["tree_peak_rss"])
    detail = f"process tree; largest single process {last['build']['peak_rss'] / 1e6:.0f} MB"
    name = f"peak memory of the build at {last['tips']:,} tips"
    return _target(name, peak, PEAK_MEMORY_MAX, detail, unit="bytes", issue=ISSUE, below=True)


def own_rebuild_vs_engine(own: Row | None) -> Target:
    """A no-change `playbook build` on the playbook's own data against MkDocs alone on the same pages."""
    name = "own data: no-change build vs MkDocs alone"
    if own is None or "rebuild" not in own:
        return _target(name, None, OWN_REBUILD_RATIO_MAX, "own data not measured", unit="x", issue=ISSUE)
    rebuild, engine = own["rebuild"], own["engine"]
    detail = (
        f"{own['tips']:,} tips: CPU {rebuild[CLOCK]:.1f} s vs {engine[CLOCK]:.1f} s "
        f"(wall {rebuild['seconds']:.1f} s vs {engine['seconds']:.1f} s); "
        f"generator {generator_seconds(own):.2f} s of it"
    )
    return _target(name, rebuild[CLOCK] / engine[CLOCK], OWN_REBUILD_RATIO_MAX, detail, unit="x", issue=ISSUE)


def serve_edit(serve: dict[str, Any] | None, kind: str) -> Target:
    """The slowest of the rounds of one kind of edit under `playbook serve` on the playbook's own data."""
    name = f"own data: serve shows a {kind} edit"
    run = (serve or {}).get("own")
    times = [edit["page_updated_seconds"] for edit in (run or {}).get("edits", []) if edit["kind"] == kind]
    if run is None or not times:
        return _target(name, None, SERVE_EDIT_MAX_SECONDS, "serve not measured", unit="s", issue=ISSUE, below=True)
    each = ", ".join(f"{t:.1f} s" for t in times)
    cpu = [edit.get("server_cpu_seconds") for edit in run["edits"] if edit["kind"] == kind]
    spent = ", ".join(f"{c:.1f}" for c in cpu if c is not None)
    detail = (
        f"slowest of {len(times)}, wall time from the write to the new text in the page ({each}; {run['tips']:,} tips)"
    )
    if spent:
        detail += f"; server CPU {spent} s"
    return _target(name, max(times), SERVE_EDIT_MAX_SECONDS, detail, unit="s", issue=ISSUE, below=True)


def rebuild_seconds(row: Row) -> float:
    return float(row["rebuild"][CLOCK])


def generator_share(rows: list[Row]) -> Target:
    """The generator's part of each extra tip's build cost, between the two largest sizes.

    The generator is measured on the caches the first build filled, so it is divided by the
    no-change rebuild's slope, measured the same way, when both sizes have one: the first build's
    slope also holds the PDFs it prints, which the event kit's card caps bend (docs/benchmarks.md).
    """
    name = "generator share of each extra tip's build cost"
    if len(rows) < 2:
        return _target(name, None, GENERATOR_SHARE_MAX, "needs two sizes", unit="share")
    n = len(rows)
    cached = all("rebuild" in row for row in rows[-2:])
    gen = marginal(rows, generator_seconds, n - 2, n - 1)
    whole = marginal(rows, rebuild_seconds if cached else build_seconds, n - 2, n - 1)
    over = marginal(rows, over_engine_seconds, n - 2, n - 1)
    detail = (
        f"{rows[-2]['tips']:,}->{rows[-1]['tips']:,} tips: generator {gen * 1000:.2f} ms/tip of "
        f"{'the no-change rebuild' if cached else 'the build'} {whole * 1000:.2f} ms/tip "
        f"(build minus engine alone: {over * 1000:.2f} ms/tip)"
    )
    return _target(name, gen / whole, GENERATOR_SHARE_MAX, detail, unit="share")


def no_pdf_rendered(rows: list[Row], own: Row | None) -> Target:
    """Worksheet PDFs rendered by any build after the first (the rebuild, the generator's measurement)."""
    counts = []
    for row in ([own] if own else []) + rows:
        label = f"{row['tips']:,} tips" + (" (own)" if row is own else "")
        if "rebuild" in row:
            counts.append((f"rebuild at {label}", int(row["rebuild"].get("pdfs_rendered", 0))))
        if "pdfs_rendered" in row.get("generator", {}):
            counts.append((f"generator at {label}", int(row["generator"]["pdfs_rendered"])))
    name = "no worksheet PDF rendered once they are cached"
    if not counts:
        return _target(name, None, 0, "no rebuild measured", unit="count")
    rendered = sum(count for _, count in counts)
    detail = "; ".join(f"{where}: {count}" for where, count in counts if count) or f"{len(counts)} builds, none"
    return _target(name, rendered, 0, detail, unit="count")


def rebuild_vs_engine(rows: list[Row]) -> Target:
    """Information: the no-change rebuild against the engine alone at the largest size rebuilt."""
    rebuilt = [row for row in rows if "rebuild" in row]
    if not rebuilt:
        return _target("no-change rebuild vs engine alone", None, None, "no rebuild measured", unit="x")
    row = rebuilt[-1]
    wall = row["rebuild"]["seconds"] / row["engine"]["seconds"]
    detail = (
        f"CPU {row['rebuild'][CLOCK]:.1f} s vs {row['engine'][CLOCK]:.1f} s "
        f"(wall {row['rebuild']['seconds']:.1f} s vs {row['engine']['seconds']:.1f} s, {wall:.2f}x); "
        "each build renders every page again (no tree cache)"
    )
    name = f"no-change rebuild vs engine alone at {row['tips']:,} tips"
    return _target(name, row["rebuild"][CLOCK] / row["engine"][CLOCK], None, detail, unit="x")


def targets(
    rows: list[Row],
    own: Row | None = None,
    serve: dict[str, Any] | None = None,
    baseline: dict[str, Any] | None = None,
) -> list[Target]:
    """Every target, computed from one run: synthetic rows sorted by size, the own-data row, serve, a recorded run."""
    return [
        build_slope_vs_baseline(rows, baseline),
        per_tip_growth("whole build cost per tip flat, upper vs lower span", rows, build_seconds, "ms", 1000, ISSUE),
        peak_memory(rows),
        own_rebuild_vs_engine(own),
        serve_edit(serve, "template"),
        serve_edit(serve, "tip"),
        generator_share(rows),
        per_tip_growth("site bytes per tip flat, upper vs lower span", rows, site_bytes, "kB", 0.001),
        no_pdf_rendered(rows, own),
        rebuild_vs_engine(rows),
    ]


def _seconds(row: Row, key: str) -> str:
    """Wall seconds, with CPU seconds in brackets."""
    if key not in row:
        return "-"
    return f"{row[key]['seconds']:.1f} ({row[key][CLOCK]:.1f})"


def _mb(value: float) -> str:
    return f"{value / 1e6:.0f}"


def _label(row: Row) -> str:
    return f"{row['tips']:,} (own data)" if row.get("dataset") == "own" else f"{row['tips']:,}"


def tables(rows: list[Row], own: Row | None = None) -> str:
    """The results as Markdown tables: time, size and memory per dataset (the own data first)."""
    everything = ([own] if own else []) + rows
    has_zensical = any("zensical" in row for row in everything)
    head = "| tips | docs files | load | render | generator in build | build | rebuild | engine alone |"
    rule = "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    if has_zensical:
        head += " Zensical | Zensical cached |"
        rule += " ---: | ---: |"
    lines = ["### Time: wall seconds (CPU seconds)", "", head, rule]
    for row in everything:
        pages = row["generate"]["docs"]["files"]
        line = (
            f"| {_label(row)} | {pages:,} | {_seconds(row, 'load')} | {_seconds(row, 'render')} | "
            f"{_seconds(row, 'generator')} | {_seconds(row, 'build')} | {_seconds(row, 'rebuild')} | "
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
    for row in everything:
        site = row["build"]["site"]
        line = (
            f"| {_label(row)} | {_mb(site['bytes'])} | {_mb(site['disk_bytes'])} | "
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


def serve_runs(serve: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """The serve measurements by dataset ("own", "synthetic"); a run recorded before there were two is synthetic."""
    if not serve:
        return {}
    if "edits" in serve:
        return {"synthetic": serve}
    return {name: run for name, run in serve.items() if run}


def serve_table(serve: dict[str, Any] | None) -> str:
    """Each edit under `playbook serve`: seconds from the write to the page, the change noticed, the rebuild."""
    lines = [
        "### `playbook serve`: seconds from the write",
        "",
        "| data | tips | first build | edit | round | page shows it | server CPU | change noticed "
        "| rebuild logged | MkDocs reported |",
        "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, run in serve_runs(serve).items():
        data = "own data" if name == "own" else "synthetic"
        for number, edit in enumerate(run["edits"], start=1):
            lines.append(
                f"| {data} | {run['tips']:,} | {run['first_build_seconds']:.1f} | {edit.get('kind', 'tip')} | "
                f"{edit.get('round', number)} | {edit['page_updated_seconds']:.1f} | "
                f"{_optional(edit, 'server_cpu_seconds')} | {_optional(edit, 'noticed_seconds')} | "
                f"{edit['rebuilt_seconds']:.1f} | {_optional(edit, 'engine_reported_seconds')} |"
            )
    return "\n".join(lines)


def _optional(record: dict[str, Any], key: str) -> str:
    """Seconds to one decimal, or "-" where a run did not record them."""
    value = record.get(key)
    return "-" if value is None else f"{value:.1f}"


def _amount(value: float, unit: str) -> str:
    if unit == "bytes":
        return f"{value / 1e6:.0f} MB"
    if unit == "ms":
        return f"{value:.2f} ms/tip"
    if unit == "s":
        return f"{value:.1f} s"
    if unit == "count":
        return f"{value:.0f}"
    if unit == "share":
        return f"{value:.0%}"
    return f"{value:.2f}x"


def target_table(found: list[Target]) -> str:
    lines = ["| target | issue | value | limit | result | detail |", "| --- | --- | ---: | ---: | --- | --- |"]
    for t in found:
        unit = t.get("unit") or ("bytes" if "memory" in t["target"] else "x")
        value = "-" if t["value"] is None else _amount(t["value"], unit)
        below = t.get("below", "memory" in t["target"])
        limit = "-" if t["limit"] is None else f"{'<' if below else '<='} {_amount(t['limit'], unit)}"
        lines.append(f"| {t['target']} | {t.get('issue', '')} | {value} | {limit} | {t['status']} | {t['detail']} |")
    return "\n".join(lines)


def main() -> None:
    """`python -m bench.report [results.json]`: the tables of a recorded run, as Markdown."""
    import json
    import sys
    from pathlib import Path

    path = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/results/latest.json")
    result = json.loads(path.read_text(encoding="utf-8"))
    rows, own = result["rows"], result.get("own")
    found = result.get("targets") or targets(rows, own, result.get("serve"), result.get("baseline"))
    parts = [tables(rows, own), slopes(rows)]
    if result.get("serve"):
        parts.append(serve_table(result["serve"]))
    print("\n\n".join([*parts, "### Targets", target_table(found)]))


if __name__ == "__main__":
    main()
