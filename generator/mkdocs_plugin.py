"""The MkDocs adapter: the only module that imports MkDocs.

It injects the generated pages as in-memory files and has `mkdocs serve`
watch the data folder. Everything else lives in the engine-free package.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .errors import DatasetError
from .site import generate


class PlaybookConfig(base.Config):
    data_dir = c.Type(str, default="data")


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    """Adds every page and asset the generator renders from the dataset."""

    def _data_dir(self, config: MkDocsConfig) -> Path:
        root = Path(config.config_file_path or ".").parent
        return (root / self.config.data_dir).resolve()

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        try:
            generated = generate(self._data_dir(config))
        except DatasetError as error:
            raise PluginError(f"the dataset has problems:\n{error}") from None
        for path, content in generated.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"content/{path} clashes with a generated page: rename or remove it")
            files.append(File.generated(config, path, content=content))
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """Escape the title and description from front matter: MkDocs' theme templates
        (Material's included) print them without autoescaping, into <title>, <meta> and the header."""
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str):
                page.meta[key] = html.escape(value, quote=True)
        return markdown

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self._data_dir(config)))
        return server
