"""Turning data text into safe HTML or Markdown.

Data is written by hand and, in association forks, by strangers: Markdown
from data is rendered and then cleaned against an allow-list, and plain text
is escaped for the context it lands in (HTML, Markdown, YAML front matter).
"""

from __future__ import annotations

import json
import posixpath
import re

import markdown as markdown_lib
import nh3
from markupsafe import Markup, escape

ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "b", "i", "br", "code", "blockquote", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"https", "http", "mailto"}

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def prose(text: str) -> Markup:
    """Markdown from data as sanitised HTML: no raw HTML, scripts or unsafe links."""
    html = markdown_lib.markdown(text, output_format="html")
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


def page_url(src_path: str) -> str:
    """The directory URL of a docs file, relative to the site root.

    `index.md` -> ``, `tips/index.md` -> `tips/`, `tips/x.md` -> `tips/x/`.
    """
    stem = src_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_url(from_src: str, to_src: str, anchor: str = "") -> str:
    """A link from one docs page to another (or to a file) as a relative URL."""
    here = page_url(from_src)
    target = page_url(to_src) if to_src.endswith(".md") else to_src
    rel = posixpath.relpath("/" + target, "/" + here) if target != here else "."
    if to_src.endswith(".md") and not rel.endswith("/"):
        rel += "/"
    if rel == "./":
        rel = "./"
    return rel + (f"#{anchor}" if anchor else "")
