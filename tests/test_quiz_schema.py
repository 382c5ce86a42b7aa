"""Quiz cross-checks: each mistake in data/quizzes.yaml is reported at its file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import DatasetError, Problem
from generator.loader import load_dataset

QUIZZES = """\
# yaml-language-server: $schema=schema.json
quizzes:
  - id: networks
    kind: profile
    title: Which network is thin?
    summary: A short profile.
    intro: Rate each statement.
    time_needed: 2 minutes
    scale:
      points: 3
      labels: [No, Partly, Yes]
    dimensions:
      - id: operational
        name: Operational
        description: The people today's work depends on.
        bands:
          - min: 0
            max: 40
            label: Thin
            interpretation: Start by mapping who matters.
            tips: [map-who-your-work-depends-on]
          - min: 40
            max: 100
            label: Strong
            interpretation: Keep it going.
      - id: strategic
        name: Strategic
        description: The people who show you what is coming.
        bands:
          - min: 0
            max: 100
            label: Any
            interpretation: Every score lands here.
    items:
      - id: know-who-matters
        text: I know who can block my work.
        weights:
          operational: 1
      - id: see-ahead
        text: I hear where the business is heading.
        weights:
          strategic: 1
          operational: 0.5
    sources: [ibarra-hunter-2007]
  - id: spot
    kind: scenario
    title: Spot the network
    summary: Two stories.
    intro: Choose the network each story shows.
    time_needed: 2 minutes
    answers: network_types
    scenarios:
      - id: month-end
        situation: A manager meets the payroll team.
        question: Which network?
        options:
          - answer: operational
            correct: true
            feedback: Right, today's work.
          - answer: personal
            feedback: Not quite, it comes with the job.
"""


def _write(data: Path, text: str) -> None:
    (data / "quizzes.yaml").write_text(text, encoding="utf-8")


def _mutate(old: str, new: str, count: int = 1) -> str:
    assert QUIZZES.count(old) >= count, old
    return QUIZZES.replace(old, new, count)


def _position(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """Line and column (1-based) where `needle` starts in `text`, at its nth occurrence."""
    at = -1
    for _ in range(occurrence):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def _problems(data: Path) -> list[Problem]:
    with pytest.raises(DatasetError) as error:
        load_dataset(data)
    return error.value.problems


def _assert_reported(data: Path, text: str, needle: str, path: str, message: str, occurrence: int = 1) -> None:
    """The problem is reported at the needle's position; the message may go on to list the valid ids."""
    _write(data, text)
    line, column = _position(text, needle, occurrence)
    expected = f"quizzes.yaml:{line}:{column}: {path}: {message}"
    reported = [str(p) for p in _problems(data)]
    assert any(p == expected or p.startswith(expected + "; valid: ") for p in reported), reported


def test_the_base_quizzes_are_valid(valid_data: Path) -> None:
    _write(valid_data, QUIZZES)
    assert [q.id for q in load_dataset(valid_data).quizzes] == ["networks", "spot"]


def test_a_gap_between_bands(valid_data: Path) -> None:
    text = _mutate("          - min: 40\n            max: 100", "          - min: 45\n            max: 100")
    _assert_reported(
        valid_data, text, "45", "quizzes.0.dimensions.0.bands.1.min", "gap: scores 40 to 45 fall in no band"
    )


def test_overlapping_bands(valid_data: Path) -> None:
    text = _mutate("          - min: 40\n            max: 100", "          - min: 30\n            max: 100")
    _assert_reported(
        valid_data,
        text,
        "30",
        "quizzes.0.dimensions.0.bands.1.min",
        "overlap: scores 30 to 40 are already in the band before",
    )


def test_the_last_band_must_reach_100(valid_data: Path) -> None:
    text = _mutate("            max: 100\n            label: Strong", "            max: 90\n            label: Strong")
    _assert_reported(
        valid_data, text, "90", "quizzes.0.dimensions.0.bands.1.max", "the last band must end at 100, not 90"
    )


def test_a_band_must_not_be_empty(valid_data: Path) -> None:
    text = _mutate("            max: 40\n", "            max: 0\n")
    _assert_reported(
        valid_data,
        text,
        "0\n            label: Thin",
        "quizzes.0.dimensions.0.bands.0.max",
        "max (0) must be greater than min (0)",
    )


def test_an_unknown_dimension_in_weights(valid_data: Path) -> None:
    text = _mutate("          strategic: 1\n", "          strategc: 1\n")
    _assert_reported(
        valid_data,
        text,
        "1\n          operational: 0.5",
        "quizzes.0.items.1.weights.strategc",
        "unknown dimension 'strategc' (did you mean 'strategic'?); valid: operational, strategic",
    )


def test_a_dimension_no_item_counts_towards(valid_data: Path) -> None:
    text = _mutate("          strategic: 1\n          operational: 0.5\n", "          operational: 0.5\n")
    _assert_reported(
        valid_data, text, "strategic\n", "quizzes.0.dimensions.1.id", "no item counts towards dimension 'strategic'"
    )


