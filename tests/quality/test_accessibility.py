"""axe-core finds no violation on any page kind, in light or dark mode."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.schema import Dataset
from tests.quality.conftest import AXE, page_kinds, require

SCHEMES = {"light": "light", "dark": "dark"}


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_no_axe_violations(browser: Any, site_url: str, built_site: Path, dataset: Dataset, scheme: str) -> None:
    axe = require(AXE).read_text()
    context = browser.new_context(bypass_csp=True, color_scheme=SCHEMES[scheme])
    found = []
    try:
        for kind, path in page_kinds(dataset, built_site).items():
            page = context.new_page()
            page.goto(site_url + path)
            page.wait_for_load_state("networkidle")
            page.add_script_tag(content=axe)
            violations = page.evaluate(
                "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                ".map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)"
            )
            found += [f"{kind} /{path}: {v}" for v in violations]
            page.close()
    finally:
        context.close()
    assert found == [], "\n".join(found)
