"""Lookups over a Dataset that several renderers need, built once, in linear time."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..schema import Dataset, NetworkType, Outcome, Source, Tip


@dataclass(frozen=True)
class DatasetIndex:
    """Records by id, and tips grouped by (network type, outcome)."""

    sources: dict[str, Source]
    network_types: dict[str, NetworkType]
    outcomes: dict[str, Outcome]
    tips: dict[str, Tip]
    cells: dict[tuple[str, str], list[Tip]]
    ladder: list[Outcome]

    @classmethod
    def build(cls, data: Dataset) -> DatasetIndex:
        cells: dict[tuple[str, str], list[Tip]] = defaultdict(list)
        for tip in data.tips:
            for network in tip.network_types:
                cells[(network, tip.outcome)].append(tip)
        return cls(
            sources={s.id: s for s in data.sources},
            network_types={n.id: n for n in data.network_types},
            outcomes={o.id: o for o in data.outcomes},
            tips={t.id: t for t in data.tips},
            cells=dict(cells),
            ladder=sorted(data.outcomes, key=lambda o: o.rank),
        )

    def cell(self, network_id: str, outcome_id: str) -> list[Tip]:
        """Tips that serve this network type and move you to this outcome level."""
        return self.cells.get((network_id, outcome_id), [])

    def count(self, *, network: str | None = None, outcome: str | None = None) -> int:
        """How many tips serve a network type, move to an outcome level, or both."""
        return sum(
            1
            for t in self.tips.values()
            if (network is None or network in t.network_types) and (outcome is None or t.outcome == outcome)
        )

    def next_level(self, outcome: Outcome) -> Outcome | None:
        """The level above this one on the ladder, if any."""
        position = self.ladder.index(outcome)
        return self.ladder[position + 1] if position + 1 < len(self.ladder) else None
