"""Quiz pages as rendered: every question without JavaScript, a paper key that agrees with the
scoring rule, a JSON block that cannot break out of its element, and a small script."""

from __future__ import annotations

import gzip
import html
import itertools
import json
import re
from typing import Any

import pytest

from generator.render import render_site
from generator.render.environment import render_page
from generator.render.index import DatasetIndex
from generator.render.markup import prose
from generator.render.quizzes import achievable_totals, json_block, paper_dimension, quiz_context
from generator.schema import Dataset, Quiz
from generator.scoring import band_for, dimension_totals, item_points, percent
from tests.conftest import ROOT

QUIZ_JS = ROOT / "content" / "assets" / "javascripts" / "quiz.js"
BUDGET = 15 * 1024
"""All quiz code, minified and gzipped, must stay under this many bytes."""

HOSTILE = "</script><script>alert(1)</script> <!-- & \u2028 'quoted' \"double\""


def _page(dataset: Dataset, quiz: Quiz) -> str:
    page = render_site(dataset)[f"quizzes/{quiz.id}.md"]
    assert isinstance(page, str)
    return page


def _json_blocks(page: str) -> list[str]:
    return re.findall(
        r'<template class="pb-quiz__data"><script type="application/json">(.*?)</script></template>', page, re.S
    )


def _profiles(dataset: Dataset) -> list[Quiz]:
    return [q for q in dataset.quizzes if q.kind == "profile"]


def test_the_dataset_has_the_promised_quizzes(dataset: Dataset) -> None:
    quizzes = {q.id: q for q in dataset.quizzes}
    networks, ladder = quizzes["three-networks"], quizzes["relationship-ladder"]
    assert [d.id for d in networks.dimensions] == ["operational", "personal", "strategic"]
    assert len(networks.items) >= 12 and any(i.reverse for i in networks.items)
    assert networks.scale is not None and networks.scale.points == 5
    assert [d.id for d in ladder.dimensions] == ["natural", "purposeful", "organic"]
    assert len(ladder.items) >= 9 and any(i.reverse for i in ladder.items)
    scenario = next(q for q in dataset.quizzes if q.kind == "scenario")
    assert len(scenario.scenarios) >= 8
    assert all(o.feedback.strip() for s in scenario.scenarios for o in s.options)
    for quiz in _profiles(dataset):
        for dimension in quiz.dimensions:
            assert all(band.tips for band in dimension.bands), (quiz.id, dimension.id)


def test_pages_exist_for_the_index_and_every_quiz(dataset: Dataset) -> None:
    files = render_site(dataset)
    assert {"quizzes/index.md", *(f"quizzes/{q.id}.md" for q in dataset.quizzes)} <= files.keys()
    index = files["quizzes/index.md"]
    assert isinstance(index, str)
    for quiz in dataset.quizzes:
        assert f'href="{quiz.id}/"' in index


@pytest.mark.parametrize("kind", ["profile", "scenario"])
def test_without_javascript_every_question_is_a_labelled_fieldset(dataset: Dataset, kind: str) -> None:
    for quiz in (q for q in dataset.quizzes if q.kind == kind):
        page = _page(dataset, quiz)
        questions = [i.text for i in quiz.items] if kind == "profile" else [s.question for s in quiz.scenarios]
        legends = re.findall(r"<legend><span class=\"pb-quiz__number\">(\d+)\.</span> (.*?)</legend>", page)
        assert [(int(n), html.unescape(t)) for n, t in legends] == list(enumerate(questions, start=1))
        for scenario in quiz.scenarios:
            assert str(prose(scenario.situation)) in page
        inputs = re.findall(
            r"<label class=\"pb-quiz__option\"><input type=\"radio\" [^>]*> <span>[^<]+</span></label>", page
        )
        per_question = quiz.scale.points if quiz.scale else None
        expected = len(quiz.items) * per_question if per_question else sum(len(s.options) for s in quiz.scenarios)
        assert len(inputs) == page.count('type="radio"') == expected
        # Controls that only work with JavaScript start hidden; the questions do not.
        assert re.search(r'<p class="pb-quiz__(submit|check)" hidden>', page)
        assert '<form class="pb-quiz__form"' in page and 'pb-quiz__form" hidden' not in page


