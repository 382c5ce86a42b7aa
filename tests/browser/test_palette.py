"""The light/dark switch (theme-boot.js): the system's scheme or the reader's saved choice applies
before the first paint, the switch works by mouse and keyboard and lasts from page to page,
and loading a page never re-styles it as a switch would."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import expect

# Records every value body's colour attributes take while the page loads, from before any script.
RECORD_SWITCHES = """
window.__schemes = [];
window.__switching = 0;
new MutationObserver((records) => {
  for (const record of records) {
    if (record.attributeName === "data-md-color-switching" && document.body.hasAttribute("data-md-color-switching")) {
      window.__switching += 1;
    }
    if (record.attributeName === "data-md-color-scheme") {
      window.__schemes.push(document.body.getAttribute("data-md-color-scheme"));
    }
  }
}).observe(document, { attributes: true, subtree: true });
"""


def scheme(page: Any) -> str:
    return str(page.evaluate("document.body.getAttribute('data-md-color-scheme')"))


def visible_switch(page: Any) -> Any:
    return page.locator("form[data-pb-palette] label:not([hidden])")


def test_system_dark_mode_applies_before_paint_without_a_restyle(page: Any, site_url: str) -> None:
    page.add_init_script(RECORD_SWITCHES)
    page.emulate_media(color_scheme="dark")
    page.goto(site_url)
    assert scheme(page) == "slate"
    # Set once, as the header was parsed: never flipped from light, never flagged as a switch.
    assert page.evaluate("window.__schemes") == ["slate"]
    assert page.evaluate("window.__switching") == 0
    expect(visible_switch(page)).to_have_count(1)
    expect(visible_switch(page)).to_have_attribute("title", "Switch to light mode")
    page.wait_for_function("document.querySelector('meta[name=color-scheme]').content === 'dark'")
    page.wait_for_function("/^#[0-9a-f]{6}$/.test(document.querySelector('meta[name=theme-color]').content)")


def test_switching_is_saved_and_survives_reload_and_navigation(page: Any, site_url: str) -> None:
    page.goto(site_url)
    assert scheme(page) == "default"
    visible_switch(page).click()
    assert scheme(page) == "slate"
    expect(visible_switch(page)).to_have_attribute("title", "Switch to light mode")
    page.wait_for_function("document.querySelector('meta[name=color-scheme]').content === 'dark'")
    expect(page.locator("body")).not_to_have_attribute("data-md-color-switching", "")

    page.reload()
    assert scheme(page) == "slate"
    assert page.locator("#__palette_1").is_checked()

    page.get_by_role("link", name="All tips").first.click()
    page.wait_for_url(f"{site_url}tips/")
    assert scheme(page) == "slate"
    visible_switch(page).click()
    assert scheme(page) == "default"


def test_enter_on_the_focused_switch_moves_to_the_next_scheme(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.locator("#__palette_0").focus()
    page.keyboard.press("Enter")
    assert scheme(page) == "slate"
    assert page.evaluate("document.activeElement.id") == "__palette_1"
    page.keyboard.press("Enter")
    assert scheme(page) == "default"


HOSTILE_SAVED_SCHEMES = [
    '{"index": 0.5}',
    '{"index": -1}',
    '{"index": 1e308}',
    '{"index": 2}',
    '{"index": "1"}',
    '{"index": null}',
    "{}",
    "[1]",
    '"slate"',
    "7",
    "null",
    "not json {",
    "",
]


@pytest.mark.parametrize("stored", HOSTILE_SAVED_SCHEMES)
def test_a_saved_scheme_that_does_not_fit_is_dropped_and_the_page_works(page: Any, site_url: str, stored: str) -> None:
    """Storage is untrusted input: a bad saved scheme gives way to the system's and is removed;
    other stored values stay, the switch works, and nothing throws (the page fixture checks)."""
    page.add_init_script(
        f"localStorage.setItem('/.__palette', {json.dumps(stored)}); localStorage.setItem('/.other', 'kept');"
    )
    page.emulate_media(color_scheme="dark")
    page.goto(site_url)
    assert scheme(page) == "slate"
    assert page.evaluate("localStorage.getItem('/.__palette')") is None
    assert page.evaluate("localStorage.getItem('/.other')") == "kept"
    expect(visible_switch(page)).to_have_attribute("title", "Switch to light mode")
    visible_switch(page).click()
    assert scheme(page) == "default"
    assert json.loads(page.evaluate("localStorage.getItem('/.__palette')"))["index"] == 0


def test_a_saved_scheme_that_fits_is_kept(page: Any, site_url: str) -> None:
    page.add_init_script("localStorage.setItem('/.__palette', JSON.stringify({index: 1}));")
    page.goto(site_url)
    assert scheme(page) == "slate"
    assert page.evaluate("localStorage.getItem('/.__palette')") == '{"index":1}'
