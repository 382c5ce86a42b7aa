"""Reading a built site: its pages, their links and anchors, for link and reachability checks."""

from __future__ import annotations

import posixpath
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("name"):
            self.ids.add(str(values["name"]))
        for attribute in ("href", "src"):
            value = values.get(attribute)
            if value and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.links.append(value)


@dataclass
class Page:
    path: str  # site-relative URL path, e.g. "tips/x/"
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


def read_site(site: Path) -> dict[str, Page]:
    """Every HTML page of the site, keyed by its URL path."""
    pages: dict[str, Page] = {}
    for file in site.rglob("*.html"):
        relative = file.relative_to(site).as_posix()
        url = relative.removesuffix("index.html")
        parser = _PageParser()
        parser.feed(file.read_text(encoding="utf-8"))
        pages[url] = Page(url, parser.links, parser.ids)
    return pages


def resolve(page: str, link: str) -> tuple[str, str] | None:
    """A link's site-relative target path and fragment, or None if it leaves the site."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("//"):
        return None
    target, fragment = urldefrag(link)
    if not target:
        return page, unquote(fragment)
    base = posixpath.dirname(page.rstrip("/") + "/x") if page else ""
    joined = posixpath.normpath(posixpath.join("/", base, unquote(target)))
    path = joined.lstrip("/")
    if target.endswith("/") and path:
        path += "/"
    return ("" if path == "." else path), unquote(fragment)


def broken_links(site: Path) -> list[str]:
    """`page -> link (why)` for every internal link or anchor that leads nowhere."""
    pages = read_site(site)
    problems = []
    for page in pages.values():
        for link in page.links:
            resolved = resolve(page.path, link)
            if resolved is None:
                continue
            target, fragment = resolved
            file = site / target
            if target == "" or target.endswith("/"):
                if target not in pages:
                    problems.append(f"{page.path or '/'} -> {link} (no page)")
                    continue
            elif not file.is_file():
                if (file / "index.html").is_file():
                    target += "/"
                else:
                    problems.append(f"{page.path or '/'} -> {link} (no file)")
                    continue
            if fragment and target in pages and fragment not in pages[target].ids:
                problems.append(f"{page.path or '/'} -> {link} (no anchor #{fragment})")
    return problems


def click_depths(site: Path, start: str = "") -> dict[str, int]:
    """Fewest clicks from the start page to every page reachable by links."""
    pages = read_site(site)
    depth = {start: 0}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        for link in pages[current].links:
            resolved = resolve(current, link)
            if resolved is None:
                continue
            target = resolved[0]
            if target in pages and target not in depth:
                depth[target] = depth[current] + 1
                queue.append(target)
    return depth
