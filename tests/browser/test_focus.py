"""Keyboard focus is always visible: tabbing through a page never lands on an element that shows
no sign of having focus (the site runs without Material's bundle, whose focus-visible helper some
of Material's styles expect)."""

from __future__ import annotations

from typing import Any

import pytest

from generator.schema import Dataset

# What the focused element shows: its outline, or the box shadow some controls use instead.
FOCUS_MARK = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadowed = style.boxShadow !== "none";
  const label = element.matches("input.md-option") && element.nextElementSibling;
  const labelled = label && getComputedStyle(label).outlineStyle !== "none";
  return { element: element.outerHTML.slice(0, 120), visible: outlined || shadowed || Boolean(labelled) };
}"""


@pytest.mark.parametrize("path", ["", "tips/{tip}/", "quizzes/three-networks/", "worksheets/my-network-map/"])
def test_every_tab_stop_shows_focus(page: Any, site_url: str, dataset: Dataset, path: str) -> None:
    tip = next(t for t in dataset.tips if t.audience == "individual")
    page.goto(site_url + path.format(tip=tip.id))
    unmarked = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_MARK)
        if not focus["visible"]:
            unmarked.append(focus["element"])
    assert unmarked == []
