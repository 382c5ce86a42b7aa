"""The "Embed this" control: its code comes from the address the page is viewed at (or the site's
configured address), follows the options chosen, and its preview frames the embed as an intranet
would. A site built without an address still gives working code, on any host and sub-path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from generator.render.embeds import EmbedOptions, EmbedTarget, snippet
from generator.schema import Dataset, Tip
from tests.browser.test_embed import ARTIFACTS, host_page
from tests.conftest import serve


@pytest.fixture(scope="module")
def site_without_address(unaddressed_build: tuple[Path, str]) -> Path:
    """The site as a builder who sets no address gets it (tests/conftest.py)."""
    return unaddressed_build[0]


def _tip(dataset: Dataset) -> Tip:
    """A tip whose title needs escaping in HTML (an apostrophe), if there is one."""
    return next((t for t in dataset.tips if "'" in t.title), dataset.tips[0])


def _open_control(page: Any) -> Any:
    control = page.locator(".pb-embed-this")
    control.locator("summary").click()
    return control


def test_code_follows_the_options_and_matches_the_build(page: Any, site_url: str, dataset: Dataset) -> None:
    """With a site address, the code the page was built with and the code the browser builds for
    each choice of options are the same text generator/render/embeds.py writes."""
    tip = _tip(dataset)
    target = EmbedTarget("tips", tip.id)
    page.goto(f"{site_url}tips/{tip.id}/")
    control = _open_control(page)
    code = control.locator("#pb-embed-snippet")
    expect(code).to_have_value(snippet(site_url, target, tip.title))
    choices: list[tuple[str, bool, EmbedOptions]] = [
        ("Dark", True, EmbedOptions("dark", True)),
        ("Dark", False, EmbedOptions("dark", False)),
        ("The reader’s own setting", False, EmbedOptions("auto", False)),
        ("Light", False, EmbedOptions("light", False)),
        ("Light", True, EmbedOptions("light", True)),
    ]
    for theme, compact, options in choices:
        control.get_by_role("radio", name=theme, exact=True).check()
        control.get_by_role("checkbox", name="Compact").set_checked(compact)
        expect(code).to_have_value(snippet(site_url, target, tip.title, options))
    wordpress = control.locator(".pb-embed-this__wordpress")
    expect(wordpress).to_contain_text(f"{site_url}tips/{tip.id}/")


def test_preview_shows_the_embed_with_the_options(page: Any, site_url: str, dataset: Dataset) -> None:
    tip = _tip(dataset)
    page.goto(f"{site_url}tips/{tip.id}/")
    control = _open_control(page)
    frame = control.locator(".pb-embed-this__preview iframe")
    expect(frame).to_have_attribute("src", f"{site_url}embed/tips/{tip.id}/?compact=1")
    page.wait_for_function("f => parseFloat(f.style.height) > 300", arg=frame.element_handle())
    inner = frame.element_handle().content_frame()
    assert abs(inner.evaluate("document.documentElement.scrollHeight") - frame.bounding_box()["height"]) <= 1
    expect(inner.locator(".pb-further").first).to_be_hidden()

    control.get_by_role("radio", name="Dark", exact=True).check()
    control.get_by_role("checkbox", name="Compact").uncheck()
    expect(frame).to_have_attribute("src", f"{site_url}embed/tips/{tip.id}/?theme=dark")
    inner = frame.element_handle().content_frame()
    inner.wait_for_url(f"{site_url}embed/tips/{tip.id}/?theme=dark")
    expect(inner.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(inner.locator(".pb-further").first).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    control.screenshot(path=str(ARTIFACTS / "embed-this-control.png"))


def test_copy_puts_the_code_on_the_clipboard(browser: Any, site_url: str, dataset: Dataset) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    tip = _tip(dataset)
    page.goto(f"{site_url}tips/{tip.id}/")
    control = _open_control(page)
    control.get_by_role("button", name="Copy the code").click()
    expect(control.locator("[role=status]")).to_have_text("Copied. Paste it into your intranet page.")
    assert page.evaluate("navigator.clipboard.readText()") == control.locator("#pb-embed-snippet").input_value()
    context.close()


@pytest.mark.parametrize("sub_path", ["", "members/playbook/"])
def test_without_a_site_address_the_code_works_where_the_site_is(
    intranet_page: Callable[..., Any], tmp_path: Path, site_without_address: Path, dataset: Dataset, sub_path: str
) -> None:
    """The site copied to another host, at its root or under a sub-path: the code names that
    address, and pasted into an intranet on another origin it shows the embed, sized to fit."""
    root = site_without_address
    if sub_path:
        root = tmp_path / "host"
        mount = root / sub_path.rstrip("/")
        mount.parent.mkdir(parents=True)
        mount.symlink_to(site_without_address)
    tip = _tip(dataset)
    with serve(root) as host:
        base = f"{host}{sub_path}"
        page = intranet_page(f"{base}tips/{tip.id}/")
        assert page.locator("link[type='application/json+oembed']").count() == 0, "no oEmbed without an address"
        control = _open_control(page)
        code = control.locator("#pb-embed-snippet")
        expect(code).to_be_visible()
        expected = snippet(base, EmbedTarget("tips", tip.id), tip.title)
        expect(code).to_have_value(expected)
        expect(control.locator(".pb-embed-this__wordpress")).to_have_count(0)
        intranet = tmp_path / "intranet"
        intranet.mkdir()
        with serve(host_page(intranet, code.input_value()), playbook_csp=False) as intranet_url:
            other = intranet_page(intranet_url, viewport={"width": 600, "height": 900})
            frame = other.locator("iframe[data-playbook-embed]")
            other.wait_for_function("f => parseFloat(f.style.height) > 300", arg=frame.element_handle())
            inner = frame.element_handle().content_frame()
            assert inner.url == f"{base}embed/tips/{tip.id}/?compact=1"
            expect(inner.locator(".pb-embed-credit__address")).to_have_text(f"{base}tips/{tip.id}/")


def test_without_scripts_the_control_says_what_to_do(
    browser: Any, site_without_address: Path, dataset: Dataset
) -> None:
    tip = _tip(dataset)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    with serve(site_without_address) as host:
        page.goto(f"{host}tips/{tip.id}/")
        control = _open_control(page)
        expect(control.locator("#pb-embed-snippet")).to_be_hidden()
        expect(control.get_by_role("link", name="embed page")).to_have_attribute("href", f"../../embed/tips/{tip.id}/")
    context.close()
