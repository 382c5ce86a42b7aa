"""Everything one build generates from the dataset, as a stream of files for any engine.

The MkDocs plugin writes this stream into a per-build folder and hands MkDocs the files;
`playbook generate` writes it beside the hand-written pages, as a complete docs tree that
ProperDocs, Zensical or any engine reading mkdocs.yml can build as it is. Nothing here imports
an engine.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .branding import Brand, apply_brand, brand_files, load_brand
from .deck_pdf import event_kit_pdfs
from .loader import load_dataset
from .outputs import install, staging_folder
from .pdf import PdfCache, worksheet_pdfs
from .render import iter_site
from .render.environment import RenderSettings
from .schema import Dataset

Content = str | bytes


@dataclass(frozen=True)
class Edition:
    """One build's input, validated: the dataset (narrowed by a brand), the brand, and the address.

    `site_url` is the public address ("" when the builder set none); the offline copy links by
    file name and has no address of its own, but its PDFs still print the public one.
    """

    dataset: Dataset
    brand: Brand | None = None
    brand_dir: Path | None = None
    site_url: str = ""
    offline: bool = False

    @property
    def settings(self) -> RenderSettings:
        """How pages are rendered: absolute URLs only online, and the brand's name if any."""
        return RenderSettings(
            site_url="" if self.offline else self.site_url,
            site_name=self.brand.name if self.brand is not None else RenderSettings.site_name,
            directory_urls=not self.offline,
        )


def load_edition(
    data_dir: Path, brand_file: Path | None = None, *, site_url: str = "", offline: bool = False
) -> Edition:
    """Read and validate the brand file and the dataset; DatasetError lists every located problem."""
    brand = load_brand(brand_file) if brand_file is not None else None
    dataset = load_dataset(data_dir)
    if brand is not None:
        dataset = apply_brand(dataset, brand)
    brand_dir = brand_file.resolve().parent if brand_file is not None else None
    return Edition(dataset, brand, brand_dir, site_url, offline)


def site_files(
    edition: Edition, pdf_cache: PdfCache | None = None, earlier_pdfs: Mapping[str, bytes] | None = None
) -> Iterator[tuple[str, Content]]:
    """Every generated file of the docs tree, one at a time (pages, API, embeds, PDFs, brand assets).

    A stream rather than a mapping: at 10,000 tips the rendered pages are hundreds of MB, and a
    writer needs only one at a time. `earlier_pdfs` is for a live preview only (see
    `deck_pdf.event_kit_pdfs`).
    """
    yield from iter_site(edition.dataset, edition.settings)
    cache = pdf_cache or PdfCache.default()
    yield from worksheet_pdfs(edition.dataset, edition.site_url, cache).files.items()
    yield from event_kit_pdfs(edition.dataset, edition.site_url, cache, earlier_pdfs).files.items()
    if edition.brand is not None:
        yield from brand_files(edition.brand, edition.brand_dir or Path(".")).items()


def write_file(folder: Path, relative: str, content: Content) -> Path:
    """Write one generated file (text as UTF-8) under folder, making its folders; return its path."""
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    return target


def write_files(folder: Path, files: Iterable[tuple[str, Content]]) -> list[str]:
    """Write files under folder; return their paths in the order written."""
    written = []
    for relative, content in files:
        write_file(folder, relative, content)
        written.append(relative)
    return written


class ClashError(Exception):
    """A generated file would replace a hand-written page; the message lists them."""


def write_docs_tree(edition: Edition, content_dir: Path, out_dir: Path) -> int:
    """Write content/ plus every generated file to out_dir (built beside it and swapped in).

    Returns how many files were written. A generated file never overwrites a hand-written one:
    that is a ClashError and out_dir stays as it was.
    """
    hand_written = sorted(p for p in content_dir.rglob("*") if p.is_file()) if content_dir.is_dir() else []
    names = {p.relative_to(content_dir).as_posix() for p in hand_written}
    staging = staging_folder(out_dir)
    try:
        for path in hand_written:
            target = staging / path.relative_to(content_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        generated = write_files(staging, _without_clashes(site_files(edition), names))
        install(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return len(hand_written) + len(generated)


def _without_clashes(files: Iterable[tuple[str, Content]], hand_written: set[str]) -> Iterator[tuple[str, Content]]:
    clashes = []
    for path, content in files:
        if path in hand_written:
            clashes.append(path)
            continue
        yield path, content
    if clashes:
        raise ClashError(f"hand-written files clash with generated ones: {', '.join(sorted(clashes))}")
