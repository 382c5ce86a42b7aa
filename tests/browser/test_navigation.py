"""Finding the way: from the home page to a tip, the menu on a phone, breadcrumbs and the menu's
place on a tip page, a table of contents that follows the scroll (navigation.js) and back to top."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from generator.schema import Dataset, Tip


def test_home_to_a_tip_by_clicking(page: Any, site_url: str, dataset: Dataset) -> None:
    page.goto(site_url)
    page.get_by_role("link", name="All tips").first.click()
    page.wait_for_url(f"{site_url}tips/")
    tip = next(t for t in dataset.tips if t.audience == "individual")
    page.locator("#pb-tips").get_by_role("link", name=tip.title).click()
    page.wait_for_url(f"{site_url}tips/{tip.id}/")
    expect(page.locator("h1")).to_contain_text(tip.title)


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


def _tip_in_two_networks(dataset: Dataset) -> Tip:
    return next(t for t in dataset.tips if t.audience == "individual" and len(t.network_types) > 1)


def test_a_tip_page_has_breadcrumbs_to_its_networks_and_outcome(page: Any, site_url: str, dataset: Dataset) -> None:
    tip = _tip_in_two_networks(dataset)
    page.goto(f"{site_url}tips/{tip.id}/")
    crumbs = page.get_by_role("navigation", name="Breadcrumb")
    paths = crumbs.get_by_role("link").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert paths == [
        "/tips/",
        *(f"/network-types/{network}/" for network in tip.network_types),
        f"/outcomes/{tip.outcome}/",
    ]
    # It sits above the title, and search leaves it out of the tip's text.
    assert crumbs.evaluate("n => n.compareDocumentPosition(document.querySelector('article h1'))") == 4
    crumbs.get_by_role("link", name=f"{tip.network_types[1].capitalize()} network").click()
    page.wait_for_url(f"{site_url}network-types/{tip.network_types[1]}/")


def test_a_play_for_associations_leads_back_to_the_plays(page: Any, site_url: str, dataset: Dataset) -> None:
    play = next(t for t in dataset.tips if t.audience == "association")
    page.goto(f"{site_url}tips/{play.id}/")
    first = page.get_by_role("navigation", name="Breadcrumb").get_by_role("link").first
    expect(first).to_have_text(dataset.sections.association_plays.title)
    assert first.get_attribute("href") == "../#plays-for-associations"


def test_a_tip_page_marks_the_tips_section_in_the_menu(page: Any, phone: Any, site_url: str, dataset: Dataset) -> None:
    tip = _tip_in_two_networks(dataset)
    page.goto(f"{site_url}tips/{tip.id}/")
    current = page.locator(".md-sidebar--primary [aria-current]")
    expect(current).to_have_count(1)
    expect(current).to_have_text("Tips")
    assert current.get_attribute("href") == "../"
    assert "md-nav__link--active" in (current.get_attribute("class") or "")
    # On a phone the menu opens on the tips section, as it does on the tips pages themselves.
    phone.goto(f"{site_url}tips/{tip.id}/")
    phone.locator("label.md-header__button[for=__drawer]").click()
    expect(phone.locator(".md-sidebar--primary").get_by_role("link", name="Tips matrix")).to_be_visible()


def test_a_worksheet_page_marks_the_worksheets_section(page: Any, site_url: str, dataset: Dataset) -> None:
    page.goto(f"{site_url}worksheets/{dataset.worksheets[0].id}/")
    expect(page.locator(".md-sidebar--primary [aria-current]")).to_have_text("Worksheets")


ACTIVE_TOC = ".md-sidebar--secondary .md-nav__link--active"


def test_the_table_of_contents_follows_the_scroll(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}network-types/personal/")
    links = page.locator(".md-sidebar--secondary a.md-nav__link")
    hashes = links.evaluate_all("links => links.map(a => a.hash)")
    assert len(hashes) > 4
    expect(page.locator(ACTIVE_TOC)).to_have_count(0)
    for target in (hashes[2], hashes[4], hashes[1]):
        page.evaluate("id => document.getElementById(id).scrollIntoView()", target[1:])
        expect(page.locator(ACTIVE_TOC)).to_have_count(1)
        expect(page.locator(ACTIVE_TOC)).to_have_attribute("href", target)
        expect(page.locator(ACTIVE_TOC)).to_have_attribute("aria-current", "location")
    # A fast jump to the very end lands on the last section.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    expect(page.locator(ACTIVE_TOC)).to_have_attribute("href", hashes[-1])


# Material fades the button out (opacity 0, no pointer events) rather than removing it.
# Functions, not expressions: Playwright polls an expression with eval, which the site's CSP forbids.
SHOWN = "() => getComputedStyle(document.querySelector('.md-top')).opacity === '1'"
GONE = "() => getComputedStyle(document.querySelector('.md-top')).opacity === '0'"


def test_back_to_top_shows_on_the_way_up_and_goes_to_the_title(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}why-network/")
    page.wait_for_function(GONE)
    page.mouse.wheel(0, 3000)
    page.wait_for_function("() => scrollY > 2000")
    page.wait_for_timeout(300)
    assert page.evaluate(GONE)  # not while reading down
    page.mouse.wheel(0, -300)
    page.wait_for_function(SHOWN)
    page.locator(".md-top").click()
    page.wait_for_function("() => scrollY === 0")
    expect(page.locator("article h1")).to_be_focused()
    page.wait_for_function(GONE)


def test_back_to_top_shows_when_it_has_keyboard_focus(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}why-network/")
    page.locator(".md-footer a").first.focus()
    for _ in range(30):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.matches('.md-top')"):
            break
    expect(page.locator(".md-top")).to_be_focused()
    page.wait_for_function(SHOWN)


def test_on_a_phone_tab_skips_the_closed_menu(phone: Any, site_url: str) -> None:
    """The drawer sits off screen while closed: Tab must never land in it."""
    phone.goto(f"{site_url}tips/")
    for _ in range(12):
        phone.keyboard.press("Tab")
        inside = phone.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
        assert not inside, phone.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    phone.locator("label.md-header__button[for=__drawer]").click()
    phone.locator(".md-sidebar--primary").get_by_role("link", name="Tips matrix").focus()
    expect(phone.locator(".md-sidebar--primary").get_by_role("link", name="Tips matrix")).to_be_focused()
