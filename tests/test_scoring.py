"""The scoring rule in generator/scoring.py: reverse items, weights, rounding and band edges.

Expected values come from an exact reference (fractions) of the documented
formula, or are worked by hand where the arithmetic is one line.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.schema import Dataset, Dimension, Quiz
from generator.scoring import (
    AnswerError,
    DimensionResult,
    band_for,
    band_rank,
    dimension_totals,
    headline,
    in_top_band,
    item_points,
    percent,
    round_half_up,
    score_profile,
    score_scenarios,
)

LABELS = ["one", "two", "three", "four", "five", "six", "seven"]


def make_quiz(items: list[dict[str, Any]], points: int = 5, bands: list[tuple[int, int]] | None = None) -> Quiz:
    """A profile quiz over the dimensions its items name, each with the given bands."""
    dimension_ids = list(dict.fromkeys(d for item in items for d in item["weights"]))
    ranges = bands or [(0, 40), (40, 70), (70, 100)]
    return Quiz.model_validate(
        {
            "id": "sample",
            "kind": "profile",
            "title": "Sample",
            "summary": "A sample quiz.",
            "intro": "Answer it.",
            "time_needed": "1 minute",
            "scale": {"points": points, "labels": LABELS[:points]},
            "dimensions": [
                {
                    "id": d,
                    "name": d.title(),
                    "description": f"The {d} dimension.",
                    "bands": [
                        {"min": low, "max": high, "label": f"{d} {low}", "interpretation": "Text."}
                        for low, high in ranges
                    ],
                }
                for d in dimension_ids
            ],
            "items": [{"id": f"item-{i}", "text": f"Statement {i}.", **item} for i, item in enumerate(items)],
        }
    )


def exact_score(quiz: Quiz, answers: dict[str, int], dimension: str) -> int:
    """The documented formula in exact arithmetic on the weights as written (decimals), halves up."""
    assert quiz.scale is not None
    points = quiz.scale.points
    total = Fraction(0)
    maximum = Fraction(0)
    for item in quiz.items:
        if dimension in item.weights:
            answer = answers[item.id]
            value = points + 1 - answer if item.reverse else answer
            weight = Fraction(str(item.weights[dimension]))
            total += weight * (value - 1)
            maximum += weight * (points - 1)
    return math.floor(100 * total / maximum + Fraction(1, 2))


def test_round_half_up_rounds_halves_up_not_to_even() -> None:
    assert [round_half_up(x) for x in (0.5, 1.5, 2.5, 62.5)] == [1, 2, 3, 63]
    assert [round(x) for x in (0.5, 2.5)] == [0, 2]  # why the module cannot use round()
    assert round_half_up(62.49) == 62
    assert round_half_up(62.51) == 63
    assert round_half_up(0.0) == 0
    assert round_half_up(100.0) == 100


def test_round_half_up_treats_binary_noise_below_a_half_as_a_half() -> None:
    # 0.1, 0.1 and 0.6 are not exact in binary: the true 62.5 arrives as 62.499999999999986.
    quiz = make_quiz([{"weights": {"a": 0.1}}, {"weights": {"a": 0.1}}, {"weights": {"a": 0.6}}])
    answers = {"item-0": 1, "item-1": 3, "item-2": 4}
    total, maximum = dimension_totals(quiz, answers)["a"]
    assert 100 * total / maximum < 62.5
    assert exact_score(quiz, answers, "a") == 63
    assert score_profile(quiz, answers)["a"].score == 63


@pytest.mark.parametrize("points", [3, 5, 7])
def test_item_points_run_from_zero_and_reverse_flips_them(points: int) -> None:
    forward = [item_points(a, points, reverse=False) for a in range(1, points + 1)]
    backward = [item_points(a, points, reverse=True) for a in range(1, points + 1)]
    assert forward == list(range(points))
    assert backward == forward[::-1]


@pytest.mark.parametrize("answer", [0, 6, -1])
def test_an_answer_off_the_scale_is_refused(answer: int) -> None:
    with pytest.raises(AnswerError, match="not on a 5-point scale"):
        item_points(answer, 5, reverse=False)


def test_all_lowest_and_all_highest_answers_score_0_and_100() -> None:
    quiz = make_quiz([{"weights": {"a": 1}}, {"weights": {"a": 2, "b": 0.5}}, {"weights": {"b": 1}}])
    lowest = score_profile(quiz, {item.id: 1 for item in quiz.items})
    highest = score_profile(quiz, {item.id: 5 for item in quiz.items})
    assert {d: r.score for d, r in lowest.items()} == {"a": 0, "b": 0}
    assert {d: r.score for d, r in highest.items()} == {"a": 100, "b": 100}
    assert [r.band.min for r in lowest.values()] == [0, 0]
    assert [r.band.max for r in highest.values()] == [100, 100]


def test_a_reverse_item_counts_the_other_way_round() -> None:
    quiz = make_quiz([{"weights": {"a": 1}}, {"weights": {"a": 1}, "reverse": True}])
    # Agreeing fully with both: 4 points from the first, 0 from the reversed second, of 8.
    assert score_profile(quiz, {"item-0": 5, "item-1": 5})["a"].score == 50
    assert score_profile(quiz, {"item-0": 5, "item-1": 1})["a"].score == 100
    assert score_profile(quiz, {"item-0": 1, "item-1": 5})["a"].score == 0


def test_weights_change_how_much_an_item_counts() -> None:
    quiz = make_quiz([{"weights": {"a": 3}}, {"weights": {"a": 1}}])
    # The heavy item at full marks: 3 * 4 of (3 + 1) * 4 = 75; the light one alone: 4 of 16 = 25.
    assert score_profile(quiz, {"item-0": 5, "item-1": 1})["a"].score == 75
    assert score_profile(quiz, {"item-0": 1, "item-1": 5})["a"].score == 25


def test_an_item_counts_only_towards_the_dimensions_it_is_weighted_to() -> None:
    quiz = make_quiz([{"weights": {"a": 1}}, {"weights": {"b": 1}}])
    results = score_profile(quiz, {"item-0": 5, "item-1": 1})
    assert (results["a"].score, results["b"].score) == (100, 0)


def test_a_missing_answer_is_refused() -> None:
    quiz = make_quiz([{"weights": {"a": 1}}, {"weights": {"a": 1}}])
    with pytest.raises(AnswerError, match="no answer for 'item-1'"):
        score_profile(quiz, {"item-0": 3})


def _dimension(bands: list[tuple[int, int]]) -> Dimension:
    return Dimension.model_validate(
        {
            "id": "a",
            "name": "A",
            "description": "A dimension.",
            "bands": [{"min": lo, "max": hi, "label": f"{lo}-{hi}", "interpretation": "Text."} for lo, hi in bands],
        }
    )


@pytest.mark.parametrize(
    ("score", "label"),
    [(0, "0-40"), (39, "0-40"), (40, "40-70"), (69, "40-70"), (70, "70-100"), (99, "70-100"), (100, "70-100")],
)
def test_band_edges_are_min_inclusive_max_exclusive_and_100_is_in_the_last(score: int, label: str) -> None:
    assert band_for(_dimension([(0, 40), (40, 70), (70, 100)]), score).label == label


def test_a_score_in_a_gap_has_no_band() -> None:
    with pytest.raises(ValueError, match="no band of 'a' holds 45"):
        band_for(_dimension([(0, 40), (50, 100)]), 45)


def test_percent_is_the_rounded_share_of_the_maximum() -> None:
    assert percent(8.5, 22) == 39  # 38.6
    assert percent(9, 22) == 41  # 40.9
    assert percent(1, 8) == 13  # 12.5 rounds up


@settings(max_examples=300, deadline=None)
@given(
    data=st.data(),
    points=st.integers(min_value=3, max_value=7),
    specs=st.lists(
        st.tuples(
            st.sampled_from([0.25, 0.5, 1.0, 1.5, 2.0, 3.0]),
            st.sampled_from([0.25, 0.5, 1.0, 2.0, None]),
            st.booleans(),
        ),
        min_size=1,
        max_size=12,
    ),
)
def test_scores_match_the_exact_formula(data: st.DataObject, points: int, specs: list[Any]) -> None:
    items = [{"weights": {"a": wa, **({"b": wb} if wb else {})}, "reverse": rev} for wa, wb, rev in specs]
    if not any(item["weights"].get("b") for item in items):
        items[0]["weights"]["b"] = 1.0
    quiz = make_quiz(items, points=points)
    answers = {f"item-{i}": data.draw(st.integers(1, points)) for i in range(len(items))}
    results = score_profile(quiz, answers)
    for dimension in ("a", "b"):
        expected = exact_score(quiz, answers, dimension)
        assert results[dimension].score == expected
        band = results[dimension].band
        assert band.min <= expected < band.max or expected == band.max == 100


def test_the_real_quizzes_score_every_extreme_into_a_band(dataset: Dataset) -> None:
    for quiz in (q for q in dataset.quizzes if q.kind == "profile"):
        assert quiz.scale is not None
        for answer in range(1, quiz.scale.points + 1):
            answers = {item.id: answer for item in quiz.items}
            for dimension_id, result in score_profile(quiz, answers).items():
                assert result.score == exact_score(quiz, answers, dimension_id)
                assert result.band in result.dimension.bands


def test_scenario_score_counts_the_correct_choices(dataset: Dataset) -> None:
    quiz = next(q for q in dataset.quizzes if q.kind == "scenario")
    right = {s.id: next(o.answer for o in s.options if o.correct) for s in quiz.scenarios}
    wrong = {s.id: next(o.answer for o in s.options if not o.correct) for s in quiz.scenarios}
    assert score_scenarios(quiz, right) == len(quiz.scenarios)
    assert score_scenarios(quiz, wrong) == 0
    half = dict(list(right.items())[:3]) | dict(list(wrong.items())[3:])
    assert score_scenarios(quiz, half) == 3


def results_at(quiz: Quiz, scores: dict[str, int]) -> list[DimensionResult]:
    """Results with the given scores (the totals do not matter to the headline)."""
    return [
        DimensionResult(d, float(scores[d.id]), 100.0, scores[d.id], band_for(d, scores[d.id])) for d in quiz.dimensions
    ]


THREE = make_quiz([{"weights": {"a": 1}}, {"weights": {"b": 1}}, {"weights": {"c": 1}}])
"""Three dimensions a, b and c, each with the bands 0-39, 40-69 and 70-100."""

EDGES = [0, 1, 39, 40, 41, 55, 69, 70, 71, 85, 99, 100]


@pytest.mark.parametrize("a", EDGES)
def test_the_headline_fits_every_band_combination(a: int) -> None:
    """Across every combination of band edges: all in the top band is praise, never a "start with";
    otherwise it starts with the areas outside their top band in the lowest band at the lowest score."""
    for b in EDGES:
        for c in EDGES:
            results = results_at(THREE, {"a": a, "b": b, "c": c})
            text = headline(results)
            if all(r.score >= 70 for r in results):
                assert text.startswith("Every area is in its top band"), text
                assert "room to grow" not in text and "Start with" not in text
                continue
            candidates = [r for r in results if not in_top_band(r)]
            first = min((band_rank(r), r.score) for r in candidates)
            named = [r.dimension.name for r in candidates if (band_rank(r), r.score) == first]
            assert f"{first[1]} out of 100" in text, text
            if len(named) == 3:
                assert text.startswith("Every area scores"), text
            else:
                assert text.startswith(f"Start with {named[0]}"), text
                assert all(name in text for name in named)
                for r in results:  # an area in its top band is never where to start
                    assert not (in_top_band(r) and r.dimension.name in text.split(":")[0]), text


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        (
            {"a": 90, "b": 85, "c": 100},
            "Every area is in its top band (a 70, b 70 and c 70), so the tips below are about keeping them there.",
        ),
        ({"a": 90, "b": 69, "c": 100}, "Start with B: at 69 out of 100 (b 40), it has the most room to grow."),
        ({"a": 30, "b": 69, "c": 10}, "Start with C: at 10 out of 100 (c 0), it has the most room to grow."),
        (
            {"a": 20, "b": 20, "c": 75},
            "Start with A and B: at 20 out of 100 (a 0 and b 0), they have the most room to grow.",
        ),
        (
            {"a": 50, "b": 50, "c": 50},
            "Every area scores 50 out of 100 (a 40, b 40 and c 40), so start with whichever tips appeal most.",
        ),
    ],
)
def test_the_headline_in_words(scores: dict[str, int], expected: str) -> None:
    assert headline(results_at(THREE, scores)) == expected


def test_the_headline_of_a_single_area() -> None:
    one = make_quiz([{"weights": {"a": 1}}])
    assert headline(results_at(one, {"a": 80})) == "At 80 out of 100, A is in its top band (a 70): keep it there."
    assert (
        headline(results_at(one, {"a": 45}))
        == "At 45 out of 100 (a 40), A has room to grow: start with the tips below."
    )
