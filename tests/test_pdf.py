"""The worksheets' fillable PDFs: size, pages, form fields, text, metadata, fonts, and the cache.

The fourteen PDFs are the ones the session's built site holds (`built_site`
renders them once, or takes them from the cache), so these checks cost no
extra rendering; only the cache tests render, and only a few small PDFs.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter

from generator.caches import CACHE_DIR_VARIABLE
from generator.generate import load_edition, site_files, write_docs_tree
from generator.pdf import PdfCache, PdfError, page_address, render_pdf, worksheet_pdfs
from generator.render.worksheets import PAPERS, Paper, print_document, print_stylesheet
from generator.schema import Dataset, Worksheet
from tests.conftest import ROOT
from tests.test_worksheets import expected_field_names

POINTS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
MULTILINE = 1 << 12


@pytest.fixture(scope="session")
def pdfs(built_site: Path, dataset: Dataset) -> dict[tuple[str, str], PdfReader]:
    """Every worksheet's PDF in the built site, by (worksheet id, paper id)."""
    found = {}
    for sheet in dataset.worksheets:
        for paper in PAPERS:
            path = built_site / "worksheets" / sheet.id / f"{sheet.id}-{paper.id}.pdf"
            assert path.is_file(), f"{path} missing beside its page"
            found[(sheet.id, paper.id)] = PdfReader(path)
    return found


def each(dataset: Dataset) -> list[tuple[Worksheet, Paper]]:
    return [(sheet, paper) for sheet in dataset.worksheets for paper in PAPERS]


def words(text: str) -> str:
    return " ".join(text.split())


def test_there_are_fourteen(pdfs: dict[tuple[str, str], PdfReader]) -> None:
    assert len(pdfs) >= 14


def test_page_size_and_stated_page_count(pdfs: dict[tuple[str, str], PdfReader], dataset: Dataset) -> None:
    for sheet, paper in each(dataset):
        reader = pdfs[(sheet.id, paper.id)]
        assert len(reader.pages) == sheet.pages, (sheet.id, paper.id)
        for page in reader.pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            expected = POINTS[paper.id]
            assert abs(width - expected[0]) <= 1 and abs(height - expected[1]) <= 1, (sheet.id, paper.id)


def test_form_fields_by_name_and_kind(pdfs: dict[tuple[str, str], PdfReader], dataset: Dataset) -> None:
    for sheet, paper in each(dataset):
        fields = {name: f for name, f in (pdfs[(sheet.id, paper.id)].get_fields() or {}).items() if f.get("/FT")}
        assert set(fields) == expected_field_names(sheet), (sheet.id, paper.id)
        for section in sheet.sections:
            for field in section.fields:
                name = f"{section.id}.{field.id}"
                if field.kind == "text":
                    assert fields[name]["/FT"] == "/Tx" and not int(fields[name].get("/Ff", 0)) & MULTILINE
                elif field.kind == "lines":
                    assert fields[name]["/FT"] == "/Tx" and int(fields[name]["/Ff"]) & MULTILINE
                elif field.kind == "checklist":
                    assert all(fields[f"{name}.{item.id}"]["/FT"] == "/Btn" for item in field.items)
                else:
                    assert fields[f"{name}.r1.{field.columns[0].id}"]["/FT"] == "/Tx"


def test_fields_carry_their_labels_for_screen_readers(pdfs: dict[tuple[str, str], PdfReader]) -> None:
    fields = pdfs[("event-preparation-plan", "a4")].get_fields() or {}
    assert fields["event.name"]["/TU"] == "Event and date"
    assert fields["people.list.r2.why"]["/TU"] == "Why them, row 2"


def test_partial_field_names_hold_no_period(pdfs: dict[tuple[str, str], PdfReader]) -> None:
    """PDF forbids periods in partial names; the dotted names are built from the hierarchy."""
    for key, reader in pdfs.items():
        for annotation in reader.pages[0].get("/Annots") or []:
            partial = str(annotation.get_object().get("/T", ""))
            assert "." not in partial, (key, partial)


def test_text_is_extractable(pdfs: dict[tuple[str, str], PdfReader], dataset: Dataset) -> None:
    for sheet, paper in each(dataset):
        text = words(" ".join(page.extract_text() for page in pdfs[(sheet.id, paper.id)].pages))
        assert sheet.title in text, (sheet.id, paper.id)
        for section in sheet.sections:
            assert words(section.title) in text, (sheet.id, section.id)
            for field in section.fields:
                assert words(field.label) in text, (sheet.id, field.id)


def test_every_page_prints_its_address_and_number(
    pdfs: dict[tuple[str, str], PdfReader], dataset: Dataset, site_port: int
) -> None:
    for sheet, paper in each(dataset):
        reader = pdfs[(sheet.id, paper.id)]
        address = page_address(f"http://127.0.0.1:{site_port}/", sheet)
        for number, page in enumerate(reader.pages, start=1):
            text = words(page.extract_text())
            assert address in text, (sheet.id, paper.id, number)
            assert f"Page {number} of {len(reader.pages)}" in text


