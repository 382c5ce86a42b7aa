"""The quizzes in Chromium: what the reader sees must match generator/scoring.py.

Expected scores and bands are always computed in Python from the answers the
test gives; the browser's only job is to agree.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from generator.schema import Dataset, Quiz
from generator.scoring import DimensionResult, headline, score_profile, score_scenarios
from tests.test_scoring import results_at

Answers = dict[str, int]

BLOCK_STORAGE = """
for (const name of ["getItem", "setItem", "removeItem", "clear", "key"]) {
  Storage.prototype[name] = function () { throw new DOMException("storage is blocked here", "SecurityError"); };
}
"""


def _quiz(dataset: Dataset, quiz_id: str) -> Quiz:
    return next(q for q in dataset.quizzes if q.id == quiz_id)


def _points(quiz: Quiz) -> int:
    assert quiz.scale is not None
    return quiz.scale.points


def vectors(quiz: Quiz) -> dict[str, Answers]:
    """Answer vectors that reach the ends of the scale, mix it up, and lean on reversed statements."""
    top = _points(quiz)
    return {
        "all-low": {item.id: 1 for item in quiz.items},
        "all-high": {item.id: top for item in quiz.items},
        "mixed": {item.id: n * 3 % top + 1 for n, item in enumerate(quiz.items)},
        "reverse-heavy": {item.id: top if item.reverse else 2 for item in quiz.items},
    }


def _open(page: Any, url: str, quiz: Quiz) -> None:
    page.goto(url)
    page.wait_for_selector(f'[data-pb-quiz="{quiz.id}"][data-pb-ready]')


def answer_profile(page: Any, quiz: Quiz, answers: Answers) -> None:
    for item in quiz.items:
        page.check(f'input[name="{quiz.id}--{item.id}"][value="{answers[item.id]}"]')
    page.locator(f"#quiz-{quiz.id}").get_by_role("button", name="See my results").click()
    page.wait_for_selector(f"#quiz-{quiz.id} .pb-quiz__results:not([hidden])")


def shown_scores(page: Any, quiz: Quiz) -> dict[str, tuple[int, str]]:
    """Dimension id -> (score, band label) as the results table shows them."""
    names = {d.name: d.id for d in quiz.dimensions}
    rows = page.locator(f"#quiz-{quiz.id} .pb-quiz__results table tbody tr")
    shown = {}
    for i in range(rows.count()):
        cells = [c.strip() for c in rows.nth(i).locator("th, td").all_inner_texts()]
        shown[names[cells[0]]] = (int(cells[1]), cells[2])
    return shown


def expected_scores(quiz: Quiz, answers: Answers) -> dict[str, tuple[int, str]]:
    return {d: (r.score, r.band.label) for d, r in score_profile(quiz, answers).items()}


def _change(now: int, then: int) -> str:
    return f"up {now - then}" if now > then else f"down {then - now}" if now < then else "no change"


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("vector", ["all-low", "all-high", "mixed", "reverse-heavy"])
@pytest.mark.parametrize("quiz_id", ["three-networks", "relationship-ladder"])
def test_profile_results_match_the_python_scoring(
    page: Any, site_url: str, dataset: Dataset, quiz_id: str, vector: str
) -> None:
    quiz = _quiz(dataset, quiz_id)
    answers = vectors(quiz)[vector]
    expected: dict[str, DimensionResult] = score_profile(quiz, answers)
    _open(page, f"{site_url}quizzes/{quiz.id}/", quiz)
    answer_profile(page, quiz, answers)

    assert shown_scores(page, quiz) == expected_scores(quiz, answers)
    root = page.locator(f"#quiz-{quiz.id}")
    chart = root.locator("svg[role=img]")
    assert chart.get_attribute("aria-labelledby") and chart.get_attribute("aria-describedby")
    description = _words(chart.locator("desc").inner_html())
    for result in expected.values():
        line = f"{result.dimension.name} {result.score} out of 100, {result.band.label}"
        assert line in description
        expect(root.locator(".pb-quiz__status")).to_contain_text(line)
        section = root.locator(".pb-quiz__dimension").filter(has_text=f"{result.dimension.name}: {result.band.label}")
        assert (
            section.locator("h3").inner_text()
            == f"{result.dimension.name}: {result.band.label}, {result.score} out of 100"
        )
        hrefs = section.locator(".pb-quiz__tips a").evaluate_all("links => links.map(a => a.href)")
        assert hrefs == [f"{site_url}tips/{tip}/" for tip in result.band.tips]
    assert root.locator(".pb-quiz__summary").inner_text() == headline(list(expected.values()))


def test_a_quiz_reached_by_clicking_from_the_home_page(page: Any, site_url: str, dataset: Dataset) -> None:
    quiz = _quiz(dataset, "three-networks")
    answers = vectors(quiz)["mixed"]
    page.goto(site_url)
    page.locator("article").get_by_role("link", name="Self-assessment quizzes").click()
    page.wait_for_url(f"{site_url}quizzes/")
    page.get_by_role("link", name=f"Start “{quiz.title}”").click()
    page.wait_for_url(f"{site_url}quizzes/{quiz.id}/")
    page.wait_for_selector(f'[data-pb-quiz="{quiz.id}"][data-pb-ready]')
    answer_profile(page, quiz, answers)
    assert shown_scores(page, quiz) == expected_scores(quiz, answers)
    assert page.locator(f'[data-pb-quiz="{quiz.id}"]').count() == 1


def test_set_up_once_across_back_and_forward(page: Any, site_url: str, dataset: Dataset) -> None:
    """Back and forward may restore a page as it was (the back/forward cache): its quiz is not set
    up a second time."""
    quiz = _quiz(dataset, "relationship-ladder")
    _open(page, f"{site_url}quizzes/{quiz.id}/", quiz)
    for _ in range(2):
        page.locator(".md-nav").get_by_role("link", name="Spot the network").first.click()
        page.wait_for_selector('[data-pb-quiz="spot-the-network"][data-pb-ready]')
        page.go_back()
        page.wait_for_selector(f'[data-pb-quiz="{quiz.id}"][data-pb-ready]')
    answers = vectors(quiz)["reverse-heavy"]
    answer_profile(page, quiz, answers)
    assert shown_scores(page, quiz) == expected_scores(quiz, answers)
    # One submit handler: one result saved, not one per visit.
    saved = page.evaluate(f"JSON.parse(localStorage.getItem('networking-playbook.quiz.{quiz.id}'))")
    assert len(saved) == 1


def test_without_storage_the_quiz_completes_and_says_history_is_off(page: Any, site_url: str, dataset: Dataset) -> None:
    quiz = _quiz(dataset, "three-networks")
    answers = vectors(quiz)["reverse-heavy"]
    page.add_init_script(BLOCK_STORAGE)
    _open(page, f"{site_url}quizzes/{quiz.id}/", quiz)
    assert page.evaluate("(() => { try { localStorage.getItem('x'); return false; } catch (e) { return true; } })()")
    answer_profile(page, quiz, answers)
    assert shown_scores(page, quiz) == expected_scores(quiz, answers)
    history = page.locator(f"#quiz-{quiz.id} .pb-quiz__history")
    assert history.is_visible()
    assert "History is off" in history.locator(".pb-quiz__history-note").inner_text()
    expect(page.locator(f"#quiz-{quiz.id} .pb-quiz__status")).to_contain_text("History is off")
    assert history.get_by_role("button", name="Clear history").is_hidden()
    with page.expect_download() as download:
        history.get_by_role("button", name="Download as JSON").click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert [r["scores"] for r in exported["results"]] == [
        {d: s for d, (s, _) in expected_scores(quiz, answers).items()}
    ]


def test_history_shows_the_change_then_downloads_and_clears(page: Any, site_url: str, dataset: Dataset) -> None:
    quiz = _quiz(dataset, "three-networks")
    first, second = vectors(quiz)["mixed"], vectors(quiz)["reverse-heavy"]
    before, after = expected_scores(quiz, first), expected_scores(quiz, second)
    url = f"{site_url}quizzes/{quiz.id}/"
    _open(page, url, quiz)
    answer_profile(page, quiz, first)
    _open(page, url, quiz)  # coming back later
    history = page.locator(f"#quiz-{quiz.id} .pb-quiz__history")
    assert history.locator("tbody tr").count() == 1
    answer_profile(page, quiz, second)

    names = {d.name: d.id for d in quiz.dimensions}
    table = page.locator(f"#quiz-{quiz.id} .pb-quiz__results table")
    assert table.locator("thead th").all_inner_texts()[-2:] == ["Last time", "Change"]
    for row in table.locator("tbody tr").all():
        cells = [c.strip() for c in row.locator("th, td").all_inner_texts()]
        dimension = names[cells[0]]
        assert (int(cells[1]), cells[2]) == after[dimension]
        assert int(cells[3]) == before[dimension][0]
        assert cells[4] == _change(after[dimension][0], before[dimension][0])
    assert history.locator("tbody tr").count() == 2

    with page.expect_download() as json_download:
        history.get_by_role("button", name="Download as JSON").click()
    assert json_download.value.suggested_filename == f"networking-playbook-{quiz.id}-results.json"
    exported = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    assert exported["quiz"] == quiz.id
    assert [r["scores"] for r in exported["results"]] == [
        {d: s for d, (s, _) in before.items()},
        {d: s for d, (s, _) in after.items()},
    ]
    assert [r["bands"] for r in exported["results"]] == [
        {d: b for d, (_, b) in before.items()},
        {d: b for d, (_, b) in after.items()},
    ]

    with page.expect_download() as csv_download:
        history.get_by_role("button", name="Download as CSV").click()
    assert csv_download.value.suggested_filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(Path(csv_download.value.path()).read_text(encoding="utf-8"))))
    assert rows[0] == ["date", *[f"{d.name} {part}" for d in quiz.dimensions for part in ("score", "band")]]
    assert [row[1:] for row in rows[1:]] == [
        [value for d in quiz.dimensions for value in (str(scores[d.id][0]), scores[d.id][1])]
        for scores in (before, after)
    ]

    history.get_by_role("button", name="Clear history").click()
    history.get_by_role("button", name="Yes, delete them").click()
    assert "deleted" in history.locator(".pb-quiz__history-note").inner_text()
    assert history.locator("tbody tr").count() == 0
    assert page.evaluate(f"localStorage.getItem('networking-playbook.quiz.{quiz.id}')") is None
    _open(page, url, quiz)
    assert history.is_hidden()


def test_scenario_feedback_after_each_answer_and_a_summary(page: Any, site_url: str, dataset: Dataset) -> None:
    quiz = next(q for q in dataset.quizzes if q.kind == "scenario")
    names = {n.id: n.name for n in dataset.network_types} | {o.id: o.name for o in dataset.outcomes}
    _open(page, f"{site_url}quizzes/{quiz.id}/", quiz)
    choices: dict[str, str] = {}
    for n, scenario in enumerate(quiz.scenarios):
        right = next(o for o in scenario.options if o.correct)
        chosen = right if n % 2 == 0 else next(o for o in scenario.options if not o.correct)
        choices[scenario.id] = chosen.answer
        item = page.locator(f'[data-pb-scenario="{scenario.id}"]')
        item.locator(f'input[value="{chosen.answer}"]').check()
        item.get_by_role("button", name="Check my answer").click()
        feedback = item.locator(".pb-quiz__feedback")
        assert feedback.is_visible()
        verdict = feedback.locator(".pb-quiz__verdict").inner_text().strip()
        if chosen.correct:
            assert verdict == f"Best fit: you chose {names[chosen.answer]}."
        else:
            assert (
                verdict == f"Not the best fit: you chose {names[chosen.answer]}. The best fit is {names[right.answer]}."
            )
        assert _words(chosen.feedback) in _words(feedback.inner_text())
        assert item.locator("input:disabled").count() == len(scenario.options)
        assert "(the best fit)" in item.locator(f'label:has(input[value="{right.answer}"])').inner_text()
    summary = page.locator(f"#quiz-{quiz.id} .pb-quiz__summary").inner_text()
    assert (
        summary
        == f"You matched {score_scenarios(quiz, choices)} of {len(quiz.scenarios)} stories to the best-fitting answer."
    )
    expect(page.locator(f"#quiz-{quiz.id} .pb-quiz__status")).to_contain_text(summary)


def test_browser_and_python_scoring_agree_on_many_answer_vectors(page: Any, site_url: str, dataset: Dataset) -> None:
    generator = random.Random(20240611)
    for quiz in (q for q in dataset.quizzes if q.kind == "profile"):
        _open(page, f"{site_url}quizzes/{quiz.id}/", quiz)
        batch = [{item.id: generator.randint(1, _points(quiz)) for item in quiz.items} for _ in range(300)] + list(
            vectors(quiz).values()
        )
        shown = page.evaluate(
            """([id, batch]) => {
              const data = JSON.parse(document.querySelector(`[data-pb-quiz="${id}"] template`).content
                .querySelector("script").textContent);
              const band = (d, score) => PlaybookQuiz.bandFor(d, score).label;
              return batch.map(answers => {
                const scores = PlaybookQuiz.score(data, answers);
                const pairs = data.dimensions.map(d => [d.id, [scores[d.id], band(d, scores[d.id])]]);
                return Object.fromEntries(pairs);
              });
            }""",
            [quiz.id, batch],
        )
        assert shown == [{d: list(v) for d, v in expected_scores(quiz, answers).items()} for answers in batch]


def test_rounding_agrees_where_binary_fractions_fall_just_below_a_half(page: Any, site_url: str) -> None:
    # Weights 0.1, 0.1 and 0.6 with these answers make 62.5 exactly, which doubles store as 62.4999...
    quiz = Quiz.model_validate(
        {
            "id": "rounding",
            "kind": "profile",
            "title": "Rounding",
            "summary": "Rounding.",
            "intro": "Rounding.",
            "time_needed": "1 minute",
            "scale": {"points": 5, "labels": ["a", "b", "c", "d", "e"]},
            "dimensions": [
                {
                    "id": "a",
                    "name": "A",
                    "description": "A.",
                    "bands": [
                        {"min": 0, "max": 63, "label": "low", "interpretation": "Low."},
                        {"min": 63, "max": 100, "label": "high", "interpretation": "High."},
                    ],
                }
            ],
            "items": [
                {"id": f"i{n}", "text": "A statement.", "weights": {"a": w}} for n, w in enumerate([0.1, 0.1, 0.6])
            ],
        }
    )
    data = {
        "points": 5,
        "dimensions": [
            {"id": "a", "bands": [{"min": b.min, "max": b.max, "label": b.label} for b in quiz.dimensions[0].bands]}
        ],
        "items": [{"id": i.id, "weights": i.weights, "reverse": i.reverse} for i in quiz.items],
    }
    batch = [
        dict(zip(["i0", "i1", "i2"], combo, strict=True))
        for combo in [(1, 3, 4), (3, 1, 4), (2, 2, 4), (5, 5, 5), (1, 1, 1)]
    ]
    page.goto(f"{site_url}quizzes/three-networks/")  # quiz.js loads on quiz pages only
    shown = page.evaluate(
        """([data, batch]) => batch.map(a => {
             const s = PlaybookQuiz.score(data, a).a;
             return [s, PlaybookQuiz.bandFor(data.dimensions[0], s).label];
           })""",
        [data, batch],
    )
    assert shown == [list(expected_scores(quiz, answers)["a"]) for answers in batch]
    assert shown[0] == [63, "high"]


def test_keyboard_answering_with_visible_focus(page: Any, site_url: str, dataset: Dataset) -> None:
    quiz = _quiz(dataset, "relationship-ladder")
    _open(page, f"{site_url}quizzes/{quiz.id}/", quiz)
    first = page.locator(f'input[name="{quiz.id}--{quiz.items[0].id}"]').first
    first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    assert page.locator(f'input[name="{quiz.id}--{quiz.items[0].id}"]:checked').get_attribute("value") == "2"
    outline = page.evaluate(
        "() => { const style = getComputedStyle(document.activeElement);"
        " return [style.outlineStyle, parseFloat(style.outlineWidth)]; }"
    )
    assert outline[0] != "none" and outline[1] >= 2
    # Every radio has a label, every question is a fieldset with a legend.
    assert page.evaluate(
        f"""() => [...document.querySelectorAll('#quiz-{quiz.id} input[type=radio]')]
              .every(input => input.labels.length === 1 && input.labels[0].innerText.trim().length > 0)"""
    )
    assert page.locator(f"#quiz-{quiz.id} fieldset > legend").count() == len(quiz.items)
    # Submitting with an answer missing names the gap and moves focus to it.
    page.locator(f"#quiz-{quiz.id}").get_by_role("button", name="See my results").press("Enter")
    error = page.locator(f"#quiz-{quiz.id} .pb-quiz__error")
    assert error.is_visible()
    assert error.inner_text().startswith(f"{len(quiz.items) - 1} statements still need an answer")
    assert page.evaluate("document.activeElement.name") == f"{quiz.id}--{quiz.items[1].id}"


def test_without_javascript_the_page_is_a_complete_handout(browser: Any, site_url: str, dataset: Dataset) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for quiz in (q for q in dataset.quizzes if q.kind == "profile"):
            page.goto(f"{site_url}quizzes/{quiz.id}/")
            root = page.locator(f"#quiz-{quiz.id}")
            assert root.locator("fieldset:visible").count() == len(quiz.items)
            assert root.locator(".pb-quiz__key").get_attribute("open") is not None
            assert root.locator(".pb-quiz__key table").first.is_visible()
            for dimension in quiz.dimensions:
                assert root.locator(".pb-quiz__key h3", has_text=dimension.name).is_visible()
            assert root.get_by_role("button", name="See my results").is_hidden()
    finally:
        context.close()


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs poppler's pdfinfo (make test installs it)")
@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("quiz_id", ["three-networks", "relationship-ladder"])
def test_results_print_on_one_page(page: Any, site_url: str, dataset: Dataset, quiz_id: str, paper: str) -> None:
    quiz = _quiz(dataset, quiz_id)
    url = f"{site_url}quizzes/{quiz.id}/"
    _open(page, url, quiz)
    answer_profile(page, quiz, vectors(quiz)["mixed"])
    _open(page, url, quiz)
    answer_profile(page, quiz, vectors(quiz)["reverse-heavy"])  # with history: the widest results table
    page.emulate_media(media="print")
    pdf = page.pdf(format=paper)
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert re.search(r"^Pages:\s+1$", info, re.M), info


def test_blank_answers_are_marked_announced_and_focused(page: Any, site_url: str, dataset: Dataset) -> None:
    quiz = _quiz(dataset, "three-networks")
    _open(page, f"{site_url}quizzes/{quiz.id}/", quiz)
    root = page.locator(f"#quiz-{quiz.id}")
    answered = {0, 2, 3}
    for i in answered:
        page.check(f'input[name="{quiz.id}--{quiz.items[i].id}"][value="3"]')
    root.get_by_role("button", name="See my results").click()

    blank = [i for i in range(len(quiz.items)) if i not in answered]
    for i, item in enumerate(quiz.items):
        question = root.locator(f'[id="{quiz.id}--{item.id}"]')
        radios = question.locator("input[type=radio]")
        if i in answered:
            assert question.locator("fieldset").get_attribute("aria-invalid") is None
            assert question.locator(".pb-quiz__missing").count() == 0
            continue
        message = question.locator(".pb-quiz__missing")
        expect(message).to_have_text("! Choose an answer for this statement.")
        assert question.locator("fieldset").get_attribute("aria-invalid") == "true"
        assert radios.evaluate_all("rs => rs.map(r => r.getAttribute('aria-invalid'))") == ["true"] * radios.count()
        described = radios.evaluate_all(
            "rs => rs.map(r => document.getElementById(r.getAttribute('aria-describedby')))"
        )
        assert all(described)
        assert radios.first.evaluate("r => document.getElementById(r.getAttribute('aria-describedby')).textContent")
    numbers = [f"number {i + 1}" for i in blank]
    expected = f"{len(blank)} statements still need an answer: {', '.join(numbers[:-1])} and {numbers[-1]}."
    expect(root.locator(".pb-quiz__error")).to_have_text(expected)
    expect(root.locator(".pb-quiz__status")).to_have_text(expected)  # the live region says it too

    # Focus is on the first blank statement, visibly, and the statement is in view below the header.
    first = f"{quiz.id}--{quiz.items[blank[0]].id}"
    assert page.evaluate("document.activeElement.name") == first
    ring = page.evaluate("getComputedStyle(document.activeElement.closest('label')).boxShadow")
    assert ring != "none"
    header = page.locator(".md-header").bounding_box()
    legend = root.locator(f'[id="{first}"] legend').bounding_box()
    assert header is not None and legend is not None
    assert header["y"] + header["height"] <= legend["y"] < 800

    # Answering a marked statement clears its mark and the count.
    page.keyboard.press("Space")
    assert root.locator(f'[id="{first}"] fieldset').get_attribute("aria-invalid") is None
    expect(root.locator(".pb-quiz__error")).to_contain_text(f"{len(blank) - 1} statements still need an answer")
    for i in blank[1:]:
        page.check(f'input[name="{quiz.id}--{quiz.items[i].id}"][value="2"]')
    expect(root.locator(".pb-quiz__error")).to_be_hidden()
    assert root.locator("[aria-invalid]").count() == 0
    root.get_by_role("button", name="See my results").click()
    expect(root.locator(".pb-quiz__results")).to_be_visible()


def _saved(page: Any, quiz: Quiz) -> list[dict[str, Any]]:
    stored: list[dict[str, Any]] = page.evaluate(
        f"JSON.parse(localStorage.getItem('networking-playbook.quiz.{quiz.id}') || '[]')"
    )
    return stored


def test_every_attempt_in_one_visit_is_kept(page: Any, site_url: str, dataset: Dataset) -> None:
    quiz = _quiz(dataset, "three-networks")
    first, second = vectors(quiz)["mixed"], vectors(quiz)["reverse-heavy"]
    _open(page, f"{site_url}quizzes/{quiz.id}/", quiz)
    root = page.locator(f"#quiz-{quiz.id}")
    answer_profile(page, quiz, first)
    root.get_by_role("button", name="Start again").click()
    answer_profile(page, quiz, second)

    def scores(answers: Answers) -> dict[str, int]:
        return {d: s for d, (s, _) in expected_scores(quiz, answers).items()}

    assert [entry["scores"] for entry in _saved(page, quiz)] == [scores(first), scores(second)]
    history = root.locator(".pb-quiz__history")
    assert history.locator("tbody tr").count() == 2
    expect(history.locator(".pb-quiz__history-note")).to_contain_text("Saved as a new result beside your earlier ones")
    expect(root.locator(".pb-quiz__status")).to_contain_text(
        "Saved as a new result; your earlier results are kept too."
    )
    last_time = root.locator(".pb-quiz__results table tbody tr td:nth-child(4)").all_inner_texts()
    assert last_time == [str(scores(first)[d.id]) for d in quiz.dimensions]

    # Changing answers and looking again is a third result, not a silent replacement of the second.
    root.get_by_role("button", name="Change my answers").click()
    page.check(f'input[name="{quiz.id}--{quiz.items[0].id}"][value="1"]')
    root.get_by_role("button", name="See my results").click()
    assert len(_saved(page, quiz)) == 3
    assert history.locator("tbody tr").count() == 3


def test_the_headline_follows_the_python_rule_in_every_band(page: Any, site_url: str, dataset: Dataset) -> None:
    for quiz in (q for q in dataset.quizzes if q.kind == "profile"):
        _open(page, f"{site_url}quizzes/{quiz.id}/", quiz)
        grid = [0, 39, 40, 55, 69, 70, 100]
        batch = [
            dict(zip([d.id for d in quiz.dimensions], combo, strict=True))
            for combo in itertools.product(grid, repeat=len(quiz.dimensions))
        ]
        shown = page.evaluate(
            """([id, batch]) => {
              const data = JSON.parse(document.querySelector(`[data-pb-quiz="${id}"] template`).content
                .querySelector("script").textContent);
              return batch.map(scores => PlaybookQuiz.headline(PlaybookQuiz.rows(data, scores)));
            }""",
            [quiz.id, batch],
        )
        assert shown == [headline(results_at(quiz, scores)) for scores in batch]


def test_all_high_scores_are_not_told_where_their_lowest_is(page: Any, site_url: str, dataset: Dataset) -> None:
    quiz = _quiz(dataset, "three-networks")
    top = {item.id: 1 if item.reverse else _points(quiz) for item in quiz.items}
    _open(page, f"{site_url}quizzes/{quiz.id}/", quiz)
    answer_profile(page, quiz, top)
    summary = page.locator(f"#quiz-{quiz.id} .pb-quiz__summary").inner_text()
    assert summary == "Every area is in its top band (Strong), so the tips below are about keeping them there."


def test_the_chart_marks_where_each_band_begins(page: Any, site_url: str, dataset: Dataset) -> None:
    quiz = _quiz(dataset, "relationship-ladder")
    _open(page, f"{site_url}quizzes/{quiz.id}/", quiz)
    answer_profile(page, quiz, vectors(quiz)["mixed"])
    chart = page.locator(f"#quiz-{quiz.id} svg.pb-quiz__chart")
    track = float(chart.locator(".pb-quiz__track").first.get_attribute("width") or 0) + 1
    lines = chart.locator("line.pb-quiz__threshold").evaluate_all("ls => ls.map(l => Number(l.getAttribute('x1')))")
    labels = chart.locator(".pb-quiz__threshold-value").all_text_contents()
    edges = [band.min for d in quiz.dimensions for band in d.bands[1:]]
    assert [round(100 * x / track) for x in lines] == edges
    assert labels == [str(edge) for edge in edges]
    words = "(First steps below 40, Taking shape from 40, Well rooted from 70)"
    assert words in chart.locator("desc").inner_html()
    assert words in page.locator(f"#quiz-{quiz.id} .pb-quiz__figure figcaption").inner_text()


def _contrast(foreground: list[float], background: list[float]) -> float:
    def luminance(rgb: list[float]) -> float:
        parts = [c / 255 for c in rgb[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (high + 0.05) / (low + 0.05)


EFFECTIVE_COLOURS = """el => {
  const rgba = value => (value.match(/[\\d.]+/g) || []).map(Number);
  const layers = [];
  for (let node = el; node; node = node.parentElement) {
    const colour = rgba(getComputedStyle(node).backgroundColor);
    if (colour.length === 3 || colour[3] > 0) { layers.push(colour); }
    if (colour.length === 3 || colour[3] === 1) { break; }
  }
  let base = [255, 255, 255];
  for (const layer of layers.reverse()) {
    const alpha = layer.length === 4 ? layer[3] : 1;
    base = base.map((c, i) => c * (1 - alpha) + layer[i] * alpha);
  }
  return [rgba(getComputedStyle(el).color), base];
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_right_and_wrong_differ_by_more_than_colour(page: Any, site_url: str, dataset: Dataset, scheme: str) -> None:
    quiz = _quiz(dataset, "spot-the-network")
    page.emulate_media(color_scheme=scheme)
    _open(page, f"{site_url}quizzes/{quiz.id}/", quiz)
    assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
    shown = {}
    for scenario, right in zip(quiz.scenarios[:2], [True, False], strict=True):
        option = next(o for o in scenario.options if o.correct == right)
        item = page.locator(f'[data-pb-scenario="{scenario.id}"]')
        item.locator(f'input[value="{option.answer}"]').check()
        item.get_by_role("button", name="Check my answer").click()
        verdict = item.locator(".pb-quiz__verdict")
        text, background = verdict.evaluate(EFFECTIVE_COLOURS)
        assert _contrast(text, background) >= 4.5, (scheme, right, text, background)
        shown[right] = {
            "words": verdict.inner_text().strip(),
            "sign": verdict.locator("svg path").get_attribute("d"),
            "hidden": verdict.locator("svg").get_attribute("aria-hidden"),
            "colour": text,
            "edge": item.locator(".pb-quiz__feedback").evaluate("f => getComputedStyle(f).borderLeftStyle"),
        }
    assert shown[True]["words"].startswith("Best fit:")
    assert shown[False]["words"].startswith("Not the best fit:")
    assert shown[True]["sign"] != shown[False]["sign"]
    assert shown[True]["hidden"] == shown[False]["hidden"] == "true"  # the words carry it for screen readers
    assert shown[True]["colour"] != shown[False]["colour"]
    assert shown[True]["edge"] != shown[False]["edge"]


HOSTILE_HISTORY: list[Any] = [
    {"date": "2026-01-05T09:00:00.000Z", "scores": {"operational": 40, "personal": 55, "strategic": 70}},
    {"date": "2026-02-05T09:00:00.000Z", "scores": {"operational": 150, "personal": 20, "strategic": -3}},
    {"date": "2026-03-05T09:00:00.000Z", "scores": {"operational": -1}},
    {"date": "2026-03-06T09:00:00.000Z", "scores": {"operational": "50", "personal": 50.5, "strategic": None}},
    {"date": "2026-03-07T09:00:00.000Z", "scores": {"networking": 50}},
    {"date": "<img src=x onerror=alert(1)>", "scores": {"operational": 10}},
    {"date": "2026-03-08T09:00:00.000Z", "scores": [1, 2, 3]},
    {"date": 20260101, "scores": {"operational": 10}},
    None,
    7,
    "text",
    [],
    {"date": "2026-04-05T09:00:00.000Z", "scores": {"operational": 1e308}},
    {"date": "2026-04-06T09:00:00.000Z", "scores": {"__proto__": {"operational": 5}, "constructor": 1}},
    {"date": "x" * 5000, "scores": {"operational": 10}},
]
"""What another script, an old version or a curious reader could leave in storage: two results fit
(the second only for Personal)."""


def _valid(quiz: Quiz, count: int) -> str:
    entries = [
        {
            "date": f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}T10:00:00.000Z",
            "scores": dict.fromkeys(quiz_ids(quiz), n % 101),
        }
        for n in range(count)
    ]
    return json.dumps(entries)


