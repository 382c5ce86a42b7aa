"""Lookups over a Dataset that several renderers need, built once, in linear time."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from ..schema import Audience, Dataset, NetworkType, Outcome, Source, Tip, Words


@dataclass(frozen=True)
class DatasetIndex:
    """Records by id, tips grouped by (network type, outcome), and the words each tip uses."""

    sources: dict[str, Source]
    network_types: dict[str, NetworkType]
    outcomes: dict[str, Outcome]
    tips: dict[str, Tip]
    cells: dict[tuple[str, str], list[Tip]]
    ladder: list[Outcome]
    tip_words: dict[str, list[Words]]

    @classmethod
    def build(cls, data: Dataset) -> DatasetIndex:
        cells: dict[tuple[str, str], list[Tip]] = defaultdict(list)
        for tip in data.tips:
            for network in tip.network_types:
                cells[(network, tip.outcome)].append(tip)
        tip_words: dict[str, list[Words]] = defaultdict(list)
        for words in data.words:
            for tip_id in words.tips:
                tip_words[tip_id].append(words)
        return cls(
            sources={s.id: s for s in data.sources},
            network_types={n.id: n for n in data.network_types},
            outcomes={o.id: o for o in data.outcomes},
            tips={t.id: t for t in data.tips},
            cells=dict(cells),
            ladder=sorted(data.outcomes, key=lambda o: o.rank),
            tip_words=dict(tip_words),
        )

    def cell(self, network_id: str, outcome_id: str, audience: Audience | None = None) -> list[Tip]:
        """Tips that serve this network type and move you to this outcome level (of one audience, if given)."""
        tips = self.cells.get((network_id, outcome_id), [])
        return tips if audience is None else [t for t in tips if t.audience == audience]

    def plays(self, *, network: str | None = None, outcome: str | None = None) -> list[Tip]:
        """Organisers' plays (audience: association) for a network type, an outcome level, or both."""
        return [
            t
            for t in self.tips.values()
            if t.audience == "association"
            and (network is None or network in t.network_types)
            and (outcome is None or t.outcome == outcome)
        ]

    def words_for(self, tip_id: str) -> list[Words]:
        """The ready-to-use words that serve a tip, in dataset order."""
        return self.tip_words.get(tip_id, [])

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


class _ForAnAudience(Protocol):
    @property
    def audience(self) -> Audience: ...


RecordT = TypeVar("RecordT", bound=_ForAnAudience)


def audience_groups(records: Sequence[RecordT], organisers_heading: str) -> list[tuple[str, list[RecordT]]]:
    """An index page's two groups: records for anyone ("For you"), then those for organisers."""
    return [
        ("For you", [r for r in records if r.audience == "individual"]),
        (organisers_heading, [r for r in records if r.audience == "association"]),
    ]
