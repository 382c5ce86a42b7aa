"""The event kit's generated parts: the conversation card deck and the table-topic tents.

Pages list the decks and topics with their PDFs; `deck_document` and `tents_document` are the
standalone print documents those PDFs are made from (by generator/deck_pdf.py, which owns
WeasyPrint and the cache). The matcher page is hand-written (content/event-kit/).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from ..references import ALL_TIPS_DECK
from ..schema import Dataset, Tip
from .card_sheet import CardSheet, Slot
from .environment import Output, environment, render_page
from .index import DatasetIndex
from .markup import page_url
from .qr import qr_placeholder
from .worksheets import PAPERS, Paper, _mm

CARD_MM = (90.0, 125.0)
"""A conversation card: four to a sheet, two across and two down, on A4 and US Letter alike."""
DECK_SHEETS = {paper.id: CardSheet(paper, *CARD_MM, columns=2, rows=2) for paper in PAPERS}

MAX_PDF_PAGES = 200
"""The longest event-kit PDF a build makes: a deck of 400 cards (100 sheets, both sides) or 200
tents. Longer is nobody's print job, and at thousands of tips it would cost WeasyPrint many minutes
and gigabytes; the page names such a deck and suggests a smaller one instead."""
MAX_DECK_CARDS = MAX_PDF_PAGES // 2 * DECK_SHEETS[PAPERS[0].id].per_sheet

EVENT_KIT_FOLDER = "event-kit/"
"""Where the kit's pages and PDFs live in the site (a live preview keeps its PDFs by this prefix)."""
CARDS_PAGE = f"{EVENT_KIT_FOLDER}conversation-cards.md"
TENTS_PAGE = f"{EVENT_KIT_FOLDER}table-topics.md"


@dataclass(frozen=True)
class Deck:
    """A printable deck: one card per tip, in this order."""

    id: str
    title: str
    summary: str
    tips: tuple[Tip, ...]

    @property
    def printed(self) -> bool:
        """Whether the build makes this deck's PDFs (MAX_PDF_PAGES pages at most)."""
        return len(self.tips) <= MAX_DECK_CARDS


def decks(dataset: Dataset) -> list[Deck]:
    """Every tip, each collection, and each chosen deck of tags; a deck left with no tips (a branded
    build can leave out a tag's every tip) is not made."""
    tips = {tip.id: tip for tip in dataset.tips}
    found = [Deck(ALL_TIPS_DECK, "Every tip", "One card for every tip in the playbook.", tuple(dataset.tips))]
    for collection in dataset.collections:
        chosen = tuple(tips[tip_id] for tip_id in collection.tips if tip_id in tips)
        found.append(Deck(collection.id, collection.title, collection.summary, chosen))
    for deck in dataset.card_decks:
        chosen = tuple(tip for tip in dataset.tips if set(tip.tags) & set(deck.tags))
        found.append(Deck(deck.id, deck.title, deck.summary, chosen))
    return [deck for deck in found if deck.tips]


def table_topics(dataset: Dataset) -> list[Tip]:
    """The tips that make a table-topic tent, in dataset order."""
    return [tip for tip in dataset.tips if tip.table_topic is not None]


def tents_printed(topics: list[Tip]) -> bool:
    """Whether the build makes the tents' PDFs: one page a tent, at most MAX_PDF_PAGES."""
    return 0 < len(topics) <= MAX_PDF_PAGES


def deck_pdf_path(deck: Deck, paper: Paper) -> str:
    return f"{EVENT_KIT_FOLDER}conversation-cards/{deck.id}-{paper.id}.pdf"


def tents_pdf_path(paper: Paper) -> str:
    return f"{EVENT_KIT_FOLDER}table-topics/table-topics-{paper.id}.pdf"


def tip_address(site_url: str, tip: Tip) -> str:
    """The absolute URL of a tip's page (what its QR code holds), or its path from the site's root
    when the build has no address."""
    path = page_url(f"tips/{tip.id}.md")
    return site_url.rstrip("/") + "/" + path if site_url else path


_STEP = re.compile(r"^\s*\d+\.\s+(.+)$", re.MULTILINE)
_LEAD_IN = re.compile(r"^\*\*(.+?)\*\*")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s|[:;]\s")