def test_the_paper_key_lists_each_dimension_with_its_statements_and_bands(dataset: Dataset) -> None:
    for quiz in _profiles(dataset):
        assert quiz.scale is not None
        page = _page(dataset, quiz)
        key = page[page.index('<details class="pb-quiz__key" open>') :]
        assert "Scoring key" in key
        for label in quiz.scale.labels:
            assert f'<th scope="row">{html.escape(label)}</th>' in key
        top = {item.id: quiz.scale.points for item in quiz.items}
        for dimension in quiz.dimensions:
            numbers = [str(n) for n, item in enumerate(quiz.items, start=1) if dimension.id in item.weights]
            statements = re.search(
                rf"<h3>{dimension.name}</h3>.*?Add up your points for statements (.*?)\. "
                r"The most you can score is ([\d.]+)\.",
                key,
                re.S,
            )
            assert statements, dimension.id
            listed = [part.split(" ")[0] for part in statements.group(1).split(", ")]
            assert listed == numbers
            for number, item in enumerate(quiz.items, start=1):
                if dimension.id in item.weights and item.reverse:
                    assert f"{number} (backwards)" in statements.group(1)
            assert float(statements.group(2)) == dimension_totals(quiz, top)[dimension.id][1]
            for band in dimension.bands:
                assert html.escape(band.label) in key
                assert html.escape(band.interpretation.split()[0]) in key
                for tip_id in band.tips:
                    assert f'href="../../tips/{tip_id}/"' in key


def test_the_scenario_answer_key_gives_each_best_fit_and_why(dataset: Dataset) -> None:
    names = {n.id: n.name for n in dataset.network_types} | {o.id: o.name for o in dataset.outcomes}
    for quiz in (q for q in dataset.quizzes if q.kind == "scenario"):
        page = _page(dataset, quiz)
        key = page[page.index('<details class="pb-quiz__key" open>') :]
        answers = re.findall(r"<li><p><strong>(.*?)\.</strong></p>", key)
        right = [next(o for o in s.options if o.correct) for s in quiz.scenarios]
        assert answers == [names[o.answer] for o in right]
        for option in right:
            assert str(prose(option.feedback)) in key


def test_the_paper_totals_table_agrees_with_the_scoring_rule(dataset: Dataset) -> None:
    """Every way of answering, added up by hand, lands in the band the table gives for its total."""
    for quiz in _profiles(dataset):
        assert quiz.scale is not None
        for dimension in quiz.dimensions:
            part = paper_dimension(quiz, dimension)
            assert part.exact
            counted = [item for item in quiz.items if dimension.id in item.weights]
            totals: set[float] = set()
            for values in itertools.product(range(1, quiz.scale.points + 1), repeat=len(counted)):
                total = 0.0
                for item, value in zip(counted, values, strict=True):
                    total += item.weights[dimension.id] * item_points(value, quiz.scale.points, item.reverse)
                totals.add(total)
            maximum = dimension_totals(quiz, {item.id: 1 for item in quiz.items})[dimension.id][1]
            for total in totals:
                band = band_for(dimension, percent(total, maximum))
                rows = [r for r in part.bands if r.low is not None and r.high is not None and r.low <= total <= r.high]
                assert [r.band for r in rows] == [band], (quiz.id, dimension.id, total)


def test_too_many_distinct_totals_give_the_formula_without_a_table() -> None:
    assert achievable_totals([1.0, 0.5], 5) is not None
    awkward = [1 + k / 997 for k in range(1, 12)]
    assert achievable_totals(awkward, 7) is None


