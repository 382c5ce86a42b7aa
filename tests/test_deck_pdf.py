"""The event kit's PDFs: card positions and duplex backs read back from the PDFs, crop marks, QR
codes decoded by a real reader (zbarimg), the tents, the cache and the overflow check.

Layout and QR checks read the PDFs of the session's built site (no extra rendering); the cache
and overflow tests render a few small PDFs of their own.
"""

from __future__ import annotations

import logging
import math
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader

from generator.deck_pdf import CardOverflow, event_kit_pdfs
from generator.pdf import LOG, PdfCache
from generator.render import event_kit, qr
from generator.render.card_sheet import CROP_GAP_MM, CROP_LENGTH_MM, CardSheet
from generator.render.event_kit import (
    DECK_SHEETS,
    MAX_DECK_CARDS,
    MAX_PDF_PAGES,
    Deck,
    decks,
    table_topics,
    tents_pdf_path,
    tip_address,
)
from generator.render.worksheets import PAPERS, Paper
from generator.schema import Dataset, Tip

MM = 72 / 25.4
"""PDF points per millimetre."""
TOLERANCE_MM = 0.5


def deck_file(site: Path, deck: Deck, paper: Paper) -> Path:
    return site / "event-kit" / "conversation-cards" / f"{deck.id}-{paper.id}.pdf"


def each_deck(dataset: Dataset) -> list[tuple[Deck, Paper]]:
    return [(deck, paper) for deck in decks(dataset) for paper in PAPERS]


def test_every_deck_has_two_pages_per_sheet_of_the_right_size(built_site: Path, dataset: Dataset) -> None:
    for deck, paper in each_deck(dataset):
        reader = PdfReader(deck_file(built_site, deck, paper))
        assert len(reader.pages) == 2 * math.ceil(len(deck.tips) / DECK_SHEETS[paper.id].per_sheet), deck.id
        box = reader.pages[0].mediabox
        assert abs(float(box.width) - paper.width_mm * MM) < 1 and abs(float(box.height) - paper.height_mm * MM) < 1


def card_positions(reader: PdfReader, paper: Paper) -> dict[str, tuple[int, float, float]]:
    """Each card's anchor (front-N, back-N) as (page index, x mm, y mm from the top), from the PDF."""
    found = {}
    for name, destination in reader.named_destinations.items():
        if name.startswith(("front-", "back-")):
            page = reader.get_destination_page_number(destination)
            found[name] = (page, float(destination.left) / MM, paper.height_mm - float(destination.top) / MM)
    return found


def test_every_card_lies_within_half_a_millimetre_of_its_slot_and_each_back_behind_its_front(
    built_site: Path, dataset: Dataset
) -> None:
    for deck, paper in each_deck(dataset):
        sheet = DECK_SHEETS[paper.id]
        positions = card_positions(PdfReader(deck_file(built_site, deck, paper)), paper)
        assert len(positions) == 2 * len(deck.tips), deck.id
        for n in range(1, len(deck.tips) + 1):
            sheet_number, slot = divmod(n - 1, sheet.per_sheet)
            page, x, y = positions[f"front-{n}"]
            expected = sheet.front(slot)
            assert page == 2 * sheet_number
            assert abs(x - expected.x) <= TOLERANCE_MM and abs(y - expected.y) <= TOLERANCE_MM, (deck.id, n, x, y)
            back_page, back_x, back_y = positions[f"back-{n}"]
            assert back_page == page + 1, "each sheet's backs follow its fronts"
            # Turned over on the long edge, the back's right edge lands where the front's left edge was.
            assert abs((back_x + sheet.card_width) - (paper.width_mm - x)) <= TOLERANCE_MM, (deck.id, n)
            assert abs(back_y - y) <= TOLERANCE_MM, (deck.id, n)


def crop_lines(page: pdfplumber.page.Page) -> list[tuple[float, float, float, float]]:
    """The crop marks on a page: straight lines CROP_LENGTH_MM long, in mm from the top left."""
    found = []
    for line in page.lines:
        x0, x1, top, bottom = line["x0"] / MM, line["x1"] / MM, line["top"] / MM, line["bottom"] / MM
        if abs(max(x1 - x0, bottom - top) - CROP_LENGTH_MM) < 0.05 and min(x1 - x0, bottom - top) < 0.05:
            found.append((x0, top, x1, bottom))
    return found


def same_marks(found: list[tuple[float, float, float, float]], sheet: CardSheet) -> bool:
    """Every mark of the layout is on the page within the tolerance, and no other."""
    expected = [(min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)) for x1, y1, x2, y2 in sheet.crop_marks()]
    close = [any(all(abs(a - b) <= TOLERANCE_MM for a, b in zip(e, f, strict=True)) for f in found) for e in expected]
    return all(close) and len(found) == len(expected)


