"""The whole site, built as `playbook build` builds it."""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

from generator.outputs import MARKER, mark
from generator.schema import Dataset
from tests.conftest import ROOT, run_playbook
from tests.support.records import embeddable_records
from tests.support.site_links import broken_links, click_depths, read_site, resolve


def _html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _h1(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, "no h1"
    return html_lib.unescape(re.sub(r"<[^>]+>", "", match.group(1))).replace("¶", "").strip()


def test_pages_exist_with_their_headings(built_site: Path, dataset: Dataset) -> None:
    assert _h1(_html(built_site, "")) == "The Networking Playbook"
    for network in dataset.network_types:
        assert _h1(_html(built_site, f"network-types/{network.id}")) == f"{network.name} network"
    for outcome in dataset.outcomes:
        assert _h1(_html(built_site, f"outcomes/{outcome.id}")) == outcome.name
    for tip in dataset.tips:
        html = _html(built_site, f"tips/{tip.id}")
        assert _h1(html) == tip.title
    assert _h1(_html(built_site, "why-network")) == dataset.why_network.title
    assert _h1(_html(built_site, "tips/matrix")) == dataset.sections.matrix.title
    assert _h1(_html(built_site, "sources")) == dataset.sections.sources.title


def test_every_page_has_a_meta_description(built_site: Path) -> None:
    for file in built_site.rglob("index.html"):
        html = file.read_text(encoding="utf-8")
        match = re.search(r'<meta name="description" content="([^"]+)"', html)
        assert match and len(match.group(1)) > 30, file


def test_no_broken_internal_links_or_anchors(built_site: Path) -> None:
    assert broken_links(built_site) == []


def test_every_page_within_three_clicks_of_home(built_site: Path, dataset: Dataset) -> None:
    depths = click_depths(built_site)
    # Embed pages are made for iframes on intranets, not for reading inside the site.
    # Redirects from retired tips are reached from old links, not from the site's own pages.
    redirects = {f"tips/{r.id}/" for r in dataset.retired_tips}
    pages = [p for p in read_site(built_site) if p != "404.html" and not p.startswith("embed/") and p not in redirects]
    unreachable = [p for p in pages if p not in depths]
    assert unreachable == []
    assert max(depths.values()) <= 3, {p: d for p, d in depths.items() if d > 3}


def test_no_third_party_resources_in_pages(built_site: Path) -> None:
    for file in built_site.rglob("*.html"):
        html = file.read_text(encoding="utf-8")
        resources = re.findall(r'\bsrc="(https?://[^"]+)"', html)
        resources += re.findall(r'<link\b(?![^>]*rel="(?:canonical|alternate)")[^>]*href="(https?://[^"]+)"', html)
        for url in resources:
            assert url.startswith("http://127.0.0.1"), f"{file}: {url}"


def test_pages_load_only_the_sites_own_scripts(built_site: Path) -> None:
    """Material's bundle is neither loaded nor shipped; every script a page names is in the site."""
    assert not list((built_site / "assets" / "javascripts").glob("bundle.*"))
    for file in built_site.rglob("*.html"):
        for src in re.findall(r'<script src="([^"]+)"', file.read_text(encoding="utf-8")):
            script = built_site / src.lstrip("/") if src.startswith("/") else file.parent / src
            assert script.resolve().is_file(), f"{file}: {src}"


def test_tip_page_shows_its_place_on_the_matrix(built_site: Path, dataset: Dataset) -> None:
    tip = dataset.tips[0]
    html = _html(built_site, f"tips/{tip.id}")
    for network_id in tip.network_types:
        assert f'href="../../network-types/{network_id}/"' in html
    assert f'href="../../outcomes/{tip.outcome}/"' in html


def test_every_embeddable_page_offers_its_embed(built_site: Path, dataset: Dataset) -> None:
    """Each record's page ends with "Embed this" and announces its oEmbed response."""
    for record in (f"{folder}/{record_id}" for folder, record_id in embeddable_records(dataset)):
        html = _html(built_site, record)
        assert 'class="pb-embed-this"' in html, record
        assert f"/embed/{record}/" in html, record
        oembed = re.search(r'<link rel="alternate" type="application/json\+oembed" href="http://[^/]+/([^"]+)"', html)
        assert oembed and (built_site / oembed.group(1)).is_file(), record


def test_embed_pages_are_bare_and_point_to_their_page(built_site: Path, dataset: Dataset) -> None:
    """An embed shows the content alone, credits the page it embeds and stays out of search."""
    searchable = {
        doc["location"].split("#")[0]
        for doc in json.loads((built_site / "search/search_index.json").read_text())["docs"]
    }
    for record in (f"{folder}/{record_id}" for folder, record_id in embeddable_records(dataset)):
        html = _html(built_site, f"embed/{record}")
        assert "md-sidebar" not in html and "data-pb-bundle" not in html, record
        assert re.search(rf'<link rel="canonical" href="http://[^"]+/{re.escape(record)}/"', html), record
        assert f"embed/{record}/" not in searchable, record


def test_failed_build_leaves_previous_site_untouched(tmp_path: Path, valid_data: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    mark(site)
    (site / "index.html").write_text("the previous site")
    (valid_data / "tips" / "tips.yaml").write_text("tips:\n  - id: broken\n")
    result = run_playbook("build", "--data", str(valid_data), "--site-dir", str(site))
    assert result.returncode == 1
    assert sorted(p.name for p in site.iterdir()) == [MARKER, "index.html"]
    assert (site / "index.html").read_text() == "the previous site"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site")]


def test_engine_failure_leaves_previous_site_untouched(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    mark(site)
    (site / "index.html").write_text("the previous site")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        (ROOT / "mkdocs.yml")
        .read_text()
        .replace("docs_dir: content", f"docs_dir: {ROOT}/content")
        .replace("custom_dir: overrides", f"custom_dir: {ROOT}/overrides")
        .replace("  - Sources: sources.md", "  - Sources: sources.md\n  - Missing: no-such-page.md")
    )
    result = run_playbook("build", "--site-dir", str(site), "--config", str(config))
    assert result.returncode == 1
    assert "no-such-page.md" in result.stderr
    assert (site / "index.html").read_text() == "the previous site"


def test_successful_build_replaces_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    mark(site)
    (site / "stale.html").write_text("old")
    result = run_playbook("build", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    assert not (site / "stale.html").exists()
    assert (site / "index.html").is_file()


_TIP_LIST = re.compile(r'<ul\b[^>]*\bdata-audience="(individual|association)"[^>]*>(.*?)</ul>', re.S)


def _tip_ids(page: str, html: str) -> list[str]:
    """The tips an HTML fragment of the page at `page` links to."""
    ids = []
    for link in re.findall(r'href="([^"]+)"', html):
        resolved = resolve(page + "/", link)
        match = re.fullmatch(r"tips/([a-z0-9-]+)/", resolved[0]) if resolved else None
        if match and match.group(1) not in ("matrix",):
            ids.append(match.group(1))
    return ids


def _tip_lists(page: str, html: str) -> list[tuple[str, list[str]]]:
    """(audience, tip ids) for every tip list on a page that declares its audience."""
    return [(audience, _tip_ids(page, body)) for audience, body in _TIP_LIST.findall(html)]


def test_individual_tip_lists_hold_no_organisers_play(built_site: Path, dataset: Dataset) -> None:
    """Network-type, outcome and matrix pages list tips for individuals apart from organisers' plays."""
    plays = {t.id for t in dataset.tips if t.audience == "association"}
    individual = {t.id for t in dataset.tips if t.audience == "individual"}
    pages = [f"network-types/{n.id}" for n in dataset.network_types]
    pages += [f"outcomes/{o.id}" for o in dataset.outcomes] + ["tips/matrix"]
    for url in pages:
        html = _html(built_site, url)
        matrix = re.search(r'<table class="pb-matrix">(.*?)</table>', html, re.S)
        lists = _tip_lists(url, html) + ([("individual", _tip_ids(url, matrix.group(1)))] if matrix else [])
        listed = {
            audience: {tip for a, ids in lists if a == audience for tip in ids}
            for audience in ("individual", "association")
        }
        assert listed["individual"], url
        assert listed["individual"] & plays == set(), url
        assert listed["association"] <= plays, url
    matrix_tips = {tip for _, ids in _tip_lists("tips/matrix", _html(built_site, "tips/matrix")) for tip in ids}
    assert individual | plays <= matrix_tips


def test_every_set_of_words_is_linked_from_a_tip_that_uses_it(built_site: Path, dataset: Dataset) -> None:
    for words in dataset.words:
        linking = [tip for tip in words.tips if f'href="../../words/{words.id}/"' in _html(built_site, f"tips/{tip}")]
        assert linking == words.tips, words.id


def test_retired_tip_addresses_lead_to_their_new_tip(built_site: Path, dataset: Dataset) -> None:
    """The old address still answers, sends the reader on, and stays out of search and the sitemap."""
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    search = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    for retired in dataset.retired_tips:
        html = _html(built_site, f"tips/{retired.id}")
        target = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
        assert target and target.group(1) == f"../{retired.replaced_by}/"
        assert (built_site / "tips" / retired.replaced_by / "index.html").is_file()
        assert (built_site / "embed" / "tips" / retired.id / "index.html").is_file()
        assert f"/tips/{retired.id}/" not in sitemap and f"tips/{retired.id}/" not in search


def test_illustrative_examples_are_labelled(built_site: Path, dataset: Dataset) -> None:
    for url in [*(f"network-types/{n.id}" for n in dataset.network_types), "why-network"]:
        html = _html(built_site, url)
        boxes = re.findall(r'class="pb-example"[^>]*>\s*<p class="pb-example__setting">(.*?)</p>', html, re.S)
        assert boxes and all("Illustrative example" in box for box in boxes), url
