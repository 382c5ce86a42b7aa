"""Link previews (generator/render/previews.py and overrides/partials/link-preview.html): a picture
per kind of page, drawn at build time from local fonts, and Open Graph / Twitter card tags on every
page, with absolute addresses only when the site has one."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
from PIL import Image, ImageFont

from generator.caches import CACHE_DIR_VARIABLE
from generator.loader import load_dataset
from generator.render import previews as module
from generator.render import render_site
from generator.render.environment import RenderSettings
from generator.render.previews import SIZE, font, preview_path, previews
from generator.schema import Dataset
from tests.conftest import DATA, ROOT

PARTIAL = ROOT / "overrides" / "partials" / "link-preview.html"


def test_every_kind_of_page_gets_a_picture(dataset: Dataset) -> None:
    files = render_site(dataset, RenderSettings(site_url="https://example.org/playbook/"))
    kinds = [p.kind for p in previews(dataset, "The Networking Playbook")]
    expected = {"home", "network-types", "outcomes", "why-network", "tips", "quizzes", "worksheets", "sources"}
    assert set(kinds) == expected
    for kind in kinds:
        data = files[preview_path(kind)]
        assert isinstance(data, bytes)
        image = Image.open(io.BytesIO(data))
        assert image.format == "PNG" and image.size == SIZE
        assert len(data) < 40_000


def test_a_branded_edition_puts_its_own_name_on_the_pictures(dataset: Dataset) -> None:
    own = render_site(dataset, RenderSettings(site_url="https://example.org/"))
    branded = render_site(dataset, RenderSettings(site_url="https://example.org/", site_name="Northern Alliance"))
    assert own[preview_path("tips")] != branded[preview_path("tips")]


def test_pictures_are_drawn_in_liberation_sans() -> None:
    face = font(True, 40)
    assert isinstance(face, ImageFont.FreeTypeFont)
    assert face.getname() == ("Liberation Sans", "Bold")


def test_the_partial_lists_the_kinds_the_renderer_draws(dataset: Dataset) -> None:
    listed = re.search(r"kind not in \[([^\]]*)\]", PARTIAL.read_text(encoding="utf-8"))
    assert listed
    in_partial = set(re.findall(r'"([^"]+)"', listed.group(1)))
    assert in_partial | {"home"} == {p.kind for p in previews(dataset, "x")}


def _partial(site_url: str, url: str, **page: Any) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")))
    config = SimpleNamespace(
        site_url=site_url, site_name="The Networking Playbook", site_description="Practical & warm guidance."
    )
    this = SimpleNamespace(url=url, is_homepage=url == "", canonical_url=(site_url + url) if site_url else None, **page)
    return env.get_template("partials/link-preview.html").render(config=config, page=this)


def _meta(html: str) -> dict[str, str]:
    found = {}
    for key, value in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html):
        found[key] = value
    return found


def test_without_a_site_address_no_page_address_or_picture_is_given() -> None:
    tags = _meta(_partial("", "tips/x/", meta={"title": "A tip", "description": "What it says."}, title="A tip"))
    assert tags["og:title"] == "A tip" and tags["og:description"] == "What it says."
    assert tags["twitter:card"] == "summary"
    assert not [key for key in tags if key in ("og:url", "og:image", "twitter:image")]


def test_with_a_site_address_every_address_is_absolute() -> None:
    tags = _meta(_partial("https://example.org/pb/", "collections/ten/", meta={}, title="Ten <b>tips</b>"))
    assert tags["og:url"] == "https://example.org/pb/collections/ten/"
    assert tags["og:image"] == "https://example.org/pb/assets/previews/tips.png"
    assert tags["og:title"] == "Ten tips"
    assert tags["og:description"] == "Practical &amp; warm guidance."
    assert tags["twitter:card"] == "summary_large_image"
    home = _meta(_partial("https://example.org/pb/", "", meta={"title": "The Networking Playbook"}, title="x"))
    assert home["og:image"] == "https://example.org/pb/assets/previews/home.png"
    other = _meta(_partial("https://example.org/pb/", "how-to-use/", meta={"title": "How"}, title="How"))
    assert other["og:image"].endswith("/home.png")


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, str] = {}
        self.canonical = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        key = found.get("property") or found.get("name")
        if tag == "meta" and key and found.get("content") is not None:
            self.tags[key] = str(found["content"])
        if tag == "link" and found.get("rel") == "canonical":
            self.canonical = str(found.get("href"))


def test_every_page_of_the_built_site_has_a_preview(built_site: Path, site_url: str) -> None:
    retired = {f"tips/{tip.id}/index.html" for tip in load_dataset(DATA).retired_tips}  # redirect pages
    pages = [
        p
        for p in built_site.rglob("index.html")
        if "embed" not in p.relative_to(built_site).parts and p.relative_to(built_site).as_posix() not in retired
    ]
    assert len(pages) > 80
    for path in pages:
        head = _Head()
        head.feed(path.read_text(encoding="utf-8"))
        tags = head.tags
        where = path.relative_to(built_site).as_posix()
        assert tags.get("og:title") and tags.get("og:description"), where
        assert tags["og:url"] == head.canonical, where
        image = tags["og:image"]
        assert image.startswith(site_url), where
        assert (built_site / image.removeprefix(site_url)).is_file(), where
    home = _Head()
    home.feed((built_site / "index.html").read_text(encoding="utf-8"))
    assert home.tags["og:title"] == "The Networking Playbook"


def test_a_picture_drawn_once_is_read_from_the_cache_and_a_damaged_one_is_drawn_again(
    tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path))
    drawn: list[str] = []
    draw = module.picture.__wrapped__

    def counted(site_name: str, title: str, summary: str) -> bytes:
        drawn.append(title)
        return draw(site_name, title, summary)

    monkeypatch.setattr(module, "picture", counted)
    module.stored_picture.cache_clear()
    first = module.stored_picture("A site", "A cached card", "Its summary")
    module.stored_picture.cache_clear()  # a new process
    assert module.stored_picture("A site", "A cached card", "Its summary") == first
    assert drawn == ["A cached card"]
    [entry] = (tmp_path / "previews").glob("*.png")
    entry.write_bytes(first[: len(first) // 2])  # cut short, as by a full disk
    module.stored_picture.cache_clear()
    assert module.stored_picture("A site", "A cached card", "Its summary") == first
    assert drawn == ["A cached card", "A cached card"]
    module.stored_picture.cache_clear()