def brief_steps(tip: Tip) -> list[str]:
    """The tip's numbered steps, each cut to its bold lead-in or its first sentence; the summary
    when the tip has no numbered steps."""
    steps = []
    for step in _STEP.findall(tip.body):
        lead = _LEAD_IN.match(step)
        text = lead.group(1) if lead else _SENTENCE_END.split(step, maxsplit=1)[0]
        text = _EMPHASIS.sub("", _LINK.sub(r"\1", text)).strip()
        steps.append(text if text.endswith((".", "!", "?", "…")) else text.rstrip(".,:;") + ".")
    return steps or [tip.summary]


@dataclass(frozen=True)
class PrintedCard:
    """One card of a print document: its tip, number in the deck and place on each side."""

    number: int
    tip: Tip
    front: Slot
    back: Slot


def deck_document(deck: Deck, dataset: Dataset, site_url: str, paper: Paper) -> str:
    """The standalone HTML a deck's PDF is printed from: each sheet of fronts, then its backs.

    Pages alternate front, back, front, back, so a printer set to two-sided, flip on long edge puts
    each back behind its front. Each back's QR code is a placeholder that `qr.with_qr_codes` draws
    when the PDF is printed. Without a site address, the backs print the tip's path, no QR code.
    """
    sheet = DECK_SHEETS[paper.id]
    index = DatasetIndex.build(dataset)
    cards = [
        PrintedCard(n + 1, tip, sheet.front(n % sheet.per_sheet), sheet.back(n % sheet.per_sheet))
        for n, tip in enumerate(deck.tips)
    ]
    sheets = [cards[i : i + sheet.per_sheet] for i in range(0, len(cards), sheet.per_sheet)]
    return (
        environment()
        .get_template("deck_print.html.j2")
        .render(
            deck=deck,
            sheets=sheets,
            total=len(cards),
            paper=paper,
            marks=sheet.crop_marks(),
            index=index,
            mm=mm,
            steps=brief_steps,
            address=lambda tip: tip_address(site_url, tip),
            qr=(lambda tip: qr_placeholder(tip_address(site_url, tip))) if site_url else None,
        )
    )


def tents_document(tips: list[Tip], site_url: str, paper: Paper) -> str:
    """The standalone HTML of the table-topic tents: one sheet per topic, folded across the middle.

    Both halves carry the topic; the top half is printed upside down so that, folded into a tent,
    it reads the right way up from the other side of the table.
    """
    return (
        environment()
        .get_template("tents_print.html.j2")
        .render(
            tips=tips,
            paper=paper,
            mm=mm,
            address=lambda tip: tip_address(site_url, tip),
            qr=(lambda tip: qr_placeholder(tip_address(site_url, tip), "tent__qr")) if site_url else None,
        )
    )


def print_stylesheet(template: str, paper: Paper) -> str:
    """The print CSS of a deck or the tents for one paper size."""
    return environment().get_template(template).render(paper=paper, card=CARD_MM, mm=mm)


def render(dataset: Dataset) -> Output:
    """The conversation card deck page and the table-topic tents page."""
    index = DatasetIndex.build(dataset)
    shared = {"papers": PAPERS, "index": index}
    out: Output = {
        CARDS_PAGE: render_page(
            "conversation_cards.md.j2",
            CARDS_PAGE,
            decks=decks(dataset),
            pdf_path=deck_pdf_path,
            per_sheet=DECK_SHEETS[PAPERS[0].id].per_sheet,
            max_cards=MAX_DECK_CARDS,
            **shared,
        )
    }
    # Always there, since the hand-written pages link to it; without topics it says so.
    topics = table_topics(dataset)
    out[TENTS_PAGE] = render_page(
        "table_topics.md.j2",
        TENTS_PAGE,
        tips=topics,
        printed=tents_printed(topics),
        max_tents=MAX_PDF_PAGES,
        pdf_path=tents_pdf_path,
        **shared,
    )
    return out


def mm(value: float) -> Markup:
    """A length in millimetres for CSS."""
    return Markup(_mm(value) + "mm")
