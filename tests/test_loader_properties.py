"""Property tests: whatever bytes land in data/, the loader answers with its own located error."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import DatasetError
from generator.loader import load_dataset
from generator.yaml_reader import ReadError, decode, read_yaml

YAML_ALPHABET = st.sampled_from(list("abc:-_ \n\t'\"[]{}&*!|>#%@`,?~0123456789.\\\u00e9\u0007\ufeff"))
YAML_ISH = st.text(alphabet=YAML_ALPHABET, max_size=400)

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30))
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(min_size=1, max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
ANY_TEXT = st.one_of(YAML_ISH, st.text(max_size=300), TREES.map(lambda tree: yaml.safe_dump({"tips": tree})))


def _read(raw: bytes) -> None:
    try:
        read_yaml(decode(raw, "f.yaml"), "f.yaml")
    except ReadError as error:
        assert error.problem.file == "f.yaml"
        assert error.problem.line >= 1 and error.problem.column >= 1
        assert error.problem.message


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_reader_on_arbitrary_bytes(raw: bytes) -> None:
    _read(raw)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_reader_on_arbitrary_text(text: str) -> None:
    _read(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_loader_raises_only_dataset_error_with_locations(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "tips.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            load_dataset(Path(folder))
        except DatasetError as error:
            for problem in error.problems:
                assert problem.file and problem.line >= 1 and problem.column >= 1, problem
                assert problem.message
        else:  # pragma: no cover - one file can never hold a whole valid dataset
            raise AssertionError("a lone random file validated")