def test_title_and_language_metadata(pdfs: dict[tuple[str, str], PdfReader], dataset: Dataset) -> None:
    for sheet, paper in each(dataset):
        reader = pdfs[(sheet.id, paper.id)]
        assert reader.metadata is not None and reader.metadata.title == sheet.title
        assert reader.trailer["/Root"]["/Lang"] == "en"
        assert reader.metadata.author == "The Networking Playbook"


def test_fonts_are_embedded(built_site: Path) -> None:
    pdffonts = shutil.which("pdffonts")
    assert pdffonts, "pdffonts (poppler-utils) is missing: `make test` installs it"
    for path in sorted((built_site / "worksheets").rglob("*.pdf")):
        listing = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True).stdout
        rows = listing.splitlines()[2:]  # after the header and its rule
        assert rows, f"{path.name}: no fonts"
        for row in rows:  # name type encoding emb sub uni object-number generation
            assert row.split()[-5] == "yes", f"{path.name}: not embedded: {row}"
            # The page counts are measured in Liberation Sans (metric-compatible with Arial).
            assert "Liberation-Sans" in row.split()[0], f"{path.name}: {row}; install fonts-liberation"


# ---- Rendering and the cache -----------------------------------------------------------------


@pytest.mark.parametrize(
    "resource",
    [
        '<img src="https://example.org/logo.png" alt="">',
        '<link rel="stylesheet" href="http://example.org/print.css">',
        '<img src="file:///etc/hostname" alt="">',
    ],
)
def test_outside_resources_are_refused(resource: str) -> None:
    with pytest.raises(PdfError, match="outside resource"):
        render_pdf(f"<!DOCTYPE html><html lang=en><title>x</title>{resource}<p>x</p></html>", "")


def test_outside_stylesheet_imports_are_refused() -> None:
    with pytest.raises(PdfError, match="outside resource"):
        render_pdf(
            "<!DOCTYPE html><html lang=en><title>x</title><p>x</p></html>", "@import url(https://example.org/x.css);"
        )


def test_key_covers_document_stylesheet_and_paper(dataset: Dataset) -> None:
    sheet = dataset.worksheets[0]
    html = print_document(sheet, address="https://example.org/")
    a4, letter = PAPERS
    key = PdfCache.key(html, print_stylesheet(a4), a4)
    assert key == PdfCache.key(html, print_stylesheet(a4), a4)
    assert key != PdfCache.key(html, print_stylesheet(letter), letter)
    assert key != PdfCache.key(html + " ", print_stylesheet(a4), a4)
    assert key != PdfCache.key(html, print_stylesheet(a4) + " ", a4)
    assert re.fullmatch(r"[0-9a-f]{64}", key)


def test_no_change_renders_nothing_and_one_change_renders_its_two(tmp_path: Path, dataset: Dataset) -> None:
    small = dataset.model_copy(update={"worksheets": dataset.worksheets[:2]})
    cache = PdfCache(tmp_path / "pdf")
    first = worksheet_pdfs(small, "https://example.org/", cache)
    assert len(first.rendered) == 4 and first.cached == []

    again = worksheet_pdfs(small, "https://example.org/", cache)
    assert again.rendered == [] and len(again.cached) == 4
    assert again.files == first.files

    changed_sheet = small.worksheets[1].model_copy(update={"title": small.worksheets[1].title + " (revised)"})
    changed = small.model_copy(update={"worksheets": [small.worksheets[0], changed_sheet]})
    third = worksheet_pdfs(changed, "https://example.org/", cache)
    sheet_id = changed_sheet.id
    assert sorted(third.rendered) == sorted(f"worksheets/{sheet_id}/{sheet_id}-{p.id}.pdf" for p in PAPERS)
    assert len(third.cached) == 2
    assert len(list(cache.folder.glob("*.pdf"))) == 6


SMALL_WORKSHEET = (ROOT / "tests" / "fixtures" / "small-worksheet.yaml").read_text(encoding="utf-8")


def test_generate_adds_the_pdfs_and_caches_them(
    tmp_path: Path, valid_data: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    (valid_data / "worksheets.yaml").write_text(SMALL_WORKSHEET, encoding="utf-8")
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "cache"))
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.playbook.pdf")

    edition = load_edition(valid_data, site_url="https://example.org/playbook/")
    files = dict(site_files(edition))  # what the MkDocs plugin writes
    assert "worksheet PDFs: 2 rendered, 0 from cache" in caplog.text
    event_kit = [path for path in files if path.startswith("event-kit/") and path.endswith(".pdf")]  # same cache
    assert len(list((tmp_path / "cache" / "pdf").glob("*.pdf"))) == 2 + len(event_kit)
    pdf = files["worksheets/quick-check/quick-check-a4.pdf"]
    assert isinstance(pdf, bytes)
    (tmp_path / "check.pdf").write_bytes(pdf)
    text = words(PdfReader(tmp_path / "check.pdf").pages[0].extract_text())
    assert "https://example.org/playbook/worksheets/quick-check/" in text

    caplog.clear()
    out = tmp_path / "docs"
    write_docs_tree(edition, ROOT / "content", out)  # what `playbook generate` does
    assert "worksheet PDFs: 0 rendered, 2 from cache" in caplog.text
    assert (out / "worksheets" / "quick-check" / "quick-check-letter.pdf").read_bytes().startswith(b"%PDF-")
    assert (out / "worksheets" / "quick-check.md").is_file()


