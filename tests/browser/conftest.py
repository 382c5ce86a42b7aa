"""Browser tests: each page fixture fails on a request that leaves loopback, a script error or a CSP violation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


class OutsideRequests(list[str]):
    """URLs the page asked for that are not on the test server."""


PHONE = {"viewport": {"width": 412, "height": 823}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def _checked_page(browser: Any, site_url: str, **context_options: Any) -> Iterator[Any]:
    """A page that fails its test on a request leaving the site, a script error or a CSP violation."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    outside = OutsideRequests()
    errors: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(site_url) else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.outside_requests = outside
    page.errors = errors
    yield page
    context.close()
    assert outside == [], f"requests left the site: {outside}"
    assert errors == [], f"script or Content-Security-Policy errors: {errors}"


@pytest.fixture
def page(browser: Any, site_url: str) -> Iterator[Any]:
    yield from _checked_page(browser, site_url, **DESKTOP)


@pytest.fixture
def phone(browser: Any, site_url: str) -> Iterator[Any]:
    """The same, on a phone-sized touch screen."""
    yield from _checked_page(browser, site_url, **PHONE)


@pytest.fixture
def intranet_page(browser: Any, site_url: str) -> Iterator[Callable[..., Any]]:
    """Open a page of another site (an intranet) in a fresh tab; the test fails on a script error
    in the page or its frames, or on a request to anything but the sites opened and the playbook."""
    contexts: list[Any] = []
    errors: list[str] = []
    outside: list[str] = []
    sites = [site_url]  # and every site a page was opened on

    def open_page(url: str, **options: Any) -> Any:
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        sites.append("/".join(url.split("/", 3)[:3]) + "/")
        page.on("request", lambda r: None if r.url.startswith(tuple(sites)) else outside.append(r.url))
        page.goto(url)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert errors == [], f"errors in the intranet page or its frames: {errors}"
    assert outside == [], f"requests beyond the intranet and the playbook: {outside}"
