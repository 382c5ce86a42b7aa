"""The `playbook` command line: exit codes, messages, schema, generate."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import DATA, FIXTURES, PLAYBOOK, ROOT, run_playbook


def test_validate_ok() -> None:
    result = run_playbook("validate")
    assert result.returncode == 0
    assert "valid" in result.stdout


def test_validate_bad_data_exits_1_without_traceback(valid_data: Path) -> None:
    (valid_data / "tips" / "tips.yaml").write_text("tips:\n  - id: Bad Id\n")
    result = run_playbook("validate", "--data", str(valid_data))
    assert result.returncode == 1
    assert "tips/tips.yaml:2:9: tips.0.id: 'Bad Id' is not a valid id" in result.stderr.splitlines()[-2]
    assert result.stderr.splitlines()[0] == "tips/tips.yaml:2:5: tips.0.body: missing required field 'body'"
    assert "Traceback" not in result.stderr


def test_usage_error_exits_2() -> None:
    assert run_playbook("frobnicate").returncode == 2
    assert run_playbook("validate", "--nope").returncode == 2
    assert run_playbook().returncode == 2


def test_missing_data_folder_exits_1(tmp_path: Path) -> None:
    result = run_playbook("validate", "--data", str(tmp_path / "absent"))
    assert result.returncode == 1
    assert "no such data folder" in result.stderr


def test_schema_is_json_and_matches_the_committed_copy() -> None:
    result = run_playbook("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["additionalProperties"] is False
    assert "tips" in schema["properties"]
    committed = json.loads((DATA / "schema.json").read_text())
    assert committed == schema, "data/schema.json is stale: run `playbook schema > data/schema.json`"


def test_every_data_file_points_editors_at_the_schema() -> None:
    for path in DATA.rglob("*.yaml"):
        first = path.read_text().splitlines()[0]
        relative = Path(*[".."] * (len(path.relative_to(DATA).parts) - 1), "schema.json").as_posix()
        assert first == f"# yaml-language-server: $schema={relative}", path


def test_generate_writes_content_and_generated_pages(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    result = run_playbook("generate", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "index.md").read_text() == (ROOT / "content" / "index.md").read_text()
    assert (out / "tips" / "matrix.md").is_file()
    assert (out / "network-types" / "strategic.md").is_file()
    assert (out / "assets" / "stylesheets" / "playbook.css").is_file()


INVALID_BRANDS = sorted(p for p in (FIXTURES / "invalid-brand").iterdir() if p.is_dir())


def _tree_digest(folder: Path) -> dict[str, str]:
    """Every file under folder (symlinks as their targets), by path, as a content hash."""
    return {
        path.relative_to(folder).as_posix(): (
            "link:" + os.readlink(path) if path.is_symlink() else hashlib.sha256(path.read_bytes()).hexdigest()
        )
        for path in sorted(folder.rglob("*"))
        if path.is_file() or path.is_symlink()
    }


@pytest.fixture(scope="module")
def previous_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A copy of a real built site, standing for the one a failed build must leave alone."""
    site = tmp_path_factory.mktemp("previous") / "site"
    shutil.copytree(built_site, site, symlinks=True)
    return site, _tree_digest(site)


_REPOSITORY_INPUTS = ("--config", str(ROOT / "mkdocs.yml"), "--data", str(DATA))
"""The brand cases run from their own folder, so the config and data are named."""


def _build_with_brand(brand: str, site: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`playbook build --brand`, with a timeout: a FIFO or a device must fail, never hang."""
    return subprocess.run(
        [*PLAYBOOK, "build", "--brand", brand, "--site-dir", str(site), *_REPOSITORY_INPUTS],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize("case", INVALID_BRANDS, ids=[c.name for c in INVALID_BRANDS])
def test_build_with_a_hostile_brand_exits_1_and_leaves_the_site_as_it_was(
    case: Path, previous_site: tuple[Path, dict[str, str]]
) -> None:
    site, digest = previous_site
    location, message = (case / "expected.txt").read_text(encoding="utf-8").splitlines()[:2]
    result = _build_with_brand("brand.yml", site, case)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert any(line.startswith(location + ":") and message in line for line in result.stderr.splitlines()), (
        result.stderr
    )
    assert _tree_digest(site) == digest


@pytest.mark.parametrize("kind", ["fifo", "device", "huge", "folder"])
def test_build_with_a_brand_file_that_is_no_file_fails_at_once(
    kind: str, tmp_path: Path, previous_site: tuple[Path, dict[str, str]]
) -> None:
    site, digest = previous_site
    brand = tmp_path / "brand.yml"
    if kind == "fifo":
        os.mkfifo(brand)
    elif kind == "device":
        brand.symlink_to("/dev/zero")
    elif kind == "huge":
        with brand.open("wb") as file:
            file.truncate(1024**3)
    else:
        brand.mkdir()
    expected = {
        "fifo": "brand.yml:1:1: the file is a named pipe (FIFO), not a regular file",
        "device": "brand.yml:1:1: the file is a character device, not a regular file",
        "huge": "brand.yml:1:1: the file is 1,073,741,824 bytes; the limit is 4,194,304",
        "folder": "brand.yml:1:1: the file is a folder, not a regular file",
    }[kind]
    result = _build_with_brand("brand.yml", site, tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(expected), result.stderr
    assert "Traceback" not in result.stderr
    assert _tree_digest(site) == digest


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_build_with_a_data_file_that_is_no_file_fails_at_once(
    kind: str, valid_data: Path, previous_site: tuple[Path, dict[str, str]]
) -> None:
    site, digest = previous_site
    entry = valid_data / "tips" / "more.yaml"
    if kind == "fifo":
        os.mkfifo(entry)
    else:
        entry.symlink_to("/dev/zero")
    result = subprocess.run(
        [*PLAYBOOK, "build", "--data", str(valid_data), "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    what = "a named pipe (FIFO)" if kind == "fifo" else "a character device"
    assert result.stderr.startswith(f"tips/more.yaml:1:1: the file is {what}, not a regular file"), result.stderr
    assert _tree_digest(site) == digest


def test_a_card_that_cannot_fit_is_a_message_not_a_traceback(tmp_path: Path, valid_data: Path) -> None:
    """Card decks are laid out when the site is generated: a tip whose steps overflow its card
    stops the build with its id, and nothing is written."""
    tips = valid_data / "tips" / "tips.yaml"
    long_step = "Say it at length, " * 40
    text = tips.read_text(encoding="utf-8").replace(
        "      1. Take a sheet of paper", f"      1. {long_step}and then take a sheet of paper", 1
    )
    tips.write_text(text, encoding="utf-8")
    out = tmp_path / "docs"
    result = run_playbook("generate", str(out), "--data", str(valid_data))
    assert result.returncode == 1, result.stderr
    assert "too long to fit on its card, for tip map-who-your-work-depends-on" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
