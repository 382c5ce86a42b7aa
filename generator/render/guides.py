"""Guide pages: network types, the outcome ladder, why network, sources."""

from __future__ import annotations

from ..schema import Dataset
from .environment import Output, render_page, render_pages
from .index import DatasetIndex


def render(dataset: Dataset) -> Output:
    """The guide pages, keyed by docs path."""
    index = DatasetIndex.build(dataset)
    out: Output = {
        "network-types/index.md": render_page(
            "network_types_index.md.j2", "network-types/index.md", data=dataset, index=index
        ),
        "outcomes/index.md": render_page("outcomes_index.md.j2", "outcomes/index.md", data=dataset, index=index),
        "why-network.md": render_page("why_network.md.j2", "why-network.md", data=dataset, index=index),
        "sources.md": render_page("sources.md.j2", "sources.md", data=dataset, index=index),
    }
    for network in dataset.network_types:
        src = f"network-types/{network.id}.md"
        out.update(
            render_pages(
                "network_type.md.j2", src, title=f"{network.name} network", network=network, data=dataset, index=index
            )
        )
    for outcome in dataset.outcomes:
        src = f"outcomes/{outcome.id}.md"
        out.update(
            render_pages(
                "outcome.md.j2",
                src,
                title=f"{outcome.name} (outcome level {outcome.rank})",
                outcome=outcome,
                data=dataset,
                index=index,
            )
        )
    return out
