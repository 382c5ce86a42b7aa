"""Property tests: whatever a brand file or its logo holds, load_brand answers with a Brand or its
own located error (DatasetError), never anything else, as the data loader does (test_loader_properties)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.branding import Brand, load_brand
from generator.errors import DatasetError
from generator.images import ImageRefused, image_kind
from tests.test_loader_properties import ANY_TEXT, SCALARS, TREES

COLOURS = st.one_of(st.just("#1d4e89"), st.from_regex(r"#[0-9a-fA-F]{6}", fullmatch=True), SCALARS)
BRAND_TREES = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.just("an-association"), SCALARS),
        "name": st.one_of(st.text(max_size=40), SCALARS),
        "logo": st.one_of(st.just("logo.svg"), st.text(max_size=20), SCALARS),
        "colours": st.one_of(st.fixed_dictionaries({"primary": COLOURS, "accent": COLOURS}), TREES),
        "contact": st.one_of(st.text(max_size=40), SCALARS),
        "include": st.one_of(
            st.fixed_dictionaries(
                {},
                optional={
                    "sections": st.lists(st.sampled_from(["tips", "quizzes", "tip", "worksheets", ""]), max_size=4),
                    "tags": st.lists(st.text(max_size=8), max_size=3),
                    "audience": TREES,
                },
            ),
            TREES,
        ),
        "extra": TREES,
    },
)
"""Brand files that get past the reader and into validation: the right keys with any values."""

SVG_PARTS = st.sampled_from(
    [
        '<svg xmlns="http://www.w3.org/2000/svg">',
        "</svg>",
        "<script>",
        "</script>",
        '<rect onload="x"/>',
        '<image href="http://x/"/>',
        "<style>",
        "url(",
        ")",
        "#a",
        "<!DOCTYPE svg [",
        '<!ENTITY a "b">',
        "]>",
        "&a;",
        "<?xml version='1.0'?>",
        "<?xml version='1.0' encoding='bogus'?>",
        "<foreignObject>",
        "<![CDATA[",
        "]]>",
        "\\",
        "<",
        ">",
        '"',
        "\x00",
        "\ufeff",
    ]
)
SVG_ISH = st.lists(SVG_PARTS, max_size=20).map("".join)


def _load(brand_text: bytes, logo: bytes | None = None) -> Brand | None:
    """load_brand on these bytes: a Brand, or None after checking the error is located."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "brand.yml"
        path.write_bytes(brand_text)
        if logo is not None:
            (Path(folder) / "logo.svg").write_bytes(logo)
        try:
            return load_brand(path)
        except DatasetError as error:
            for problem in error.problems:
                assert problem.file == str(path), problem
                assert problem.line >= 1 and problem.column >= 1, problem
                assert problem.message, problem
            return None


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_brand_loader_on_arbitrary_bytes(raw: bytes) -> None:
    _load(raw)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_brand_loader_on_arbitrary_yaml(text: str) -> None:
    _load(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BRAND_TREES)
def test_brand_loader_on_brand_shaped_trees(tree: dict[str, object]) -> None:
    brand = _load(yaml.safe_dump(tree, allow_unicode=True).encode("utf-8", "surrogatepass"))
    if brand is not None:  # it validated, so every rule held
        assert brand.colours.primary.startswith("#") and len(brand.colours.primary) == 7
        assert brand.logo is None


VALID_BRAND = b"""id: an-association
name: An Association
logo: logo.svg
colours: {primary: "#1d4e89", accent: "#a23b12"}
contact: Write to us.
"""


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=600), SVG_ISH.map(lambda text: text.encode("utf-8", "surrogatepass"))))
def test_brand_loader_on_arbitrary_logos(logo: bytes) -> None:
    brand = _load(VALID_BRAND, logo)
    if brand is not None:  # only an SVG with nothing that runs or fetches gets through
        assert b"<script" not in logo.lower() and b"<!doctype" not in logo.lower()


@settings(max_examples=500, deadline=None)
@given(SVG_ISH)
def test_image_kind_answers_svg_or_refuses(text: str) -> None:
    try:
        assert image_kind(text.encode("utf-8", "surrogatepass")) == "svg"
    except ImageRefused as refused:
        assert str(refused)