@pytest.mark.parametrize("paper", PAPERS, ids=[p.id for p in PAPERS])
def test_crop_marks_and_text_sit_where_the_layout_says(built_site: Path, dataset: Dataset, paper: Paper) -> None:
    deck = decks(dataset)[0]
    sheet = DECK_SHEETS[paper.id]
    with pdfplumber.open(deck_file(built_site, deck, paper)) as pdf:
        for number, page in enumerate(pdf.pages[:4]):
            assert same_marks(crop_lines(page), sheet), f"page {number + 1}: {crop_lines(page)}"
            slots = [sheet.back(i) if number % 2 else sheet.front(i) for i in range(sheet.per_sheet)]
            for char in page.chars:
                x, y = char["x0"] / MM, char["top"] / MM
                assert any(s.x <= x <= s.x + s.width and s.y <= y <= s.y + s.height for s in slots), (number, char)
    assert CROP_GAP_MM > TOLERANCE_MM


def decoded(pdf: Path, page: int, tmp_path: Path) -> list[str]:
    """What zbarimg reads from the QR codes on one page, rendered at 150 dpi by pdftoppm."""
    prefix = tmp_path / f"{pdf.stem}-{page}"
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", str(page), "-l", str(page), str(pdf), str(prefix)], check=True
    )
    image = next(tmp_path.glob(f"{prefix.name}-*.png"))
    result = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=False)
    image.unlink()
    return result.stdout.split()


@pytest.fixture(scope="module")
def zbarimg() -> str:
    found = shutil.which("zbarimg")
    if found is None:
        pytest.fail("zbarimg is missing: run `make test` (scripts/install-system-deps.sh installs zbar-tools)")
    return found


@pytest.mark.slow
@pytest.mark.parametrize("paper", PAPERS, ids=[p.id for p in PAPERS])
def test_every_qr_code_decodes_to_its_tips_address(
    built_site: Path, site_port: int, dataset: Dataset, paper: Paper, tmp_path: Path, zbarimg: str
) -> None:
    site_url = f"http://127.0.0.1:{site_port}/"
    deck = decks(dataset)[0]
    per_sheet = DECK_SHEETS[paper.id].per_sheet
    pdf = deck_file(built_site, deck, paper)
    for sheet_number in range(math.ceil(len(deck.tips) / per_sheet)):
        cards = deck.tips[sheet_number * per_sheet : (sheet_number + 1) * per_sheet]
        expected = sorted(tip_address(site_url, tip) for tip in cards)
        assert sorted(decoded(pdf, 2 * sheet_number + 2, tmp_path)) == expected, f"sheet {sheet_number + 1}"
    tents = built_site / tents_pdf_path(paper)
    for number, tip in enumerate(table_topics(dataset), start=1):
        assert decoded(tents, number, tmp_path) == [tip_address(site_url, tip)] * 2, tip.id


@pytest.mark.parametrize("paper", PAPERS, ids=[p.id for p in PAPERS])
def test_tents_one_per_topic_with_the_topic_both_ways_up(built_site: Path, dataset: Dataset, paper: Paper) -> None:
    topics = table_topics(dataset)
    reader = PdfReader(built_site / tents_pdf_path(paper))
    assert len(reader.pages) == len(topics)
    with pdfplumber.open(built_site / tents_pdf_path(paper)) as pdf:
        for tip, page in zip(topics, pdf.pages, strict=True):
            assert tip.table_topic is not None
            text = " ".join(page.extract_text().split())
            assert tip.table_topic.topic in text and tip.table_topic.prompts[-1] in text, tip.id
            half = paper.height_mm * MM / 2
            upright = [c for c in page.chars if c["upright"] and c["top"] > half]
            assert upright, "the near half reads the right way up"
            # The far half is turned 180 degrees: its glyphs run right to left, above the fold.
            far = [c for c in page.chars if c["bottom"] < half]
            assert far and all(c["matrix"][0] < 0 for c in far), tip.id


def small(dataset: Dataset, tips: list[Tip]) -> Dataset:
    return dataset.model_copy(update={"tips": tips, "collections": [], "card_decks": []})


def test_no_change_prints_nothing_and_a_changed_tip_reprints_its_decks(tmp_path: Path, dataset: Dataset) -> None:
    tips = [t for t in dataset.tips if t.table_topic is not None][:2] + dataset.tips[:1]
    cache = PdfCache(tmp_path / "cache")
    first = event_kit_pdfs(small(dataset, tips), "https://example.org/", cache)
    assert len(first.rendered) == 4 and first.cached == []  # the deck and the tents, on two papers
    again = event_kit_pdfs(small(dataset, tips), "https://example.org/", cache)
    assert again.rendered == [] and again.files == first.files
    assert tips[2].table_topic is None, "a tip on no tent: only the deck holds its title"
    retitled = [*tips[:2], tips[2].model_copy(update={"title": "A new title"})]
    third = event_kit_pdfs(small(dataset, retitled), "https://example.org/", cache)
    assert sorted(third.rendered) == sorted(f"event-kit/conversation-cards/all-tips-{p.id}.pdf" for p in PAPERS)
    moved = event_kit_pdfs(small(dataset, tips), "https://example.net/", cache)
    assert len(moved.rendered) == 4, "the QR codes hold the site's address"


