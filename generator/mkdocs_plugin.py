"""The MkDocs adapter: the only module that imports MkDocs.

It hands MkDocs the generated files (from the tree cache, see tree_cache.py) and has
`mkdocs serve` watch the data folder. Everything else lives in the engine-free package.
"""

from __future__ import annotations

import html
import logging
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from .branding import BRAND_CSS, Brand, brand_logo_path, keep_nav_entry, load_brand
from .errors import DatasetError
from .site import generated_tree
from .tree_cache import GeneratedTree

LOG = logging.getLogger("mkdocs.plugins.playbook")
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')


def fix_theme_markup(html_text: str) -> str:
    """Material's base.html gives its two toggle checkboxes autocomplete="off", which is not valid
    HTML; base.html cannot be overridden in part, so the attribute is taken out here."""
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html_text)


class PlaybookConfig(base.Config):
    data_dir = c.Type(str, default="data")
    brand = c.Type(str, default="")
    """An association's brand file (see branding/); empty for the playbook's own build."""
    offline = c.Type(bool, default=False)
    """Build to open from file://: links name their .html files, and the search index also comes
    as a script (search/search_index.js), since a page opened from file:// cannot fetch."""


UNUSED_THEME_SCRIPTS = ("assets/javascripts/bundle.", "assets/javascripts/lunr/", "assets/javascripts/workers/")
"""Material's bundle, search worker and its languages: no page loads them (overrides/main.html),
so they are not copied into the site (2.3 MB, a quarter of it)."""
SEARCH_INDEX = Path("search") / "search_index.json"
SEARCH_INDEX_SCRIPT = Path("search") / "search_index.js"


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    """Adds every page and asset the generator renders from the dataset."""

    tree: GeneratedTree | None = None
    """This build's generated files, from on_files until the build ends."""

    def _data_dir(self, config: MkDocsConfig) -> Path:
        root = Path(config.config_file_path or ".").parent
        return (root / self.config.data_dir).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Apply an association's brand and the offline switch to the engine's config."""
        self.brand: Brand | None = None
        root = Path(config.config_file_path or ".").parent
        if self.config.brand:
            self.brand_path = (root / self.config.brand).resolve()
            try:
                self.brand = load_brand(self.brand_path)
            except DatasetError as error:
                raise PluginError(f"the brand file has problems:\n{error}") from None
            config.site_name = self.brand.name_html
            config.copyright = self.brand.contact_html
            config.extra_css.append(BRAND_CSS)
            if self.brand.logo:
                config.theme["logo"] = brand_logo_path(self.brand)
            if config.nav:
                config.nav = [entry for entry in config.nav if keep_nav_entry(entry, self.brand.include.sections)]
        if self.config.offline:
            config.use_directory_urls = False
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        try:
            self.tree = generated_tree(
                self._data_dir(config),
                site_url="" if self.config.offline else config.site_url,
                brand=self.brand,
                brand_dir=self.brand_path.parent if self.brand else None,
                directory_urls=config.use_directory_urls,
            )
        except DatasetError as error:
            raise PluginError(f"the dataset has problems:\n{error}") from None
        for unused in [file for file in files if file.src_uri.startswith(UNUSED_THEME_SCRIPTS)]:
            files.remove(unused)
        origin = "from the cache" if self.tree.from_cache else "generated"
        LOG.info(f"playbook: {len(self.tree.paths)} files {origin} ({self.tree.folder})")
        # MkDocs reads each file from the tree when it needs it, instead of holding every generated
        # page in memory for the whole build (over 300 MB at 10,000 tips).
        for path in self.tree.paths:
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"content/{path} clashes with a generated page: rename or remove it")
            files.append(File.generated(config, path, abs_src_path=str(self.tree.folder / path)))
        return files

    def _remove_temporary_tree(self) -> None:
        """Delete this build's generated files if they are not in the cache (it could not be written)."""
        if self.tree is not None and self.tree.temporary:
            shutil.rmtree(self.tree.folder, ignore_errors=True)
        self.tree = None

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._remove_temporary_tree()
        index = Path(config.site_dir) / SEARCH_INDEX
        if self.config.offline and index.is_file():
            (Path(config.site_dir) / SEARCH_INDEX_SCRIPT).write_text(
                f"var __index = {index.read_text(encoding='utf-8')};\n", encoding="utf-8"
            )

    def on_build_error(self, *, error: Exception) -> None:
        self._remove_temporary_tree()

    def on_shutdown(self) -> None:
        self._remove_temporary_tree()

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """Escape the title and description from front matter: MkDocs' theme templates
        (Material's included) print them without autoescaping, into <title>, <meta> and the header."""
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str):
                page.meta[key] = html.escape(value, quote=True)
        return markdown

    def on_page_context(self, context: Any, /, *, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        """An embed page's canonical address is the page it embeds (front matter `playbook_page`)."""
        main = page.meta.get("playbook_page")
        if isinstance(main, str) and page.canonical_url:
            page.canonical_url = urljoin(page.canonical_url, main)
        return context

    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str:
        return fix_theme_markup(output)

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        return fix_theme_markup(output_content) if template_name.endswith(".html") else output_content

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self._data_dir(config)))
        return server
