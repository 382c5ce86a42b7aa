"""Site search (search.js with MiniSearch): the header's search box finds pages in the browser, by
plurals and with one typo, fetching the index only when a reader opens it; every result can be
reached, and it can be driven from the keyboard alone, on a phone too."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.request import urlopen

import pytest
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


# ---- What it finds: a fixed list of queries and pages each must find -------------------------

FINDS = {
    # plurals find the singular, and the words it starts
    "mentors": [
        "tips/find-a-mentor-through-your-network/",
        "how-to-use/",
        "network-types/personal/",
        "outcomes/organic/",
    ],
    "coffee mates": [
        "tips/turn-a-familiar-face-into-a-coffee-mate/",
        "outcomes/organic/",
    ],
    "stories": ["tips/be-sincere-everyone-has-a-story/", "quizzes/spot-the-network/"],
    "introverts": ["tips/networking-at-events-for-introverts/"],
    "ladders": ["outcomes/", "quizzes/relationship-ladder/"],
    # one typo in a longer word
    "conferance": ["why-network/", "for-associations/", "outcomes/natural/", "tips/bring-outside-news-inside/"],
    "strategc network": ["network-types/strategic/", "network-types/"],
    "introvrt": ["tips/networking-at-events-for-introverts/"],
    # accents, case and the start of a word
    "LINKEDIN": ["network-types/personal/"],
    "tomas": ["network-types/operational/"],
    "ladd": ["outcomes/"],
}


def _found_pages(page: Any, site_url: str, query: str) -> list[str]:
    """Every page a query finds, in order, after asking for all of them."""
    page.locator("input.md-search__input").fill(query)
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^(\d+|1|No) matching document"))
    more = page.locator(".pb-search-more__button")
    if more.count():
        more.click()
    links = page.locator(".md-search-result__item > a:first-child")
    return [href.removeprefix(site_url) for href in links.evaluate_all("links => links.map(a => a.href)")]


def test_each_query_finds_its_pages(page: Any, site_url: str) -> None:
    page.goto(site_url)
    missing = {}
    for query, expected in FINDS.items():
        found = _found_pages(page, site_url, query)
        lost = [path for path in expected if path not in found]
        if lost:
            missing[query] = lost
    assert missing == {}


def _pages_mentioning(site_url: str, stem: str) -> set[str]:
    """Pages whose indexed text has a word starting with `stem`, read from the index itself."""
    with urlopen(f"{site_url}search/search_index.json") as response:
        docs = json.load(response)["docs"]
    word = re.compile(rf"\b{stem}", re.IGNORECASE)
    text = {d["location"]: re.sub(r"<[^>]+>", " ", d["title"] + " " + d["text"]) for d in docs}
    return {location.split("#")[0] for location, words in text.items() if word.search(words)}


@pytest.mark.parametrize(
    ("query", "stem"), [("mentors", "mentor"), ("conferences", "conference"), ("allies", "all(y|ies)")]
)
def test_every_page_that_mentions_a_word_is_found(page: Any, site_url: str, query: str, stem: str) -> None:
    """Where "mentors" found 2 of the 10 pages that mention mentors, it finds every one now."""
    page.goto(site_url)
    expected = _pages_mentioning(site_url, stem)
    assert len(expected) >= 3
    assert expected <= set(_found_pages(page, site_url, query))


def test_every_result_can_be_reached(page: Any, site_url: str) -> None:
    """Where "45 matching documents" listed 10, the rest are one button away, by mouse or keyboard."""
    page.goto(site_url)
    search = page.locator("input.md-search__input")
    search.fill("network")
    status = page.locator(".md-search-result__meta")
    expect(status).to_have_text(re.compile(r"^\d+ matching documents$"))
    total = int(status.inner_text().split()[0])
    assert total > 10
    expect(_results(page)).to_have_count(10)
    more = page.get_by_role("button", name=f"Show {total - 10} more results")
    expect(more).to_be_visible()
    # The arrow keys reach the button after the last result shown; Enter shows the rest.
    search.focus()
    for _ in range(40):
        page.keyboard.press("ArrowDown")
        if page.evaluate("document.activeElement.matches('.pb-search-more__button')"):
            break
    expect(more).to_be_focused()
    page.keyboard.press("Enter")
    expect(_results(page)).to_have_count(total)
    expect(more).to_have_count(0)
    # Focus lands on the first of the results just shown.
    expect(_results(page).nth(10).locator("a").first).to_be_focused()


def test_snippets_keep_words_apart_and_leave_out_the_facts_box(page: Any, site_url: str, dataset: Dataset) -> None:
    page.goto(site_url)
    search = page.locator("input.md-search__input")
    teasers = page.locator(".md-search-result__teaser")
    for query, joined in (("coffee mate", "mateWhen"), ("48 hours", "eventA"), ("keeping score", "scoreOffer")):
        search.fill(query)
        expect(teasers.first).to_be_visible()
        assert not [t for t in teasers.all_inner_texts() if joined in t]
    tip = _tip(dataset)
    search.fill(tip.title)
    first = _results(page).first
    expect(first.locator("h1")).to_have_text(tip.title)
    teaser = first.locator(".md-search-result__teaser").first.inner_text()
    assert "Moves you towards" not in teaser and "Time it takes" not in teaser
    assert teaser.startswith(tip.summary[:40])


def test_matched_words_are_marked_whatever_their_form(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.locator("input.md-search__input").fill("conferance")
    expect(page.locator(".md-search-result__list mark").first).to_be_visible()
    marks = page.locator(".md-search-result__list mark").all_inner_texts()
    assert marks and {m.lower() for m in marks} <= {"conference", "conferences"}


def test_on_a_phone_tab_does_not_open_the_search(phone: Any, site_url: str) -> None:
    """At 390 px, Tab from the top of a page opened the full-screen search and went on into the
    hidden menu: the closed search and menu are out of the tab order there."""
    page = phone
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}tips/")
    for _ in range(10):
        page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('__search').checked") is False
        where = page.evaluate(
            "(() => { const e = document.activeElement; const r = e.getBoundingClientRect();"
            " const shown = e.matches('input.md-option') ? e.nextElementSibling.getBoundingClientRect() : r;"
            " return { hidden: Boolean(e.closest('.md-search__inner, .md-sidebar--primary')),"
            " onScreen: shown.width > 0 && shown.right > 0 && shown.left < innerWidth,"
            " html: e.outerHTML.slice(0, 100) }; })()"
        )
        assert not where["hidden"] and where["onScreen"], where["html"]
    # The header's search button still opens it, with focus in the box.
    page.locator("label.md-header__button[for=__search]").click()
    expect(page.locator("input.md-search__input")).to_be_focused()


def test_the_empty_result_list_closes_when_focus_leaves(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    assert page.evaluate("document.getElementById('__search').checked") is True
    for _ in range(5):
        page.keyboard.press("Tab")
        if not page.evaluate("document.querySelector('.md-search').contains(document.activeElement)"):
            break
    assert page.evaluate("document.getElementById('__search').checked") is False
    expect(page.locator(".md-search__output")).to_be_hidden()