def test_a_preview_keeps_the_pdfs_an_edit_made_stale_and_prints_the_new_ones(tmp_path: Path, dataset: Dataset) -> None:
    tips = dataset.tips[:2]
    cache = PdfCache(tmp_path)
    first = event_kit_pdfs(small(dataset, tips), "https://example.org/", cache)
    earlier = {path: bytes(data) for path, data in first.files.items()}
    retitled = [tips[0].model_copy(update={"title": "A new title"}), tips[1]]
    with_topic = [*retitled, next(t for t in dataset.tips if t.table_topic is not None)]
    preview = event_kit_pdfs(small(dataset, with_topic), "https://example.org/", cache, earlier)
    decks = sorted(f"event-kit/conversation-cards/all-tips-{p.id}.pdf" for p in PAPERS)
    assert sorted(preview.kept) == decks and all(preview.files[path] == earlier[path] for path in decks)
    assert sorted(preview.rendered) == sorted(tents_pdf_path(p) for p in PAPERS), "new PDFs are printed"
    assert "2 kept from before the edit" in preview.summary()
    build = event_kit_pdfs(small(dataset, retitled), "https://example.org/", cache)
    assert sorted(build.rendered) == decks and build.kept == [], "a build prints them"


def test_a_card_too_long_to_print_fails_the_build_naming_its_tip(tmp_path: Path, dataset: Dataset) -> None:
    tip = dataset.tips[0]
    long_steps = "\n".join(f"{n}. {'A step that goes on and on, ' * 4}until the card is full." for n in range(1, 9))
    crowded = tip.model_copy(update={"body": long_steps})
    with pytest.raises(CardOverflow, match=tip.id):
        event_kit_pdfs(small(dataset, [crowded]), "https://example.org/", PdfCache(tmp_path))


def test_without_a_site_address_the_backs_print_each_tips_path(tmp_path: Path, dataset: Dataset) -> None:
    tips = dataset.tips[:2]
    report = event_kit_pdfs(small(dataset, tips), "", PdfCache(tmp_path))
    pdf = tmp_path / "deck.pdf"
    pdf.write_bytes(bytes(report.files["event-kit/conversation-cards/all-tips-a4.pdf"]))
    back = PdfReader(pdf).pages[1].extract_text()
    for tip in tips:
        assert f"tips/{tip.id}/" in back
    with pdfplumber.open(pdf) as opened:
        assert len(opened.pages[1].lines) == len(DECK_SHEETS["a4"].crop_marks()), "no QR code drawn"


def test_a_rebuild_from_the_cache_draws_no_qr_code(tmp_path: Path, dataset: Dataset, monkeypatch: Any) -> None:
    """Drawing the codes is what made every build slow: the cache keys on the document's placeholders."""
    tips = dataset.tips[:3]
    cache = PdfCache(tmp_path)
    first = event_kit_pdfs(small(dataset, tips), "https://example.org/", cache)

    def no_drawing(address: str, css_class: str = "qr") -> str:
        raise AssertionError(f"drew the QR code of {address}")

    monkeypatch.setattr(qr, "qr_svg", no_drawing)
    again = event_kit_pdfs(small(dataset, tips), "https://example.org/", cache)
    assert again.rendered == [] and again.files == first.files


def test_a_deck_or_tent_set_too_long_to_print_has_no_pdf_and_says_so(
    tmp_path: Path, dataset: Dataset, caplog: Any
) -> None:
    topical = next(t for t in dataset.tips if t.table_topic is not None)
    many = [topical.model_copy(update={"id": f"{topical.id[:40]}-{n}"}) for n in range(MAX_DECK_CARDS + 1)]
    edition = small(dataset, many)
    with caplog.at_level(logging.INFO, logger=LOG.name):
        report = event_kit_pdfs(edition, "https://example.org/", PdfCache(tmp_path))
    assert report.files == {}
    assert f"deck 'all-tips' not printed: {MAX_DECK_CARDS + 1} cards" in caplog.text
    assert f"tents not printed: {MAX_DECK_CARDS + 1} table topics" in caplog.text
    pages = event_kit.render(edition)
    cards, tents = str(pages[event_kit.CARDS_PAGE]), str(pages[event_kit.TENTS_PAGE])
    assert "this deck is longer than anyone would print" in cards and ".pdf" not in cards
    assert f"more than the {MAX_PDF_PAGES} a printed set holds" in tents and ".pdf" not in tents
    fits = small(dataset, many[:MAX_DECK_CARDS])
    assert next(deck for deck in event_kit.decks(fits)).printed
