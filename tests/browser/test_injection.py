"""Hostile text in every text field of the data renders as text, and no script runs."""

from __future__ import annotations

import shutil
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect

from generator.yaml_reader import read_yaml
from tests.conftest import FIXTURES, free_port, run_playbook, serve

PAYLOAD = (
    'Hi <script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
    "\"'><svg onload=window.__pwned=1> [x](javascript:window.__pwned=1) {{ 7*7 }} **bold**"
)
SHOWN = "<script>window.__pwned=1</script>"
"""The part of the payload a reader sees as text where a field is plain text."""

KEEP = {
    "id",
    "network_types",
    "outcome",
    "outcomes",
    "when",
    "audience",
    "tags",
    "sources",
    "source",
    "tips",
    "kind",
    "answers",
    "answer",
    "setting",
    "quality",
    "medium",
    "replaced_by",
}
"""Fields that are ids or fixed choices: the schema refuses anything but a slug or a choice there."""


def _poison(node: Any) -> None:
    """Put the payload in every text field of a record, however deep (ids and choices excepted)."""
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in list(items):
        if key in KEEP:
            continue
        if isinstance(value, str):
            node[key] = PAYLOAD
        elif isinstance(value, (dict, list)):
            _poison(value)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(FIXTURES / "valid", data)
    tips_file = data / "tips" / "tips.yaml"
    tips = read_yaml(tips_file.read_text(), "tips.yaml").data
    _poison(tips["tips"][0])
    tips_file.write_text(yaml.safe_dump(tips, allow_unicode=True))
    poisoned = (("quizzes", "quizzes.yaml"), ("worksheets", "worksheets.yaml"), ("words", "words.yaml"))
    for section, file in (*poisoned, ("retired_tips", "retired_tips.yaml")):
        records = read_yaml((data / file).read_text(), file).data
        for record in records[section]:
            _poison(record)
        (data / file).write_text(yaml.safe_dump(records, allow_unicode=True))
    port = free_port()
    site = root / "site"
    result = run_playbook(
        "build", "--data", str(data), "--site-dir", str(site), env={"PLAYBOOK_SITE_URL": f"http://127.0.0.1:{port}/"}
    )
    assert result.returncode == 0, result.stderr
    with serve(site, port) as url:
        yield url, tips["tips"][0]["id"]


@pytest.mark.parametrize(
    "path",
    [
        "tips/{id}/",
        "tips/",
        "tips/matrix/",
        "network-types/operational/",
        "quizzes/",
        "quizzes/three-networks/",
        "quizzes/spot-the-network/",
        "worksheets/",
        "worksheets/event-preparation-plan/",
        "embed/tips/{id}/",
        "words/",
        "words/meeting-request/",
        "embed/words/meeting-request/",
        "tips/draw-your-network-map/",
    ],
)
def test_payload_renders_as_text_and_never_runs(browser: Any, hostile_site: Any, path: str) -> None:
    url, tip_id = hostile_site
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url + path.format(id=tip_id))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.locator("main img[src='x'], main svg[onload], main a[href^='javascript']").count() == 0
    assert SHOWN in page.locator("main").inner_text()
    page.close()


def test_payload_in_search_results_shows_as_text(browser: Any, hostile_site: Any) -> None:
    url, _ = hostile_site
    page = browser.new_page()
    page.goto(url)
    page.locator("input.md-search__input").fill("pwned")
    results = page.locator(".md-search-result__list")
    expect(results.locator("li").first).to_be_visible()
    assert SHOWN in results.inner_text()
    assert results.locator("script, img, svg[onload], a[href^='javascript']").count() == 0
    assert page.evaluate("window.__pwned") is None
    page.close()


def test_payload_in_markdown_is_cleaned_not_dropped(hostile_site: Any, browser: Any) -> None:
    url, tip_id = hostile_site
    page = browser.new_page()
    page.goto(f"{url}tips/{tip_id}/")
    body = page.locator(".pb-tip-body")
    assert body.locator("strong").inner_text() == "bold"
    assert body.locator("script, img, svg").count() == 0
    assert "{{ 7*7 }}" in body.inner_text()
    page.close()