def test_the_json_block_is_escaped_and_round_trips() -> None:
    data = {"title": HOSTILE, "nested": [{"html": "<p>a & b</p>"}]}
    block = str(json_block(data))
    assert not set(block) & set("<>&")
    assert json.loads(block) == data


def test_hostile_text_in_quiz_data_cannot_leave_the_json_block(dataset: Dataset) -> None:
    quiz = _profiles(dataset)[0]
    dimension = quiz.dimensions[0]
    band = dimension.bands[0].model_copy(update={"label": HOSTILE, "interpretation": HOSTILE})
    hostile_dimension = dimension.model_copy(update={"name": HOSTILE, "bands": [band, *dimension.bands[1:]]})
    hostile_quiz = quiz.model_copy(update={"title": HOSTILE, "dimensions": [hostile_dimension, *quiz.dimensions[1:]]})
    data = dataset.model_copy(update={"quizzes": [hostile_quiz, *dataset.quizzes[1:]]})
    page = _page(data, hostile_quiz)
    blocks = _json_blocks(page)
    assert len(blocks) == 1
    assert not set(blocks[0]) & set("<>&")
    parsed: dict[str, Any] = json.loads(blocks[0])
    assert parsed["title"] == HOSTILE
    assert parsed["dimensions"][0]["name"] == HOSTILE
    assert "<script>alert(1)" not in parsed["dimensions"][0]["bands"][0]["html"]
    body = page.split("\n---\n", 1)[1]  # the front matter is YAML, escaped by the MkDocs adapter
    assert "<script>alert" not in body
    # Only the one data block is a script, and it is never an executable one.
    assert re.findall(r"<script\b[^>]*>", body) == ['<script type="application/json">']


def test_the_json_block_carries_what_the_scoring_rule_needs(dataset: Dataset) -> None:
    for quiz in _profiles(dataset):
        assert quiz.scale is not None
        (block,) = _json_blocks(_page(dataset, quiz))
        data = json.loads(block)
        assert data["points"] == quiz.scale.points
        assert [(i["id"], i["weights"], i["reverse"]) for i in data["items"]] == [
            (i.id, i.weights, i.reverse) for i in quiz.items
        ]
        assert [[(b["min"], b["max"], b["label"]) for b in d["bands"]] for d in data["dimensions"]] == [
            [(b.min, b.max, b.label) for b in d.bands] for d in quiz.dimensions
        ]


@pytest.mark.parametrize("src", ["quizzes/three-networks.md", "embed/quizzes/three-networks.md", "x.md"])
def test_the_markup_links_right_from_any_page_that_renders_it(dataset: Dataset, src: str) -> None:
    quiz = next(q for q in dataset.quizzes if q.id == "three-networks")
    index = DatasetIndex.build(dataset)
    page = render_page("quiz.md.j2", src, title=quiz.title, index=index, **quiz_context(quiz, index))
    (block,) = _json_blocks(page)
    up = "../" * src.count("/") + ("../" if not src.endswith("index.md") else "")
    for dimension in json.loads(block)["dimensions"]:
        for band in dimension["bands"]:
            assert all(tip["url"].startswith(f"{up}tips/") for tip in band["tips"])
    assert f'href="{up}tips/{quiz.dimensions[0].bands[0].tips[0]}/"' in page


def _minified(source: str) -> str:
    """A rough minification: no comments, no indentation, no blank lines."""
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    return "\n".join(line.strip() for line in source.splitlines() if line.strip())


def test_quiz_code_is_under_15_kb_minified_and_gzipped() -> None:
    source = QUIZ_JS.read_text(encoding="utf-8")
    assert len(gzip.compress(_minified(source).encode(), mtime=0)) < BUDGET
    assert len(gzip.compress(source.encode(), mtime=0)) < BUDGET


def test_quiz_code_makes_no_network_requests() -> None:
    source = QUIZ_JS.read_text(encoding="utf-8")
    for call in ("fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket", "EventSource", "import("):
        assert call not in source
