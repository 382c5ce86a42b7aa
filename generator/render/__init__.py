"""Rendering: Dataset in, {docs path: text or bytes} out.

Pure: no disk, no MkDocs. The MkDocs adapter and the `generate` command
both take this mapping and put it where their engine wants it.
"""

from __future__ import annotations

from ..schema import Dataset
from . import api, guides, previews, quizzes, tips, worksheets
from .environment import Output, RenderSettings, render_settings

RENDERERS = (guides.render, tips.render, quizzes.render, worksheets.render, api.render, previews.render)


def render_site(dataset: Dataset, settings: RenderSettings | None = None) -> Output:
    """Every generated file of the docs tree, keyed by its docs-relative path.

    Without settings (no site_url), no embed pages or oEmbed responses are made: they need
    absolute addresses.
    """
    files: Output = {}
    with render_settings(settings or RenderSettings()):
        for render in RENDERERS:
            part = render(dataset)
            clash = files.keys() & part.keys()
            if clash:
                raise ValueError(f"two renderers produced {sorted(clash)}")
            files.update(part)
    return files
