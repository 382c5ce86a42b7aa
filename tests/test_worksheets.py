"""Worksheets: the data behind them, their web pages, and the print documents their PDFs come from."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.render import render_site
from generator.render.worksheets import (
    FOOTER_BAND_MM,
    PAGE_AREA_MM,
    PAPERS,
    pdf_path,
    print_document,
    print_stylesheet,
    render,
)
from generator.schema import ChecklistItem, Column, Dataset, Worksheet, WorksheetField, WorksheetSection
from tests.conftest import ROOT
from tests.test_content import PLACEHOLDER


def expected_field_names(sheet: Worksheet) -> set[str]:
    """The PDF form-field names a worksheet promises: the stable names people script against."""
    names: set[str] = set()
    for section in sheet.sections:
        for field in section.fields:
            base = f"{section.id}.{field.id}"
            if field.kind == "checklist":
                names |= {f"{base}.{item.id}" for item in field.items}
            elif field.kind == "table":
                names |= {f"{base}.r{row}.{column.id}" for row in range(1, field.rows + 1) for column in field.columns}
            else:
                names.add(base)
    return names


class _Controls(HTMLParser):
    """Form controls of a page, their labels, and every id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.controls: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(str(values["id"]))
        if tag == "label" and values.get("for"):
            self.label_for.add(str(values["for"]))
        if tag in ("input", "textarea"):
            self.controls.append({"tag": tag, **values})


def controls(html: str) -> _Controls:
    parser = _Controls()
    parser.feed(html)
    return parser


def sheet_with(label: str) -> Worksheet:
    """A small worksheet with `label` in every text slot, for escaping tests."""
    return Worksheet(
        id="probe",
        title=label,
        summary=label,
        intro=label,
        time_needed=label,
        pages=1,
        sections=[
            WorksheetSection(
                id="one",
                title=label,
                intro=label,
                fields=[
                    WorksheetField(id="a", kind="text", label=label, help=label),
                    WorksheetField(id="b", kind="lines", label=label, lines=2),
                    WorksheetField(id="c", kind="checklist", label=label, items=[ChecklistItem(id="x", label=label)]),
                    WorksheetField(id="d", kind="table", label=label, columns=[Column(id="y", label=label)], rows=1),
                ],
            )
        ],
    )


# ---- The data --------------------------------------------------------------------------------


def test_at_least_six_worksheets_and_one_for_associations(dataset: Dataset) -> None:
    assert len(dataset.worksheets) >= 6
    assert any(sheet.audience == "association" for sheet in dataset.worksheets)
    assert dataset.sections.worksheets is not None


def test_the_worksheets_the_playbook_promises(dataset: Dataset) -> None:
    ids = {sheet.id for sheet in dataset.worksheets}
    assert {
        "my-network-map",
        "event-preparation-plan",
        "conversation-log",
        "relationship-ladder-planner",
        "strategic-network-gap-analysis",
        "thirty-day-networking-plan",
        "networking-session-host-checklist",
    } <= ids


def test_every_worksheet_links_to_the_tips_and_sources_it_uses(dataset: Dataset) -> None:
    for sheet in dataset.worksheets:
        assert sheet.tips, sheet.id
        assert sheet.sources, sheet.id
        assert sheet.network_types or sheet.outcomes, sheet.id


def test_the_network_map_covers_all_three_network_types(dataset: Dataset) -> None:
    sheet = next(s for s in dataset.worksheets if s.id == "my-network-map")
    assert set(sheet.network_types) == {n.id for n in dataset.network_types}
    assert {n.id for n in dataset.network_types} <= {s.id for s in sheet.sections}


