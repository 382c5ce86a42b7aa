"""Cross-record checks the field-level schema cannot make.

A tip that names an unknown network type, two records with one id, a quiz
band that leaves a gap, a collection that lists a missing tip: each comes
back as (path, message), with the valid ids listed so the fix is obvious.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from .schema import PLACEHOLDER, Band, Dataset, Quiz, Words, Worksheet
from .validation import did_you_mean, dotted

RecordPath = tuple[str | int, ...]
Finding = tuple[RecordPath, str]
"""(where, message); a message may hold `{at:PATH}` for the loader to fill in with a file position."""

PAGE_FOLDERS = {
    "network_types": "network-types",
    "outcomes": "outcomes",
    "tips": "tips",
    "retired_tips": "tips",
    "collections": "collections",
    "worksheets": "worksheets",
    "quizzes": "quizzes",
    "words": "words",
}
"""Every kind whose records become pages (a retired tip keeps its page as a redirect), and the
folder of the site they go to: `<folder>/<id>/`."""

RESERVED_IDS: dict[str, frozenset[str]] = {
    section: frozenset({"index", "matrix"} if folder == "tips" else {"index"})
    for section, folder in PAGE_FOLDERS.items()
}
"""Ids that would take the place of a page of the section's own (`index` is the section's page,
`tips/matrix` the tips matrix), per section of the data."""

ALL_TIPS_DECK = "all-tips"
"""The id of the card deck every build makes from every tip; a chosen deck may not take it."""


def unknown(value: str, kind: str, valid: Sequence[str]) -> str:
    """The message for an id that does not exist, with a suggestion and the valid ids."""
    return f"unknown {kind} '{value}'{did_you_mean(value, valid)}; valid: {', '.join(valid)}"


def reserved(section: str, ids: Iterable[str]) -> list[Finding]:
    """A finding for every record id that a page of the section's own already uses."""
    folder = PAGE_FOLDERS[section]

    def page(record_id: str) -> str:
        return f"/{folder}/" if record_id == "index" else f"/{folder}/{record_id}/"

    return [
        (
            (section, index, "id"),
            f"'{record_id}' is reserved for the site's own page {page(record_id)}; choose another id",
        )
        for index, record_id in enumerate(ids)
        if record_id in RESERVED_IDS[section]
    ]


def repeats(values: Iterable[str]) -> Iterator[tuple[int, int, str]]:
    """(index, index of its first use, value) for every value that repeats an earlier one."""
    first: dict[str, int] = {}
    for index, value in enumerate(values):
        if value in first:
            yield index, first[value], value
        else:
            first[value] = index


def duplicates(path: RecordPath, ids: Iterable[str], what: str = "id") -> list[Finding]:
    """A finding for every id that repeats an earlier one in the same list."""
    return [
        ((*path, index, "id"), f"duplicate {what} '{record_id}': {{at:{dotted((*path, first, 'id'))}}} already uses it")
        for index, first, record_id in repeats(ids)
    ]


@dataclass(frozen=True)
class Ids:
    """The valid ids of every referable kind."""

    sources: list[str]
    network_types: list[str]
    outcomes: list[str]
    tips: list[str]
    retired_tips: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """Retired tip id -> the tip that replaced it, so a stale reference says where to point."""

    def check(self, path: RecordPath, values: Sequence[str], kind: str) -> list[Finding]:
        valid = {
            "source": self.sources,
            "network type": self.network_types,
            "outcome level": self.outcomes,
            "tip": self.tips,
        }[kind]
        return [((*path, i), self._unknown(v, kind, valid)) for i, v in enumerate(values) if v not in valid]

    def _unknown(self, value: str, kind: str, valid: Sequence[str]) -> str:
        if kind == "tip" and value in self.retired_tips:
            return f"tip '{value}' was retired; use '{self.retired_tips[value]}', the tip that replaced it"
        return unknown(value, kind, valid)


