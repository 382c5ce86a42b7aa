"""Rendering: which pages exist, links between them, and escaping of data text."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

import markdown
import nh3
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.render import render_site
from generator.render.markup import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_SCHEMES,
    ALLOWED_TAGS,
    md_text,
    page_url,
    prose,
    relative_url,
    relpath,
    spaced_blocks,
)
from generator.schema import Dataset


def test_url_layout(dataset: Dataset) -> None:
    files = render_site(dataset)
    expected = {
        "network-types/index.md",
        "outcomes/index.md",
        "why-network.md",
        "tips/index.md",
        "tips/matrix.md",
        "sources.md",
        *(f"network-types/{n.id}.md" for n in dataset.network_types),
        *(f"outcomes/{o.id}.md" for o in dataset.outcomes),
        *(f"tips/{t.id}.md" for t in dataset.tips),
        *(f"collections/{c.id}.md" for c in dataset.collections),
    }
    assert expected <= files.keys()


def test_pages_start_with_front_matter_and_one_heading(dataset: Dataset) -> None:
    for path, text in render_site(dataset).items():
        if not path.endswith(".md"):
            continue
        assert isinstance(text, str)
        assert text.startswith("---\ntitle: "), path
        assert "\ndescription: " in text.split("\n---\n", 1)[0], path
        body = text.split("\n---\n", 1)[1]
        assert sum(1 for line in body.splitlines() if line.startswith("# ")) == 1, path


@pytest.mark.parametrize(
    ("src", "target", "expected"),
    [
        ("tips/a.md", "tips/b.md", "../b/"),
        ("tips/index.md", "tips/b.md", "b/"),
        ("index.md", "tips/index.md", "tips/"),
        ("tips/a.md", "network-types/personal.md", "../../network-types/personal/"),
        ("tips/a.md", "index.md", "../../"),
        ("sources.md", "sources.md", "./"),
    ],
)
def test_relative_urls(src: str, target: str, expected: str) -> None:
    assert relative_url(src, target) == expected


segment = st.sampled_from(["tips", "a", "b", "embed", "network-types", "x.html", "index.html"])
site_path = st.lists(segment, max_size=4).map("/".join)


@given(target=site_path, folder=st.lists(segment, max_size=4).map(lambda parts: "".join(p + "/" for p in parts)))
def test_relpath_agrees_with_posixpath(target: str, folder: str) -> None:
    assert relpath(target, folder) == posixpath.relpath("/" + target, "/" + folder)


def test_page_url() -> None:
    assert page_url("index.md") == ""
    assert page_url("tips/index.md") == "tips/"
    assert page_url("why-network.md") == "why-network/"


def test_prose_is_sanitised() -> None:
    html = prose('Hi <script>alert(1)</script> <img src=x onerror="alert(1)"> [a](javascript:alert(1)) **ok**')
    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "<strong>ok</strong>" in html


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_prose_reads_the_data_as_python_markdown_would(dataset: Dataset) -> None:
    """prose() uses CommonMark (cmark) for speed; the data's Markdown must mean the same in
    Python-Markdown, the dialect of MkDocs and of content/, so text can move between them."""
    reference = markdown.Markdown(output_format="html")
    texts = sorted({text for text in _strings(dataset.model_dump(mode="json")) if text.strip()})
    assert len(texts) > 400
    differ = []
    for text in texts:
        expected = nh3.clean(
            reference.reset().convert(text),
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_SCHEMES,
            link_rel="noopener noreferrer",
        )
        if str(prose(text)).strip() != expected.strip():
            differ.append(text[:80])
    assert differ == []


def test_prose_keeps_safe_links() -> None:
    assert 'href="https://example.org"' in prose("[x](https://example.org)")


def test_md_text_cannot_make_links_or_html() -> None:
    text = md_text("[x](javascript:alert(1)) <b>*y*</b>")
    assert "<b>" not in text
    assert "\\[x\\]\\(javascript:alert\\(1\\)\\)" in text


def test_blocks_are_spaced_apart_for_the_search_index() -> None:
    """Blocks, cells and SVG text that touch get a space between them; inline markup is left alone."""
    assert spaced_blocks("<tr><th>Name</th><th>Role</th></tr>") == "<tr><th>Name</th> <th>Role</th> </tr>"
    assert spaced_blocks("<li>a</li><li>b</li>") == "<li>a</li> <li>b</li>"
    assert spaced_blocks("<text>100</text><text>Band</text>") == "<text>100</text> <text>Band</text>"
    assert spaced_blocks("<p><a>link</a><em>word</em></p>") == "<p><a>link</a><em>word</em></p>"
    assert spaced_blocks("</p>\n<p>") == "</p>\n<p>"


def test_tip_pages_keep_their_facts_and_related_tips_out_of_search(dataset: Dataset) -> None:
    tip = next(t for t in dataset.tips if t.audience == "individual")
    page = render_site(dataset)[f"tips/{tip.id}.md"]
    assert isinstance(page, str)
    assert '<dl class="pb-facts" data-search-exclude>' in page
    assert "## Related tips { data-search-exclude }" in page
    assert '<nav class="pb-crumbs" aria-label="Breadcrumb" data-search-exclude>' in page
