"""How quizzes are scored: the one specification the browser script follows.

A profile answer `a` is a point on the quiz's scale, 1 to `points`. A
reverse-scored statement counts the other way round (`points + 1 - a`). Each
dimension's score is the weighted share of the points it could have had:

    score = round_half_up(100 * sum(w * (v - 1)) / sum(w * (points - 1)))

over the statements weighted to that dimension, summed in statement order in
double precision, so `quiz.js` gets the same number bit for bit. The band is
the one with `min <= score < max`; the last band also holds 100.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .schema import Band, Dimension, Quiz

HALF_UP_TOLERANCE = 1e-9
"""Counts 62.49999999999 (binary rounding of a true 62.5) as a half, so it rounds up."""


class AnswerError(ValueError):
    """An answer vector that does not fit the quiz: a missing statement or an answer off the scale."""


@dataclass(frozen=True)
class DimensionResult:
    """One dimension's outcome: its score out of 100 and the band that score falls in."""

    dimension: Dimension
    total: float
    maximum: float
    score: int
    band: Band


def round_half_up(value: float) -> int:
    """Round to the nearest whole number, halves upwards (Python's round() would go to even)."""
    return math.floor(value + 0.5 + HALF_UP_TOLERANCE)


def item_points(answer: int, points: int, reverse: bool) -> int:
    """What one answer contributes before weighting: 0 to points - 1."""
    if not 1 <= answer <= points:
        raise AnswerError(f"answer {answer} is not on a {points}-point scale")
    value = points + 1 - answer if reverse else answer
    return value - 1


def percent(total: float, maximum: float) -> int:
    """A weighted total as a whole-number score out of 100."""
    return round_half_up(100 * total / maximum)


def band_for(dimension: Dimension, score: int) -> Band:
    """The band a score falls in: min <= score < max, and the last band includes its max."""
    last = len(dimension.bands) - 1
    for index, band in enumerate(dimension.bands):
        if band.min <= score < band.max or (index == last and score == band.max):
            return band
    raise ValueError(f"no band of '{dimension.id}' holds {score}")


def dimension_totals(quiz: Quiz, answers: Mapping[str, int]) -> dict[str, tuple[float, float]]:
    """(weighted total, weighted maximum) per dimension, summed in statement order."""
    if quiz.scale is None:
        raise AnswerError(f"quiz '{quiz.id}' has no scale to score")
    points = quiz.scale.points
    totals = {d.id: (0.0, 0.0) for d in quiz.dimensions}
    for item in quiz.items:
        if item.id not in answers:
            raise AnswerError(f"no answer for '{item.id}'")
        earned = item_points(answers[item.id], points, item.reverse)
        for dimension_id, weight in item.weights.items():
            total, maximum = totals[dimension_id]
            totals[dimension_id] = (total + weight * earned, maximum + weight * (points - 1))
    return totals


def score_profile(quiz: Quiz, answers: Mapping[str, int]) -> dict[str, DimensionResult]:
    """Every dimension's score and band for one set of answers (statement id -> 1..points)."""
    totals = dimension_totals(quiz, answers)
    results: dict[str, DimensionResult] = {}
    for dimension in quiz.dimensions:
        total, maximum = totals[dimension.id]
        score = percent(total, maximum)
        results[dimension.id] = DimensionResult(dimension, total, maximum, score, band_for(dimension, score))
    return results


def score_scenarios(quiz: Quiz, choices: Mapping[str, str]) -> int:
    """How many scenarios were answered with their correct option (scenario id -> answer id)."""
    correct = {s.id: next(o.answer for o in s.options if o.correct) for s in quiz.scenarios}
    return sum(1 for scenario_id, answer in choices.items() if correct.get(scenario_id) == answer)


def band_rank(result: DimensionResult) -> int:
    """How far up its dimension's bands a result sits: 0 for the lowest band."""
    return result.dimension.bands.index(result.band)


def in_top_band(result: DimensionResult) -> bool:
    """True when a result is in the highest of two or more bands (a lone band is no verdict)."""
    return len(result.dimension.bands) > 1 and band_rank(result) == len(result.dimension.bands) - 1


def join_names(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def headline(results: Sequence[DimensionResult]) -> str:
    """The sentence that opens a profile's results: where to start, in words that fit every band.

    With every area in its top band there is no weak spot to start with, only strengths to keep.
    Otherwise the areas outside their top band in the lowest band, and of those the lowest score,
    come first; when that is every area at one score, the reader picks. quiz.js follows this word
    for word (the browser tests compare the two).
    """
    if all(in_top_band(r) for r in results):
        labels = join_names(list(dict.fromkeys(r.band.label for r in results)))
        if len(results) == 1:
            only = results[0]
            return f"At {only.score} out of 100, {only.dimension.name} is in its top band ({labels}): keep it there."
        return f"Every area is in its top band ({labels}), so the tips below are about keeping them there."
    open_ = [r for r in results if not in_top_band(r)]
    first = min((band_rank(r), r.score) for r in open_)
    focus = [r for r in open_ if (band_rank(r), r.score) == first]
    at = f"{first[1]} out of 100 ({join_names(list(dict.fromkeys(r.band.label for r in focus)))})"
    if len(focus) == len(results) > 1:
        return f"Every area scores {at}, so start with whichever tips appeal most."
    names = join_names([r.dimension.name for r in focus])
    if len(results) == 1:
        return f"At {at}, {names} has room to grow: start with the tips below."
    room = "it has" if len(focus) == 1 else "they have"
    return f"Start with {names}: at {at}, {room} the most room to grow."
