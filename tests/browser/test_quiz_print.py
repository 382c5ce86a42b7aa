"""Quizzes on paper, printed by Chromium to A4 and US Letter: the blank handout of every quiz and a
profile's printed results.

A handout has lines for a name and date, every question, then its key from a page of its own, in
at most three pages, with no page that holds only a line or two; nothing the reader answered or
saved reaches it (printed after a full attempt it is pixel for pixel the fresh one). Printed results
break no word and give every tip link's address.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from generator.schema import Dataset, Quiz
from generator.scoring import score_profile
from tests.browser.test_quizzes import answer_profile, vectors

PAPERS = ["A4", "Letter"]
MAX_PAGES = 3
MIN_LINES = 5
"""A page of a handout carries at least this many lines besides its footer: never a stray line."""

SCREEN_ONLY = [
    "See my results",
    "Check my answer",
    "Print a blank handout",
    "Embed this",
    "Your saved results",
    "Your results",
    "You matched",
    "Download as",
    "Clear history",
    "nothing you choose is sent anywhere",
]
"""Words of the parts that only work on screen, or that hold the reader's data."""

needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler (make test installs it)")


def _open(page: Any, site_url: str, quiz: Quiz) -> None:
    page.emulate_media(media="screen")
    page.goto(f"{site_url}quizzes/{quiz.id}/")
    page.wait_for_selector(f'[data-pb-quiz="{quiz.id}"][data-pb-ready]')


def _print(page: Any, paper: str) -> bytes:
    page.emulate_media(media="print")
    pdf: bytes = page.pdf(format=paper)
    page.emulate_media(media="screen")
    return pdf


def _texts(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def _lines(pdf: bytes) -> list[list[str]]:
    return [[line for line in p.extract_text().splitlines() if line.strip()] for p in PdfReader(io.BytesIO(pdf)).pages]


def _questions(quiz: Quiz) -> list[str]:
    return [item.text for item in quiz.items] if quiz.kind == "profile" else [s.question for s in quiz.scenarios]


def _key_heading(quiz: Quiz) -> str:
    return "Scoring key" if quiz.kind == "profile" else "Answer key"


@pytest.mark.parametrize("paper", PAPERS)
def test_every_blank_handout_fits_and_keeps_its_key_apart(
    page: Any, site_url: str, dataset: Dataset, paper: str
) -> None:
    for quiz in dataset.quizzes:
        _open(page, site_url, quiz)
        pdf = _print(page, paper)
        texts, lines = _texts(pdf), _lines(pdf)
        where = (quiz.id, paper)
        assert len(texts) <= MAX_PAGES, where
        address = f"{site_url}quizzes/{quiz.id}/"
        for number, (text, page_lines) in enumerate(zip(texts, lines, strict=True), start=1):
            assert address in text, (*where, number)
            assert len([line for line in page_lines if address not in line]) >= MIN_LINES, (*where, number, page_lines)
        assert quiz.title in texts[0] and "Name" in texts[0] and "Date" in texts[0], where
        # The key begins a page of its own, after every question.
        key_page = next(i for i, text in enumerate(texts) if _key_heading(quiz) in text)
        assert key_page >= 1, where
        before = " ".join(texts[:key_page])
        for question in _questions(quiz):
            assert " ".join(question.split()) in before, (*where, question)
            assert all(" ".join(question.split()) not in text for text in texts[key_page:]), (*where, question)
        leaked = [words for words in SCREEN_ONLY if words in " ".join(texts)]
        assert leaked == [], where


def _pixels(pdf: bytes, folder: Path, name: str) -> list[bytes]:
    """Every page as a PNG at 40 dpi."""
    source = folder / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(source), str(folder / name)], check=True)
    return [path.read_bytes() for path in sorted(folder.glob(f"{name}-*.png"))]


