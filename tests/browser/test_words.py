"""Ready-to-use words in the browser: the copy button, on a laptop and a phone, and old tip addresses."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from generator.schema import Dataset


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_copy_button_copies_the_words_with_their_placeholders(page: Any, site_url: str, dataset: Dataset) -> None:
    words = next(w for w in dataset.words if w.id == "meeting-request")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.goto(f"{site_url}words/{words.id}/")
    button = page.get_by_role("button", name="Copy the words")
    expect(button).to_be_visible()
    button.click()
    expect(page.locator(".pb-words__status")).to_have_text(re.compile("^Copied"))
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "\n\n" in copied  # paragraphs survive the copy
    assert _normalised(copied) == _normalised(words.text)


def test_without_a_clipboard_the_words_are_selected(page: Any, site_url: str, dataset: Dataset) -> None:
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(f"{site_url}words/{dataset.words[0].id}/")
    page.get_by_role("button", name="Copy the words").click()
    expect(page.locator(".pb-words__status")).to_have_text(re.compile("^Selected"))
    selected = page.evaluate("window.getSelection().toString()")
    assert _normalised(selected) == _normalised(dataset.words[0].text)


def test_words_fit_a_phone(phone: Any, site_url: str, dataset: Dataset) -> None:
    for words in dataset.words[:3]:
        phone.goto(f"{site_url}words/{words.id}/")
        expect(phone.get_by_role("button", name="Copy the words")).to_be_visible()
        overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, words.id


def test_a_retired_tip_address_opens_the_tip_that_replaced_it(page: Any, site_url: str, dataset: Dataset) -> None:
    for retired in dataset.retired_tips:
        page.goto(f"{site_url}tips/{retired.id}/")
        page.wait_for_url(f"{site_url}tips/{retired.replaced_by}/")
        expect(page.locator("article h1")).to_contain_text(
            next(t.title for t in dataset.tips if t.id == retired.replaced_by)
        )


def test_words_are_found_by_search(page: Any, site_url: str, dataset: Dataset) -> None:
    words = next(w for w in dataset.words if w.id == "referral-request")
    page.goto(site_url)
    page.locator("input.md-search__input").fill(words.title)
    first = page.locator(".md-search-result__item").first
    expect(first.locator("h1")).to_have_text(words.title)
    first.locator("a").first.click()
    page.wait_for_url(f"{site_url}words/{words.id}/")
