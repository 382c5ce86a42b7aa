"""axe-core finds no violation on any page kind, in light or dark mode."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.schema import Dataset
from tests.quality.conftest import AXE, page_kinds, require

SCHEMES = {"light": "light", "dark": "dark"}


def _violations(page: Any) -> list[str]:
    page.add_script_tag(content=require(AXE).read_text())
    return list(
        page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)"
        )
    )


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_no_axe_violations(browser: Any, site_url: str, built_site: Path, dataset: Dataset, scheme: str) -> None:
    context = browser.new_context(bypass_csp=True, color_scheme=SCHEMES[scheme])
    found = []
    try:
        for kind, path in page_kinds(dataset, built_site).items():
            page = context.new_page()
            page.goto(site_url + path)
            page.wait_for_load_state("networkidle")
            found += [f"{kind} /{path}: {v}" for v in _violations(page)]
            page.close()
    finally:
        context.close()
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_no_axe_violations_with_search_results_open(browser: Any, site_url: str, scheme: str) -> None:
    context = browser.new_context(bypass_csp=True, color_scheme=SCHEMES[scheme])
    page = context.new_page()
    page.goto(site_url)
    page.locator("input.md-search__input").fill("coffee")
    page.locator(".md-search-result__item").first.wait_for()
    found = _violations(page)
    context.close()
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_no_axe_violations_in_the_matcher_with_registrants_and_suggestions(
    browser: Any, site_url: str, scheme: str
) -> None:
    context = browser.new_context(bypass_csp=True, color_scheme=SCHEMES[scheme])
    page = context.new_page()
    page.goto(site_url + "event-kit/matcher/")
    page.get_by_role("button", name="Try it with twelve sample registrants").click()
    page.get_by_role("button", name="Suggest introductions").click()
    page.locator('[data-action="accept"]').first.click()
    found = _violations(page)
    context.close()
    assert found == [], "\n".join(found)
