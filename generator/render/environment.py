"""The one Jinja environment every renderer shares, and the settings of one render.

Autoescape is on for every template (the `.md` ones too: their text becomes
HTML), and StrictUndefined turns a template typo into a build failure.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from .embeds import embed_target, oembed, snippet
from .markup import DIRECTORY_URLS, md_text, page_url, prose, relative_url, spaced_blocks, yaml_string

Output = dict[str, str | bytes]
"""Generated files: docs-relative path -> content."""


@dataclass(frozen=True)
class RenderSettings:
    """What a render needs to know about where the site will live."""

    site_url: str = ""
    """Absolute base URL, ending in '/'; embeds and oEmbed need it (no embeds without it)."""
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


@cache
def environment() -> Environment:
    """The shared environment (built once: template compilation is not free)."""
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(prose=prose, md=md_text, yaml=yaml_string)
    env.globals.update(page_url=page_url, relative_url=relative_url)
    return env


def render_page(template: str, src: str, **context: object) -> str:
    """Render one page template for the docs file `src`.

    `link(to, anchor)` inside the template gives a URL relative to `src`; `front` (a dict)
    adds keys to the page's front matter. Blocks are spaced apart (spaced_blocks) so that the
    search index, which keeps only the text, never runs two of them together.
    """

    def link(to: str, anchor: str = "") -> str:
        return relative_url(src, to, anchor)

    context.setdefault("front", {})
    context.setdefault("embedded", False)
    return spaced_blocks(environment().get_template(template).render(src=src, link=link, **context))


def render_pages(template: str, src: str, **context: object) -> Output:
    """The page at `src` and, if it is an embeddable record, its embed page and oEmbed response."""
    settings = SETTINGS.get()
    target = embed_target(src)
    if target is None or not settings.site_url:
        return {src: render_page(template, src, **context)}
    embed_front = {"template": "embed.html", "playbook_page": relative_url(target.src, src), "search_exclude": True}
    embed_page = render_page(template, target.src, front=embed_front, embedded=True, **context)
    title = front_matter_title(embed_page)
    main_front = {
        "oembed_path": target.oembed,
        "embed_kind": target.kind,
        "embed_snippet": snippet(settings.site_url, target, title),
    }
    return {
        src: render_page(template, src, front=main_front, **context),
        target.src: embed_page,
        target.oembed: oembed(settings.site_url, settings.site_name, target, title),
    }


def front_matter_title(page: str) -> str:
    """The title a rendered page declares (front matter strings are written as JSON)."""
    for line in page.split("\n---\n", 1)[0].splitlines():
        if line.startswith("title: "):
            return str(json.loads(line.removeprefix("title: ")))
    raise ValueError("rendered page has no title in its front matter")
