"""Worksheet pages in Chromium: printed to A4 and Letter without the site's chrome, and usable as forms."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import urljoin

import pytest
from pypdf import PdfReader

from generator.schema import Dataset

CHROME = [
    "How to use this playbook",
    "Why network",
    "Tips matrix",
    "10 tips for success",
    "For associations",
    "Made with",
    "Switch to",
    "Search",
    "Skip to content",
    "Fill it in on screen",
    "Tips this worksheet draws on",
    "Sources",
]
"""Text of the header, navigation, footer and screen-only parts: none of it may reach paper."""


def printed(page: Any, paper: str) -> PdfReader:
    return PdfReader(io.BytesIO(page.pdf(format=paper)))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printed_page_has_the_stated_page_count_and_no_chrome(
    page: Any, site_url: str, dataset: Dataset, paper: str
) -> None:
    for sheet in dataset.worksheets:
        address = f"{site_url}worksheets/{sheet.id}/"
        page.goto(address)
        reader = printed(page, paper)
        assert len(reader.pages) == sheet.pages, (sheet.id, paper)
        texts = [" ".join(p.extract_text().split()) for p in reader.pages]
        whole = " ".join(texts)
        assert sheet.title in whole
        assert sheet.sections[-1].fields[-1].label in whole, f"{sheet.id}: the end of the sheet is missing"
        for number, text in enumerate(texts, start=1):
            assert address in text, f"{sheet.id} {paper} page {number}: no address at the foot"
        leaked = [chrome for chrome in CHROME if chrome in whole]
        assert leaked == [], (sheet.id, paper)


def test_paper_size_follows_the_printer(page: Any, site_url: str, dataset: Dataset) -> None:
    page.goto(f"{site_url}worksheets/{dataset.worksheets[0].id}/")
    for paper, (width, height) in {"A4": (595, 842), "Letter": (612, 792)}.items():
        box = printed(page, paper).pages[0].mediabox
        assert abs(float(box.width) - width) <= 1 and abs(float(box.height) - height) <= 1, paper


def test_worksheet_is_a_working_form(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}worksheets/event-preparation-plan/")
    page.get_by_label("Event and date").fill("Members' day, 12 March")
    page.get_by_label("Why I am going").fill("Meet two people who moved their systems online")
    page.get_by_text("Arriving early, while the room is still quiet").click()
    assert page.locator('input[name="ready.checks.arrival"]').is_checked()
    page.get_by_label("Why them, row 2").fill("Ran the same project last year")
    assert page.locator('input[name="people.list.r2.why"]').input_value() == "Ran the same project last year"
    assert page.locator('input[name="event.name"]').input_value() == "Members' day, 12 March"


def test_pdf_links_download_pdfs(page: Any, site_url: str, dataset: Dataset) -> None:
    sheet = dataset.worksheets[0]
    page.goto(f"{site_url}worksheets/{sheet.id}/")
    for name in ("PDF, A4", "PDF, US Letter"):
        href = page.locator(".pb-ws-downloads").get_by_role("link", name=name).get_attribute("href")
        response = page.request.get(urljoin(page.url, href))
        assert response.ok and response.body().startswith(b"%PDF-"), name


def test_index_reached_from_the_home_page(page: Any, site_url: str, dataset: Dataset) -> None:
    page.goto(site_url)
    page.get_by_role("link", name="Printable worksheets").click()
    page.wait_for_url(f"{site_url}worksheets/")
    assert dataset.sections.worksheets is not None
    # Instant navigation changes the URL before it swaps the content in: wait for the new heading.
    page.locator("article h1", has_text=dataset.sections.worksheets.title).wait_for()
    for sheet in dataset.worksheets:
        assert page.locator("article").get_by_role("link", name=sheet.title, exact=True).count() == 1


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printed_halfway_down_every_page_still_carries_the_address(
    page: Any, site_url: str, dataset: Dataset, paper: str
) -> None:
    """Chromium prints the fixed address where it sits in the window: printing starts from the top
    (paper.js), and the reader's place comes back afterwards."""
    sheet = max(dataset.worksheets, key=lambda s: s.pages)
    address = f"{site_url}worksheets/{sheet.id}/"
    page.goto(address)
    page.evaluate("window.scrollTo(0, 1200)")
    place = page.evaluate("window.scrollY")
    assert place > 0
    reader = printed(page, paper)
    assert len(reader.pages) == sheet.pages
    for number, sheet_page in enumerate(reader.pages, start=1):
        assert address in " ".join(sheet_page.extract_text().split()), (sheet.id, paper, number)
    assert page.evaluate("window.scrollY") == place