def check_references(data: Dataset) -> list[Finding]:
    """Every dangling reference, duplicate id and inconsistent record in the dataset."""
    ids = Ids(
        sources=[s.id for s in data.sources],
        network_types=[n.id for n in data.network_types],
        outcomes=[o.id for o in data.outcomes],
        tips=[t.id for t in data.tips],
        retired_tips={r.id: r.replaced_by for r in data.retired_tips},
    )
    found: list[Finding] = []
    sections = ("sources", "network_types", "outcomes", "tips", "retired_tips", "collections", "worksheets")
    for section in (*sections, "quizzes", "words", "card_decks"):
        found += duplicates((section,), (record.id for record in getattr(data, section)))
    for section in PAGE_FOLDERS:
        found += reserved(section, (record.id for record in getattr(data, section)))

    for i, network_type in enumerate(data.network_types):
        found += ids.check(("network_types", i, "sources"), network_type.sources, "source")
    for i, outcome in enumerate(data.outcomes):
        found += ids.check(("outcomes", i, "sources"), outcome.sources, "source")
    found += ids.check(("why_network", "sources"), data.why_network.sources, "source")
    if data.why_network.quotation:
        found += ids.check(("why_network", "quotation", "source"), [data.why_network.quotation.source], "source")
    for i, tip in enumerate(data.tips):
        found += ids.check(("tips", i, "network_types"), tip.network_types, "network type")
        found += ids.check(("tips", i, "outcome"), [tip.outcome], "outcome level")
        found += ids.check(("tips", i, "sources"), tip.sources, "source")
    found += _check_retired_tips(data, ids)
    for i, collection in enumerate(data.collections):
        found += ids.check(("collections", i, "tips"), collection.tips, "tip")
        found += _listed_twice(("collections", i, "tips"), collection.tips, "tip")
    for i, words in enumerate(data.words):
        found += _check_words(("words", i), words, ids)
    for i, worksheet in enumerate(data.worksheets):
        found += _check_worksheet(("worksheets", i), worksheet, ids)
    found += _check_card_decks(data)
    for i, quiz in enumerate(data.quizzes):
        found += _check_quiz(("quizzes", i), quiz, ids)
    return [_single(f) for f in found]


def _listed_twice(path: RecordPath, values: Sequence[str], what: str) -> list[Finding]:
    """A finding for every reference that repeats an earlier one in the same list."""
    return [
        ((*path, index), f"{what} '{value}' is listed twice: {{at:{dotted((*path, first))}}} already lists it")
        for index, first, value in repeats(values)
    ]


def _single(finding: Finding) -> Finding:
    """`ids.check` on a one-value field adds an index; drop it so the path names the field."""
    path, message = finding
    single_fields = ("outcome", "source", "replaced_by")
    if len(path) >= 2 and path[-1] == 0 and path[-2] in single_fields:
        return path[:-1], message
    return finding


def _check_retired_tips(data: Dataset, ids: Ids) -> list[Finding]:
    """A retired id must be gone from the tips, and must lead to a tip that exists."""
    found: list[Finding] = []
    live = set(ids.tips)
    for i, retired in enumerate(data.retired_tips):
        if retired.id in live:
            found.append(
                (("retired_tips", i, "id"), f"'{retired.id}' is still a tip; retire it only once its record is gone")
            )
        found += ids.check(("retired_tips", i, "replaced_by"), [retired.replaced_by], "tip")
    return found


def _check_words(path: RecordPath, words: Words, ids: Ids) -> list[Finding]:
    """Ids, the tips they serve, and placeholders that open and close on one line."""
    found: list[Finding] = []
    found += ids.check((*path, "tips"), words.tips, "tip")
    leftover = re.sub(PLACEHOLDER, "", words.text)
    if "[" in leftover or "]" in leftover:
        found.append(
            ((*path, "text"), "a square bracket is not closed on its line: write placeholders as [their name]")
        )
    return found


def _check_card_decks(data: Dataset) -> list[Finding]:
    """A chosen deck names tags some tip has, and an id no other deck's PDF file uses."""
    found: list[Finding] = []
    tags = sorted({tag for tip in data.tips for tag in tip.tags})
    taken = {ALL_TIPS_DECK} | {c.id for c in data.collections}
    for i, deck in enumerate(data.card_decks):
        if deck.id in taken:
            found.append(
                (("card_decks", i, "id"), f"'{deck.id}' is already the id of the all-tips or a collection's deck")
            )
        found += [
            (("card_decks", i, "tags", t), unknown(tag, "tag", tags))
            for t, tag in enumerate(deck.tags)
            if tag not in tags
        ]
    return found


def _check_worksheet(path: RecordPath, sheet: Worksheet, ids: Ids) -> list[Finding]:
    found = duplicates((*path, "sections"), (s.id for s in sheet.sections), "section id")
    for s, section in enumerate(sheet.sections):
        here = (*path, "sections", s, "fields")
        found += duplicates(here, (f.id for f in section.fields), "field id")
        for f, field in enumerate(section.fields):
            where = (*here, f)
            if field.kind == "checklist" and not field.items:
                found.append(((*where, "kind"), "a checklist needs 'items' (the boxes to tick)"))
            if field.kind == "table" and (not field.columns or field.rows < 1):
                found.append(((*where, "kind"), "a table needs 'columns' and 'rows' of at least 1"))
            if field.kind != "checklist" and field.items:
                found.append(((*where, "items"), "only a checklist has 'items'"))
            if field.kind != "table" and (field.columns or field.rows):
                found.append(((*where, "columns" if field.columns else "rows"), "only a table has columns and rows"))
            found += duplicates((*where, "items"), (item.id for item in field.items), "item id")
            found += duplicates((*where, "columns"), (column.id for column in field.columns), "column id")
    found += ids.check((*path, "network_types"), sheet.network_types, "network type")
    found += ids.check((*path, "outcomes"), sheet.outcomes, "outcome level")
    found += ids.check((*path, "tips"), sheet.tips, "tip")
    found += ids.check((*path, "sources"), sheet.sources, "source")
    return found


