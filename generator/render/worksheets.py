"""Worksheets: the index, one fillable web form per worksheet, and the print documents for their PDFs.

Pure like every renderer: the PDFs themselves are made from `print_document`
and `print_stylesheet` by generator/pdf.py, which owns WeasyPrint and the cache.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..schema import Dataset, SectionIntro, Worksheet
from .environment import Output, environment, render_page, render_pages
from .index import DatasetIndex, audience_groups
from .licence import credit


@dataclass(frozen=True)
class Paper:
    """A paper size a worksheet's PDF comes in."""

    id: str  # in file names: <worksheet>-<id>.pdf
    name: str
    width_mm: float
    height_mm: float


PAPERS: tuple[Paper, ...] = (Paper("a4", "A4", 210, 297), Paper("letter", "US Letter", 215.9, 279.4))

PAGE_AREA_MM = (180.0, 255.0)
"""Width and height of the printed area on every paper size, so page breaks never depend on it."""
FOOTER_BAND_MM = 10.0
"""The strip under the printed area that carries the address and page number."""

DEFAULT_INTRO = SectionIntro(
    title="Worksheets",
    summary="Printable, fillable worksheets to use on your own or at a workshop.",
    intro="Print a worksheet on A4 or US Letter and fill it in by hand, or fill in its PDF on screen and save it.",
)
"""The index's opening words when data/sections.yaml has no `worksheets` entry."""


def pdf_path(sheet: Worksheet, paper: Paper) -> str:
    """The docs path of a worksheet's PDF: beside its page, in the page's own folder."""
    return f"worksheets/{sheet.id}/{sheet.id}-{paper.id}.pdf"


def page_path(sheet: Worksheet) -> str:
    """The docs path of a worksheet's web page."""
    return f"worksheets/{sheet.id}.md"


def render(dataset: Dataset) -> Output:
    """The worksheet pages, keyed by docs path; nothing when the dataset has no worksheets."""
    if not dataset.worksheets:
        return {}
    index = DatasetIndex.build(dataset)
    shared = {"index": index, "papers": PAPERS, "pdf_path": pdf_path}
    groups = audience_groups(dataset.worksheets, "For association staff and volunteers")
    out: Output = {
        "worksheets/index.md": render_page(
            "worksheets_index.md.j2",
            "worksheets/index.md",
            section=dataset.sections.worksheets or DEFAULT_INTRO,
            groups=groups,
            **shared,
        )
    }
    for sheet in dataset.worksheets:
        src = page_path(sheet)
        tips = [index.tips[t] for t in sheet.tips]
        out.update(render_pages("worksheet.md.j2", src, title=sheet.title, sheet=sheet, tips=tips, pdf=False, **shared))
    return out


def print_document(sheet: Worksheet, address: str) -> str:
    """The standalone HTML a worksheet's PDFs are printed from; `address` is where its page lives.

    Every sheet's foot carries the credit a reused handout should show, and the address on a line
    of its own (a long address would otherwise break at one of its hyphens).
    """
    template = environment().get_template("worksheet_print.html.j2")
    return template.render(sheet=sheet, credit=credit(sheet.title), address=address, pdf=True)


def print_stylesheet(paper: Paper) -> str:
    """The print CSS for one paper size: the same page area, centred, whatever the paper.

    The footer band is taken from the bottom of the area, leaving 180 x 245 mm to write in,
    as on the web page printed from a browser.
    """
    width, height = PAGE_AREA_MM
    margin_x = (paper.width_mm - width) / 2
    margin_y = (paper.height_mm - height) / 2
    return (
        environment()
        .get_template("worksheet_print.css.j2")
        .render(
            width=_mm(paper.width_mm),
            height=_mm(paper.height_mm),
            margin_x=_mm(margin_x),
            margin_top=_mm(margin_y),
            margin_bottom=_mm(margin_y + FOOTER_BAND_MM),
        )
    )


def _mm(value: float) -> str:
    """A length for CSS: at most two decimals, no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
