"""The worksheets' fillable PDFs: printed by WeasyPrint, cached on disk by content hash.

A PDF is keyed by everything that shapes it (its print document, stylesheet,
paper size, WeasyPrint's version and this module's own RENDER_VERSION), so a
rebuild with nothing changed renders none, and editing one worksheet
re-renders exactly its PDFs. The renderers stay pure: they hand over HTML and
CSS, and only this module touches WeasyPrint or the disk.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .caches import VerifiedCache, cache_root
from .render.environment import Output
from .render.markup import page_url
from .render.worksheets import PAPERS, Paper, page_path, pdf_path, print_document, print_stylesheet
from .schema import Dataset, Worksheet

LOG = logging.getLogger("mkdocs.plugins.playbook.pdf")
"""Named after MkDocs' plugin loggers so its build output shows the line; no MkDocs import needed."""

RENDER_VERSION = "2"
"""Part of every cache key: bump it when a change here alters the PDFs (options, field naming)."""

CACHE_KEEP = 128
"""PDFs the cache keeps, most recently used first: a few site URLs' worth of the worksheets' and event kit's PDFs."""


class PdfError(Exception):
    """A PDF could not be made as promised (it asked for an outside resource)."""


@dataclass
class PdfReport:
    """The PDFs of one build, by docs path, and which were rendered or taken from the cache."""

    files: Output = field(default_factory=dict)
    rendered: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Left as the previous preview build made them (see `add_pdf`'s `earlier`)."""
    seconds: float = 0.0
    kind: str = "worksheet"

    def summary(self) -> str:
        line = f"{self.kind} PDFs: {len(self.rendered)} rendered, {len(self.cached)} from cache in {self.seconds:.1f} s"
        if self.kept:
            line += f"; {len(self.kept)} kept from before the edit in this preview (`playbook build` prints them)"
        return line


class PdfCache(VerifiedCache):
    """Finished PDFs on disk, keyed by everything that shapes them and checked on every read."""

    def __init__(self, folder: Path, keep: int = CACHE_KEEP) -> None:
        super().__init__(folder, ".pdf", keep)

    @classmethod
    def default(cls) -> PdfCache:
        """$PLAYBOOK_CACHE_DIR/pdf, or .cache/pdf in the folder the build runs from."""
        return cls(cache_root() / "pdf")

    @staticmethod
    def key(html: str, css: str, paper: Paper, printer: str = "") -> str:
        """The content hash of one PDF: what it is printed from and what prints it (`printer` names
        and versions a print function other than `render_pdf`)."""
        digest = hashlib.sha256()
        for part in (RENDER_VERSION, _weasyprint_version(), paper.id, css, html, *([printer] if printer else [])):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()


def worksheet_pdfs(dataset: Dataset, site_url: str, cache: PdfCache) -> PdfReport:
    """Every worksheet's PDFs, one per paper size, keyed by docs path; renders only what the cache lacks."""
    started = time.perf_counter()
    report = PdfReport()
    for sheet in dataset.worksheets:
        html = print_document(sheet, address=page_address(site_url, sheet))
        for paper in PAPERS:
            add_pdf(report, cache, pdf_path(sheet, paper), PrintJob(html, print_stylesheet(paper), paper))
    finish(report, cache, started)
    return report


@dataclass(frozen=True)
class PrintJob:
    """What one PDF is printed from, and by which print function (named in its cache key)."""

    html: str
    css: str
    paper: Paper
    printer: str = ""
    render: Callable[[str, str], bytes] | None = None


def add_pdf(
    report: PdfReport, cache: PdfCache, path: str, job: PrintJob, earlier: Mapping[str, bytes] | None = None
) -> None:
    """Put one PDF in the report: from the cache when it holds it, else printed and stored.

    `earlier`, the PDFs of the previous build of a live preview, lets a preview keep one that an
    edit made stale rather than wait for it to print (a card deck takes half a minute).
    """
    key = cache.key(job.html, job.css, job.paper, job.printer)
    data = cache.get(key)
    if data is None and earlier is not None and path in earlier:
        report.kept.append(path)
        report.files[path] = earlier[path]
        return
    if data is None:
        data = (job.render or render_pdf)(job.html, job.css)
        try:
            cache.put(key, data)
        except OSError as error:  # the cache only saves time; the build goes on without it
            LOG.info(f"{report.kind} PDF cache not written: {error}")
        report.rendered.append(path)
    else:
        report.cached.append(path)
    report.files[path] = data


def finish(report: PdfReport, cache: PdfCache, started: float) -> None:
    """Prune the cache after any render, time the report and log its summary line."""
    if report.rendered:
        cache.prune()
    report.seconds = time.perf_counter() - started
    if report.files:
        LOG.info(report.summary())


def page_address(site_url: str, sheet: Worksheet) -> str:
    """Where a worksheet's web page lives, printed at the foot of every page: its absolute URL,
    or, when the builder set no site address, its path in the site (never a guessed address)."""
    path = page_url(page_path(sheet))
    return site_url.rstrip("/") + "/" + path if site_url else path


def render_pdf(html: str, css: str) -> bytes:
    """Print one document to a fillable, tagged PDF; any request for an outside resource fails the render.

    `pdf_forms` must go to HTML.write_pdf: given to Document.write_pdf after
    render(), WeasyPrint silently leaves the form fields out.
    """
    from weasyprint import CSS, HTML
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    fetcher = URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
    try:
        stylesheet = CSS(string=css, url_fetcher=fetcher)
        pdf: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf(
            stylesheets=[stylesheet], pdf_forms=True, pdf_tags=True, finisher=finish_forms
        )
    except FatalURLFetchingError as error:
        raise PdfError(f"{error}: a worksheet PDF may use no outside resource") from None
    return pdf


def finish_forms(document: Any, pdf: Any) -> None:
    """WeasyPrint's form fields, made right for every reader: nested names, ticks that always show."""
    nest_field_names(document, pdf)
    tick_appearances(pdf)


def tick_appearances(pdf: Any) -> None:
    """Make a ticked box show as ticked in every viewer, whoever ticked it.

    WeasyPrint asks viewers to draw every field themselves (the AcroForm's NeedAppearances flag)
    but gives a tick box no caption to draw, so viewers that obey the flag (poppler's: Evince,
    Okular, pdftoppm) show a box ticked and saved by a PDF tool as empty. Each box gets a
    ZapfDingbats tick as its caption (MK /CA, DA, and the font in the form's DR) for viewers that draw
    their own, and an empty look for its off state beside the ticked one; the flag goes, as every
    field with a state now has its look (tools that set it again get the caption drawn).
    """
    import pydyf

    acroform = pdf.catalog.get("AcroForm")
    if acroform is None:
        return
    objects: dict[bytes, Any] = {obj.reference: obj for obj in pdf.objects[1:]}
    boxes = [
        obj
        for obj in objects.values()
        if isinstance(obj, dict) and obj.get("FT") == "/Btn" and "on" in obj.get("AP", {}).get("N", {})
    ]
    if not boxes:
        return
    font = pydyf.Dictionary({"Type": "/Font", "Subtype": "/Type1", "BaseFont": "/ZapfDingbats"})
    pdf.add_object(font)
    # The form's own resources: the page's fonts (text fields name them) and the tick's font. The
    # tick's is one of the 14 every reader has, so it is named, not embedded, as in Acrobat's own forms;
    # the pages do not use it.
    fonts = objects[acroform["DR"]]["Font"]
    page_fonts = objects[fonts] if isinstance(fonts, bytes) else fonts
    acroform["DR"] = pydyf.Dictionary({"Font": pydyf.Dictionary({**page_fonts, "ZaDb": font.reference})})
    for box in boxes:
        left, top, right, bottom = box["Rect"]
        width, height = abs(right - left), abs(top - bottom)
        off = pydyf.Stream(extra={"Type": "/XObject", "Subtype": "/Form", "BBox": pydyf.Array((0, 0, width, height))})
        pdf.add_object(off)
        box["AP"]["N"]["Off"] = off.reference
        box["MK"]["CA"] = pydyf.String("4")  # ZapfDingbats' tick
        box["DA"] = pydyf.String(f"/ZaDb {min(width, height):.2f} Tf 0 g")
    acroform.pop("NeedAppearances", None)


def nest_field_names(document: Any, pdf: Any) -> None:
    """Turn flat field names like `plan.people.r1.name` into the PDF's own field hierarchy.

    PDF partial field names may not contain a period; readers build the full
    name by joining parents with one. So `plan.people.r1.name` becomes the
    fields plan > people > r1 > name, and every reader reports it by that full
    name, which the tests and anyone scripting the forms rely on.
    """
    import pydyf

    acroform = pdf.catalog.get("AcroForm")
    if acroform is None:
        return
    objects: dict[bytes, Any] = {obj.reference: obj for obj in pdf.objects[1:]}
    parents: dict[tuple[str, ...], Any] = {}
    roots = pydyf.Array()

    def attach(reference: bytes, node: Any, parent: Any | None) -> None:
        if parent is None:
            roots.append(reference)
        else:
            node["Parent"] = parent.reference
            parent["Kids"].append(reference)

    for reference in acroform["Fields"]:
        widget = objects[reference]
        parts = widget["T"].string.split(".")
        parent = None
        for depth in range(1, len(parts)):
            path = tuple(parts[:depth])
            if path not in parents:
                node = pydyf.Dictionary({"T": pydyf.String(parts[depth - 1]), "Kids": pydyf.Array()})
                pdf.add_object(node)
                attach(node.reference, node, parent)
                parents[path] = node
            parent = parents[path]
        widget["T"] = pydyf.String(parts[-1])
        attach(reference, widget, parent)
    acroform["Fields"] = roots


@functools.cache
def _weasyprint_version() -> str:
    """From the package metadata (once: each read costs 2 ms): importing WeasyPrint costs more than a
    fully cached build."""
    return version("weasyprint")
