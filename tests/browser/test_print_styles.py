"""Every page kind on paper: no focus ring, no text cursor and no control that only works on screen.

A reader prints whatever page they are on, often straight after clicking or typing in it; the
print styles (playbook.css, "On paper, every page") must leave no trace of that.
"""

from __future__ import annotations

from typing import Any

import pytest

from generator.schema import Dataset

SCREEN_ONLY = (
    "button, .md-button, select, input[type=search], .pb-embed-this, .pb-filter, .md-header, .md-sidebar,"
    " .md-footer, .md-search, [role=dialog]"
)

FOCUS_AND_CURSOR = """() => {
  const focused = document.activeElement;
  const style = getComputedStyle(focused);
  const label = focused.closest('label');
  return {
    tag: focused.tagName,
    outline: style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0,
    caret: style.caretColor,
    ring: label ? getComputedStyle(label).boxShadow : 'none',
  };
}"""


def pages(dataset: Dataset) -> list[str]:
    return [
        "",
        "how-to-use/",
        "network-types/",
        f"network-types/{dataset.network_types[0].id}/",
        f"outcomes/{dataset.outcomes[0].id}/",
        "why-network/",
        "tips/",
        "tips/matrix/",
        f"tips/{dataset.tips[0].id}/",
        "quizzes/",
        *[f"quizzes/{quiz.id}/" for quiz in dataset.quizzes],
        "worksheets/",
        *[f"worksheets/{sheet.id}/" for sheet in dataset.worksheets[:2]],
        "for-associations/",
        "sources/",
    ]


def _focus_something(page: Any) -> None:
    """Keyboard focus on the page's first field, else its first link in the text, as a reader leaves it."""
    field = page.locator("article :is(input, textarea):visible").first
    if field.count():
        field.click()
        if field.get_attribute("type") in (None, "text"):
            page.keyboard.type("Half-typed")
        return
    page.locator("article a[href]").first.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_focus_ring_cursor_or_screen_control_on_paper(
    page: Any, site_url: str, dataset: Dataset, scheme: str
) -> None:
    page.emulate_media(color_scheme=scheme)
    for path in pages(dataset):
        page.emulate_media(media="screen")
        page.goto(f"{site_url}{path}")
        _focus_something(page)
        on_screen = page.evaluate(FOCUS_AND_CURSOR)
        assert on_screen["tag"] != "BODY", path
        page.emulate_media(media="print")
        on_paper = page.evaluate(FOCUS_AND_CURSOR)
        assert on_paper["outline"], (path, on_paper)
        assert on_paper["caret"] == "rgba(0, 0, 0, 0)", (path, on_paper)
        assert on_paper["ring"] == "none", (path, on_paper)
        shown = page.evaluate(
            f"() => [...document.querySelectorAll({SCREEN_ONLY!r})].filter(e => e.checkVisibility())"
            ".map(e => e.outerHTML.slice(0, 120))"
        )
        assert shown == [], path