def _check_quiz(path: RecordPath, quiz: Quiz, ids: Ids) -> list[Finding]:
    found = ids.check((*path, "sources"), quiz.sources, "source")
    if quiz.kind == "profile":
        found += _check_profile(path, quiz, ids)
    else:
        found += _check_scenarios(path, quiz, ids)
    return found


def _check_profile(path: RecordPath, quiz: Quiz, ids: Ids) -> list[Finding]:
    found: list[Finding] = []
    if quiz.scale is None:
        found.append(((*path, "kind"), "a profile quiz needs a 'scale'"))
    elif len(quiz.scale.labels) != quiz.scale.points:
        found.append(((*path, "scale", "labels"), f"needs exactly {quiz.scale.points} labels, one per point"))
    if not quiz.dimensions:
        found.append(((*path, "kind"), "a profile quiz needs 'dimensions'"))
    if not quiz.items:
        found.append(((*path, "kind"), "a profile quiz needs 'items'"))
    if quiz.scenarios or quiz.answers:
        found.append(((*path, "kind"), "only a scenario quiz has 'scenarios' and 'answers'"))
    dimension_ids = [d.id for d in quiz.dimensions]
    found += duplicates((*path, "dimensions"), dimension_ids, "dimension id")
    found += duplicates((*path, "items"), (item.id for item in quiz.items), "item id")
    weighted: set[str] = set()
    for i, item in enumerate(quiz.items):
        for dimension_id in item.weights:
            where = (*path, "items", i, "weights", dimension_id)
            if dimension_id not in dimension_ids:
                found.append((where, unknown(dimension_id, "dimension", dimension_ids)))
            weighted.add(dimension_id)
    for d, dimension in enumerate(quiz.dimensions):
        here = (*path, "dimensions", d)
        if dimension.id not in weighted:
            found.append(((*here, "id"), f"no item counts towards dimension '{dimension.id}'"))
        found += _check_bands(here, dimension.bands)
        for b, band in enumerate(dimension.bands):
            found += ids.check((*here, "bands", b, "tips"), band.tips, "tip")
    return found


def _check_bands(path: RecordPath, bands: Sequence[Band]) -> list[Finding]:
    """Bands must run from 0 to 100 in order, each starting where the previous one ended."""
    found: list[Finding] = []
    expected_start = 0
    for b, band in enumerate(bands):
        low, high = band.min, band.max
        where = (*path, "bands", b)
        if high <= low:
            found.append(((*where, "max"), f"max ({high}) must be greater than min ({low})"))
        if low > expected_start:
            found.append(((*where, "min"), f"gap: scores {expected_start} to {low} fall in no band"))
        elif low < expected_start:
            found.append(((*where, "min"), f"overlap: scores {low} to {expected_start} are already in the band before"))
        expected_start = max(expected_start, high)
    if bands and expected_start != 100:
        found.append(((*path, "bands", len(bands) - 1, "max"), f"the last band must end at 100, not {expected_start}"))
    return found


def _check_scenarios(path: RecordPath, quiz: Quiz, ids: Ids) -> list[Finding]:
    found: list[Finding] = []
    if quiz.answers is None:
        found.append(((*path, "kind"), "a scenario quiz needs 'answers': network_types or outcomes"))
    if not quiz.scenarios:
        found.append(((*path, "kind"), "a scenario quiz needs 'scenarios'"))
    if quiz.scale or quiz.dimensions or quiz.items:
        found.append(((*path, "kind"), "only a profile quiz has 'scale', 'dimensions' and 'items'"))
    valid = ids.network_types if quiz.answers == "network_types" else ids.outcomes
    kind = "network type" if quiz.answers == "network_types" else "outcome level"
    found += duplicates((*path, "scenarios"), (s.id for s in quiz.scenarios), "scenario id")
    for s, scenario in enumerate(quiz.scenarios):
        here = (*path, "scenarios", s)
        answers = [o.answer for o in scenario.options]
        if quiz.answers is not None:
            found += [
                ((*here, "options", o, "answer"), unknown(a, kind, valid))
                for o, a in enumerate(answers)
                if a not in valid
            ]
        found += [
            ((*here, "options", o, "answer"), f"'{answer}' is offered twice") for o, _, answer in repeats(answers)
        ]
        correct = sum(1 for o in scenario.options if o.correct)
        if correct != 1:
            found.append(((*here, "options"), f"exactly one option must be 'correct: true'; found {correct}"))
    return found
