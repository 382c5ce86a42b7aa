"""Turning data text into safe HTML or Markdown.

Data is written by hand and, in association forks, by strangers: Markdown
from data is rendered and then cleaned against an allow-list, and plain text
is escaped for the context it lands in (HTML, Markdown, YAML front matter).
"""

from __future__ import annotations

import json
import posixpath
import re
from contextvars import ContextVar
from functools import lru_cache

import cmarkgfm
import nh3
from markupsafe import Markup, escape

ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "b", "i", "br", "code", "blockquote", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"https", "http", "mailto"}

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


PROSE_CACHE_SIZE = 32_768
"""Enough for every prose field of a 10,000-tip dataset: one build renders each tip body three
times (its page, its embed page and the JSON API)."""


@lru_cache(maxsize=PROSE_CACHE_SIZE)
def prose(text: str) -> Markup:
    """Markdown from data as sanitised HTML: no raw HTML, scripts or unsafe links.

    cmark (CommonMark, GitHub's C library) converts: it is about fifteen times faster than
    Python-Markdown, which made Markdown most of the generator's time, and it gives the same HTML
    for every prose field in data/ (tests/test_render.py). In its default safe mode it drops raw
    HTML and dangerous links before nh3 cleans against the allow-list. Pure, so each distinct text
    is converted once and then served from a bounded cache.
    """
    html = cmarkgfm.markdown_to_html(text)
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


def html_yaml_string(text: str) -> Markup:
    """A front-matter string that themes print as HTML: escaped first, then as YAML.

    MkDocs' theme templates (Material's included) print a page's title and description without
    escaping, into <title>, <meta> and the header; escaping them here keeps that true for any
    engine that builds the generated tree.
    """
    return yaml_string(str(escape(text)))


_BLOCK_END = re.compile(
    r"(</(?:p|li|dt|dd|td|th|tr|caption|thead|tbody|tfoot|table|ul|ol|dl|div|section|figure|figcaption"
    r"|fieldset|legend|h[1-6]|option|text)>)(?=<)"
)


def spaced_blocks(html: str) -> str:
    """A space after each closing tag of a block, cell or SVG text that another tag follows at once.

    Browsers separate blocks when they lay them out, but the search index keeps only the text
    between tags: "<td>Name</td><td>Role</td>" became "NameRole" in search results. Whitespace
    between these elements does not change how a page looks.
    """
    return _BLOCK_END.sub(r"\1 ", html)


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


def relpath(target: str, folder: str) -> str:
    """posixpath.relpath("/" + target, "/" + folder) for the site's clean, root-relative paths.

    The site has tens of thousands of links per 1,000 tips; posixpath normalises both paths
    against the working directory first, which made links a fifth of the render time.
    """
    to = [part for part in target.split("/") if part]
    here = [part for part in folder.split("/") if part]
    common = 0
    for a, b in zip(to, here, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def relative_url(from_src: str, to_src: str, anchor: str = "") -> str:
    """A link from one docs page to another page (a .md path) or file, as a relative URL."""
    here = _folder(page_url(from_src))
    target = page_url(to_src) if to_src.endswith(".md") else to_src
    rel = relpath(target, here)
    if target == "" or target.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")
