"""Retired tips: their old addresses become redirect pages, in every kind of build."""

from __future__ import annotations

import json
import re

import pytest

from generator.render import render_site
from generator.render.environment import RenderSettings
from generator.schema import Dataset


def _refresh_target(page: str) -> str:
    match = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', page)
    assert match, page
    return match.group(1)


def test_directory_urls_redirect_from_the_old_folder(dataset: Dataset) -> None:
    files = render_site(dataset)
    for retired in dataset.retired_tips:
        page = str(files[f"tips/{retired.id}/index.html"])
        assert _refresh_target(page) == f"../{retired.replaced_by}/"
        assert f'<a href="../{retired.replaced_by}/">' in page
        assert 'rel="canonical"' not in page  # no site address: no canonical link rather than a guessed one
        assert '<meta name="robots" content="noindex">' in page
        assert "<script" not in page and "style=" not in page
        assert f"tips/{retired.id}.md" not in files  # not a Markdown page: no search entry, no sitemap entry


def test_file_urls_redirect_from_the_old_file(dataset: Dataset) -> None:
    """The offline build opens from file://, where pages are tips/<id>.html."""
    files = render_site(dataset, RenderSettings(directory_urls=False))
    for retired in dataset.retired_tips:
        page = str(files[f"tips/{retired.id}.html"])
        assert _refresh_target(page) == f"{retired.replaced_by}.html"


def test_with_a_site_address_the_embed_redirects_too(dataset: Dataset) -> None:
    site = "https://example.org/playbook/"
    files = render_site(dataset, RenderSettings(site_url=site))
    retired = dataset.retired_tips[0]
    page = str(files[f"tips/{retired.id}/index.html"])
    assert f'<link rel="canonical" href="{site}tips/{retired.replaced_by}/">' in page
    assert f'href="{site}oembed/tips/{retired.replaced_by}.json"' in page
    embed = str(files[f"embed/tips/{retired.id}/index.html"])
    assert _refresh_target(embed) == f"../{retired.replaced_by}/"
    assert f"embed/tips/{retired.replaced_by}.md" in files


def test_the_reason_and_the_new_title_are_escaped(dataset: Dataset) -> None:
    retired = dataset.retired_tips[0].model_copy(update={"reason": "Merged <script>x</script> & more"})
    files = render_site(dataset.model_copy(update={"retired_tips": [retired]}))
    page = str(files[f"tips/{retired.id}/index.html"])
    assert "&lt;script&gt;x&lt;/script&gt; &amp; more" in page and "<script>" not in page


@pytest.mark.parametrize("directory_urls", [True, False])
def test_retired_tips_are_in_the_api(dataset: Dataset, directory_urls: bool) -> None:
    files = render_site(dataset, RenderSettings(directory_urls=directory_urls))
    api = json.loads(str(files["api/v1/retired-tips.json"]))["retired_tips"]
    first = dataset.retired_tips[0]
    assert api[0] == {
        "id": first.id,
        "replaced_by": first.replaced_by,
        "reason": first.reason,
        "path": f"tips/{first.id}/",
        "replaced_by_path": f"tips/{first.replaced_by}/",
    }
