"""worksheet-form.js: a worksheet's web form keeps what is typed, in this browser only.

What is stored is read back as untrusted input, a clear button empties the form and the browser's
copy, and where storage is blocked the page says that nothing is kept and the form still works.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import expect

from generator.schema import Dataset
from tests.browser.test_quizzes import BLOCK_STORAGE

SHEET = "event-preparation-plan"
KEY = f"networking-playbook.worksheet.{SHEET}"


def _open(page: Any, site_url: str, sheet: str = SHEET) -> None:
    page.goto(f"{site_url}worksheets/{sheet}/")
    page.wait_for_selector(f'form[data-pb-worksheet="{sheet}"][data-pb-ready]')


def _fill(page: Any) -> None:
    page.get_by_label("Event and date").fill("Members' day, 12 March")
    page.get_by_label("Why I am going").fill("Meet two people who moved their systems online\nand one more")
    page.get_by_label("Why them, row 2").fill("Ran the same project last year")
    page.get_by_text("Arriving early, while the room is still quiet").click()


def _wait_saved(page: Any, text: str = "") -> None:
    """Until the browser's copy holds `text` (saving waits for a pause in typing)."""
    page.wait_for_function("([key, text]) => (localStorage.getItem(key) || '').includes(text)", arg=[KEY, text or "{"])


def _stored(page: Any) -> Any:
    return page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}'))")


def test_what_is_typed_is_there_after_a_reload_and_nothing_is_sent(page: Any, site_url: str) -> None:
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url + (request.post_data or "")))
    _open(page, site_url)
    keep = page.locator(f'[data-pb-keep="{SHEET}"]')
    expect(keep.locator(".pb-ws-keep__note")).to_contain_text("kept in this browser only")
    expect(keep.locator(".pb-ws-keep__note")).to_contain_text("Nothing is sent anywhere")
    _fill(page)
    page.get_by_label("Event and date").press("Enter")  # Enter never submits the form
    _wait_saved(page, "last year")
    assert _stored(page)["fields"] == {
        "event.name": "Members' day, 12 March",
        "event.why": "Meet two people who moved their systems online\nand one more",
        "people.list.r2.why": "Ran the same project last year",
        "ready.checks.arrival": True,
    }

    _open(page, site_url)
    assert page.get_by_label("Event and date").input_value() == "Members' day, 12 March"
    assert (
        page.get_by_label("Why I am going").input_value()
        == "Meet two people who moved their systems online\nand one more"
    )
    assert page.locator('input[name="people.list.r2.why"]').input_value() == "Ran the same project last year"
    assert page.locator('input[name="ready.checks.arrival"]').is_checked()
    assert not page.locator('input[name="ready.checks.breather"]').is_checked()
    expect(keep.locator("[role=status]")).to_contain_text("What you typed here before is back")
    assert page.url == f"{site_url}worksheets/{SHEET}/"
    assert [url for url in sent if "Members" in url or "last year" in url or "?" in url] == []


def test_each_worksheet_keeps_its_own(page: Any, site_url: str, dataset: Dataset) -> None:
    _open(page, site_url)
    _fill(page)
    _wait_saved(page)
    other = next(s for s in dataset.worksheets if s.id != SHEET)
    _open(page, site_url, other.id)
    values = page.locator(f'form[data-pb-worksheet="{other.id}"] :is(input[type=text], textarea)').evaluate_all(
        "fields => fields.map(f => f.value).filter(Boolean)"
    )
    assert values == []
    assert page.locator(f'form[data-pb-worksheet="{other.id}"] input:checked').count() == 0


