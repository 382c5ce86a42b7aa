"""The preview's memo reuses unchanged pages and changes nothing in what is built: after each kind
of edit, the site it builds is byte for byte the site a build without it makes of the same files.

MkDocs runs in this process, as `playbook serve` runs it, on a copy of the data, content, theme
overrides and mkdocs.yml (the generator is this checkout's)."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from generator.mkdocs_plugin import PlaybookPlugin
from generator.preview_memo import PreviewMemo
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


@dataclass
class Preview:
    """Builds a copy of the repository's inputs as `playbook serve` does, memo and all."""

    root: Path
    plugin: PlaybookPlugin
    memo: PreviewMemo

    def config(self, site: str) -> MkDocsConfig:
        return load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.root / site))

    def rebuild(self) -> PreviewMemo:
        """One preview rebuild into preview/; the memo with this build's counts."""
        build(self.config("preview"))
        return self.memo

    def without_memo(self) -> None:
        """The same files built with no memo into full/ (the preview's other state kept as it is)."""
        self.plugin.memo = None
        try:
            build(self.config("full"))
        finally:
            self.plugin.memo = self.memo

    def same_site(self) -> None:
        """preview/ and full/ hold the same files with the same bytes."""
        self.without_memo()
        preview, full = _files(self.root / "preview"), _files(self.root / "full")
        assert sorted(preview) == sorted(full)
        assert [path for path in preview if preview[path] != full[path]] == []

    def pages(self) -> int:
        return sum(1 for _ in (self.root / "preview").rglob("*.html"))


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    root = tmp_path_factory.mktemp("preview-memo")
    for name in ("data", "content", "overrides"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "preview"))
    plugin = config.plugins["playbook"]
    assert isinstance(plugin, PlaybookPlugin)
    config.plugins.on_startup(command="serve", dirty=False)
    assert plugin.memo is not None
    try:
        build(config)
        yield Preview(root, plugin, plugin.memo)
    finally:
        config.plugins.on_shutdown()


def test_a_rebuild_with_no_edit_reuses_every_page(preview: Preview) -> None:
    memo = preview.rebuild()
    pages = memo.conversions_reused
    assert pages > 200
    assert memo.renders_reused == pages
    preview.same_site()


def test_a_tip_edit_builds_only_the_pages_that_show_the_tip(preview: Preview) -> None:
    tip = sorted((preview.root / "data" / "tips").glob("*.yaml"))[0]
    text = tip.read_text(encoding="utf-8")
    tip.write_text(text.replace("title: ", "title: Memo check ", 1), encoding="utf-8")
    memo = preview.rebuild()
    changed = preview.pages() - memo.renders_reused
    assert 2 <= changed <= 40, changed  # the tip, its embed, the lists and pages that link to it
    shown = [p for p in (preview.root / "preview").rglob("*.html") if "Memo check " in p.read_text(encoding="utf-8")]
    assert len(shown) >= 2
    preview.same_site()


def test_a_page_title_in_the_navigation_renders_every_page_again(preview: Preview) -> None:
    # The event kit's first entry in the navigation is named by its page: every page lists it.
    page = preview.root / "content" / "event-kit" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("title: Event kit\n", "title: Organisers' kit\n", 1), encoding="utf-8"
    )
    memo = preview.rebuild()
    assert memo.renders_reused == 0
    assert memo.conversions_reused > 200
    assert "Organisers' kit" in (preview.root / "preview" / "index.html").read_text(encoding="utf-8")
    preview.same_site()


def test_a_configuration_edit_converts_and_renders_every_page_again(preview: Preview) -> None:
    mkdocs_yml = preview.root / "mkdocs.yml"
    mkdocs_yml.write_text(
        mkdocs_yml.read_text(encoding="utf-8").replace("- Why network:", "- Why it pays:"), encoding="utf-8"
    )
    memo = preview.rebuild()
    assert memo.renders_reused == memo.conversions_reused == 0
    assert "Why it pays" in (preview.root / "preview" / "index.html").read_text(encoding="utf-8")
    preview.same_site()


def test_a_theme_edit_renders_every_page_and_keeps_their_markdown(preview: Preview) -> None:
    main = preview.root / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{# a theme edit #}\n", encoding="utf-8")
    memo = preview.rebuild()
    assert memo.renders_reused == 0
    assert memo.conversions_reused > 200
    preview.same_site()


def test_a_reused_page_warns_again_of_its_broken_link(preview: Preview) -> None:
    page = preview.root / "content" / "how-to-use.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the old page](no-such-page.md).\n", encoding="utf-8")
    warnings: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: warnings.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        preview.rebuild()
        first = [w for w in warnings if "no-such-page.md" in w]
        warnings.clear()
        memo = preview.rebuild()
        again = [w for w in warnings if "no-such-page.md" in w]
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    assert len(first) == 1 and again == first
    assert memo.conversions_reused > 200


def test_an_extension_that_may_read_other_files_turns_markdown_reuse_off(preview: Preview) -> None:
    mkdocs_yml = preview.root / "mkdocs.yml"
    original = mkdocs_yml.read_text(encoding="utf-8")
    # A stand-in for pymdownx.snippets: any extension outside Python-Markdown's own.
    mkdocs_yml.write_text(
        original.replace("  - md_in_html\n", "  - md_in_html\n  - tests.support.markdown_marker\n"), encoding="utf-8"
    )
    try:
        preview.rebuild()
        memo = preview.rebuild()
        assert memo.conversions_reused == 0
        assert memo.renders_reused > 200  # the same conversion gives the same page, still reused
    finally:
        mkdocs_yml.write_text(original, encoding="utf-8")
