"""Every HTML id is unique on its page: on the built site, and whatever ids the data chooses.

A repeated id breaks `<label for>`, `aria-describedby` and anchors (the second element is never
found). Ids made from data join their parts with "--", which neither a slug nor a heading's
anchor contains, so data ids cannot meet each other or the headings' ids.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from generator.loader import load_dataset
from generator.render import render_site
from generator.render.environment import RenderSettings, render_settings
from generator.schema import (
    ChecklistItem,
    Collection,
    Dataset,
    Quiz,
    Scenario,
    ScenarioOption,
    Source,
    Worksheet,
    WorksheetField,
    WorksheetSection,
)

MARKDOWN_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]
"""As mkdocs.yml configures them, so headings get the anchors MkDocs gives them."""


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids[value] += 1


def repeated_ids(html: str) -> list[str]:
    parser = _Ids()
    parser.feed(html)
    return sorted(value for value, count in parser.ids.items() if count > 1)


def page_html(page: str | bytes) -> str:
    """A generated Markdown page as MkDocs turns it into HTML (front matter dropped)."""
    text = str(page)
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    return markdown.markdown(body, extensions=MARKDOWN_EXTENSIONS)


def test_no_page_of_the_built_site_repeats_an_id(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    repeated = {page.relative_to(built_site).as_posix(): repeated_ids(page.read_text("utf-8")) for page in pages}
    assert {page: ids for page, ids in repeated.items() if ids} == {}


def test_the_check_finds_a_repeated_id() -> None:
    assert repeated_ids('<p id="a"></p><template><b id="a"></b></template><i id="b">') == ["a"]


PROBE = {"id": "probe", "title": "Probe", "summary": "A probe.", "intro": "Try it.", "time_needed": "1 minute"}
"""What every record made up for these tests says about itself."""


@pytest.fixture
def small_dataset(valid_data: Path) -> Dataset:
    return load_dataset(valid_data)


def _render(dataset: Dataset) -> dict[str, str]:
    with render_settings(RenderSettings(site_url="https://example.org/")):
        return {path: str(text) for path, text in render_site(dataset, RenderSettings()).items()}


def test_a_checklist_item_named_help_on_a_field_with_help(small_dataset: Dataset) -> None:
    """The issue's case: item `help` next to the field's help text once gave both one id."""
    sheet = Worksheet(
        **PROBE,
        pages=1,
        sections=[
            WorksheetSection(
                id="s",
                title="Section",
                fields=[
                    WorksheetField(
                        id="f",
                        kind="checklist",
                        label="Tick",
                        help="Tick what applies.",
                        items=[ChecklistItem(id="help", label="Help"), ChecklistItem(id="item", label="Item")],
                    ),
                    WorksheetField(id="f-help", kind="text", label="Text", help="More help."),
                    WorksheetField(id="item", kind="lines", label="Lines", help="Write."),
                ],
            ),
            WorksheetSection(id="s-f", title="Another", fields=[WorksheetField(id="help", kind="text", label="T")]),
        ],
    )
    pages = _render(small_dataset.model_copy(update={"worksheets": [sheet]}))
    assert repeated_ids(page_html(pages["worksheets/probe.md"])) == []


def test_scenario_ids_that_look_like_another_scenarios_parts(small_dataset: Dataset) -> None:
    options = [
        ScenarioOption(answer="operational", feedback="Yes.", correct=True),
        ScenarioOption(answer="personal", feedback="No."),
    ]
    scenarios = [
        Scenario(id=scenario_id, situation="A story.", question="Which?", options=options)
        for scenario_id in ("s", "s-situation")
    ]
    quiz = Quiz(
        **PROBE,
        kind="scenario",
        answers="network_types",
        scenarios=scenarios,
    )
    pages = _render(small_dataset.model_copy(update={"quizzes": [*small_dataset.quizzes, quiz]}))
    assert repeated_ids(page_html(pages["quizzes/probe.md"])) == []


def test_record_ids_that_equal_a_headings_anchor(small_dataset: Dataset) -> None:
    """A tip called `sources` in a collection (whose page has a "Sources" heading), and a source
    whose id is the anchor of the sources page's title."""
    tip = small_dataset.tips[0].model_copy(update={"id": "sources"})
    collection = Collection(id="probe", title="Probe", summary="A probe.", intro="Read these.", tips=["sources"])
    title = small_dataset.sections.sources.title
    source = small_dataset.sources[0].model_copy(update={"id": title.lower().replace(" ", "-")})
    dataset = small_dataset.model_copy(
        update={
            "tips": [*small_dataset.tips, tip],
            "collections": [collection],
            "sources": [*small_dataset.sources, Source.model_validate(source.model_dump())],
        }
    )
    pages = _render(dataset)
    assert "<h2" in page_html(pages["collections/probe.md"])
    assert repeated_ids(page_html(pages["collections/probe.md"])) == []
    assert repeated_ids(page_html(pages["sources.md"])) == []
