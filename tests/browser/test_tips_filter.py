"""The tips filter (tips-filter.js): it narrows the tips and the plays for associations alike, keeps
its state in the address, says when nothing matches and offers a way back, and fits a phone."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from generator.schema import Dataset

SHOWN = "#pb-tips > li:not([hidden]), #pb-plays > li:not([hidden])"
ALL = "#pb-tips > li, #pb-plays > li"


def test_tips_filter_narrows_the_list_and_updates_the_url(page: Any, site_url: str, dataset: Dataset) -> None:
    page.goto(f"{site_url}tips/")
    total = page.locator(ALL).count()
    assert total == len(dataset.tips)
    expect(page.locator(".pb-filter__count")).to_have_text(f"Showing all {total} tips.")
    expect(page.locator(".pb-filter__clear")).to_be_hidden()
    page.select_option("#pb-filter-network", "strategic")
    page.select_option("#pb-filter-outcome", "organic")
    chosen = [t for t in dataset.tips if "strategic" in t.network_types and t.outcome == "organic"]
    mine = sum(1 for t in chosen if t.audience == "individual")
    assert page.locator(SHOWN).count() == len(chosen) < total
    expect(page.locator(".pb-filter__count")).to_have_text(
        f"Showing {len(chosen)} of {total} tips: {mine} for you, {len(chosen) - mine} for associations."
    )
    assert "network=strategic" in page.url and "outcome=organic" in page.url


@pytest.mark.parametrize("network", ["operational", "personal", "strategic"])
def test_a_filtered_network_counts_what_its_page_lists(page: Any, site_url: str, network: str) -> None:
    """?network=strategic showed 18 tips where the strategic network page listed 19: the filter left
    out the plays for associations, which that page lists too."""
    page.goto(f"{site_url}network-types/{network}/")
    listed = set(
        page.locator("article .pb-tip-list a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    )
    page.goto(f"{site_url}tips/?network={network}")
    shown = set(page.locator(SHOWN).locator("a").evaluate_all("links => links.map(a => new URL(a.href).pathname)"))
    assert shown == listed
    expect(page.locator(".pb-filter__count")).to_contain_text(f"Showing {len(listed)} of")


def _empty_combination(dataset: Dataset) -> dict[str, str]:
    """A network, outcome and moment that no tip has together."""
    for network in dataset.network_types:
        for outcome in dataset.outcomes:
            for moment in ("before-event", "during-event", "after-event", "online", "inside-organisation"):
                if not any(
                    network.id in t.network_types and t.outcome == outcome.id and moment in t.when for t in dataset.tips
                ):
                    return {"network": network.id, "outcome": outcome.id, "when": moment}
    pytest.fail("every combination has a tip: nothing to test")


def test_when_nothing_matches_it_says_so_and_clears(page: Any, site_url: str, dataset: Dataset) -> None:
    empty = _empty_combination(dataset)
    page.goto(f"{site_url}tips/?" + "&".join(f"{k}={v}" for k, v in empty.items()))
    assert page.locator(SHOWN).count() == 0
    expect(page.locator(".pb-filter__count")).to_have_text(
        f"No tips match all of these choices. Change one, or clear the filter to see all {len(dataset.tips)}."
    )
    expect(page.locator("[data-pb-empty=pb-tips]")).to_be_visible()
    clear = page.get_by_role("button", name="Clear the filter")
    expect(clear).to_be_visible()
    clear.focus()
    page.keyboard.press("Enter")
    expect(page.locator(SHOWN)).to_have_count(len(dataset.tips))
    expect(page.locator("#pb-filter-network")).to_be_focused()
    expect(clear).to_be_hidden()
    expect(page.locator("[data-pb-empty=pb-tips]")).to_be_hidden()
    assert page.url == f"{site_url}tips/"


def test_each_label_sits_beside_its_dropdown(page: Any, site_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site_url}tips/")
    for name in ("network", "outcome", "when"):
        label = page.locator(f"label[for=pb-filter-{name}]").bounding_box()
        select = page.locator(f"#pb-filter-{name}").bounding_box()
        assert label and select
        gap = select["x"] - (label["x"] + label["width"])
        middle = abs((label["y"] + label["height"] / 2) - (select["y"] + select["height"] / 2))
        assert 0 <= gap <= 16 and middle <= 4, (name, label, select)


def test_on_a_phone_the_dropdowns_are_a_thumbs_height(phone: Any, site_url: str) -> None:
    phone.goto(f"{site_url}tips/")
    heights = phone.locator(".pb-filter select").evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    assert len(heights) == 3 and min(heights) >= 44
    # Each dropdown fits inside the filter's frame.
    frame = phone.locator(".pb-filter fieldset").bounding_box()
    rights = phone.locator(".pb-filter select").evaluate_all("els => els.map(e => e.getBoundingClientRect().right)")
    assert frame and max(rights) <= frame["x"] + frame["width"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= phone.viewport_size["width"]


def test_filter_state_comes_from_each_page_address(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}tips/?outcome=natural")
    shown = page.locator(SHOWN).count()
    assert 0 < shown < page.locator(ALL).count()
    expect(page.locator(".pb-filter__count")).to_have_text(re.compile(rf"^Showing {shown} of \d+ tips"))
    page.goto(site_url)
    page.get_by_role("link", name="All tips").first.click()
    page.wait_for_url(f"{site_url}tips/")
    expect(page.locator("form.pb-filter")).to_be_visible()
    assert page.locator(SHOWN).count() == page.locator(ALL).count()
    # Back to the filtered address: the list is filtered again, from the address alone.
    page.go_back()
    page.go_back()
    page.wait_for_url(f"{site_url}tips/?outcome=natural")
    expect(page.locator(SHOWN)).to_have_count(shown)
