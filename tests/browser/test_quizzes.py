"""The quizzes in Chromium: what the reader sees must match generator/scoring.py.

Expected scores and bands are always computed in Python from the answers the
test gives; the browser's only job is to agree.
"""

from __future__ import annotations

import csv
import io
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
from generator.scoring import DimensionResult, score_profile, score_scenarios

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
    lowest = min(r.score for r in expected.values())
    assert f"{lowest} out of 100" in root.locator(".pb-quiz__summary").inner_text()


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
        verdict = feedback.locator(".pb-quiz__verdict").inner_text()
        if chosen.correct:
            assert verdict == f"You chose {names[chosen.answer]}: the best fit."
        else:
            assert verdict == f"You chose {names[chosen.answer]}. The best fit is {names[right.answer]}."
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
    page.goto(site_url)
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
