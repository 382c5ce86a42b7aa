"""Rendering: Dataset in, {docs path: text or bytes} out.

Pure: no disk, no MkDocs. The MkDocs adapter and the `generate` command
both take this mapping and put it where their engine wants it.
"""

from __future__ import annotations

from ..schema import Dataset
from . import guides, tips
from .environment import Output


def render_site(dataset: Dataset) -> Output:
    """Every generated file of the docs tree, keyed by its docs-relative path."""
    files: Output = {}
    for part in (guides.render(dataset), tips.render(dataset)):
        clash = files.keys() & part.keys()
        if clash:
            raise ValueError(f"two renderers produced {sorted(clash)}")
        files.update(part)
    return files
