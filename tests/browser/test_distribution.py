"""The playbook outside its own server: from a sub-path, and offline from file://."""

from __future__ import annotations

import re
import zipfile
from collections import deque
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin
from urllib.request import urlopen

import pytest
from playwright.sync_api import expect

from generator.loader import load_dataset
from tests.conftest import DATA, free_port, run_playbook, serve
from tests.support.site_links import _PageParser

SUB_PATH = "members/playbook/"


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The site built for and served from http://127.0.0.1:PORT/members/playbook/."""
    root = tmp_path_factory.mktemp("intranet")
    port = free_port()
    site = root / SUB_PATH
    result = run_playbook(
        "build", "--site-dir", str(site), env={"PLAYBOOK_SITE_URL": f"http://127.0.0.1:{port}/{SUB_PATH}"}
    )
    assert result.returncode == 0, result.stderr
    with serve(root, port) as url:
        yield url + SUB_PATH


def test_every_link_works_under_a_sub_path(sub_path_site: str) -> None:
    """Follow every link from the home page; none may 404 or leave the sub-path."""
    seen: set[str] = set()
    queue = deque([sub_path_site])
    broken: list[str] = []
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urlopen(url) as response:
                body = response.read()
                kind = response.headers.get("Content-Type", "")
        except HTTPError as error:
            broken.append(f"{url}: {error.code}")
            continue
        if "html" not in kind:
            continue
        parser = _PageParser()
        parser.feed(body.decode("utf-8"))
        for link in parser.links:
            target = urldefrag(urljoin(url, link))[0]
            if target.startswith(sub_path_site):
                queue.append(target)
            elif target.startswith("http://127.0.0.1"):
                broken.append(f"{url} -> {link}: leaves the sub-path")
    assert broken == []
    assert len(seen) > 100


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("offline")
    result = run_playbook("offline", "--out", str(root / "dist"))
    assert result.returncode == 0, result.stderr
    bundle = root / "dist" / "networking-playbook-offline.zip"
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(root / "unpacked")
    return root / "unpacked" / "networking-playbook"


def test_offline_bundle_opens_from_file_and_searches(browser: Any, offline_copy: Path) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((offline_copy / "index.html").as_uri())
    page.locator("input.md-search__input").click()
    # MiniSearch and the index both load from file://: a typo still finds the page.
    page.keyboard.type("conferance", delay=30)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    marked = page.locator(".md-search-result__list mark").first
    expect(marked).to_have_text(re.compile(r"^conferences?$", re.IGNORECASE))
    page.locator("input.md-search__input").fill("coffee")
    results.first.locator("a").first.click()
    expect(page.locator("h1")).to_be_visible()
    assert page.url.startswith("file://") and ".html" in page.url
    assert [r for r in requests if not r.startswith("file://")] == []
    page.close()


def test_offline_pages_link_to_files(offline_copy: Path) -> None:
    tip_pages = list((offline_copy / "tips").glob("*.html"))
    assert tip_pages
    html = tip_pages[0].read_text()
    assert 'href="../network-types/' in html and '.html"' in html
    # Search reads its index from a script there: a page opened from file:// cannot fetch.
    assert (offline_copy / "search" / "search_index.js").read_text().startswith("var __index = {")


def test_offline_retired_tip_opens_the_tip_that_replaced_it(browser: Any, offline_copy: Path) -> None:
    retired = load_dataset(DATA).retired_tips[0]
    page = browser.new_page()
    page.goto((offline_copy / "tips" / f"{retired.id}.html").as_uri())
    page.wait_for_url(re.compile(rf"/tips/{re.escape(retired.replaced_by)}\.html$"))
    expect(page.locator("h1").first).to_be_visible()


def test_offline_event_kit_matcher_reads_a_file_and_prints(browser: Any, offline_copy: Path, tmp_path: Path) -> None:
    """From file:// the matcher reads a chosen CSV (no fetch: it is read from the file input), and
    its template and the kit's PDFs are beside it."""
    page = browser.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto((offline_copy / "event-kit" / "matcher.html").as_uri())
    page.evaluate("window.print = function () {}")
    registrants = tmp_path / "registrants.csv"
    registrants.write_text(
        "Name,Organisation,I can help with,I'm looking for\r\nAna Lopez,Riverside,grant writing,volunteers\r\n"
        "Ben Osei,Northgate,volunteers,grant writing\r\n",
        encoding="utf-8",
    )
    page.set_input_files("#pb-kit-file", str(registrants))
    page.get_by_role("button", name="Suggest introductions").click()
    expect(page.locator(".pb-kit-suggestion")).to_have_count(1)
    page.get_by_role("button", name="Print name badges").click()
    assert len(page.pdf(prefer_css_page_size=True)) > 1000
    template = page.get_by_role("link", name="Download the CSV template").get_attribute("href")
    assert (offline_copy / "event-kit" / template).is_file()
    assert (offline_copy / "event-kit" / "conversation-cards" / "all-tips-a4.pdf").is_file()
    assert [r for r in requests if not r.startswith("file://")] == [] and errors == []
    page.close()
