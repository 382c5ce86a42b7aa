"""Reuse, from one preview rebuild to the next, the work of every page whose inputs did not change.

`playbook serve` rebuilds the whole site after each edit, as MkDocs' serve does: every page's
Markdown is converted and every page's theme template rendered again, though a tip's edit changes
a dozen of 228 pages. MkDocs' own `--dirty` skips unchanged pages but leaves them unread, so the
navigation of the pages it does rebuild names the others by their file names, and Material's search
index keeps the changed pages twice. This memo keeps every page read and every output complete:
a page's Markdown conversion is reused when its Markdown, the site's files and the configuration
are the same as before, and its rendered template when everything the template reads (the page's
content, title, address and metadata, the whole navigation, the configuration and the theme's own
files) is the same. What is not reused is computed exactly as in a full build. Entries a build did
not use are dropped when it ends, so the memo holds one site's pages at most.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

PAGE_ONLY_EXTENSIONS = frozenset(
    {
        "abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code", "footnotes",
        "legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc",
        "wikilinks",
    }
)  # fmt: skip
"""Python-Markdown's own extensions, which read nothing but the page. With any other (one that
includes files, say) a page's conversion could change without its Markdown changing, so none is
reused."""

RENDER_LOGGER = "mkdocs"
"""The logger whose records a page's conversion replays when it is reused (broken links, anchors)."""


@dataclass(frozen=True)
class Converted:
    """What MkDocs' Page.render sets on a page, and what it logged while doing so."""

    content: str
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None
    """By the linked file's src_uri: File objects belong to the build that made them."""
    records: tuple[logging.LogRecord, ...]


@dataclass
class _Generation:
    """Entries made or reused by one build, which become the memo when it ends."""

    converted: dict[tuple[str, ...], Converted] = field(default_factory=dict)
    rendered: dict[tuple[str, ...], str] = field(default_factory=dict)


