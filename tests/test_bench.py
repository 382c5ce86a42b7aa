"""The benchmark's code: dataset synthesiser, engine-only config, serve edits, report maths and targets.

Nothing here times anything: the targets are checked on hand-made rows.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench import report
from bench.engine_config import engine_config
from bench.measure import dataset_paths
from bench.probe import Stopwatch, timed_stream
from bench.run import BASELINE, load_baseline
from bench.serve import TIP_TEMPLATE, copy_repository, cpu_seconds_from_stat, template_edit, tip_edit, with_title_mark
from bench.synth import synthesise
from generator.loader import load_dataset
from generator.yaml_reader import MAX_FILE_BYTES
from tests.conftest import DATA, ROOT

# --- the dataset synthesiser ---


def test_synthetic_dataset_loads_with_the_right_tips(tmp_path: Path) -> None:
    real = load_dataset(DATA)
    size = len(real.tips) + 4  # a few more than the real dataset, whatever its size
    target = synthesise(DATA, tmp_path / "data", size)
    dataset = load_dataset(target)
    assert len(dataset.tips) == size
    assert len({t.id for t in dataset.tips}) == size
    assert len({t.title for t in dataset.tips}) == size
    assert len({t.summary for t in dataset.tips}) == size
    kept = {t.id: t for t in dataset.tips}
    assert all(kept[t.id] == t for t in real.tips), "every real tip is kept, unchanged"
    assert dataset.collections == real.collections


def test_synthetic_dataset_is_deterministic_and_spread_over_files(tmp_path: Path) -> None:
    first = synthesise(DATA, tmp_path / "a", 1000)
    second = synthesise(DATA, tmp_path / "b", 1000)
    files = sorted(p.name for p in (first / "tips").glob("bench-*.yaml"))
    assert len(files) >= 2
    for name in files:
        text = (first / "tips" / name).read_bytes()
        assert text == (second / "tips" / name).read_bytes()
        assert len(text) < MAX_FILE_BYTES


def test_synthetic_dataset_needs_every_real_tip(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least"):
        synthesise(DATA, tmp_path / "data", 3)


# --- the engine-only config ---


def test_engine_config_drops_the_plugin_and_points_at_the_tree(tmp_path: Path) -> None:
    config = engine_config(ROOT / "mkdocs.yml", tmp_path / "docs", tmp_path / "site")
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert "playbook" not in names
    assert "search" in names
    assert config["docs_dir"] == str((tmp_path / "docs").resolve())
    assert Path(config["theme"]["custom_dir"]).is_absolute()


def test_engine_config_builds_for_the_address_it_is_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLAYBOOK_SITE_URL", raising=False)
    assert engine_config(ROOT / "mkdocs.yml", tmp_path / "docs", tmp_path / "site")["site_url"] == ""
    config = engine_config(
        ROOT / "mkdocs.yml", tmp_path / "docs", tmp_path / "site", tmp_path, site_url="https://bench.example/"
    )
    assert config["site_url"] == "https://bench.example/"
    assert (config["docs_dir"], config["site_dir"]) == ("docs", "site"), "relative to the config's folder"


def test_each_dataset_has_folders_of_its_own(tmp_path: Path) -> None:
    own, thousand = dataset_paths(tmp_path, "own"), dataset_paths(tmp_path, 1000)
    assert own["cache"] == tmp_path / "cache-own"
    assert thousand["site"] == tmp_path / "site-1000"
    assert not set(own.values()) & set(thousand.values())


# --- the probe's stream timer ---


def test_timed_stream_passes_every_item_through_in_order() -> None:
    watch = Stopwatch()
    assert list(timed_stream(iter(["a", "b", "c"]), watch)) == ["a", "b", "c"]
    assert list(timed_stream(iter([]), watch)) == []


# --- the serve edits (applied to copies, never timed here) ---


def test_the_copy_holds_what_serve_reads(tmp_path: Path) -> None:
    copy = copy_repository(ROOT, tmp_path / "copy")
    for name in ("data", "content", "overrides", "generator", "mkdocs.yml"):
        assert (copy / name).exists(), name
    assert not list(copy.rglob("__pycache__"))
    (copy / "stale").write_text("from an earlier run")
    assert not (copy_repository(ROOT, copy) / "stale").exists(), "copied afresh"


def test_a_tip_edit_changes_one_title_and_the_data_stays_valid(tmp_path: Path) -> None:
    copy = copy_repository(ROOT, tmp_path / "copy")
    tip_file = sorted((copy / "data" / "tips").glob("*.yaml"))[0]
    edit = tip_edit(tip_file)
    tip_id = edit.page.removeprefix("tips/").removesuffix("/")
    original = tip_file.read_text(encoding="utf-8")
    before = {t.id: t.title for t in load_dataset(copy / "data").tips}
    tip_file.write_text(edit.edited(original, 2), encoding="utf-8")
    after = {t.id: t.title for t in load_dataset(copy / "data").tips}
    assert after[tip_id] == f"{before[tip_id]} bench tip edit 2"
    assert {k: v for k, v in after.items() if k != tip_id} == {k: v for k, v in before.items() if k != tip_id}


def test_a_tip_edit_finds_the_title_in_a_synthetic_file(tmp_path: Path) -> None:
    data = synthesise(DATA, tmp_path / "data", len(load_dataset(DATA).tips) + 60)
    tip_file = sorted((data / "tips").glob("bench-*.yaml"))[-1]
    edit = tip_edit(tip_file)
    tip_id = edit.page.removeprefix("tips/").removesuffix("/")
    tip_file.write_text(edit.edited(tip_file.read_text(encoding="utf-8"), 1), encoding="utf-8")
    title = next(t.title for t in load_dataset(data).tips if t.id == tip_id)
    assert title.endswith(" bench tip edit 1")


def test_a_title_mark_goes_inside_quotes() -> None:
    assert with_title_mark('    title: "Ask: then listen"', "m") == '    title: "Ask: then listen m"'
    assert with_title_mark("  title: 'Plain'", "m") == "  title: 'Plain m'"
    assert with_title_mark("  title: Plain", "m") == "  title: Plain m"
    with pytest.raises(ValueError):
        with_title_mark("  summary: not a title", "m")


def test_a_file_without_a_tip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tips.yaml"
    path.write_text("tips: []\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no tip"):
        tip_edit(path)


def test_the_template_edit_finds_its_line_in_the_tip_template(tmp_path: Path) -> None:
    copy = copy_repository(ROOT, tmp_path / "copy")
    edit = template_edit(copy, "tips/x/")
    edited = edit.edited((copy / TIP_TEMPLATE).read_text(encoding="utf-8"), 1)
    assert "<dt>Time it takes bench template edit 1</dt>" in edited
    (copy / TIP_TEMPLATE).write_text("{{ tip.title }}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no longer holds"):
        template_edit(copy, "tips/x/")


def test_server_cpu_is_read_past_a_command_name_with_brackets() -> None:
    stat = "4242 (py (a) b) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 7 3 20 0 3 0 123 456 789"
    assert cpu_seconds_from_stat(stat, 100) == pytest.approx(3.1)


# --- the report's maths and targets, on hand-made rows ---


def row(tips: int, build: float, engine: float, generator: float, **extra: Any) -> dict[str, Any]:
    """A measured row: CPU seconds (wall the same), a site of 50 kB per tip, 300 MB peak."""

    def clocks(seconds: float) -> dict[str, float]:
        return {"seconds": seconds, "cpu_seconds": seconds}

    return {
        "tips": tips,
        "build": {**clocks(build), "site": {"bytes": 50_000 * tips}, "tree_peak_rss": 300e6, "peak_rss": 280e6},
        "engine": clocks(engine),
        "generator": clocks(generator),
        **extra,
    }


ROWS = [row(100, 10.0, 5.0, 0.5), row(1000, 34.0, 27.0, 2.3), row(10000, 250.0, 240.0, 20.3)]


def by_name(found: list[dict[str, Any]], start: str) -> dict[str, Any]:
    return next(t for t in found if t["target"].startswith(start))


def recorded(build: dict[int, float]) -> dict[str, Any]:
    return {
        "date": "2026-11-23T18:45:00+00:00",
        "rows": [{"tips": n, "build": {"cpu_seconds": s}} for n, s in build.items()],
    }


def test_marginal_is_the_slope_between_two_sizes() -> None:
    assert report.marginal(ROWS, report.build_seconds, 1, 2) == pytest.approx(216 / 9000)
    assert report.marginal(ROWS, report.over_engine_seconds, 0, 1) == pytest.approx(2 / 900)


def test_the_build_is_held_to_the_recorded_run_per_extra_tip() -> None:
    baseline = report.baseline_from(recorded({1000: 35.4, 10000: 256.71}), "old.json")
    target = report.build_slope_vs_baseline(ROWS, baseline)
    assert target["limit"] == pytest.approx((256.71 - 35.4) / 9)
    assert target["value"] == pytest.approx(24.0)
    assert (target["status"], target["issue"]) == ("PASS", "#19")
    assert "2026-11-23" in target["detail"] and "1,000->10,000" in target["target"]
    slower = [*ROWS[:2], row(10000, 270.0, 240.0, 20.3)]
    assert report.build_slope_vs_baseline(slower, baseline)["status"] == "FAIL"


def test_the_recorded_run_without_those_sizes_gives_no_verdict() -> None:
    baseline = report.baseline_from(recorded({100: 10.0, 1000: 35.4}), "old.json")
    assert report.build_slope_vs_baseline(ROWS, baseline)["status"] == "n/a"
    assert report.build_slope_vs_baseline(ROWS, None)["status"] == "n/a"
    assert report.build_slope_vs_baseline(ROWS[:1], baseline)["status"] == "n/a"


def test_the_baseline_is_read_from_the_recorded_run_of_2026_11_23() -> None:
    baseline = load_baseline(BASELINE)
    assert baseline is not None and baseline["date"] == "2026-11-23"
    assert baseline["file"] == "bench/results/2026-11-23-vm.json"
    run = json.loads(BASELINE.read_text(encoding="utf-8"))
    high = [r for r in run["rows"] if r["tips"] in (1000, 10000)]
    target = report.build_slope_vs_baseline(high, baseline)
    assert round(target["limit"], 2) == 24.59, "the slope that run recorded"
    assert target["status"] == "PASS", "the recorded run is no slower than itself"


def test_cost_per_tip_flat_compares_the_upper_span_with_the_lower() -> None:
    target = report.per_tip_growth("flat", ROWS, report.build_seconds, "ms", 1000, "#19")
    assert target["value"] == pytest.approx((216 / 9000) / (24 / 900))
    assert target["status"] == "PASS"
    growing = [*ROWS[:2], row(10000, 34.0 + 9000 * 0.0321, 240.0, 20.3)]
    assert report.per_tip_growth("flat", growing, report.build_seconds, "ms", 1000)["status"] == "FAIL"
    assert report.per_tip_growth("flat", ROWS[1:], report.build_seconds, "ms", 1000)["status"] == "n/a"


def test_peak_memory_must_stay_under_one_gigabyte() -> None:
    under = [*ROWS[:2], row(10000, 250.0, 240.0, 20.3)]
    under[-1]["build"]["tree_peak_rss"] = 999_000_000
    assert report.peak_memory(under)["status"] == "PASS"
    under[-1]["build"]["tree_peak_rss"] = 1_000_000_000
    assert report.peak_memory(under)["status"] == "FAIL"
    assert "10,000 tips" in report.peak_memory(under)["target"]


def test_the_own_data_rebuild_is_held_to_the_engine_alone() -> None:
    own = row(56, 9.0, 5.0, 0.4, rebuild={"seconds": 6.0, "cpu_seconds": 6.0}, dataset="own")
    assert report.own_rebuild_vs_engine(own)["status"] == "PASS"
    own["rebuild"]["cpu_seconds"] = 6.05
    assert report.own_rebuild_vs_engine(own)["status"] == "FAIL"
    assert report.own_rebuild_vs_engine(None)["status"] == "n/a"


def serve_run(times: dict[str, list[float]]) -> dict[str, Any]:
    edits = [
        {"kind": kind, "round": n, "page_updated_seconds": t, "rebuilt_seconds": t, "engine_reported_seconds": t}
        for kind, rounds in times.items()
        for n, t in enumerate(rounds, start=1)
    ]
    return {"tips": 56, "first_build_seconds": 12.0, "edits": edits}


def test_serve_targets_take_the_slowest_round_of_each_kind() -> None:
    serve = {"own": serve_run({"template": [3.0, 4.9], "tip": [2.0, 5.0]})}
    template, tip = report.serve_edit(serve, "template"), report.serve_edit(serve, "tip")
    assert (template["value"], template["status"]) == (4.9, "PASS")
    assert (tip["value"], tip["status"]) == (5.0, "FAIL"), "under 5 s, not at it"
    only_synthetic = {"synthetic": serve_run({"tip": [1.0]})}
    assert report.serve_edit(only_synthetic, "tip")["status"] == "n/a", "the target is on the own data"


def test_a_pdf_rendered_after_the_first_build_fails() -> None:
    rows = [row(100, 10.0, 5.0, 0.5, rebuild={"seconds": 6, "cpu_seconds": 6, "pdfs_rendered": 0})]
    assert report.no_pdf_rendered(rows, None)["status"] == "PASS"
    rows[0]["generator"]["pdfs_rendered"] = 2
    target = report.no_pdf_rendered(rows, None)
    assert (target["value"], target["status"]) == (2, "FAIL")
    assert "generator at 100 tips: 2" in target["detail"]


def test_the_rebuild_at_the_largest_size_is_information() -> None:
    rows = [*ROWS[:2], row(10000, 250.0, 240.0, 20.3, rebuild={"seconds": 260.0, "cpu_seconds": 260.0})]
    target = report.rebuild_vs_engine(rows)
    assert (target["status"], target["limit"]) == ("info", None)
    assert target["value"] == pytest.approx(260 / 240)


def test_every_target_of_issue_19_is_there_and_marked() -> None:
    found = report.targets(ROWS)
    ours = [t["target"] for t in found if t["issue"] == "#19"]
    assert len(ours) == 6
    assert {t["status"] for t in found} <= {"PASS", "FAIL", "n/a", "info"}
    share = by_name(found, "generator share")
    assert share["value"] == pytest.approx(18 / 216) and share["status"] == "PASS"
    assert by_name(found, "own data: serve shows a template")["status"] == "n/a"


def test_the_generator_share_divides_by_the_no_change_rebuild_when_there_is_one() -> None:
    def rebuilt(seconds: float) -> dict[str, float]:
        return {"seconds": seconds, "cpu_seconds": seconds}

    # The first build prints decks at 1,000 tips and none at 10,000 (over the cap): its slope is
    # bent; the rebuild, every PDF cached like the generator's own measurement, is not.
    rows = [
        row(1000, 300.0, 27.0, 2.3, rebuild=rebuilt(40.0)),
        row(10000, 390.0, 240.0, 20.3, rebuild=rebuilt(364.0)),
    ]
    share = report.generator_share(rows)
    assert share["value"] == pytest.approx(18 / 324) and share["status"] == "PASS"
    assert "of the no-change rebuild 36.00 ms/tip" in share["detail"]
    del rows[0]["rebuild"]
    assert report.generator_share(rows)["value"] == pytest.approx(18 / 90)


def test_the_target_table_shows_units_and_limits() -> None:
    table = report.target_table(report.targets(ROWS))
    assert "| peak memory of the build at 10,000 tips | #19 | 300 MB | < 1000 MB | PASS |" in table
    assert "<= 10%" in table
    assert "< 5.0 s" in table


def test_the_tables_put_the_own_data_first_and_leave_it_out_of_the_slopes() -> None:
    def measured(r: dict[str, Any]) -> dict[str, Any]:
        clocks = {"seconds": 1.0, "cpu_seconds": 1.0}
        r["engine"].update(site={"bytes": r["build"]["site"]["bytes"]}, tree_peak_rss=200e6)
        r["build"]["site"]["disk_bytes"] = r["build"]["site"]["bytes"]
        return {**r, "load": clocks, "render": clocks, "generate": {"docs": {"files": 3 * r["tips"]}}}

    own = measured(row(56, 9.0, 5.0, 0.4, dataset="own"))
    rows = [measured(r) for r in ROWS]
    text = report.tables(rows, own)
    lines = [line for line in text.splitlines() if line.startswith("| 56")]
    assert lines and lines[0].startswith("| 56 (own data) | 168 |")
    slopes = report.slopes(rows)
    assert "| 100 -> 1,000 |" in slopes and "56" not in slopes


def test_a_serve_run_recorded_before_there_were_two_is_read_as_synthetic() -> None:
    old = {
        "tips": 1000,
        "first_build_seconds": 38.4,
        "edits": [{"page_updated_seconds": 32.8, "rebuilt_seconds": 32.8}],
    }
    assert list(report.serve_runs(old)) == ["synthetic"]
    table = report.serve_table(old)
    assert "| synthetic | 1,000 | 38.4 | tip | 1 | 32.8 | - | - | 32.8 | - |" in table
