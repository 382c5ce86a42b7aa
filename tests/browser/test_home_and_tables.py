"""The home page (content/index.md) and the site's tables (playbook.css): one first step, whole-card
links with icons and no card alone on its row, short enough for a phone; one table style, a matrix
without words broken in two and stacked as cards on a phone."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from playwright.sync_api import expect

PHONE_SCREEN = 844


def test_home_offers_one_first_step_above_the_fold(browser: Any, site_url: str) -> None:
    for size in ({"width": 1280, "height": 800}, {"width": 390, "height": PHONE_SCREEN}):
        context = browser.new_context(viewport=size)
        page = context.new_page()
        page.goto(site_url)
        step = page.locator(".pb-start .md-button--primary")
        expect(step).to_have_count(1)
        expect(step).to_have_text("Take the 5-minute self-assessment")
        box = step.bounding_box()
        assert box and box["y"] + box["height"] <= size["height"], size
        assert page.title() == "The Networking Playbook"
        step.click()
        page.wait_for_url(f"{site_url}quizzes/three-networks/")
        context.close()


@pytest.mark.parametrize("width", [390, 800, 1280, 1600])
def test_home_cards_are_whole_links_with_no_card_alone_on_a_row(browser: Any, site_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    fonts: list[str] = []
    page.on("request", lambda r: fonts.append(r.url) if r.resource_type == "font" else None)
    page.goto(site_url)
    cards = page.locator(".pb-cards > ul > li")
    assert cards.count() >= 4
    rows: dict[float, int] = {}
    for box in cards.evaluate_all("cards => cards.map(c => c.getBoundingClientRect().top)"):
        rows[box] = rows.get(box, 0) + 1
    per_row = max(rows.values())
    assert list(rows.values())[-1] == per_row, f"{width} px: cards per row {list(rows.values())}"
    # Each card is one link, with an inline icon; a click anywhere on it follows the link.
    for index in range(cards.count()):
        card = cards.nth(index)
        expect(card.locator("a")).to_have_count(1)
        expect(card.locator("svg.pb-card__icon")).to_have_count(1)
    last = cards.last
    href = last.locator("a").get_attribute("href")
    last.scroll_into_view_if_needed()
    box = last.bounding_box()
    assert box and href
    page.mouse.click(box["x"] + box["width"] - 6, box["y"] + box["height"] - 6)
    page.wait_for_url(f"{site_url}{href}")
    assert fonts == []
    context.close()


def test_home_fits_a_few_phone_screens(phone: Any, site_url: str) -> None:
    phone.set_viewport_size({"width": 390, "height": PHONE_SCREEN})
    phone.goto(site_url)
    assert phone.evaluate("document.documentElement.scrollHeight") <= 3.5 * PHONE_SCREEN
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_home_card_shows_hover_and_keyboard_focus(page: Any, site_url: str) -> None:
    page.goto(site_url)
    card = page.locator(".pb-cards > ul > li").first
    before = card.evaluate("c => getComputedStyle(c).borderTopColor")
    card.hover()
    page.wait_for_timeout(300)
    assert card.evaluate("c => getComputedStyle(c).borderTopColor") != before
    page.mouse.move(0, 0)
    card.locator("a").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    page.wait_for_timeout(300)
    assert card.evaluate("c => getComputedStyle(c).borderTopColor") != before
    assert card.locator("a").evaluate("a => getComputedStyle(a).outlineStyle") != "none"


# ---- Tables --------------------------------------------------------------------------------

TABLE_STYLE = """table => {
  const cell = table.querySelector('tbody td');
  const head = table.querySelector('thead th');
  const label = table.querySelector('tbody th') || table.querySelector('tbody td');
  const s = (e) => getComputedStyle(e);
  return {
    border: s(table).borderTopStyle + ' ' + s(cell).borderTopStyle + ' ' + s(cell).borderLeftStyle,
    headBackground: s(head).backgroundColor,
    headWeight: s(head).fontWeight,
    labelAlign: s(label).textAlign,
    fontSize: s(cell).fontSize,
  };
}"""


def test_every_table_has_the_same_style(page: Any, site_url: str) -> None:
    styles = {}
    for path in ("network-types/", "tips/matrix/", "for-associations/"):
        page.goto(site_url + path)
        for index, table in enumerate(page.locator("article table").all()):
            styles[f"{path} #{index}"] = table.evaluate(TABLE_STYLE)
    assert len(styles) >= 4
    first = next(iter(styles.values()))
    assert first["border"] == "solid solid solid"
    assert first["headBackground"] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert first["headWeight"] == "700" and first["labelAlign"] == "left"
    assert all(style == first for style in styles.values()), styles


BROKEN_WORDS = """root => {
  const broken = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const match of node.textContent.matchAll(/[\\p{L}\\p{N}'’]+/gu)) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


def test_the_matrix_breaks_no_word_in_two_at_1280(page: Any, site_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site_url}tips/matrix/")
    table = page.locator("table.pb-matrix")
    assert table.evaluate(BROKEN_WORDS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert table.evaluate("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth")


def test_on_a_phone_the_matrix_is_stacked_cards(phone: Any, site_url: str) -> None:
    phone.set_viewport_size({"width": 390, "height": PHONE_SCREEN})
    phone.goto(f"{site_url}tips/matrix/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    table = phone.locator("table.pb-matrix")
    assert table.evaluate("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth")
    rows = phone.locator("table.pb-matrix tbody tr")
    assert rows.count() == 3
    tops = rows.evaluate_all("rows => rows.map(r => r.getBoundingClientRect())")
    # One card under another, each the full width of the column.
    assert all(a["bottom"] <= b["top"] for a, b in itertools.pairwise(tops))
    assert all(abs(r["width"] - tops[0]["width"]) < 1 for r in tops)
    # Every cell names its rung, since the column headings are not shown.
    names = phone.locator("table.pb-matrix .pb-matrix__column")
    expect(names.first).to_be_visible()
    assert names.count() == 9
    assert table.evaluate(BROKEN_WORDS) == []


MARKER_ROOM = """root => [...root.querySelectorAll('li')].filter(li => getComputedStyle(li).display === 'list-item'
    && getComputedStyle(li).listStyleType !== 'none').map(li => {
  const column = li.closest('td, th, .md-content__inner');
  const inner = column.getBoundingClientRect().left + parseFloat(getComputedStyle(column).paddingLeft || '0');
  const room = li.getBoundingClientRect().left - parseFloat(getComputedStyle(li).fontSize) * 0.9 - inner;
  return room;
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_list_bullets_stay_inside_the_text_column(browser: Any, site_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for path in ("tips/matrix/", "network-types/personal/", "outcomes/", "outcomes/organic/", "tips/"):
        page.goto(site_url + path)
        rooms = page.locator("article").evaluate(MARKER_ROOM)
        assert all(room >= -1 for room in rooms), (path, rooms)
        if path == "tips/matrix/":
            assert rooms, "the matrix cells list their tips with bullets"
    context.close()
