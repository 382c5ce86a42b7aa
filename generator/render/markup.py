"""Turning data text into safe HTML or Markdown.

Data is written by hand and, in association forks, by strangers: Markdown
from data is rendered and then cleaned against an allow-list, and plain text
is escaped for the context it lands in (HTML, Markdown, YAML front matter).
"""

from __future__ import annotations

import json
import posixpath
import re
import threading
from contextvars import ContextVar
from functools import lru_cache

import markdown as markdown_lib
import nh3
from markupsafe import Markup, escape

ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "b", "i", "br", "code", "blockquote", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"https", "http", "mailto"}

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


_converters = threading.local()


def _markdown() -> markdown_lib.Markdown:
    """This thread's Markdown converter, reset for a new document.

    Building one costs about a quarter of a typical conversion, so it is built
    once per thread, not per call.
    """
    converter: markdown_lib.Markdown | None = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown_lib.Markdown(output_format="html")
    return converter.reset()


PROSE_CACHE_SIZE = 32_768
"""Enough for every prose field of a 10,000-tip dataset: one build renders each tip body three
times (its page, its embed page and the JSON API), and Markdown is most of the generator's time."""


@lru_cache(maxsize=PROSE_CACHE_SIZE)
def prose(text: str) -> Markup:
    """Markdown from data as sanitised HTML: no raw HTML, scripts or unsafe links.

    Pure, so each distinct text is converted once and then served from a bounded cache.
    """
    html = _markdown().convert(text)
    return Markup(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_SCHEMES,
            link_rel="noopener noreferrer",
        )
    )


def md_text(text: str) -> Markup:
    """Plain text for a Markdown context (a heading): HTML-escaped, Markdown inert."""
    return Markup(_MARKDOWN_SPECIALS.sub(r"\\\1", str(escape(" ".join(text.split())))))


def yaml_string(text: str) -> Markup:
    """A YAML (front matter) string: JSON strings are valid YAML."""
    return Markup(json.dumps(text, ensure_ascii=False))


DIRECTORY_URLS: ContextVar[bool] = ContextVar("directory_urls", default=True)
"""Whether pages live at `tips/x/` (the default) or `tips/x.html` (the offline build, opened from file://)."""


def page_url(src_path: str) -> str:
    """The URL of a docs file, relative to the site root.

    Directory URLs: `index.md` -> ``, `tips/index.md` -> `tips/`, `tips/x.md` -> `tips/x/`.
    File URLs: `index.md` -> `index.html`, `tips/x.md` -> `tips/x.html`.
    """
    stem = src_path.removesuffix(".md")
    if not DIRECTORY_URLS.get():
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def _folder(url: str) -> str:
    """The folder a page's HTML sits in: `tips/x/` -> `tips/x/`, `tips/x.html` -> `tips/`."""
    return url if url == "" or url.endswith("/") else posixpath.dirname(url) + "/" if "/" in url else ""


def relative_url(from_src: str, to_src: str, anchor: str = "") -> str:
    """A link from one docs page to another page (a .md path) or file, as a relative URL."""
    here = _folder(page_url(from_src))
    target = page_url(to_src) if to_src.endswith(".md") else to_src
    rel = posixpath.relpath("/" + target, "/" + here)
    if target == "" or target.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")
