"""The one error path: a mistake reads the same in a data file and in a brand file."""

from __future__ import annotations

from pathlib import Path

import pytest
from annotated_types import Ge, Gt, Le, Lt

from generator.branding import load_brand
from generator.errors import DatasetError, Problem
from generator.loader import load_dataset
from generator.schema import Dataset
from generator.validation import did_you_mean, range_words, schema_at

TIP = """tips:
  - id: {id}
    title: {title}
    summary: A summary for the extra tip that is long enough.
    body: Some body text.
    network_types: [operational]
    outcome: natural
    when: [online]
    time_needed: 5 minutes
"""
BRAND = """id: {id}
name: {title}
colours:
  primary: "#1d4e89"
  accent: "#a23b12"
contact: Write to events@example.org.
"""


VALUE_STARTS = {"title": ("    title: ", "name: "), "id": ("  - id: ", "id: ")}
BRAND_FIELD = {"title": "name", "id": "id"}


def _data_problem(valid_data: Path, record_id: str, title: str) -> Problem:
    (valid_data / "tips" / "extra.yaml").write_text(TIP.format(id=record_id, title=title))
    with pytest.raises(DatasetError) as error:
        load_dataset(valid_data)
    return error.value.problems[0]


def _brand_problem(tmp_path: Path, record_id: str, title: str) -> Problem:
    (tmp_path / "brand.yml").write_text(BRAND.format(id=record_id, title=title))
    with pytest.raises(DatasetError) as error:
        load_brand(tmp_path / "brand.yml")
    return error.value.problems[0]


@pytest.mark.parametrize(
    ("record_id", "title", "field", "message"),
    [
        ("extra-tip", "2024", "title", "expected text, got the number 2024; quote it to make it text"),
        ("extra-tip", "yes", "title", None),
        (
            "extra-tip",
            "#1d4e89",
            "title",
            "expected text, got nothing (an empty value); YAML reads an unquoted '#' after a space as the start"
            ' of a comment: write "#1d4e89" in quotes',
        ),
        ("extra-tip", "'  '", "title", "must not be empty"),
        (
            "Extra Tip",
            "Fine",
            "id",
            "'Extra Tip' is not a valid id: use lowercase letters, digits and single hyphens, e.g. 'my-first-tip'",
        ),
    ],
)
def test_data_and_brand_files_share_messages_and_hints(
    record_id: str, title: str, field: str, message: str | None, valid_data: Path, tmp_path: Path
) -> None:
    if message is None:  # YAML 1.1's `yes` stays text in both: nothing to report
        (tmp_path / "brand.yml").write_text(BRAND.format(id="a", title=title))
        assert load_brand(tmp_path / "brand.yml").name == "yes"
        return
    data = _data_problem(valid_data, record_id, title)
    brand = _brand_problem(tmp_path, record_id, title)
    assert data.message == brand.message == message
    # Both point at the first character of the value as typed.
    data_key, brand_key = VALUE_STARTS[field]
    assert (data.path, data.column) == (f"tips.0.{field}", len(data_key) + 1)
    assert (brand.path, brand.column) == (BRAND_FIELD[field], len(brand_key) + 1)


def test_an_unknown_field_gets_the_same_did_you_mean_in_both(valid_data: Path, tmp_path: Path) -> None:
    (valid_data / "tips" / "extra.yaml").write_text(TIP.format(id="x", title="T").replace("title:", "titel:"))
    (tmp_path / "brand.yml").write_text(BRAND.format(id="x", title="T").replace("contact:", "contcat:"))
    with pytest.raises(DatasetError) as data:
        load_dataset(valid_data)
    with pytest.raises(DatasetError) as brand:
        load_brand(tmp_path / "brand.yml")
    assert "unknown field 'titel' (did you mean 'title'?); allowed: id, title," in str(data.value)
    assert "unknown field 'contcat' (did you mean 'contact'?); allowed: id, name, logo," in str(brand.value)


def test_did_you_mean_offers_the_closest_choice_or_nothing() -> None:
    assert did_you_mean("operatonal", ["operational", "personal"]) == " (did you mean 'operational'?)"
    assert did_you_mean("zzz", ["operational", "personal"]) == ""


@pytest.mark.parametrize(
    ("bounds", "words"),
    [
        ([Ge(1), Le(9)], "from 1 to 9"),
        ([Ge(0.01), Le(100)], "from 0.01 to 100"),
        ([Gt(0)], "more than 0"),
        ([Gt(0), Le(10.0)], "more than 0 and at most 10"),
        ([Lt(5)], "less than 5"),
        ([], ""),
    ],
)
def test_range_words(bounds: list[object], words: str) -> None:
    assert range_words(bounds) == words


def test_schema_at_follows_fields_lists_and_mappings() -> None:
    annotation, constraints = schema_at(Dataset, ("quizzes", 0, "items", 3, "weights", "personal"))
    assert annotation is float
    assert range_words(constraints) == "from 0.01 to 100"
    assert schema_at(Dataset, ("worksheets", 0, "pages"))[0] is int
    assert schema_at(Dataset, ("tips", 0, "no-such-field")) == (None, [])
