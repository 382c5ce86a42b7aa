"""The one Jinja environment every renderer shares, and the settings of one render.

Autoescape is on for every template (the `.md` ones too: their text becomes
HTML), and StrictUndefined turns a template typo into a build failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from jinja2.bccache import Bucket, FileSystemBytecodeCache

from ..caches import cache_root
from .embeds import EMBED_LINKS, GUIDE_PAGE, GUIDE_SECTION, HELPER_PATH, credit, embed_target, oembed, snippet
from .markup import (
    DIRECTORY_URLS,
    html_yaml_string,
    md_text,
    page_url,
    prose,
    relative_url,
    spaced_blocks,
    yaml_string,
)

Output = dict[str, str | bytes]
"""Generated files: docs-relative path -> content."""


@dataclass(frozen=True)
class RenderSettings:
    """What a render needs to know about where the site will live."""

    site_url: str = ""
    """Absolute base URL, ending in '/', or "" when the builder set none: the oEmbed responses and
    the snippet written into pages need it (without it they are left out, never made wrong)."""
    site_name: str = "The Networking Playbook"
    directory_urls: bool = True


SETTINGS: ContextVar[RenderSettings] = ContextVar(
    "render_settings",
    default=RenderSettings(),  # noqa: B039 - a frozen dataclass
)


@contextmanager
def render_settings(settings: RenderSettings) -> Iterator[None]:
    """Use these settings for every page rendered inside the block."""
    token = SETTINGS.set(settings)
    url_token = DIRECTORY_URLS.set(settings.directory_urls)
    try:
        yield
    finally:
        DIRECTORY_URLS.reset(url_token)
        SETTINGS.reset(token)


class TemplateCache(FileSystemBytecodeCache):
    """Compiled templates kept on disk, so a build need not compile them again: compiling took two
    thirds of the generator's time on the playbook's own data. Jinja checks each entry against its
    template's source and its own version; a cache it cannot write only costs the time."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


@cache
def environment() -> Environment:
    """The shared environment (built once: template compilation is not free)."""
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        bytecode_cache=TemplateCache(str(cache_root() / "templates")),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(prose=prose, md=md_text, yaml=yaml_string, html_yaml=html_yaml_string)
    env.globals.update(page_url=page_url, relative_url=relative_url, print_address=print_address)
    return env


def print_address(to: str) -> str:
    """A docs page's address as paper shows it: absolute under the site's address when the build
    has one, else its path from the site root (a printed relative link would lead nowhere)."""
    return SETTINGS.get().site_url + page_url(to)


JAVASCRIPTS = "assets/javascripts/"
PAGE_SCRIPTS: dict[str, tuple[str, ...]] = {
    "quizzes": ("storage.js", "quiz.js"),
    "worksheets": ("storage.js", "worksheet-form.js"),
}
"""Scripts only a record page of a section runs (every page loads mkdocs.yml's extra_javascript):
about 14 KB gzipped that the other pages no longer fetch."""


def page_scripts(src: str, embedded: bool = False) -> list[str]:
    """The scripts a generated page needs beyond the site-wide ones (front matter `scripts`, which
    overrides/main.html and embed.html load in order): its section's, the tips filter on the tips
    index, and the copy button wherever there is something to copy (the "Embed this" control on a
    record's page; the words on a words page, embedded too)."""
    folder = src.removesuffix(".md").rpartition("/")[0].removeprefix("embed/")
    record = embed_target(src.removeprefix("embed/")) is not None
    scripts = list(PAGE_SCRIPTS.get(folder, ())) if record else []
    if src == "tips/index.md":
        scripts.append("tips-filter.js")
    if record and (not embedded or folder == "words"):
        scripts.append("embed-this.js")
    return [JAVASCRIPTS + script for script in scripts]


def render_page(template: str, src: str, **context: object) -> str:
    """Render one page template for the docs file `src`.

    `link(to, anchor)` inside the template gives a URL relative to `src`; `front` (a dict)
    adds keys to the page's front matter. Blocks are spaced apart (spaced_blocks) so that the
    search index, which keeps only the text, never runs two of them together.
    """

    def link(to: str, anchor: str = "") -> str:
        return relative_url(src, to, anchor)

    context.setdefault("embedded", False)  # an embed page (/embed/...): no site chrome such as breadcrumbs
    front = dict(context.pop("front", None) or {})  # type: ignore[call-overload]
    scripts = page_scripts(src, embedded=bool(context["embedded"]))
    if scripts:
        front["scripts"] = scripts
    context["front"] = front
    return spaced_blocks(environment().get_template(template).render(src=src, link=link, **context))


def render_pages(template: str, src: str, *, title: str, **context: object) -> Output:
    """The page at `src` and, if it is an embeddable record, its embed page (and, when the site has
    an address, its oEmbed response and the snippet written into the page).

    `title` is the page's title, from the data: the template shows it, and the credit line, the
    snippet and the oEmbed response name the page by it.
    """
    settings = SETTINGS.get()
    target = embed_target(src)
    if target is None:
        return {src: render_page(template, src, title=title, **context)}
    page_href = relative_url(target.src, src)
    page_path = page_url(src)
    embed_front = {
        "template": "embed.html",
        "playbook_page": page_href,
        "canonical_path": page_path,
        "search_exclude": True,
        **EMBED_LINKS,
    }
    embed_page = render_page(template, target.src, title=title, front=embed_front, embedded=True, **context)
    address = settings.site_url + page_path if settings.site_url else page_path
    main_front: dict[str, object] = {
        "embed_kind": target.kind,
        "embed_page": relative_url(src, target.src),
        "embed_guide": relative_url(src, GUIDE_PAGE, GUIDE_SECTION),
    }
    extra: Output = {}
    if settings.site_url:
        main_front.update(
            oembed_path=target.oembed,
            embed_url=settings.site_url + target.path,
            embed_helper=settings.site_url + HELPER_PATH,
            embed_snippet=snippet(settings.site_url, target, title),
        )
        extra[target.oembed] = oembed(settings.site_url, settings.site_name, page_path, target, title)
    return {
        src: render_page(template, src, title=title, front=main_front, **context),
        target.src: embed_page + credit(title, address, page_href, settings.site_name),
        **extra,
    }
