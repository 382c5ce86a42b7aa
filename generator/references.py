"""Cross-record checks the field-level schema cannot make.

A tip that names an unknown network type, two records with one id, a
collection that lists a missing tip: each comes back as (path, message),
with the valid ids listed so the fix is obvious.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from .schema import Dataset

RecordPath = tuple[str | int, ...]
Finding = tuple[RecordPath, str]
"""(where, message); a message may hold `{at:PATH}` for the loader to fill in with a file position."""

RESERVED_TIP_IDS = frozenset({"index", "matrix"})
"""Tip ids that would collide with pages under /tips/."""


def _unknown(value: str, kind: str, valid: Sequence[str]) -> str:
    close = difflib.get_close_matches(value, list(valid), n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown {kind} '{value}'{hint}; valid: {', '.join(valid)}"


def _duplicates(section: str, ids: Iterable[str]) -> list[Finding]:
    seen: dict[str, int] = {}
    found: list[Finding] = []
    for index, record_id in enumerate(ids):
        if record_id in seen:
            first = f"{section}.{seen[record_id]}.id"
            found.append(((section, index, "id"), f"duplicate id '{record_id}': {{at:{first}}} already uses it"))
        else:
            seen[record_id] = index
    return found


def check_references(data: Dataset) -> list[Finding]:
    """Every dangling reference, duplicate id and reserved id in the dataset."""
    found: list[Finding] = []
    sections = {
        "sources": [s.id for s in data.sources],
        "network_types": [n.id for n in data.network_types],
        "outcomes": [o.id for o in data.outcomes],
        "tips": [t.id for t in data.tips],
        "collections": [c.id for c in data.collections],
    }
    for section, ids in sections.items():
        found += _duplicates(section, ids)
    source_ids, type_ids = sections["sources"], sections["network_types"]
    outcome_ids, tip_ids = sections["outcomes"], sections["tips"]

    def cite(path: tuple[str | int, ...], cited: Sequence[str]) -> None:
        for index, source in enumerate(cited):
            if source not in source_ids:
                found.append(((*path, "sources", index), _unknown(source, "source", source_ids)))

    for i, network_type in enumerate(data.network_types):
        cite(("network_types", i), network_type.sources)
    for i, outcome in enumerate(data.outcomes):
        cite(("outcomes", i), outcome.sources)
    cite(("why_network",), data.why_network.sources)
    if data.why_network.quotation and data.why_network.quotation.source not in source_ids:
        found.append(
            (
                (("why_network", "quotation", "source")),
                _unknown(data.why_network.quotation.source, "source", source_ids),
            )
        )
    for i, tip in enumerate(data.tips):
        if tip.id in RESERVED_TIP_IDS:
            found.append((("tips", i, "id"), f"'{tip.id}' is reserved for a page of its own; choose another id"))
        for j, network in enumerate(tip.network_types):
            if network not in type_ids:
                found.append((("tips", i, "network_types", j), _unknown(network, "network type", type_ids)))
        if tip.outcome not in outcome_ids:
            found.append((("tips", i, "outcome"), _unknown(tip.outcome, "outcome level", outcome_ids)))
        cite(("tips", i), tip.sources)
    for i, collection in enumerate(data.collections):
        for j, tip_id in enumerate(collection.tips):
            if tip_id not in tip_ids:
                found.append((("collections", i, "tips", j), _unknown(tip_id, "tip", tip_ids)))
    return found
