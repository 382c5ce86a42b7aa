"""A brand file's name and contact line full of markup render as text and run nothing.

The site is served WITHOUT the playbook's Content-Security-Policy here: an intranet may not send
it, so escaping alone must stop the markup (the issue's script ran on all 157 pages).
"""

from __future__ import annotations

import shutil
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from generator.loader import load_dataset
from tests.conftest import FIXTURES, ROOT, free_port, run_playbook, serve

NAME = (
    "Allied </title><script>window.__pwned='name'</script><img src=x onerror=\"window.__pwned='img'\"> & \"Co\" 'Ltd'"
)
CONTACT = (
    "<b>Write</b> to <a href=\"javascript:window.__pwned='link'\">us</a>"
    "<script>window.__pwned='contact'</script><svg onload=\"window.__pwned='svg'\"></svg> & co"
)


@pytest.fixture(scope="module")
def hostile_brand_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    root = tmp_path_factory.mktemp("hostile-brand")
    shutil.copy(ROOT / "branding" / "example-association-logo.svg", root / "logo.svg")
    brand = {
        "id": "hostile-association",
        "name": NAME,
        "logo": "logo.svg",
        "colours": {"primary": "#1d4e89", "accent": "#a23b12"},
        "contact": CONTACT,
    }
    (root / "brand.yml").write_text(yaml.safe_dump(brand, allow_unicode=True, sort_keys=False))
    port = free_port()
    site = root / "site"
    result = run_playbook(
        "build",
        "--data",
        str(FIXTURES / "valid"),
        "--brand",
        str(root / "brand.yml"),
        "--site-dir",
        str(site),
        env={"PLAYBOOK_SITE_URL": f"http://127.0.0.1:{port}/"},
    )
    assert result.returncode == 0, result.stderr
    tip_id = load_dataset(FIXTURES / "valid").tips[0].id
    with serve(site, port, playbook_csp=False) as url:
        yield url, tip_id


@pytest.mark.parametrize("path", ["", "tips/{id}/", "quizzes/three-networks/", "embed/tips/{id}/", "404.html"])
def test_brand_markup_shows_as_text_and_runs_nothing_without_csp(
    browser: Any, hostile_brand_site: tuple[str, str], path: str
) -> None:
    url, tip_id = hostile_brand_site
    page = browser.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    response = page.goto(url + path.format(id=tip_id))
    assert response is not None
    assert "content-security-policy" not in response.headers, "this test must run without the CSP"
    page.wait_for_load_state("networkidle")

    assert page.evaluate("window.__pwned") is None
    assert dialogs == [] and errors == []
    assert [r for r in requests if r.rstrip("/").endswith("/x")] == [], "the <img src=x> became an element"
    # Material's own inline element is its configuration, JSON that never runs.
    live = "script:not([src]):not([type='application/json']), img[onerror], svg[onload], a[href^='javascript']"
    assert page.locator(live).count() == 0
    if path.startswith("embed/"):
        assert page.get_by_role("link", name=f"Open in {NAME}").count() == 1
        page.close()
        return
    assert page.title().endswith(NAME)
    assert NAME in page.locator(".md-header__topic").first.inner_text()
    assert page.locator(".md-header__button.md-logo").first.get_attribute("title") == NAME
    assert page.locator(".md-copyright__highlight").inner_text().strip() == CONTACT
    page.close()


def test_the_hostile_build_really_holds_the_markup_as_escaped_text(hostile_brand_site: tuple[str, str]) -> None:
    """The browser test above proves nothing if the text never reached the page: it did, escaped."""
    url, _ = hostile_brand_site
    with urllib.request.urlopen(url) as response:
        html = response.read().decode("utf-8")
    assert "&lt;script&gt;window.__pwned=&#x27;name&#x27;&lt;/script&gt;" in html
    assert "&lt;svg onload=&quot;window.__pwned=&#x27;svg&#x27;&quot;&gt;" in html
    assert "<script>window.__pwned" not in html
    assert "&amp;amp;" not in html, "escaped twice"
