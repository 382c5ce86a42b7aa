"""The records an intranet can embed, listed from the dataset by hand (not from the generator's own
table), so a kind the generator forgets to make embeddable fails the tests."""

from __future__ import annotations

from typing import Any

from generator.schema import Dataset


def embeddable_records(dataset: Dataset) -> list[tuple[str, str]]:
    """(folder, id) of every tip, quiz, worksheet, network type, outcome and words record."""
    kinds: dict[str, list[Any]] = {
        "tips": dataset.tips,
        "quizzes": dataset.quizzes,
        "worksheets": dataset.worksheets,
        "network-types": dataset.network_types,
        "outcomes": dataset.outcomes,
        "words": dataset.words,
    }
    return [(folder, record.id) for folder, records in kinds.items() for record in records]
