"""The strict YAML reader: values keep their meaning, traps are refused with a position."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.yaml_reader import MAX_FILE_BYTES, ReadError, decode, read_yaml, read_yaml_file, resolve_plain


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no", "no"),
        ("on", "on"),
        ("yes", "yes"),
        ("0755", "0755"),
        ("1:20", "1:20"),
        ("2015-02-03", "2015-02-03"),
        (".inf", ".inf"),
        ("12", 12),
        ("-3", -3),
        ("2.5", 2.5),
        ("true", True),
        ("false", False),
        ("~", None),
        ("null", None),
    ],
)
def test_plain_scalars_follow_yaml_core_rules(text: str, expected: object) -> None:
    assert resolve_plain(text) == expected
    assert type(resolve_plain(text)) is type(expected)


def test_positions_of_keys_and_values_are_one_based() -> None:
    doc = read_yaml("tips:\n  - id: first\n    title: 'A title'\n", "t.yaml")
    assert doc.data == {"tips": [{"id": "first", "title": "A title"}]}
    assert doc.keys[("tips", 0, "title")] == (3, 5)
    assert doc.values[("tips", 0, "title")] == (3, 12)
    assert doc.values[("tips", 0)] == (2, 5)


def test_quoted_values_stay_text() -> None:
    assert read_yaml("a: '12'\nb: \"true\"\n", "q.yaml").data == {"a": "12", "b": "true"}


def test_duplicate_key_names_both_lines() -> None:
    with pytest.raises(ReadError) as error:
        read_yaml("a: 1\nb: 2\na: 3\n", "d.yaml")
    assert str(error.value) == "d.yaml:3:1: a: duplicate key 'a': it is already set on line 1; keep one"


def test_alias_bomb_is_refused_fast() -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
        for i in range(20)
    )
    started = time.perf_counter()
    with pytest.raises(ReadError, match="anchors"):
        read_yaml(bomb, "bomb.yaml")
    assert time.perf_counter() - started < 1.0


def test_self_reference_is_refused() -> None:
    with pytest.raises(ReadError, match="anchors"):
        read_yaml("a: &a\n  b: *a\n", "self.yaml")


def test_deep_nesting_is_refused_before_recursion() -> None:
    with pytest.raises(ReadError, match="nested more than"):
        read_yaml("[" * 100_000 + "]" * 100_000, "deep.yaml")


def test_oversized_file_is_refused_with_its_name(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: b\n" * (MAX_FILE_BYTES // 5 + 1))
    with pytest.raises(ReadError) as error:
        read_yaml_file(big, "tips/big.yaml")
    assert str(error.value) == (
        "tips/big.yaml:1:1: the file is 4,194,305 bytes; the limit is 4,194,304: split it into several files"
    )


def test_a_file_keeps_its_text_for_hints(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("a: 1\nb: #x\n")
    doc = read_yaml_file(tmp_path / "a.yaml", "a.yaml")
    assert doc.line(2) == "b: #x"
    assert doc.line(9) == ""


def test_bad_utf8_reports_line_and_column() -> None:
    with pytest.raises(ReadError) as error:
        decode(b"a: ok\nb: caf\xe9\n", "bad.yaml")
    assert error.value.problem.line == 2
    assert error.value.problem.column == 7


def test_byte_order_mark_is_accepted() -> None:
    assert read_yaml(decode(b"\xef\xbb\xbfa: b\n", "bom.yaml"), "bom.yaml").data == {"a": "b"}


@pytest.mark.parametrize("tag", ["!!python/name:os.system", "!!binary aGk=", "!!set {a}", "!!float abc", "!custom x"])
def test_tags_are_refused(tag: str) -> None:
    with pytest.raises(ReadError, match="is not allowed"):
        read_yaml(f"a: {tag}\n", "tag.yaml")
