"""An association's branded build: its name, colours, logo and contact, and only its tips."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.branding import apply_brand, keep_nav_entry, load_brand
from generator.errors import DatasetError
from generator.references import check_references
from generator.schema import Dataset
from tests.conftest import ROOT, run_playbook

EXAMPLE = ROOT / "branding" / "example-association.yml"


@pytest.fixture(scope="module")
def branded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("brand") / "site"
    result = run_playbook("build", "--brand", str(EXAMPLE), "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    return site


def test_branded_site_shows_the_association(branded_site: Path) -> None:
    brand = load_brand(EXAMPLE)
    home = (branded_site / "index.html").read_text()
    assert "Northern Allied Health Association" in home
    assert "events@northern-allied-health.example" in home
    assert 'href="assets/brand/brand.css"' in home
    assert brand.colours.primary in (branded_site / "assets" / "brand" / "brand.css").read_text()
    assert (branded_site / "assets" / "brand" / "logo.svg").read_bytes().startswith(b"<svg")
    assert 'src="assets/brand/logo.svg"' in home


def test_branded_site_keeps_only_the_selected_tips(branded_site: Path, dataset: Dataset) -> None:
    tags = set(load_brand(EXAMPLE).include.tags)
    for tip in dataset.tips:
        page = branded_site / "tips" / tip.id / "index.html"
        assert page.exists() == bool(set(tip.tags) & tags), tip.id


def test_dropping_tips_leaves_no_dangling_reference(dataset: Dataset) -> None:
    brand = load_brand(EXAMPLE).model_copy(
        update={"include": load_brand(EXAMPLE).include.model_copy(update={"tags": ["etiquette"]})}
    )
    branded = apply_brand(dataset, brand)
    assert len(branded.tips) == 5
    assert check_references(branded) == []
    kept = {tip.id for tip in branded.tips}
    assert branded.words and all(set(words.tips) <= kept for words in branded.words)
    assert {r.replaced_by for r in branded.retired_tips} <= kept


def test_an_edition_without_organisers_keeps_no_organisers_words(dataset: Dataset) -> None:
    include = load_brand(EXAMPLE).include.model_copy(update={"tags": [], "audience": ["individual"]})
    branded = apply_brand(dataset, load_brand(EXAMPLE).model_copy(update={"include": include}))
    assert branded.words and all(words.audience == "individual" for words in branded.words)
    assert [r.id for r in branded.retired_tips] == ["link-inside-and-outside-contacts", "standing-quarterly-coffee"]
    assert check_references(branded) == []


def test_sections_shape_the_navigation() -> None:
    assert keep_nav_entry({"Quizzes": ["quizzes/index.md"]}, ["tips"]) is False
    assert keep_nav_entry({"Tips": ["tips/index.md", {"Tips matrix": "tips/matrix.md"}]}, ["tips"]) is True
    assert keep_nav_entry({"Home": "index.md"}, ["tips"]) is True
    assert keep_nav_entry({"Why network": "why-network.md"}, ["tips"]) is False


def test_bad_brand_file_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "brand.yml"
    bad.write_text("id: x\nname: X\ncolours:\n  primary: blue\n  accent: '#000000'\ncontact: Hi\n")
    with pytest.raises(DatasetError, match=r"brand.yml:4:12: colours.primary"):
        load_brand(bad)
    result = run_playbook("build", "--brand", str(bad), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
