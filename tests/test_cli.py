"""The `playbook` command line: exit codes, messages, schema, generate."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import DATA, ROOT, run_playbook


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
