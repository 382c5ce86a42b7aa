"""The MkDocs plugin: MkDocs builds the generated pages as if they were hand-written.

In `on_config` it applies an association's brand and checks the site address; in
`on_pre_build` it loads and validates the dataset (before MkDocs empties the site folder, so bad
data leaves the last good site in place, under `mkdocs serve` too); in `on_files` it writes
every generated file into a folder of this build's own and hands MkDocs their paths, the pattern
of mkdocs-gen-files; the folder goes when the build ends. Pages need nothing more from it: what
they show is in the generated Markdown and the theme templates, so any engine that reads
mkdocs.yml builds the same site from `playbook generate`'s tree.

This module, mkdocs_build.py and preview_memo.py are the adapter: the only modules that import
MkDocs (tests/test_adapter.py checks it).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs import __version__ as mkdocs_version
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .branding import BRAND_CSS, Brand, brand_logo_path, keep_nav_entry, load_brand
from .caches import cache_root
from .errors import DatasetError
from .generate import Edition, load_edition, site_files, write_file
from .pdf import PdfError
from .preview_memo import PreviewMemo
from .render.environment import TemplateCache
from .render.event_kit import EVENT_KIT_FOLDER
from .site_address import NO_ADDRESS_NOTICE, AddressError, check_site_url

LOG = logging.getLogger("mkdocs.plugins.playbook")
PACKAGE = Path(__file__).resolve().parent

UNUSED_THEME_SCRIPTS = ("assets/javascripts/bundle.", "assets/javascripts/lunr/", "assets/javascripts/workers/")
"""Material's bundle, search worker and its languages: no page loads them (overrides/main.html),
so they are not copied into the site (2.3 MB, a quarter of it)."""


class PlaybookConfig(base.Config):
    data_dir = c.Type(str, default="data")
    """The dataset folder, relative to mkdocs.yml."""
    brand = c.Type(str, default="")
    """An association's brand file (see branding/), relative to mkdocs.yml; empty for the playbook's own."""
    offline = c.Type(bool, default=False)
    """Build to open from file://: links name their .html files and the site has no address."""


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    """Adds every page and file the generator makes from the dataset."""

    handed_over: Edition | None = None
    """The input `playbook build` validated already (mkdocs_build.py), for its one build."""
    edition: Edition | None = None
    """This build's validated input: the one handed over, else loaded in on_pre_build. MkDocs keeps
    a plugin with startup or shutdown hooks from one `serve` rebuild to the next, so it is cleared
    when each build ends."""
    folder: Path | None = None
    """This build's generated files, from on_files until the build ends."""
    preview_pdfs: dict[str, bytes] | None = None
    """Serving a live preview only (`mkdocs serve` keeps the plugin across rebuilds): the event
    kit's PDFs of the last build, which a rebuild keeps when an edit made them stale, so the page
    shows a tip's edit in seconds, not after half a minute of printing."""

    memo: PreviewMemo | None = None
    """Serving a live preview only: the last build's page conversions and renders, which the next
    build reuses for pages whose inputs did not change (preview_memo.py), so an edit shows in a
    second or two, not after every page is built again."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        serving = command == "serve"
        self.preview_pdfs = {} if serving else None
        self.memo = PreviewMemo() if serving else None

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def data_dir(self, config: MkDocsConfig) -> Path:
        return self._root(config) / self.config.data_dir

    def brand_file(self, config: MkDocsConfig) -> Path | None:
        return self._root(config) / self.config.brand if self.config.brand else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check the site address and apply an association's brand and the offline switch."""
        try:
            self.site_url = check_site_url(config.site_url or "", "site_url")
        except AddressError as error:
            raise PluginError(str(error)) from None
        if not self.site_url:
            LOG.info(f"playbook: {NO_ADDRESS_NOTICE}")
        if self.config.offline:
            config.use_directory_urls = False
            config.site_url = ""
        brand = self.handed_over.brand if self.handed_over is not None else self._load_brand(config)
        if brand is not None:
            apply_brand_config(config, brand)
        return config

    def _load_brand(self, config: MkDocsConfig) -> Brand | None:
        brand_file = self.brand_file(config)
        if brand_file is None:
            return None
        try:
            return load_brand(brand_file)
        except DatasetError as error:
            raise PluginError(f"the brand file has problems:\n{error}") from None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Load and validate the dataset, unless `playbook build` handed it over."""
        if self.handed_over is not None:
            self.edition = self.handed_over
            return
        try:
            self.edition = load_edition(
                self.data_dir(config), self.brand_file(config), site_url=self.site_url, offline=self.config.offline
            )
        except DatasetError as error:
            raise PluginError(f"the dataset has problems:\n{error}") from None

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Keep the theme's compiled templates on disk, as the generator keeps its own: compiling
        Material's templates took about a second of every build. Jinja checks each entry against
        its template's source; the folder is named after the MkDocs and Material versions, whose
        environment settings shape the compiled code."""
        engine = f"mkdocs-{mkdocs_version}-material-{version('mkdocs-material')}"
        env.bytecode_cache = TemplateCache(str(cache_root() / "theme-templates" / engine))
        return env if self.memo is None else self.memo.templates(env)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Write the generated files to this build's folder and add them to MkDocs' files."""
        assert self.edition is not None, "on_pre_build loads the edition"
        for unused in [file for file in files if file.src_uri.startswith(UNUSED_THEME_SCRIPTS)]:
            files.remove(unused)
        self._remove_folder()
        self.folder = Path(tempfile.mkdtemp(prefix="playbook-generated-"))
        try:
            count = self._write_generated(files, config)
        except PdfError as error:  # a card that does not fit, a PDF that asked for an outside resource
            raise PluginError(str(error)) from None
        LOG.info(f"playbook: {count} files generated from {self.data_dir(config)}")
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.memo is not None:
            self.memo.start(config, files, own_theme_dirs(config))
        return nav

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        if self.memo is not None:
            page.render = partial(self.memo.convert, page)  # type: ignore[method-assign]
        return page

    def _write_generated(self, files: Files, config: MkDocsConfig) -> int:
        assert self.edition is not None and self.folder is not None
        count = 0
        earlier = self.preview_pdfs
        for path, content in site_files(self.edition, earlier_pdfs=earlier):
            if earlier is not None and isinstance(content, bytes) and path.startswith(EVENT_KIT_FOLDER):
                earlier[path] = content
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"{config.docs_dir}/{path} clashes with a generated file: rename or remove it")
            target = write_file(self.folder, path, content)
            # MkDocs reads each file when it needs it, instead of holding them all in memory.
            files.append(File.generated(config, path, abs_src_path=str(target)))
            count += 1
        return count

    def _remove_folder(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def _end_build(self) -> None:
        self._remove_folder()
        self.edition = self.handed_over = None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.memo is not None:
            self.memo.finish()
            LOG.info(
                f"playbook: reused from the last preview build: {self.memo.conversions_reused} pages' Markdown, "
                f"{self.memo.renders_reused} pages' templates"
            )
        self._end_build()

    def on_build_error(self, *, error: Exception) -> None:
        self._end_build()

    def on_shutdown(self) -> None:
        self._end_build()
        self.memo = self.preview_pdfs = None

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild on edits to the data, the generator's templates and code, the theme and the brand."""
        watched = [self.data_dir(config), PACKAGE, *own_theme_dirs(config)]
        brand_file = self.brand_file(config)
        if brand_file is not None:
            watched.append(brand_file.parent)
        for path in dict.fromkeys(watched):
            if path.exists():
                server.watch(str(path))
        return server


def own_theme_dirs(config: MkDocsConfig) -> list[Path]:
    """The theme folders that are the site's own (overrides/), not the installed theme's."""
    installed = Path(base.__file__).resolve().parents[2]  # site-packages
    return [Path(d) for d in config.theme.dirs if not Path(d).resolve().is_relative_to(installed)]


def apply_brand_config(config: MkDocsConfig, brand: Brand) -> None:
    """An association's name, contact line, colours, logo and sections, in the engine's config.

    Material prints `site_name` and `copyright` as raw HTML in every page (and once more through
    `| e`), so they go in escaped once and marked safe (Brand.name_html, Brand.contact_html).
    """
    config.site_name = brand.name_html
    config.copyright = brand.contact_html
    config.extra_css.append(BRAND_CSS)
    if brand.logo:
        config.theme["logo"] = brand_logo_path(brand)
    if config.nav:
        config.nav = [entry for entry in config.nav if keep_nav_entry(entry, brand.include.sections)]
