"""Loading the dataset: merging files, validation, references and located errors."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import DatasetError
from generator.loader import load_dataset
from tests.conftest import DATA, FIXTURES

INVALID_CASES = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())


def test_real_dataset_loads() -> None:
    data = load_dataset(DATA)
    assert {n.id for n in data.network_types} == {"operational", "personal", "strategic"}
    assert [o.id for o in sorted(data.outcomes, key=lambda o: o.rank)] == ["natural", "purposeful", "organic"]


def test_tip_files_are_merged_in_name_order(valid_data: Path) -> None:
    (valid_data / "tips" / "zz.yaml").write_text(
        "tips:\n  - id: zz-last\n    title: Last\n    summary: The last tip.\n    body: Text.\n"
        "    network_types: [personal]\n    outcome: natural\n    when: [online]\n    time_needed: 1 minute\n"
    )
    ids = [t.id for t in load_dataset(valid_data).tips]
    assert ids[0] == "map-who-your-work-depends-on"
    assert ids[-1] == "zz-last"


def test_every_problem_is_reported_in_one_pass(valid_data: Path) -> None:
    (valid_data / "a.yaml").write_text("tipps: []\n")
    (valid_data / "b.yaml").write_text("a: 1\na: 2\n")
    with pytest.raises(DatasetError) as error:
        load_dataset(valid_data)
    assert [(p.file, p.line) for p in error.value.problems] == [("a.yaml", 1), ("b.yaml", 2)]


def test_missing_section_points_at_the_folder(valid_data: Path) -> None:
    (valid_data / "sections.yaml").unlink()
    with pytest.raises(DatasetError, match=r"^data:1:1: sections: missing required section 'sections'"):
        load_dataset(valid_data)


@pytest.mark.parametrize("case", INVALID_CASES, ids=[c.name for c in INVALID_CASES])
def test_invalid_case_reports_exact_location(case: Path, valid_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(case, valid_data, dirs_exist_ok=True)
    (valid_data / "expected.txt").unlink()
    location, message = (case / "expected.txt").read_text(encoding="utf-8").splitlines()[:2]
    assert main(["validate", "--data", str(valid_data)]) == 1
    stderr = capsys.readouterr().err
    lines = stderr.splitlines()
    assert lines[0].startswith(location + ("" if location.endswith(":") else ":")), lines[0]
    assert message in stderr


def test_there_are_at_least_thirty_invalid_cases() -> None:
    assert len(INVALID_CASES) >= 30


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (os.mkfifo, "tips/extra.yaml:1:1: the file is a named pipe (FIFO), not a regular file"),
        (lambda path: path.symlink_to("/dev/zero"), "tips/extra.yaml:1:1: the file is a character device"),
        (
            lambda path: path.open("wb").truncate(1024**3),
            "tips/extra.yaml:1:1: the file is 1,073,741,824 bytes; the limit is 4,194,304: split it into several files",
        ),
    ],
    ids=["fifo", "device", "one-gigabyte"],
)
def test_a_data_file_that_cannot_be_read_safely_is_located_not_read(
    make: Callable[[Path], object], message: str, valid_data: Path
) -> None:
    make(valid_data / "tips" / "extra.yaml")
    with pytest.raises(DatasetError) as error:
        load_dataset(valid_data)
    assert str(error.value).startswith(message)


def test_a_folder_named_like_a_data_file_is_not_a_data_file(valid_data: Path) -> None:
    (valid_data / "old.yaml").mkdir()
    assert load_dataset(valid_data).tips