def _finish(page: Any, quiz: Quiz) -> None:
    """A whole attempt: every question answered, results (and history) shown."""
    if quiz.kind == "profile":
        answer_profile(page, quiz, vectors(quiz)["mixed"])
        page.locator(f"#quiz-{quiz.id}").get_by_role("button", name="Start again").click()
        answer_profile(page, quiz, vectors(quiz)["reverse-heavy"])
        return
    for scenario in quiz.scenarios:
        item = page.locator(f'[data-pb-scenario="{scenario.id}"]')
        item.locator(f'input[value="{scenario.options[-1].answer}"]').check()
        item.get_by_role("button", name="Check my answer").click()
    page.wait_for_selector(f"#quiz-{quiz.id} .pb-quiz__results:not([hidden])")


@needs_poppler
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("quiz_id", ["three-networks", "spot-the-network"])
def test_the_blank_handout_holds_none_of_the_readers_data(
    page: Any, site_url: str, dataset: Dataset, tmp_path: Path, quiz_id: str, paper: str
) -> None:
    quiz = next(q for q in dataset.quizzes if q.id == quiz_id)
    _open(page, site_url, quiz)
    fresh = _pixels(_print(page, paper), tmp_path, "fresh")

    _finish(page, quiz)
    root = page.locator(f"#quiz-{quiz.id}")
    page.evaluate("() => { window.print = () => { window.pbPrinted = (window.pbPrinted || 0) + 1; }; }")
    root.get_by_role("button", name="Print a blank handout").click()
    assert page.evaluate("window.pbPrinted") == 1
    after = _pixels(_print(page, paper), tmp_path, "after")
    assert len(after) == len(fresh)
    assert after == fresh, f"{quiz.id} {paper}: the handout printed after an attempt differs from a fresh one"

    # Once printed, the page is as it was: results on screen, and printing it prints them again.
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert "pb-quiz--handout" not in (root.get_attribute("class") or "")
    assert root.locator(".pb-quiz__results").is_visible()


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("quiz_id", ["three-networks", "relationship-ladder"])
def test_printed_results_give_tip_addresses_on_one_page(
    page: Any, site_url: str, dataset: Dataset, quiz_id: str, paper: str
) -> None:
    quiz = next(q for q in dataset.quizzes if q.id == quiz_id)
    _open(page, site_url, quiz)
    answers = vectors(quiz)["mixed"]
    answer_profile(page, quiz, answers)
    texts = _texts(_print(page, paper))
    assert len(texts) == 1
    joined = "".join(texts[0].split())  # an address may wrap anywhere
    for result in score_profile(quiz, answers).values():
        for tip in result.band.tips:
            assert f"({site_url}tips/{tip}/)" in joined, (quiz.id, paper, tip)
    assert f"{site_url}quizzes/{quiz.id}/" in texts[0]


WORDS_SPLIT = """root => {
  const split = [];
  for (const cell of root.querySelectorAll('.pb-quiz__results table :is(th, td)')) {
    const text = cell.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE) { continue; }
    for (const match of text.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(text, match.index);
      range.setEnd(text, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
      if (lines.size > 1) { split.push(match[0]); }
    }
  }
  return split;
}"""


@pytest.mark.parametrize("quiz_id", ["three-networks", "relationship-ladder"])
def test_printed_results_break_no_word_in_their_table(page: Any, site_url: str, dataset: Dataset, quiz_id: str) -> None:
    """Laid out at the printed width (180 mm) with the print styles, with history: the widest table."""
    quiz = next(q for q in dataset.quizzes if q.id == quiz_id)
    _open(page, site_url, quiz)
    answer_profile(page, quiz, vectors(quiz)["mixed"])
    page.locator(f"#quiz-{quiz.id}").get_by_role("button", name="Start again").click()
    answer_profile(page, quiz, vectors(quiz)["all-low"])
    page.set_viewport_size({"width": 680, "height": 960})
    page.emulate_media(media="print")
    root = page.locator(f"#quiz-{quiz.id}")
    assert root.locator(".pb-quiz__results table th").count() >= 5
    assert root.evaluate(WORDS_SPLIT) == []