def quiz_ids(quiz: Quiz) -> list[str]:
    return [d.id for d in quiz.dimensions]


@pytest.mark.parametrize(
    ("quiz_id", "stored", "kept"),
    [
        ("three-networks", json.dumps(HOSTILE_HISTORY), 2),
        ("three-networks", "{not json", 0),
        ("three-networks", '{"date": "2026-01-05T09:00:00.000Z", "scores": {"operational": 40}}', 0),
        ("three-networks", "true", 0),
        ("relationship-ladder", "relationship-ladder:300", 100),  # many results: the newest 100 are kept
        ("relationship-ladder", "relationship-ladder:5000", 0),  # far too long to be ours: dropped
    ],
)
def test_hostile_stored_history_is_dropped_and_the_quiz_works(
    page: Any, site_url: str, dataset: Dataset, quiz_id: str, stored: str, kept: int
) -> None:
    quiz = _quiz(dataset, quiz_id)
    if stored.startswith(f"{quiz_id}:"):
        stored = _valid(quiz, int(stored.split(":")[1]))
    key = f"networking-playbook.quiz.{quiz.id}"
    page.goto(site_url)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, stored])
    _open(page, f"{site_url}quizzes/{quiz.id}/", quiz)
    root = page.locator(f"#quiz-{quiz.id}")
    history = root.locator(".pb-quiz__history")
    assert history.locator("tbody tr").count() == kept
    if quiz_id == "three-networks" and kept == 2:
        rows = [[c.strip() for c in r.locator("td").all_inner_texts()] for r in history.locator("tbody tr").all()]
        assert rows == [["not taken", "20 (Thin)", "not taken"], ["40 (Growing)", "55 (Growing)", "70 (Strong)"]]
    assert root.locator("img").count() == 0

    answers = vectors(quiz)["mixed"]
    answer_profile(page, quiz, answers)
    assert shown_scores(page, quiz) == expected_scores(quiz, answers)
    assert history.locator("tbody tr").count() == min(kept + 1, 100)
    saved = _saved(page, quiz)  # what was written back holds only what fits
    assert len(saved) == min(kept + 1, 100)
    for entry in saved:
        assert set(entry) == {"date", "scores"}
        assert set(entry["scores"]) <= set(quiz_ids(quiz))
        assert all(isinstance(v, int) and 0 <= v <= 100 for v in entry["scores"].values())


def test_without_storage_js_the_quiz_runs_with_history_off(page: Any, site_url: str, dataset: Dataset) -> None:
    """quiz.js reused on another page without storage.js still scores, and says history is off."""
    page.route("**/assets/javascripts/storage.js", lambda route: route.fulfill(content_type="text/javascript", body=""))
    quiz = _quiz(dataset, "relationship-ladder")
    _open(page, f"{site_url}quizzes/{quiz.id}/", quiz)
    answers = vectors(quiz)["mixed"]
    answer_profile(page, quiz, answers)
    assert shown_scores(page, quiz) == expected_scores(quiz, answers)
    assert "History is off" in page.locator(f"#quiz-{quiz.id} .pb-quiz__history-note").inner_text()
