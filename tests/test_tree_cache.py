"""The generated-tree cache: what its key covers, hits and misses, and keeping it tidy."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from generator import site
from generator.errors import DatasetError
from generator.render.environment import RenderSettings
from generator.site import generate, generated_tree, generated_tree_in_child
from generator.tree_cache import MANIFEST, STAGING_MAX_AGE, GeneratedTree, TreeCache, tree_key

URL = "https://example.org/"


def test_key_changes_with_every_input(valid_data: Path) -> None:
    settings = RenderSettings(site_url=URL)
    key = tree_key(valid_data, settings)
    assert tree_key(valid_data, settings) == key
    assert tree_key(valid_data, RenderSettings(site_url="https://other.example/")) != key
    assert tree_key(valid_data, RenderSettings(site_url=URL, directory_urls=False)) != key
    data_file = sorted(valid_data.rglob("*.yaml"))[0]
    data_file.write_bytes(data_file.read_bytes() + b"\n# one more line\n")
    assert tree_key(valid_data, settings) != key


def test_second_call_serves_the_cached_tree_without_rendering(
    valid_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = TreeCache(tmp_path / "trees")
    first = generated_tree(valid_data, URL, cache=cache)
    assert not first.from_cache and not first.temporary
    expected = generate(valid_data, URL)
    assert set(first.paths) == set(expected)
    for path, content in expected.items():
        on_disk = (first.folder / path).read_bytes()
        assert on_disk == (content if isinstance(content, bytes) else content.encode("utf-8")), path

    def no_render(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cache hit must not load or render")

    monkeypatch.setattr(site, "generate", no_render)
    again = generated_tree(valid_data, URL, cache=cache)
    assert again.from_cache and again.folder == first.folder and set(again.paths) == set(first.paths)


def test_bad_data_raises_and_caches_nothing(valid_data: Path, tmp_path: Path) -> None:
    data_file = sorted(valid_data.rglob("*.yaml"))[0]
    data_file.write_text("tips: [", encoding="utf-8")
    cache = TreeCache(tmp_path / "trees")
    with pytest.raises(DatasetError):
        generated_tree(valid_data, URL, cache=cache)
    assert not cache.folder.exists() or list(cache.folder.iterdir()) == []


def test_unwritable_cache_gives_a_one_build_tree(valid_data: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    tree = generated_tree(valid_data, URL, cache=TreeCache(blocker / "trees"))
    try:
        assert tree.temporary and not tree.from_cache
        assert all((tree.folder / path).is_file() for path in tree.paths)
    finally:
        shutil.rmtree(tree.folder)


def test_prune_keeps_the_most_recently_used_and_drops_abandoned_staging(tmp_path: Path) -> None:
    cache = TreeCache(tmp_path / "trees", keep=2)
    for age, name in enumerate(["newest", "middle", "oldest"]):
        folder = cache.folder / name
        folder.mkdir(parents=True)
        (folder / MANIFEST).write_text("", encoding="utf-8")
        stamp = time.time() - 10 * age
        os.utime(folder, (stamp, stamp))
    abandoned = cache.folder / ".abandoned.x"
    abandoned.mkdir()
    old = time.time() - STAGING_MAX_AGE - 60
    os.utime(abandoned, (old, old))
    in_progress = cache.folder / ".in-progress.y"
    in_progress.mkdir()
    cache.prune()
    assert sorted(p.name for p in cache.folder.iterdir()) == [".in-progress.y", "middle", "newest"]
    assert cache.get("oldest") is None and cache.get("newest") is not None


def test_generating_in_a_child_process_gives_the_same_tree(valid_data: Path, tmp_path: Path) -> None:
    cache = TreeCache(tmp_path / "trees")
    tree = generated_tree_in_child(valid_data, site_url=URL, cache=cache)
    assert not tree.from_cache
    assert generated_tree(valid_data, URL, cache=cache) == GeneratedTree(tree.folder, tree.paths, from_cache=True)


def test_bad_data_in_the_child_process_comes_back_as_the_same_located_problems(
    valid_data: Path, tmp_path: Path
) -> None:
    data_file = sorted(valid_data.rglob("*.yaml"))[0]
    data_file.write_text("tips: [", encoding="utf-8")
    with pytest.raises(DatasetError) as here:
        generated_tree(valid_data, URL, cache=TreeCache(tmp_path / "a"))
    with pytest.raises(DatasetError) as there:
        generated_tree_in_child(valid_data, site_url=URL, cache=TreeCache(tmp_path / "b"))
    assert there.value.problems == here.value.problems
    assert str(there.value) == str(here.value)
