"""Quiz pages: the quizzes index and one page per quiz.

Each quiz page works three ways: in the browser (quiz.js reads a JSON block
and scores answers with the rule in generator/scoring.py), without JavaScript
(every question is on the page) and on paper (a scoring key to add up by hand).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from markupsafe import Markup

from ..schema import Band, Dataset, Dimension, Quiz
from ..scoring import band_for, percent
from .environment import Output, print_address, render_page, render_pages
from .index import DatasetIndex
from .markup import prose

PAPER_TOTALS_LIMIT = 2000
"""Above this many distinct achievable totals the key gives the formula only, not a points table."""

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_block(value: object) -> Markup:
    """JSON safe inside <script type="application/json">: no `<`, `>` or `&` can end the element."""
    return Markup(json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES))


@dataclass(frozen=True)
class ItemRef:
    """A statement as the paper key lists it: its number, weight and direction."""

    number: int
    weight: float
    reverse: bool


@dataclass(frozen=True)
class PaperBand:
    """A band with the range of hand-added totals that land in it (None when no total does)."""

    band: Band
    low: float | None
    high: float | None


@dataclass(frozen=True)
class PaperDimension:
    """Everything the paper key says about one dimension."""

    dimension: Dimension
    items: list[ItemRef]
    maximum: float
    bands: list[PaperBand]
    exact: bool


def achievable_totals(weights: list[float], points: int) -> list[Fraction] | None:
    """Every total a reader can add up on paper, or None if there are too many to tabulate."""
    totals = {Fraction(0)}
    for weight in weights:
        step = Fraction(weight)
        totals = {total + step * k for total in totals for k in range(points)}
        if len(totals) > PAPER_TOTALS_LIMIT:
            return None
    return sorted(totals)


def paper_dimension(quiz: Quiz, dimension: Dimension) -> PaperDimension:
    """The statements that count towards a dimension and the totals that fall in each band."""
    assert quiz.scale is not None
    points = quiz.scale.points
    items = [
        ItemRef(number, item.weights[dimension.id], item.reverse)
        for number, item in enumerate(quiz.items, start=1)
        if dimension.id in item.weights
    ]
    maximum = sum(ref.weight * (points - 1) for ref in items)
    totals = achievable_totals([ref.weight for ref in items], points)
    ranges: dict[int, list[Fraction]] = {}
    for total in totals or []:
        band = band_for(dimension, percent(float(total), maximum))
        ranges.setdefault(dimension.bands.index(band), []).append(total)
    bands = []
    for index, band in enumerate(dimension.bands):
        found = ranges.get(index)
        bands.append(PaperBand(band, float(found[0]), float(found[-1])) if found else PaperBand(band, None, None))
    return PaperDimension(dimension, items, maximum, bands, exact=totals is not None)


def number(value: float) -> str:
    """A total or weight as a person writes it: 8, 7.5, 0.25."""
    return f"{value:g}"


def profile_data(quiz: Quiz, index: DatasetIndex, link: Callable[[str], str]) -> dict[str, Any]:
    """What quiz.js needs to score a profile and show its results."""
    assert quiz.scale is not None
    return {
        "id": quiz.id,
        "kind": quiz.kind,
        "title": quiz.title,
        "points": quiz.scale.points,
        "dimensions": [
            {
                "id": dimension.id,
                "name": dimension.name,
                "description": dimension.description,
                "bands": [
                    {
                        "min": band.min,
                        "max": band.max,
                        "label": band.label,
                        "html": str(prose(band.interpretation)),
                        "tips": [
                            {
                                "title": index.tips[t].title,
                                "url": link(f"tips/{t}.md"),
                                "address": print_address(f"tips/{t}.md"),
                            }
                            for t in band.tips
                        ],
                    }
                    for band in dimension.bands
                ],
            }
            for dimension in quiz.dimensions
        ],
        "items": [{"id": item.id, "weights": item.weights, "reverse": item.reverse} for item in quiz.items],
    }


def answer_names(quiz: Quiz, index: DatasetIndex) -> dict[str, str]:
    """The display name of every answer a scenario quiz offers."""
    if quiz.answers == "outcomes":
        return {o.id: o.name for o in index.ladder}
    return {n.id: n.name for n in index.network_types.values()}


def answer_page(quiz: Quiz, answer: str) -> str:
    """The docs page that explains an answer."""
    folder = "outcomes" if quiz.answers == "outcomes" else "network-types"
    return f"{folder}/{answer}.md"


def scenario_data(quiz: Quiz, index: DatasetIndex, link: Callable[[str], str]) -> dict[str, Any]:
    """What quiz.js needs to give feedback on each scenario and a summary."""
    names = answer_names(quiz, index)
    used = list(dict.fromkeys(o.answer for s in quiz.scenarios for o in s.options))
    return {
        "id": quiz.id,
        "kind": quiz.kind,
        "title": quiz.title,
        "answers": {a: {"name": names[a], "url": link(answer_page(quiz, a))} for a in used},
        "scenarios": [
            {
                "id": scenario.id,
                "correct": next(o.answer for o in scenario.options if o.correct),
                "feedback": {o.answer: str(prose(o.feedback)) for o in scenario.options},
            }
            for scenario in quiz.scenarios
        ],
    }


def quiz_context(quiz: Quiz, index: DatasetIndex) -> dict[str, Any]:
    """The template context for a quiz's markup, on whatever page the template is rendered for.

    `quiz_json(link)` builds the JSON block with the template's own `link`, so the tip URLs in it
    are right on the quiz page and on any other page (an embed) that renders the same markup.
    """

    def quiz_json(link: Callable[[str], str]) -> Markup:
        builder = profile_data if quiz.kind == "profile" else scenario_data
        return json_block(builder(quiz, index, link))

    if quiz.kind == "profile":
        paper = [paper_dimension(quiz, d) for d in quiz.dimensions]
        partial = next((ref.weight for part in paper for ref in part.items if ref.weight != 1), None)
        extra: dict[str, Any] = {"paper": paper, "partial_weight": partial}
    else:
        extra = {"names": answer_names(quiz, index)}
    return {"quiz": quiz, "quiz_json": quiz_json, "number": number, **extra}


def render(dataset: Dataset) -> Output:
    """The quiz pages, keyed by docs path; nothing when the dataset has no quizzes."""
    if not dataset.quizzes or dataset.sections.quizzes is None:
        return {}
    index = DatasetIndex.build(dataset)
    out: Output = {
        "quizzes/index.md": render_page(
            "quizzes_index.md.j2", "quizzes/index.md", data=dataset, section=dataset.sections.quizzes, index=index
        )
    }
    for quiz in dataset.quizzes:
        src = f"quizzes/{quiz.id}.md"
        out.update(render_pages("quiz.md.j2", src, title=quiz.title, index=index, **quiz_context(quiz, index)))
    return out
