"""Output folders: a command replaces only what the playbook made, and refuses everything else untouched."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.outputs import MARKER, OutputRefused, check_target, clear_debris, install, mark, staging_folder
from tests.conftest import FIXTURES, ROOT, run_playbook


def tree_hash(folder: Path) -> str:
    """Every path, mode and byte under folder (hidden files and .git included)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        digest.update(f"{path.relative_to(folder)}\0{stat.S_IFMT(info.st_mode)}\0{info.st_mode & 0o777}\0".encode())
        if path.is_file() and not path.is_symlink():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A small playbook repository: mkdocs.yml, data, content and overrides, under git."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".git").mkdir()
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    shutil.copytree(FIXTURES / "valid", repo / "data")
    (repo / "content").mkdir()
    (repo / "content" / "index.md").write_text("# Work in progress that is not committed\n")
    (repo / "overrides").mkdir()
    (repo / "overrides" / "main.html").write_text("{% extends 'base.html' %}\n")
    return repo


REFUSED: dict[str, tuple[str, str]] = {
    # name: (target relative to the repository, words the message must hold)
    "the repository": (".", "holds"),
    "the folder above it": ("..", "holds"),
    "data": ("data", "holds"),
    "content": ("content", "holds"),
    "theme overrides": ("overrides", "holds"),
    "inside data": ("data/site", "is inside"),
    "inside content": ("content/site", "is inside"),
}


@pytest.mark.parametrize("command", ["build", "generate", "offline"])
@pytest.mark.parametrize("case", sorted(REFUSED))
def test_the_repository_and_what_the_build_reads_are_refused(repository: Path, command: str, case: str) -> None:
    relative, words = REFUSED[case]
    target = (repository / relative).resolve()
    watched = target if target != repository.parent else repository
    before = tree_hash(watched)
    result = run_playbook(*_command(command, relative), cwd=repository)
    assert result.returncode == 2, result.stderr
    assert "refusing to write there, nothing was changed" in result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_hash(watched) == before


def _command(command: str, target: str) -> list[str]:
    if command == "build":
        return ["build", "--site-dir", target]
    if command == "offline":
        return ["offline", "--out", target]
    return ["generate", target]


@pytest.mark.parametrize("command", ["build", "generate", "offline"])
@pytest.mark.parametrize(
    "make, words",
    [
        (lambda folder: (folder / ".git").mkdir() or (folder / "keep.txt").write_text("mine"), "git repository"),
        (lambda folder: (folder / "notes.txt").write_text("someone's notes"), "not written by the playbook"),
    ],
    ids=["holding .git", "non-empty and unmarked"],
)
def test_a_folder_the_playbook_did_not_make_is_refused(
    repository: Path, tmp_path: Path, command: str, make: Callable[[Path], object], words: str
) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    make(folder)
    before = tree_hash(folder)
    result = run_playbook(*_command(command, str(folder)), cwd=repository)
    assert result.returncode == 2, result.stderr
    assert words in result.stderr
    assert tree_hash(folder) == before


@pytest.mark.parametrize("command", ["build", "generate", "offline"])
def test_a_regular_file_or_a_link_is_refused(repository: Path, tmp_path: Path, command: str) -> None:
    file = tmp_path / "report.txt"
    file.write_text("a file, not a folder")
    result = run_playbook(*_command(command, str(file)), cwd=repository)
    assert result.returncode == 2 and "is a file" in result.stderr
    assert file.read_text() == "a file, not a folder"
    link = tmp_path / "link"
    link.symlink_to(repository / "data")
    result = run_playbook(*_command(command, str(link)), cwd=repository)
    assert result.returncode == 2 and "symbolic link" in result.stderr


def test_the_root_of_the_file_system_is_refused(repository: Path) -> None:
    result = run_playbook("build", "--site-dir", "/", cwd=repository)
    assert result.returncode == 2 and "root of the file system" in result.stderr


def test_check_target_accepts_new_empty_and_marked_folders(tmp_path: Path) -> None:
    check_target(tmp_path / "new")
    (tmp_path / "empty").mkdir()
    check_target(tmp_path / "empty")
    (tmp_path / "ours").mkdir()
    mark(tmp_path / "ours")
    (tmp_path / "ours" / "index.html").write_text("an earlier build")
    check_target(tmp_path / "ours")
    with pytest.raises(OutputRefused):
        check_target(tmp_path, roots=[tmp_path / "ours"])


def test_a_site_built_before_markers_may_be_replaced(tmp_path: Path) -> None:
    earlier = tmp_path / "site"
    for name in ("search/search_index.json", "assets/javascripts/theme-boot.js", "api/v1/index.json"):
        (earlier / name).parent.mkdir(parents=True, exist_ok=True)
        (earlier / name).write_text("{}")
    check_target(earlier)


def test_staging_is_readable_by_a_web_server_and_replaces_only_on_install(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    mark(target)
    (target / "index.html").write_text("old")
    previous = os.umask(0o022)
    try:
        staging = staging_folder(target)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(staging.stat().st_mode) == 0o755
    assert (staging / MARKER).is_file() and (target / "index.html").read_text() == "old"
    (staging / "index.html").write_text("new")
    install(staging, target)
    assert (target / "index.html").read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_debris_of_an_interrupted_build_is_cleared_but_not_other_folders(tmp_path: Path) -> None:
    target = tmp_path / "site"
    ours = tmp_path / ".site.new-abc123"
    ours.mkdir()
    mark(ours)
    (ours / "half.html").write_text("half a build")
    theirs = tmp_path / ".site.new-not-ours"
    theirs.mkdir()
    (theirs / "keep.txt").write_text("someone else's")
    clear_debris(target)
    assert not ours.exists()
    assert (theirs / "keep.txt").read_text() == "someone else's"


def test_an_interrupted_builds_debris_goes_with_the_next_build(tmp_path: Path, valid_data: Path) -> None:
    site = tmp_path / "site"
    debris = tmp_path / ".site.new-kill9"
    debris.mkdir()
    mark(debris)
    result = run_playbook("build", "--data", str(valid_data), "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]