def test_a_weight_must_be_positive(valid_data: Path) -> None:
    text = _mutate("          operational: 0.5\n", "          operational: -0.5\n")
    _assert_reported(
        valid_data,
        text,
        "-0.5",
        "quizzes.0.items.1.weights.operational",
        "the number -0.5 is too small; allowed from 0.01 to 100; a statement that counts against a dimension"
        " keeps a positive weight and adds 'reverse: true'",
    )


def test_an_unknown_tip_in_a_band(valid_data: Path) -> None:
    text = _mutate("tips: [map-who-your-work-depends-on]", "tips: [map-who-your-work-depend-on]")
    _assert_reported(
        valid_data,
        text,
        "map-who-your-work-depend-on",
        "quizzes.0.dimensions.0.bands.0.tips.0",
        "unknown tip 'map-who-your-work-depend-on' (did you mean 'map-who-your-work-depends-on'?)",
    )


def test_an_unknown_source(valid_data: Path) -> None:
    text = _mutate("sources: [ibarra-hunter-2007]", "sources: [ibarra-2007]")
    _assert_reported(
        valid_data,
        text,
        "ibarra-2007",
        "quizzes.0.sources.0",
        "unknown source 'ibarra-2007' (did you mean 'ibarra-hunter-2007'?)",
    )


def test_scale_labels_must_match_its_points(valid_data: Path) -> None:
    text = _mutate("labels: [No, Partly, Yes]", "labels: [No, Partly, Yes, Always]")
    _assert_reported(valid_data, text, "[No", "quizzes.0.scale.labels", "needs exactly 3 labels, one per point")


def test_a_profile_needs_a_scale(valid_data: Path) -> None:
    text = _mutate("    scale:\n      points: 3\n      labels: [No, Partly, Yes]\n", "")
    _assert_reported(valid_data, text, "profile", "quizzes.0.kind", "a profile quiz needs a 'scale'")


def test_a_scenario_needs_exactly_one_correct_option(valid_data: Path) -> None:
    two = _mutate(
        "            feedback: Not quite, it comes with the job.",
        "            correct: true\n            feedback: No.",
    )
    _assert_reported(
        valid_data,
        two,
        "- answer: operational",
        "quizzes.1.scenarios.0.options",
        "exactly one option must be 'correct: true'; found 2",
    )
    none = _mutate("            correct: true\n", "")
    _assert_reported(
        valid_data,
        none,
        "- answer: operational",
        "quizzes.1.scenarios.0.options",
        "exactly one option must be 'correct: true'; found 0",
    )


def test_an_answer_that_is_not_a_network_type(valid_data: Path) -> None:
    text = _mutate("          - answer: personal", "          - answer: persnal")
    _assert_reported(
        valid_data,
        text,
        "persnal",
        "quizzes.1.scenarios.0.options.1.answer",
        "unknown network type 'persnal' (did you mean 'personal'?); valid: operational, personal, strategic",
    )


def test_an_answer_offered_twice(valid_data: Path) -> None:
    text = _mutate("          - answer: personal", "          - answer: operational")
    _assert_reported(
        valid_data,
        text,
        "operational",
        "quizzes.1.scenarios.0.options.1.answer",
        "'operational' is offered twice",
        occurrence=2 + text.count("operational", 0, text.index("kind: scenario")),
    )


def test_outcome_answers_are_checked_against_the_ladder(valid_data: Path) -> None:
    text = _mutate("    answers: network_types", "    answers: outcomes")
    _assert_reported(
        valid_data,
        text,
        "operational\n            correct",
        "quizzes.1.scenarios.0.options.0.answer",
        "unknown outcome level 'operational'; valid: natural, purposeful, organic",
    )


def test_a_scenario_quiz_cannot_carry_profile_fields(valid_data: Path) -> None:
    text = _mutate(
        "    answers: network_types\n",
        "    answers: network_types\n    scale:\n      points: 3\n      labels: [a, b, c]\n",
    )
    _assert_reported(
        valid_data,
        text,
        "scenario",
        "quizzes.1.kind",
        "only a profile quiz has 'scale', 'dimensions' and 'items'",
    )


def test_duplicate_ids(valid_data: Path) -> None:
    quiz_twice = _mutate("  - id: spot\n", "  - id: networks\n")
    _assert_reported(
        valid_data,
        quiz_twice,
        "networks",
        "quizzes.1.id",
        "duplicate id 'networks': quizzes.yaml:3:9 already uses it",
        2,
    )
    item_twice = _mutate("      - id: see-ahead", "      - id: know-who-matters")
    first_line, first_column = _position(item_twice, "know-who-matters")
    _assert_reported(
        valid_data,
        item_twice,
        "know-who-matters",
        "quizzes.0.items.1.id",
        f"duplicate item id 'know-who-matters': quizzes.yaml:{first_line}:{first_column} already uses it",
        2,
    )
