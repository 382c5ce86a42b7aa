"""An intranet on another origin embeds the playbook with the oEmbed snippet."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from generator.schema import Dataset
from tests.browser.test_quizzes import expected_scores, vectors
from tests.conftest import serve

WIDTHS = (320, 768, 1280)


def _snippet(site: Path, folder: str, record_id: str) -> str:
    return str(json.loads((site / "oembed" / folder / f"{record_id}.json").read_text())["html"])


@pytest.fixture
def intranet(tmp_path: Path, built_site: Path, dataset: Dataset) -> Iterator[str]:
    """An intranet page, served from its own origin, that pastes two oEmbed snippets."""
    tip = next(t for t in dataset.tips if t.audience == "individual")
    quiz = dataset.quizzes[0]
    (tmp_path / "index.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Members</title></head><body>"
        "<h1>Member intranet</h1>"
        f"<div id='tip'>{_snippet(built_site, 'tips', tip.id)}</div>"
        f"<div id='quiz'>{_snippet(built_site, 'quizzes', quiz.id)}</div>"
        "</body></html>"
    )
    (tmp_path / "favicon.ico").write_bytes(b"")  # the intranet's own; its 404 is not ours to test
    with serve(tmp_path, playbook_csp=False) as url:
        yield url


def _fits(frame: Any) -> bool:
    """The iframe shows its whole document: no inner scrollbar."""
    inner = frame.element_handle().content_frame()
    scroll_height = inner.evaluate("document.documentElement.scrollHeight")
    box = frame.bounding_box()
    return bool(box and scroll_height <= box["height"] + 1)


@pytest.mark.parametrize("width", WIDTHS)
def test_embeds_fit_their_content(browser: Any, intranet: str, site_url: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(intranet)
    frames = page.locator("iframe[data-playbook-embed]")
    expect(frames).to_have_count(2)
    for i in range(2):
        frame = frames.nth(i)
        frame.scroll_into_view_if_needed()
        expect(frame).not_to_have_attribute("style", "")
        page.wait_for_function(
            "f => f.contentDocument === null && parseInt(f.style.height) > 200", arg=frame.element_handle()
        )
        assert _fits(frame), f"iframe {i} scrolls inside at {width}px"
    assert errors == [], f"errors in the intranet page or its frames: {errors}"
    page.close()


def test_foreign_origin_message_is_ignored(browser: Any, intranet: str) -> None:
    page = browser.new_page(viewport={"width": 800, "height": 900})
    page.goto(intranet)
    frame = page.locator("#tip iframe")
    page.wait_for_function("f => parseInt(f.style.height) > 200", arg=frame.element_handle())
    before = frame.evaluate("f => f.style.height")
    page.evaluate(
        "() => { const f = document.querySelector('#tip iframe');"
        " window.postMessage({type: 'playbook:height', height: 5}, '*');"
        " f.contentWindow.postMessage({type: 'playbook:height', height: 5}, '*'); }"
    )
    page.wait_for_timeout(300)
    assert frame.evaluate("f => f.style.height") == before
    page.close()


def test_quiz_can_be_completed_inside_the_embed(browser: Any, intranet: str, dataset: Dataset) -> None:
    """Answer the embedded quiz; the frame shows the same scores the Python scoring computes."""
    quiz = next(q for q in dataset.quizzes if q.kind == "profile")
    answers = vectors(quiz)["mixed"]
    page = browser.new_page(viewport={"width": 800, "height": 900})
    page.goto(intranet)
    frame = page.frame_locator("#quiz iframe")
    root = frame.locator(f"#quiz-{quiz.id}")
    expect(root).to_be_visible()
    for item in quiz.items:
        root.locator(f'input[name="{quiz.id}--{item.id}"][value="{answers[item.id]}"]').check()
    root.get_by_role("button", name="See my results").click()
    rows = root.locator(".pb-quiz__results table tbody tr")
    expect(rows.first).to_be_visible()
    names = {d.name: d.id for d in quiz.dimensions}
    shown = {}
    for i in range(rows.count()):
        cells = [c.strip() for c in rows.nth(i).locator("th, td").all_inner_texts()]
        shown[names[cells[0]]] = (int(cells[1]), cells[2])
    assert shown == expected_scores(quiz, answers)
    iframe = page.locator("#quiz iframe")
    page.wait_for_timeout(500)
    assert _fits(iframe), "the frame did not grow with the results"
    page.close()
