"""What the playbook reads from mkdocs.yml itself, without importing MkDocs.

The CLI checks the site address and protects the folders a build reads before any engine
starts, and `playbook generate` (which runs no engine) needs the same address as the build. So
the few settings involved are read here with PyYAML's composer: no tag is constructed, and
`!ENV` is resolved the way pyyaml_env_tag (and so MkDocs) resolves it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import DatasetError, Problem
from .reading import MAX_FILE_BYTES, FileRefused, read_limited
from .site_address import SITE_URL_VARIABLE, SiteAddress, check_site_url

NULL_TAG = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class EngineSettings:
    """The settings of mkdocs.yml the playbook acts on, with paths resolved against the file."""

    address: SiteAddress
    docs_dir: Path
    theme_dir: Path | None


def read_engine_settings(config_file: Path, environ: Mapping[str, str] | None = None) -> EngineSettings:
    """The checked site address (AddressError if it is not one), the docs folder and the theme overrides.

    `site_url` is resolved as MkDocs resolves it; a config without `site_url` takes
    `PLAYBOOK_SITE_URL`. A file that cannot be read or parsed is a located DatasetError.
    """
    environ = os.environ if environ is None else environ
    top = _top_level(config_file)
    root = config_file.resolve().parent
    node = top.get("site_url")
    if node is None:
        value, setting = environ.get(SITE_URL_VARIABLE, ""), SITE_URL_VARIABLE
    else:
        where = f"{config_file}:{node.start_mark.line + 1}:{node.start_mark.column + 1}: site_url"
        value, setting = _resolve(node, environ, where)
    address = SiteAddress(check_site_url(value, setting), setting)
    docs = top.get("docs_dir")
    docs_dir = root / (str(docs.value) if isinstance(docs, yaml.ScalarNode) and docs.value else "docs")
    return EngineSettings(address, docs_dir, _theme_dir(top.get("theme"), root))


def _top_level(config_file: Path) -> dict[str, yaml.Node]:
    name = str(config_file)
    try:
        text = read_limited(config_file, MAX_FILE_BYTES).decode("utf-8-sig")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except FileRefused as error:
        raise DatasetError([Problem(name, 1, 1, "", f"the config file {error}")]) from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        raise DatasetError([Problem(name, line, column, "", f"invalid YAML: {error}")]) from None
    if not isinstance(root, yaml.MappingNode):
        return {}
    return {str(key.value): value for key, value in root.value if isinstance(key, yaml.ScalarNode)}


def _theme_dir(theme: yaml.Node | None, root: Path) -> Path | None:
    if not isinstance(theme, yaml.MappingNode):
        return None
    for key, value in theme.value:
        if key.value == "custom_dir" and isinstance(value, yaml.ScalarNode) and value.value:
            return root / str(value.value)
    return None


def _resolve(node: yaml.Node, environ: Mapping[str, str], where: str) -> tuple[str, str]:
    """A scalar as written, or an `!ENV` node resolved: the first variable set, else its default."""
    if node.tag != "!ENV":
        plain = isinstance(node, yaml.ScalarNode) and node.tag != NULL_TAG and _is_value(node)
        return (str(node.value) if plain else ""), where
    items = [node] if isinstance(node, yaml.ScalarNode) else [i for i in node.value if isinstance(i, yaml.ScalarNode)]
    names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for item in names:
        if str(item.value) in environ:
            return environ[str(item.value)], f"{item.value} (read by {where})"
    if default is None or not _is_value(default):
        return "", where
    return str(default.value), where


def _is_value(node: yaml.ScalarNode) -> bool:
    """False for an unquoted null (`~`, `null`, nothing)."""
    return bool(node.style) or node.value not in ("", "~", "null", "Null", "NULL")
