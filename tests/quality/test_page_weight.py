"""What a reader downloads (gzip on, cold cache) for a tip page and a quiz page stays in budget."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.schema import Dataset
from tests.quality.conftest import REPORTS, page_kinds

BUDGETS_KB = {"tip": 100, "quiz": 100, "event kit matcher": 100}
"""Transferred kilobytes: about 60 now, Material's stylesheets 25 KB of it; the search index is
fetched only when a reader searches. The matcher adds its own scripts (Papa Parse among them) and
stylesheet, on its page alone. See docs/quality.md."""


@pytest.mark.parametrize("kind", list(BUDGETS_KB))
def test_page_weight(browser: Any, site_url: str, built_site: Path, dataset: Dataset, kind: str) -> None:
    kinds = page_kinds(dataset, built_site)
    if kind not in kinds:
        pytest.fail(f"the site has no {kind} page")
    context = browser.new_context()
    page = context.new_page()
    responses: list[Any] = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(site_url + kinds[kind])
    page.wait_for_load_state("networkidle")
    sizes = {r.url: r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in responses}
    context.close()
    total_kb = sum(sizes.values()) / 1024
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"page-weight-{kind}.json").write_text(json.dumps({"total_kb": round(total_kb, 1), **sizes}, indent=2))
    assert total_kb <= BUDGETS_KB[kind], f"{kind} page transfers {total_kb:.0f} KB; budget {BUDGETS_KB[kind]} KB"