def test_clear_empties_the_form_and_the_browsers_copy(page: Any, site_url: str) -> None:
    _open(page, site_url)
    _fill(page)
    _wait_saved(page)
    keep = page.locator(f'[data-pb-keep="{SHEET}"]')
    keep.get_by_role("button", name="Clear the form").click()
    keep.get_by_role("button", name="Keep it").click()  # changing one's mind keeps everything
    assert page.get_by_label("Event and date").input_value() == "Members' day, 12 March"
    keep.get_by_role("button", name="Clear the form").click()
    keep.get_by_role("button", name="Yes, clear it").click()
    expect(keep.locator("[role=status]")).to_have_text("The form is empty, and nothing of it is kept in this browser.")
    assert page.get_by_label("Event and date").input_value() == ""
    assert not page.locator('input[name="ready.checks.arrival"]').is_checked()
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None
    _open(page, site_url)
    assert page.get_by_label("Event and date").input_value() == ""


HOSTILE = {
    "saved": "<img src=x onerror=alert(1)>",
    "fields": {
        "event.name": "<b>Kept as text</b>",
        "event.why": 42,
        "people.list.r1.who": {"value": "an object"},
        "people.list.r1.why": ["a list"],
        "ready.checks.arrival": "yes",
        "ready.checks.breather": True,
        "ready.checks.notes": 1,
        "no.such.field": "ignored",
        '"]; alert(1); //': "ignored",
        "__proto__": {"polluted": True},
        "conversation.offer": "x" * 20000,
    },
}
"""Two values fit (a text field's text, `true` for a tick box); a long text is cut to 5,000 characters."""


@pytest.mark.parametrize(
    "stored",
    [
        json.dumps(HOSTILE),
        "{not json",
        "[1, 2, 3]",
        "null",
        '{"fields": "text"}',
        json.dumps({"fields": {"a": "b" * 300000}}),
    ],
)
def test_hostile_stored_values_are_ignored_and_the_form_works(page: Any, site_url: str, stored: str) -> None:
    page.goto(site_url)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, stored])
    _open(page, site_url)
    form = page.locator(f'form[data-pb-worksheet="{SHEET}"]')
    if stored == json.dumps(HOSTILE):
        assert page.get_by_label("Event and date").input_value() == "<b>Kept as text</b>"
        assert page.locator('input[name="ready.checks.breather"]').is_checked()
        assert not page.locator('input[name="ready.checks.arrival"]').is_checked()
        assert not page.locator('input[name="ready.checks.notes"]').is_checked()
        assert len(page.locator('input[name="conversation.offer"]').input_value()) == 5000
        assert page.get_by_label("Why I am going").input_value() == ""
        assert page.evaluate("({}).polluted") is None
    else:
        assert form.locator(":is(input[type=text], textarea)").evaluate_all("fs => fs.filter(f => f.value).length") == 0
    assert form.locator("img, b").count() == 0
    page.get_by_label("Why them, row 1").fill("Typed after")
    _wait_saved(page, "Typed after")
    fields = _stored(page)["fields"]
    names = set(form.locator("[name]").evaluate_all("fs => fs.map(f => f.name)"))
    assert set(fields) <= names
    assert all(value is True or isinstance(value, str) for value in fields.values())


def test_without_storage_it_says_nothing_is_kept_and_still_works(page: Any, site_url: str) -> None:
    page.add_init_script(BLOCK_STORAGE)
    _open(page, site_url)
    keep = page.locator(f'[data-pb-keep="{SHEET}"]')
    expect(keep.locator(".pb-ws-keep__note")).to_contain_text("not letting the page keep anything")
    _fill(page)
    assert page.get_by_label("Event and date").input_value() == "Members' day, 12 March"
    keep.get_by_role("button", name="Clear the form").click()
    keep.get_by_role("button", name="Yes, clear it").click()
    expect(keep.locator("[role=status]")).to_have_text("The form is empty.")
    assert page.get_by_label("Event and date").input_value() == ""


def test_the_embedded_worksheet_keeps_what_is_typed_too(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}embed/worksheets/{SHEET}/")
    page.wait_for_selector(f'form[data-pb-worksheet="{SHEET}"][data-pb-ready]')
    page.get_by_label("Event and date").fill("From the intranet")
    _wait_saved(page, "From the intranet")
    _open(page, site_url)
    assert page.get_by_label("Event and date").input_value() == "From the intranet"