class PreviewMemo:
    """Page conversions and renders of the last preview build, for the next one."""

    def __init__(self) -> None:
        self._converted: dict[tuple[str, ...], Converted] = {}
        self._rendered: dict[tuple[str, ...], str] = {}
        self._current = _Generation()
        self._site_key = ""
        self._theme_key = ""
        self._reuse_conversions = True
        self._nav_key: str | None = None
        self.conversions_reused = 0
        self.renders_reused = 0
        """Pages of this build whose Markdown conversion, or rendered template, came from the memo."""

    def start(self, config: MkDocsConfig, files: Files, theme_dirs: Iterable[Path]) -> None:
        """A new build: what every page's conversion depends on (the configuration and the site's
        files, which links resolve against) and what every render also depends on (the theme)."""
        self._current = _Generation()
        self._nav_key = None
        self.conversions_reused = self.renders_reused = 0
        self._site_key = _digest(
            _config_text(config), *(f"{f.src_uri}\0{f.dest_uri}\0{f.url}\0{f.inclusion.name}" for f in files)
        )
        self._theme_key = _digest(*_files_stamp(theme_dirs))
        self._reuse_conversions = all(map(_reads_only_the_page, config.markdown_extensions))

    def finish(self) -> None:
        """The build is over: what it used is what the next one may reuse."""
        self._converted = self._current.converted
        self._rendered = self._current.rendered
        self._current = _Generation()

    def convert(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """MkDocs' Page.render, or its result for the same Markdown in the same site."""
        assert page.markdown is not None, "MkDocs reads the source before it renders"
        key = (self._site_key, page.file.src_uri, page.markdown)
        done = (self._converted.get(key) or self._current.converted.get(key)) if self._reuse_conversions else None
        if done is None:
            with _captured(RENDER_LOGGER) as records:
                Page.render(page, config, files)
            done = Converted(
                content=page.content or "",
                toc=page.toc,
                title=page._title_from_render,
                anchors=frozenset(page.present_anchor_ids or ()),
                links_to_anchors=None
                if page.links_to_anchors is None
                else {to.src_uri: dict(links) for to, links in page.links_to_anchors.items()},
                records=tuple(records),
            )
        else:
            self.conversions_reused += 1
            for record in done.records:
                logging.getLogger(record.name).handle(record)
            page.content = done.content
            page.toc = done.toc
            page._title_from_render = done.title
            page.present_anchor_ids = set(done.anchors)
            if done.links_to_anchors is not None:
                page.links_to_anchors = {
                    linked: dict(links)
                    for uri, links in done.links_to_anchors.items()
                    if (linked := files.get_file_from_path(uri)) is not None
                }
        self._current.converted[key] = done

    def templates(self, env: Environment) -> Environment:
        """The theme's environment, its page templates answering from the memo when they can."""
        get_template = env.get_template

        def memo_get_template(*args: Any, **kwargs: Any) -> Any:
            return _MemoTemplate(get_template(*args, **kwargs), self)

        env.get_template = memo_get_template  # type: ignore[method-assign]
        return env

    def render(self, template: Template, context: dict[str, Any]) -> str:
        """The page's output: the template rendered, or its output for the same inputs."""
        page, nav = context.get("page"), context.get("nav")
        if not isinstance(page, Page) or not isinstance(nav, Navigation):
            return template.render(context)
        if self._nav_key is None:  # every page has been read and converted by now
            self._nav_key = _digest(*_nav_lines(nav.items))
        key = (
            self._site_key,
            self._theme_key,
            self._nav_key,
            template.name or "",
            page.url,
            page.file.src_uri,
            page.title or "",
            repr(page.meta),
            page.content or "",
            _digest(*_toc_lines(page.toc)),
        )
        output = self._rendered.get(key) or self._current.rendered.get(key)
        if output is None:
            output = template.render(context)
        else:
            self.renders_reused += 1
        self._current.rendered[key] = output
        return output


class _MemoTemplate:
    """A theme template whose `render` goes through the memo; anything else reaches the template."""

    def __init__(self, template: Template, memo: PreviewMemo) -> None:
        self._template = template
        self._memo = memo

    def render(self, *args: Any, **kwargs: Any) -> str:
        if len(args) == 1 and not kwargs and isinstance(args[0], dict):
            return self._memo.render(self._template, args[0])
        return self._template.render(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)


def _reads_only_the_page(extension: object) -> bool:
    """Whether a configured Markdown extension ("toc", "markdown.extensions.toc", an object) is one
    of PAGE_ONLY_EXTENSIONS."""
    name = extension if isinstance(extension, str) else type(extension).__module__
    return name.split(":")[0].removeprefix("markdown.extensions.") in PAGE_ONLY_EXTENSIONS


def _config_text(config: MkDocsConfig) -> str:
    """The configuration as text: every setting but the plugins (their objects print their address)."""
    return repr(sorted((key, value) for key, value in config.items() if key != "plugins"))


def _files_stamp(folders: Iterable[Path]) -> Iterator[str]:
    """Each file under the folders with its size and modification time: an edit changes its line."""
    for folder in folders:
        for root, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                stat = os.stat(os.path.join(root, name))
                yield f"{root}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}"


def _nav_lines(items: Iterable[Any], depth: int = 0) -> Iterator[str]:
    """The navigation as the theme reads it: each entry's kind, title, address and metadata, in order."""
    for item in items:
        meta = repr(item.meta) if isinstance(item, Page) else ""
        yield f"{depth}\0{type(item).__name__}\0{item.title}\0{getattr(item, 'url', '')}\0{meta}"
        yield from _nav_lines(item.children or (), depth + 1)


def _toc_lines(items: Iterable[Any], depth: int = 0) -> Iterator[str]:
    """The table of contents as the theme reads it: each entry's level, title and anchor."""
    for item in items:
        yield f"{depth}\0{item.level}\0{item.title}\0{item.id}"
        yield from _toc_lines(item.children, depth + 1)


def _digest(*lines: str) -> str:
    hasher = sha256()
    for line in lines:
        hasher.update(line.encode("utf-8", "surrogatepass"))
        hasher.update(b"\n")
    return hasher.hexdigest()


@contextmanager
def _captured(name: str) -> Iterator[list[logging.LogRecord]]:
    """The records the named logger (and those below it) gets from this thread meanwhile; they are
    still logged as usual."""
    handler = _ThreadRecords()
    logger = logging.getLogger(name)
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


class _ThreadRecords(logging.Handler):
    """Keeps the records logged from the thread that made it (the server logs from others)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.records.append(record)
