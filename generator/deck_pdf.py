"""The event kit's PDFs: conversation card decks and table-topic tents, printed by WeasyPrint.

Cached like the worksheets' PDFs (generator/pdf.py's PdfCache, keyed by everything that shapes
them), so a rebuild with nothing changed prints none. A card whose text runs past its edge fails
the build with the tip's name, rather than printing a card with its last steps cut off.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from .pdf import LOG, PdfCache, PdfError, PdfReport, PrintJob, add_pdf, finish
from .render.event_kit import (
    MAX_DECK_CARDS,
    MAX_PDF_PAGES,
    deck_document,
    deck_pdf_path,
    decks,
    print_stylesheet,
    table_topics,
    tents_document,
    tents_pdf_path,
    tents_printed,
)
from .render.qr import qr_maker, with_qr_codes
from .render.worksheets import PAPERS
from .schema import Dataset

PRINTER = "event-kit-2"
"""Part of every cache key (with what draws the QR codes): bump it when a change here alters the PDFs."""


class CardOverflow(PdfError):
    """A card's or tent's text does not fit on it."""


def event_kit_pdfs(
    dataset: Dataset, site_url: str, cache: PdfCache, earlier: Mapping[str, bytes] | None = None
) -> PdfReport:
    """Every deck's and the tents' PDFs, one per paper size, keyed by docs path.

    `site_url` is the site's absolute address, for the QR codes; empty, the cards print each tip's
    path instead. `earlier` (a live preview's previous PDFs) stands in for any that an edit made
    stale: one tip's edit re-prints every deck holding it, about half a minute.
    """
    started = time.perf_counter()
    report = PdfReport(kind="event kit")
    printer = f"{PRINTER} {qr_maker()}"
    for deck in decks(dataset):
        if not deck.printed:
            cards = len(deck.tips)
            LOG.info(f"event kit: deck '{deck.id}' not printed: {cards} cards, over the {MAX_DECK_CARDS} a deck holds")
            continue
        for paper in PAPERS:
            html = deck_document(deck, dataset, site_url, paper)
            job = PrintJob(html, print_stylesheet("deck_print.css.j2", paper), paper, printer, render_cards)
            add_pdf(report, cache, deck_pdf_path(deck, paper), job, earlier)
    topics = table_topics(dataset)
    if topics and not tents_printed(topics):
        LOG.info(f"event kit: tents not printed: {len(topics)} table topics, more than the {MAX_PDF_PAGES} a set holds")
    elif topics:
        for paper in PAPERS:
            html = tents_document(topics, site_url, paper)
            job = PrintJob(html, print_stylesheet("tents_print.css.j2", paper), paper, printer, render_cards)
            add_pdf(report, cache, tents_pdf_path(paper), job, earlier)
    finish(report, cache, started)
    return report


def render_cards(html: str, css: str) -> bytes:
    """Print cards or tents to PDF (their QR codes drawn first), after checking that every text ends
    above its limit.

    The documents mark where a card's text ends (`end-<n>`) and where it must end by
    (`limit-<n>`); WeasyPrint reports both as anchors with their positions on the page.
    """
    from weasyprint import CSS, HTML
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    fetcher = URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
    html = with_qr_codes(html)
    try:
        document = HTML(string=html, url_fetcher=fetcher).render(stylesheets=[CSS(string=css, url_fetcher=fetcher)])
    except FatalURLFetchingError as error:
        raise PdfError(f"{error}: an event kit PDF may use no outside resource") from None
    too_long = overflowing(document)
    if too_long:
        raise CardOverflow(
            f"text too long to fit on its card, for tip {', '.join(too_long)}: shorten its steps or prompts"
        )
    pdf: bytes = document.write_pdf(pdf_tags=True)
    return pdf


def overflowing(document: Any) -> list[str]:
    """The tips (`tent-<tip>` for a tent) whose text ends below its limit."""
    found: list[str] = []
    for page in document.pages:
        anchors: dict[str, tuple[float, ...]] = page.anchors
        for name, box in anchors.items():
            if name.startswith("end-"):
                limit = anchors.get("limit-" + name.removeprefix("end-"))
                if limit is not None and box[1] > limit[1] + 0.5:
                    found.append(name.removeprefix("end-"))
    return found
