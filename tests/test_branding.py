"""An association's branded build: its name, colours, logo and contact, and only its tips."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path

import markupsafe
import pytest
from PIL import Image
from pydantic import ValidationError

from generator.branding import (
    Colours,
    apply_brand,
    brand_css,
    brand_files,
    brand_logo_path,
    keep_nav_entry,
    load_brand,
)
from generator.errors import DatasetError
from generator.references import check_references
from generator.render.embeds import embed_target, oembed
from generator.schema import Dataset
from tests.conftest import FIXTURES, ROOT, run_playbook

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


INVALID_BRANDS = sorted(p for p in (FIXTURES / "invalid-brand").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", INVALID_BRANDS, ids=[c.name for c in INVALID_BRANDS])
def test_invalid_brand_case_reports_exact_location(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    location, message = (case / "expected.txt").read_text(encoding="utf-8").splitlines()[:2]
    monkeypatch.chdir(case)
    with pytest.raises(DatasetError) as error:
        load_brand(Path("brand.yml"))
    reported = str(error.value).splitlines()
    assert any(line.startswith(location + ":") and message in line for line in reported), reported


BRAND_TEXT = """id: test-association
name: Test Association
logo: {logo}
colours:
  primary: "#1d4e89"
  accent: "#a23b12"
contact: Write to events@example.org.
"""


def _brand_with_logo(folder: Path, logo: str) -> Path:
    brand = folder / "brand.yml"
    brand.write_text(BRAND_TEXT.format(logo=logo))
    return brand


def _logo_problem(brand: Path) -> str:
    with pytest.raises(DatasetError) as error:
        load_brand(brand)
    [problem] = error.value.problems
    assert (problem.file, problem.line, problem.column, problem.path) == (str(brand), 3, 7, "logo")
    return problem.message


@pytest.mark.parametrize(
    ("name", "pillow_format", "published"),
    [
        ("logo.png", "PNG", "assets/brand/logo.png"),
        ("art/Logo.JPG", "JPEG", "assets/brand/logo.jpg"),
        ("logo.jpeg", "JPEG", "assets/brand/logo.jpeg"),
        ("logo.webp", "WEBP", "assets/brand/logo.webp"),
    ],
)
def test_a_raster_logo_is_published_under_its_own_type(
    name: str, pillow_format: str, published: str, tmp_path: Path
) -> None:
    (tmp_path / name).parent.mkdir(exist_ok=True)
    Image.new("RGB", (40, 20), (29, 78, 137)).save(tmp_path / name, pillow_format)
    brand = load_brand(_brand_with_logo(tmp_path, name))
    files = brand_files(brand, tmp_path)
    assert brand_logo_path(brand) == published
    assert files[published] == (tmp_path / name).read_bytes()


def test_a_logo_inside_a_linked_folder_of_the_brand_folder_is_fine(tmp_path: Path) -> None:
    (tmp_path / "art").mkdir()
    shutil.copy(EXAMPLE.parent / "example-association-logo.svg", tmp_path / "art" / "logo.svg")
    (tmp_path / "current.svg").symlink_to("art/logo.svg")
    assert load_brand(_brand_with_logo(tmp_path, "current.svg")).logo == "current.svg"


def test_a_fifo_logo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "logo.svg")
    assert _logo_problem(_brand_with_logo(tmp_path, "logo.svg")) == (
        "'logo.svg' is a named pipe (FIFO), not a regular file: name a file saved on disk"
    )


def test_a_logo_linked_to_a_device_is_refused(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").symlink_to("/dev/zero")
    assert _logo_problem(_brand_with_logo(tmp_path, "logo.svg")).startswith(
        "'logo.svg' is /dev/zero, outside the brand file's folder"
    )


def test_a_logo_over_1_mib_is_refused_from_its_size(tmp_path: Path) -> None:
    with (tmp_path / "logo.png").open("wb") as file:
        file.truncate(200 * 1024 * 1024)  # the 200 MB file, sparse
    assert _logo_problem(_brand_with_logo(tmp_path, "logo.png")) == (
        "'logo.png' is 209,715,200 bytes; the limit is 1,048,576: make the image smaller"
    )


def test_the_logo_is_checked_again_when_it_is_published(tmp_path: Path) -> None:
    """A logo swapped for something else after the brand file was checked is still refused."""
    shutil.copy(EXAMPLE.parent / "example-association-logo.svg", tmp_path / "logo.svg")
    brand = load_brand(_brand_with_logo(tmp_path, "logo.svg"))
    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    with pytest.raises(DatasetError, match=r"logo: 'logo.svg' is an SVG with a <script> element"):
        brand_files(brand, tmp_path)


@pytest.mark.parametrize("colour", ["#1d4e89\n", "#1d4e89;}", "1d4e89", "#1d4e8", "#1d4e89 ", "#GGGGGG"])
def test_only_a_plain_hex_colour_reaches_the_css(colour: str) -> None:
    with pytest.raises(ValidationError):
        Colours(primary=colour, accent="#000000")


HOSTILE_NAME = "</title><script>alert('name')</script><img src=x onerror=alert(1)> & \"Co\""
HOSTILE_CONTACT = "<b>Write</b> to <a href=javascript:alert(2)>us</a> & 'friends'"


def test_brand_text_given_to_the_theme_is_escaped_once() -> None:
    brand = load_brand(EXAMPLE).model_copy(update={"name": HOSTILE_NAME, "contact": HOSTILE_CONTACT})
    assert str(brand.name_html) == html.escape(HOSTILE_NAME, quote=True)
    assert str(brand.contact_html) == html.escape(HOSTILE_CONTACT, quote=True)
    # Material also prints the name with `| e` (in title attributes): escaped text stays as it is.
    assert str(markupsafe.escape(brand.name_html)) == html.escape(HOSTILE_NAME, quote=True)


def test_brand_name_in_the_oembed_response_is_text_with_no_markup() -> None:
    target = embed_target("tips/some-tip.md")
    assert target is not None
    response = oembed("https://intranet.example/", HOSTILE_NAME, "tips/some-tip/", target, "A <b>tip</b>")
    assert json.loads(response)["provider_name"] == HOSTILE_NAME
    assert "<" not in response and ">" not in response and "&" not in response


def test_brand_css_holds_the_colours_and_nothing_else() -> None:
    brand = load_brand(EXAMPLE)
    css = brand_css(brand)
    assert set(re.findall(r"#[0-9a-fA-F]{6}", css)) == {brand.colours.primary, brand.colours.accent}
    assert brand.name not in css and brand.contact not in css
