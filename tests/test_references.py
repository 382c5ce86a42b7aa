"""Cross-record checks: reserved ids for every kind of page, and references listed twice."""

from __future__ import annotations

from pathlib import Path

from generator.loader import load_dataset
from generator.references import PAGE_FOLDERS, RESERVED_IDS
from generator.render import render_site
from generator.render.embeds import NOT_RECORDS
from generator.render.environment import RenderSettings


def test_reserved_ids_cover_every_page_a_section_has_of_its_own(valid_data: Path) -> None:
    """Whatever the renderers put in a section's folder that is not a record is reserved there,
    so a record can never replace it (the list cannot fall behind a new page)."""
    dataset = load_dataset(valid_data)
    pages = render_site(dataset, RenderSettings(site_url="https://example.org/"))
    for section, folder in PAGE_FOLDERS.items():
        sharing = [other for other, its_folder in PAGE_FOLDERS.items() if its_folder == folder]  # tips, retired
        record_ids = {record.id for other in sharing for record in getattr(dataset, other)}
        own_pages = {
            path.removeprefix(f"{folder}/").removesuffix(".md")
            for path in pages
            if path.startswith(f"{folder}/") and path.endswith(".md") and path.count("/") == 1
        } - record_ids
        assert own_pages <= RESERVED_IDS[section], (section, own_pages)
        assert "index" in RESERVED_IDS[section]


def test_embeds_skip_exactly_the_reserved_pages() -> None:
    assert frozenset().union(*RESERVED_IDS.values()) == NOT_RECORDS
