"""The benchmark's dataset synthesiser and its engine-only config (no timing here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.engine_config import engine_config
from bench.synth import synthesise
from generator.loader import load_dataset
from generator.yaml_reader import MAX_FILE_BYTES
from tests.conftest import DATA, ROOT


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


def test_engine_config_drops_the_plugin_and_points_at_the_tree(tmp_path: Path) -> None:
    config = engine_config(ROOT / "mkdocs.yml", tmp_path / "docs", tmp_path / "site")
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert "playbook" not in names
    assert "search" in names
    assert config["docs_dir"] == str((tmp_path / "docs").resolve())
    assert Path(config["theme"]["custom_dir"]).is_absolute()