def test_without_a_site_address_the_pdfs_print_the_pages_path(
    tmp_path: Path, valid_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No guessed address on paper: the page's path in the site, so a reader can still find it."""
    (valid_data / "worksheets.yaml").write_text(SMALL_WORKSHEET, encoding="utf-8")
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "cache"))
    files = dict(site_files(load_edition(valid_data)))
    (tmp_path / "check.pdf").write_bytes(files["worksheets/quick-check/quick-check-a4.pdf"])
    text = words(PdfReader(tmp_path / "check.pdf").pages[0].extract_text())
    assert "“A quick check”, from The Networking Playbook, CC BY 4.0 worksheets/quick-check/ " in text
    assert "http" not in text


def _widgets(page: Any) -> dict[str, Any]:
    """A page's widgets by full field name (partial names joined up the /Parent chain)."""
    found = {}
    for annotation in page.get("/Annots") or []:
        widget = annotation.get_object()
        parts, node = [], widget
        while node is not None:
            if "/T" in node:
                parts.append(str(node["/T"]))
            node = node.get("/Parent").get_object() if "/Parent" in node else None
        found[".".join(reversed(parts))] = widget
    return found


def _box(rect: Any) -> tuple[float, float, float, float]:
    """A /Rect as (left, bottom, right, top), whichever corners it names (WeasyPrint's run top to bottom)."""
    xs, ys = sorted(float(v) for v in rect[0::2]), sorted(float(v) for v in rect[1::2])
    return xs[0], ys[0], xs[1], ys[1]


def _ink(png: Path, box: tuple[float, float, float, float], page_height: float, dpi: int) -> float:
    """The share of dark pixels inside a widget's rectangle (PDF points), its edges left out."""
    from PIL import Image

    left, bottom, right, top = box
    inset = 0.25 * (right - left)
    scale = dpi / 72
    image = Image.open(png).convert("L")
    area = (
        round((left + inset) * scale),
        round((page_height - top + inset) * scale),
        round((right - inset) * scale),
        round((page_height - bottom - inset) * scale),
    )
    levels = image.crop(area).histogram()  # pixels per grey level, 0 to 255
    return sum(levels[:128]) / sum(levels)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm (make test installs it)")
@pytest.mark.parametrize("regenerate", [True, False], ids=["tool-sets-need-appearances", "tool-leaves-flags"])
def test_a_box_ticked_and_saved_by_a_pdf_tool_shows_ticked_in_poppler(
    pdfs: dict[tuple[str, str], PdfReader], tmp_path: Path, regenerate: bool
) -> None:
    """The bug: with NeedAppearances set and no caption, poppler drew a ticked box empty."""
    writer = PdfWriter(clone_from=pdfs[("event-preparation-plan", "a4")])
    page = writer.pages[0]
    widgets = _widgets(page)
    ticked, left_empty = "ready.checks.arrival", "ready.checks.breather"
    on = next(state for state in widgets[ticked]["/AP"]["/N"] if state != "/Off")
    writer.update_page_form_field_values(page, {ticked: on}, auto_regenerate=regenerate)
    saved = tmp_path / "ticked.pdf"
    writer.write(saved)
    dpi = 150
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-f", "1", "-l", "1", str(saved), str(tmp_path / "p")], check=True
    )
    (png,) = tmp_path.glob("p-*.png")
    height = float(page.mediabox.height)
    boxes = {name: _box(widgets[name]["/Rect"]) for name in (ticked, left_empty)}
    assert _ink(png, boxes[ticked], height, dpi) > 0.05
    assert _ink(png, boxes[left_empty], height, dpi) == 0


def test_tick_boxes_carry_their_own_looks(pdfs: dict[tuple[str, str], PdfReader]) -> None:
    reader = pdfs[("event-preparation-plan", "letter")]
    assert "/NeedAppearances" not in reader.trailer["/Root"]["/AcroForm"]
    boxes = [w for w in _widgets(reader.pages[0]).values() if w.get("/FT") == "/Btn"]
    assert boxes
    for box in boxes:
        assert set(box["/AP"]["/N"]) == {"/on", "/Off"}
        assert box["/MK"]["/CA"] == "4"
        assert str(box["/DA"]).startswith("/ZaDb ")
    assert "/ZaDb" in reader.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"]
