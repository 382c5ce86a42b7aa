"""A standalone copy of mkdocs.yml for the engine alone: docs_dir is a generated tree, no playbook plugin.

`!ENV [NAME, default]` is resolved as MkDocs resolves it; any other tag
(`!!python/name:...`, say) is written back untouched, so the copy stays
faithful to whatever mkdocs.yml grows. Relative paths become absolute, so
the copy works from bench/work/.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Tagged:
    """A YAML value under a tag this module does not interpret."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml: `!ENV` resolved, other tags kept."""


def _env(loader: _Loader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = items[:-1], items[-1]
        if len(items) == 1:
            names, default = items, None
    for name in names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return default


def _other(loader: _Loader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        return Tagged(node.tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return Tagged(node.tag, loader.construct_mapping(node, deep=True))  # type: ignore[arg-type]


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", _other)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_tagged(dumper: _Dumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Dumper.add_representer(Tagged, _represent_tagged)


def read_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data (tags other than !ENV kept as Tagged)."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    if not isinstance(data, dict):
        raise ValueError(f"{path} is not a mapping")
    return data


def _without_playbook(plugins: list[Any]) -> list[Any]:
    def name(entry: Any) -> str:
        return str(next(iter(entry))) if isinstance(entry, dict) else str(entry)

    return [entry for entry in plugins if name(entry) != "playbook"]


def _path(path: Path, relative_to: Path | None) -> str:
    return os.path.relpath(path.resolve(), relative_to.resolve()) if relative_to else str(path.resolve())


def engine_config(
    config: Path, docs_dir: Path, site_dir: Path, relative_to: Path | None = None, *, site_url: str | None = None
) -> dict[str, Any]:
    """The config for building `docs_dir` (a generated tree) into `site_dir` without the plugin.

    With `relative_to`, docs_dir and site_dir are relative to it (Zensical wants both inside
    the folder its config is in, named relatively); otherwise they are absolute. `site_url`, when
    given, replaces the config's own (so the engine builds for the address the tree was generated for).
    """
    root = config.resolve().parent
    data = read_config(config)
    if site_url is not None:
        data["site_url"] = site_url
    data["docs_dir"] = _path(docs_dir, relative_to)
    data["site_dir"] = _path(site_dir, relative_to)
    data["plugins"] = _without_playbook(list(data.get("plugins") or []))
    theme = data.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    return data


def write_engine_config(
    config: Path, docs_dir: Path, site_dir: Path, out: Path, *, relative: bool = False, site_url: str | None = None
) -> Path:
    """Write the engine-only config to `out` (paths relative to its folder if asked); return it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    data = engine_config(config, docs_dir, site_dir, out.parent if relative else None, site_url=site_url)
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
    out.write_text(text, encoding="utf-8")
    return out
