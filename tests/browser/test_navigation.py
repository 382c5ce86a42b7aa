"""A reader clicks from the home page to a tip, and filters the tips index."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from generator.schema import Dataset


def test_home_to_a_tip_by_clicking(page: Any, site_url: str, dataset: Dataset) -> None:
    page.goto(site_url)
    page.get_by_role("link", name="All tips").first.click()
    page.wait_for_url(f"{site_url}tips/")
    tip = next(t for t in dataset.tips if t.audience == "individual")
    page.locator("#pb-tips").get_by_role("link", name=tip.title).click()
    page.wait_for_url(f"{site_url}tips/{tip.id}/")
    expect(page.locator("h1")).to_contain_text(tip.title)


def test_tips_filter_narrows_the_list_and_updates_the_url(page: Any, site_url: str, dataset: Dataset) -> None:
    page.goto(f"{site_url}tips/")
    items = page.locator("#pb-tips > li")
    total = items.count()
    page.select_option("#pb-filter-network", "strategic")
    page.select_option("#pb-filter-outcome", "organic")
    expected = sum(
        1
        for t in dataset.tips
        if t.audience == "individual" and "strategic" in t.network_types and t.outcome == "organic"
    )
    assert page.locator("#pb-tips > li:not([hidden])").count() == expected < total
    assert page.locator(".pb-filter__count").inner_text() == f"Showing {expected} of {total} tips."
    assert "network=strategic" in page.url and "outcome=organic" in page.url


def test_filter_state_comes_from_each_page_address(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}tips/?outcome=natural")
    shown = page.locator("#pb-tips > li:not([hidden])").count()
    assert 0 < shown < page.locator("#pb-tips > li").count()
    page.goto(site_url)
    page.get_by_role("link", name="All tips").first.click()
    page.wait_for_url(f"{site_url}tips/")
    expect(page.locator("form.pb-filter")).to_be_visible()
    assert page.locator("#pb-tips > li:not([hidden])").count() == page.locator("#pb-tips > li").count()
    # Back to the filtered address: the list is filtered again, from the address alone.
    page.go_back()
    page.go_back()
    page.wait_for_url(f"{site_url}tips/?outcome=natural")
    expect(page.locator("#pb-tips > li:not([hidden])")).to_have_count(shown)


def test_on_a_phone_the_menu_reaches_every_section(phone: Any, site_url: str) -> None:
    """The drawer works by Material's CSS alone: open it, step up to the top level, into a section
    and on to a page."""
    page = phone
    page.goto(f"{site_url}tips/")
    page.locator("label.md-header__button[for=__drawer]").click()
    drawer = page.locator(".md-sidebar--primary")
    # It opens on the reader's section, with a way up to the top level.
    expect(drawer.get_by_role("link", name="Tips matrix")).to_be_visible()
    drawer.locator("label.md-nav__title").filter(has_text="Tips").click()
    expect(drawer.get_by_role("link", name="How to use this playbook")).to_be_visible()
    drawer.locator("label.md-nav__link").filter(has_text="Network types").click()
    drawer.get_by_role("link", name="Operational").click()
    page.wait_for_url(f"{site_url}network-types/operational/")
