"""Hostile text in every text field of the data renders as text, and no script runs."""

from __future__ import annotations

import shutil
from typing import Any

import pytest
import yaml

from tests.conftest import FIXTURES, free_port, run_playbook, serve

PAYLOAD = (
    'Hi <script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
    "\"'><svg onload=window.__pwned=1> [x](javascript:window.__pwned=1) {{ 7*7 }} **bold**"
)
SHOWN = "<script>window.__pwned=1</script>"
"""The part of the payload a reader sees as text where a field is plain text."""

KEEP = {"id", "network_types", "outcome", "when", "audience", "tags", "sources"}
"""Fields that are ids or fixed choices: the schema refuses anything but a slug there."""


def _poison(record: dict[str, Any]) -> None:
    for key, value in record.items():
        if key not in KEEP and isinstance(value, str):
            record[key] = PAYLOAD


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(FIXTURES / "valid", data)
    tips_file = data / "tips" / "tips.yaml"
    tips = yaml.safe_load(tips_file.read_text())
    _poison(tips["tips"][0])
    tips_file.write_text(yaml.safe_dump(tips, allow_unicode=True))
    port = free_port()
    site = root / "site"
    result = run_playbook(
        "build", "--data", str(data), "--site-dir", str(site), env={"PLAYBOOK_SITE_URL": f"http://127.0.0.1:{port}/"}
    )
    assert result.returncode == 0, result.stderr
    with serve(site, port) as url:
        yield url, tips["tips"][0]["id"]


@pytest.mark.parametrize("path", ["tips/{id}/", "tips/", "tips/matrix/", "network-types/operational/"])
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


def test_payload_in_markdown_is_cleaned_not_dropped(hostile_site: Any, browser: Any) -> None:
    url, tip_id = hostile_site
    page = browser.new_page()
    page.goto(f"{url}tips/{tip_id}/")
    body = page.locator(".pb-tip-body")
    assert body.locator("strong").inner_text() == "bold"
    assert body.locator("script, img, svg").count() == 0
    assert "{{ 7*7 }}" in body.inner_text()
    page.close()
