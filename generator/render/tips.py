"""Tip pages, the filterable tips index, the matrix and curated collections."""

from __future__ import annotations

from ..schema import Dataset, Tip
from .environment import Output, render_page, render_pages
from .index import DatasetIndex

MOMENT_LABELS = {
    "before-event": "Before an event",
    "during-event": "During an event",
    "after-event": "After an event",
    "online": "Online",
    "inside-organisation": "Inside your organisation",
}
RELATED_LIMIT = 3


def related(tip: Tip, index: DatasetIndex) -> list[Tip]:
    """A few tips from the same matrix cell(s), in dataset order, never the tip itself."""
    found: list[Tip] = []
    for network in tip.network_types:
        for other in index.cell(network, tip.outcome):
            if other.id != tip.id and other not in found and other.audience == tip.audience:
                found.append(other)
                if len(found) == RELATED_LIMIT:
                    return found
    return found


def render(dataset: Dataset) -> Output:
    """The tip pages, keyed by docs path."""
    index = DatasetIndex.build(dataset)
    shared = {"data": dataset, "index": index, "moments": MOMENT_LABELS}
    individual = [t for t in dataset.tips if t.audience == "individual"]
    association = [t for t in dataset.tips if t.audience == "association"]
    out: Output = {
        "tips/index.md": render_page(
            "tips_index.md.j2", "tips/index.md", individual=individual, association=association, **shared
        ),
        "tips/matrix.md": render_page("tips_matrix.md.j2", "tips/matrix.md", **shared),
    }
    for tip in dataset.tips:
        src = f"tips/{tip.id}.md"
        out.update(render_pages("tip.md.j2", src, title=tip.title, tip=tip, related=related(tip, index), **shared))
    for collection in dataset.collections:
        src = f"collections/{collection.id}.md"
        tips = [index.tips[t] for t in collection.tips]
        out[src] = render_page("collection.md.j2", src, collection=collection, tips=tips, **shared)
    return out
