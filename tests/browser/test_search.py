"""Site search (search.js): the header's search box finds pages in the browser, fetching the index
only when a reader opens it, and can be driven from the keyboard alone."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from generator.schema import Dataset

INDEX = re.compile(r"/search/search_index\.json$")


def _tip(dataset: Dataset) -> Any:
    return next(t for t in dataset.tips if t.audience == "individual")


def _results(page: Any) -> Any:
    return page.locator(".md-search-result__item")


def test_a_tip_is_found_by_its_title_and_opens(page: Any, site_url: str, dataset: Dataset) -> None:
    tip = _tip(dataset)
    page.goto(site_url)
    page.locator("input.md-search__input").fill(tip.title)
    first = _results(page).first
    expect(first.locator("h1")).to_have_text(tip.title)
    first.locator("a").first.click()
    page.wait_for_url(f"{site_url}tips/{tip.id}/")
    expect(page.locator("article h1")).to_contain_text(tip.title)


def test_every_word_must_match_and_the_count_is_announced(page: Any, site_url: str) -> None:
    page.goto(site_url)
    search = page.locator("input.md-search__input")
    status = page.locator(".md-search-result__meta[role=status]")
    search.fill("coffee")
    expect(_results(page).first).to_be_visible()
    some = _results(page).count()
    expect(status).to_have_text(re.compile(r"^\d+ matching documents$"))
    search.fill("coffee zzyzx")
    expect(status).to_have_text("No matching documents")
    assert _results(page).count() == 0 < some
    search.fill("")
    expect(status).to_have_text("Type to start searching")


def test_the_index_is_fetched_only_when_a_reader_searches(page: Any, site_url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if INDEX.search(request.url) else None)
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert fetched == []
    page.locator("input.md-search__input").focus()
    page.locator("input.md-search__input").press_sequentially("ladder")
    expect(_results(page).first).to_be_visible()
    assert len(fetched) == 1


def test_keyboard_only_search(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}tips/")
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.type("strategic")
    expect(_results(page).first).to_be_visible()
    page.keyboard.press("ArrowDown")
    links = page.locator(".md-search-result__link")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(links.nth(1)).to_be_focused()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.press("Escape")
    assert page.evaluate("document.getElementById('__search').checked") is False
    # Opened again, it keeps the query; Enter opens the best result.
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_have_value("strategic")
    page.keyboard.press("Control+A")
    page.keyboard.type("why networking is worth it")
    expect(_results(page).first).to_be_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}why-network/")


def test_on_a_phone_the_search_button_opens_it_and_the_page_stays_put(phone: Any, site_url: str) -> None:
    page = phone
    page.goto(f"{site_url}tips/")
    page.mouse.wheel(0, 800)
    page.wait_for_function("scrollY > 0")
    scrolled = page.evaluate("scrollY")
    page.locator("label.md-header__button[for=__search]").click()
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.type("coffee")
    expect(_results(page).first).to_be_visible()
    page.wait_for_selector("body[data-md-scrolllock]", state="attached")
    # The results fit the phone's width: nothing spills sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 412
    page.keyboard.press("Escape")
    page.wait_for_selector("body:not([data-md-scrolllock])", state="attached")
    assert page.evaluate("scrollY") == scrolled


def test_when_the_index_cannot_be_fetched_it_says_so_and_tries_again(browser: Any, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    failures = [True]
    page.route(INDEX, lambda route: route.abort() if failures and failures.pop() else route.continue_())
    page.goto(site_url)
    search = page.locator("input.md-search__input")
    search.fill("coffee")
    expect(page.locator(".md-search-result__meta")).to_have_text("Search is not available right now.")
    page.keyboard.press("Escape")
    search.fill("coffee")
    expect(_results(page).first).to_be_visible()
    context.close()
