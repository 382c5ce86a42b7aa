"""Rendering: Dataset in, docs files out (path, text or bytes).

Pure: no disk, no MkDocs. The MkDocs adapter and the `generate` command both take these files
and put them where their engine wants them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from ..schema import Dataset
from . import api, event_kit, guides, previews, quizzes, redirects, tips, words, worksheets
from .environment import Output, RenderSettings, render_settings

RENDERERS = (
    guides.render,
    tips.render,
    quizzes.render,
    worksheets.render,
    words.render,
    redirects.render,
    event_kit.render,
    api.render,
    previews.render,
)
"""Each takes the dataset and returns its files, as a mapping or (for the big ones) a stream of pairs."""


def iter_site(dataset: Dataset, settings: RenderSettings | None = None) -> Iterator[tuple[str, str | bytes]]:
    """Every generated file of the docs tree, one at a time, keyed by its docs-relative path.

    Two renderers producing the same path is a bug, caught here.
    """
    seen: set[str] = set()
    with render_settings(settings or RenderSettings()):
        for render in RENDERERS:
            part: Mapping[str, str | bytes] | Iterable[tuple[str, str | bytes]] = render(dataset)
            for path, content in part.items() if isinstance(part, Mapping) else part:
                if path in seen:
                    raise ValueError(f"two renderers produced {path}")
                seen.add(path)
                yield path, content


def render_site(dataset: Dataset, settings: RenderSettings | None = None) -> Output:
    """Every generated file of the docs tree as a mapping (for tests and small datasets)."""
    return dict(iter_site(dataset, settings))