def test_worksheet_file_names_its_schema() -> None:
    first = (ROOT / "data" / "worksheets.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema.json"


def test_worksheet_text_is_british_and_finished() -> None:
    text = (ROOT / "data" / "worksheets.yaml").read_text(encoding="utf-8")
    assert not PLACEHOLDER.search(text)
    assert not re.search(r"organiz|prioritiz|recogniz|\bfavor(?:ite)?\b|\bcolor\b|\bcenter\b", text, re.I)


# ---- The web pages ---------------------------------------------------------------------------


def test_index_and_one_page_per_worksheet(dataset: Dataset) -> None:
    files = render_site(dataset)
    assert "worksheets/index.md" in files
    for sheet in dataset.worksheets:
        assert f"worksheets/{sheet.id}.md" in files


def test_index_lists_every_worksheet_with_its_pdfs(dataset: Dataset) -> None:
    index = str(render(dataset)["worksheets/index.md"])
    for sheet in dataset.worksheets:
        assert f'href="{sheet.id}/"' in index
        for paper in PAPERS:
            assert f'href="{sheet.id}/{sheet.id}-{paper.id}.pdf"' in index
    assert "For association staff and volunteers" in index


def test_page_is_a_form_with_every_field_named_for_the_pdf(dataset: Dataset) -> None:
    for sheet in dataset.worksheets:
        page = controls(str(render(dataset)[f"worksheets/{sheet.id}.md"]))
        assert {c["name"] for c in page.controls} == expected_field_names(sheet), sheet.id


def test_every_control_has_a_label_and_ids_are_unique(dataset: Dataset) -> None:
    for sheet in dataset.worksheets:
        page = controls(str(render(dataset)[f"worksheets/{sheet.id}.md"]))
        assert len(page.ids) == len(set(page.ids)), sheet.id
        for control in page.controls:
            labelled = control.get("id") in page.label_for or control.get("aria-label")
            assert labelled, (sheet.id, control["name"])


def test_control_kinds_follow_field_kinds(dataset: Dataset) -> None:
    sheet = next(s for s in dataset.worksheets if s.id == "my-network-map")
    page = controls(str(render(dataset)[f"worksheets/{sheet.id}.md"]))
    by_name = {c["name"]: c for c in page.controls}
    assert by_name["reflect.first-step"]["tag"] == "textarea"
    assert by_name["reflect.patterns.inside-only"]["type"] == "checkbox"
    assert by_name["operational.people.r1.name"]["type"] == "text"
    assert by_name["thin.strategic"]["type"] == "text"


def test_page_links_its_pdfs_from_its_own_folder(dataset: Dataset) -> None:
    sheet = dataset.worksheets[0]
    page = str(render(dataset)[f"worksheets/{sheet.id}.md"])
    for paper in PAPERS:
        assert pdf_path(sheet, paper) == f"worksheets/{sheet.id}/{sheet.id}-{paper.id}.pdf"
        assert f'href="{sheet.id}-{paper.id}.pdf"' in page


def test_page_asks_the_theme_for_its_printed_address(dataset: Dataset) -> None:
    page = str(render(dataset)[f"worksheets/{dataset.worksheets[0].id}.md"])
    front = page.split("\n---\n", 1)[0]
    assert "\nprint_address: true" in front


def test_page_links_the_tips_it_uses(dataset: Dataset) -> None:
    for sheet in dataset.worksheets:
        page = str(render(dataset)[f"worksheets/{sheet.id}.md"])
        for tip_id in sheet.tips:
            assert f'href="../../tips/{tip_id}/"' in page, (sheet.id, tip_id)


def test_data_text_is_escaped_everywhere(dataset: Dataset) -> None:
    evil = '<script>alert(1)</script><img src=x onerror="alert(1)"> "quoted" & more'
    probe = dataset.model_copy(update={"worksheets": [sheet_with(evil)]})
    document = print_document(probe.worksheets[0], address="https://example.org/x/")
    # Front matter holds the title as a JSON string; the MkDocs adapter escapes it for the theme.
    bodies = [str(page).split("\n---\n", 1)[1] for page in render(probe).values()]
    for output in [*bodies, document]:
        assert "<script" not in output
        assert "<img" not in output
    assert "&lt;script&gt;" in document


def test_no_worksheets_no_pages(dataset: Dataset) -> None:
    assert render(dataset.model_copy(update={"worksheets": []})) == {}


def test_index_has_opening_words_without_a_sections_entry(dataset: Dataset) -> None:
    bare = dataset.model_copy(update={"sections": dataset.sections.model_copy(update={"worksheets": None})})
    index = str(render(bare)["worksheets/index.md"])
    assert index.startswith('---\ntitle: "Worksheets"')


# ---- The print documents ---------------------------------------------------------------------


def test_print_document_stands_alone(dataset: Dataset) -> None:
    sheet = dataset.worksheets[0]
    html = print_document(sheet, address="https://example.org/worksheets/x/")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in html
    assert f"<title>{sheet.title}</title>" in html
    assert "https://example.org/worksheets/x/" in html
    assert not re.search(r'\b(?:src|href)="', html), "the print document must not load anything"
    assert {c["name"] for c in controls(html).controls} == expected_field_names(sheet)
    cells = [c for c in controls(html).controls if c.get("class") == "pb-ws-cell"]
    assert cells and all(c.get("title") for c in cells), "WeasyPrint names PDF fields after the title"


@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.id)
def test_every_paper_gets_the_same_page_area(paper: object) -> None:
    css = print_stylesheet(paper)  # type: ignore[arg-type]
    size = re.search(r"size: ([\d.]+)mm ([\d.]+)mm;", css)
    margins = re.search(r"margin: ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm;", css)
    assert size and margins
    width, height = map(float, size.groups())
    top, sides, bottom = map(float, margins.groups())
    assert width - 2 * sides == pytest.approx(PAGE_AREA_MM[0])
    assert height - top - bottom == pytest.approx(PAGE_AREA_MM[1] - FOOTER_BAND_MM)


def test_web_print_css_uses_the_same_measures() -> None:
    css = (ROOT / "content" / "assets" / "stylesheets" / "playbook.css").read_text(encoding="utf-8")
    width, height = PAGE_AREA_MM
    assert f"margin: calc(50% - {height / 2:g}mm) calc(50% - {width / 2:g}mm);" in css
    assert f"padding-bottom: {FOOTER_BAND_MM:g}mm;" in css


def test_mkdocs_yml_sets_no_default_address() -> None:
    """An address the builder did not choose (a loopback one above all) must never reach a page."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_url: !ENV [PLAYBOOK_SITE_URL, ""]' in config


def test_stylesheet_and_nav_are_wired_into_mkdocs_yml(dataset: Dataset) -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - assets/stylesheets/playbook.css\n" in config
    assert "      - worksheets/index.md\n" in config


# ---- The built page --------------------------------------------------------------------------


def test_built_page_prints_its_own_address(built_site: Path, site_port: int, dataset: Dataset) -> None:
    sheet = dataset.worksheets[0]
    html = (built_site / "worksheets" / sheet.id / "index.html").read_text(encoding="utf-8")
    address = f"http://127.0.0.1:{site_port}/worksheets/{sheet.id}/"
    assert f'<p class="pb-print-address">{address}</p>' in html
    other = (built_site / "tips" / "index.html").read_text(encoding="utf-8")
    assert "pb-print-address" not in other
