"""Embed pages, oEmbed responses, the snippet and the credit line (generator/render/embeds.py), with
and without a site address."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from generator.render import render_site
from generator.render.embeds import (
    EMBEDDABLE,
    GUIDE_SECTION,
    EmbedOptions,
    EmbedTarget,
    credit,
    embed_target,
    oembed_html,
    snippet,
)
from generator.render.environment import RenderSettings
from generator.render.licence import CONTENT_LICENCE, attribution
from generator.schema import Dataset
from tests.conftest import ROOT
from tests.support.records import embeddable_records

SITE = "https://playbook.example.org/members/"
WORDPRESS_KEEPS = {"a": {"href"}, "blockquote": set(), "iframe": {"src", "width", "height", "frameborder", "title"}}
"""What wp_filter_oembed_result (WordPress 6.1, wp-includes/embed.php) keeps of an unknown
provider's html: these tags with these attributes, everything else stripped."""


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def _front(page: str) -> str:
    return page.split("\n---\n", 1)[0]


def test_options_reach_the_page_in_its_query_string() -> None:
    assert EmbedOptions().query == ""
    assert EmbedOptions(compact=True).query == "?compact=1"
    assert EmbedOptions("dark").query == "?theme=dark"
    assert EmbedOptions("auto", compact=True).query == "?theme=auto&compact=1"
    with pytest.raises(ValueError, match="unknown embed theme 'purple'"):
        EmbedOptions("purple")


def test_embed_targets_are_single_records_of_embeddable_kinds() -> None:
    assert embed_target("tips/x.md") == EmbedTarget("tips", "x")
    assert embed_target("outcomes/natural.md") == EmbedTarget("outcomes", "natural")
    for page in ("tips/index.md", "tips/matrix.md", "sources.md", "collections/x.md", "embed/tips/x.md"):
        assert embed_target(page) is None, page


def test_snippet_is_absolute_light_and_compact() -> None:
    code = snippet(SITE, EmbedTarget("tips", "x"), 'Say "yes" & mean it')
    assert code == (
        f'<iframe data-playbook-embed src="{SITE}embed/tips/x/?compact=1" title="Say &quot;yes&quot; &amp; mean it" '
        'loading="lazy" width="100%" height="800" style="border:0;width:100%"></iframe>\n'
        f'<script src="{SITE}assets/javascripts/embed.js" async></script>'
    )


def test_oembed_html_is_what_wordpress_keeps_and_nothing_more() -> None:
    title = "People's <time>"
    html = oembed_html(SITE, "tips/x/", EmbedTarget("tips", "x"), title)
    parsed = _parse(html)
    assert [tag for tag, _ in parsed.tags] == ["blockquote", "a", "iframe"]
    for tag, attrs in parsed.tags:
        assert set(attrs) <= WORDPRESS_KEEPS[tag], (tag, attrs)
    assert parsed.tags[1][1]["href"] == f"{SITE}tips/x/"
    assert "".join(parsed.text) == attribution(title, f"{SITE}tips/x/")
    src = parsed.tags[2][1]["src"]
    assert src == f"{SITE}embed/tips/x/?compact=1"
    assert "#" not in str(src), "WordPress appends #?secret=: the address must not have a fragment of its own"
    # WordPress finds the fallback with this exact pattern; the iframe must follow it.
    assert re.search(r"(<blockquote>.*?</blockquote>)?.*(<iframe.*?></iframe>)", html, re.S)


def test_credit_links_the_page_and_the_licence() -> None:
    foot = credit("A <tip>", "tips/x/", "../../../tips/x/", "Our Association")
    parsed = _parse(foot)
    links = [attrs for tag, attrs in parsed.tags if tag == "a"]
    assert [link["href"] for link in links] == ["../../../tips/x/", "../../../tips/x/", CONTENT_LICENCE.url]
    assert links[2]["rel"] == "license"
    text = "".join(parsed.text)
    assert "Open in Our Association" in text
    assert attribution("A <tip>", "tips/x/") in text
    assert "&lt;tip&gt;" in foot


def test_without_a_site_address_embeds_exist_but_nothing_absolute(dataset: Dataset) -> None:
    files = render_site(dataset, RenderSettings(site_url=""))
    assert not [path for path in files if path.startswith("oembed/")]
    for folder, record_id in embeddable_records(dataset):
        page = files[f"{folder}/{record_id}.md"]
        embed = files[f"embed/{folder}/{record_id}.md"]
        assert isinstance(page, str) and isinstance(embed, str)
        front = _front(page)
        assert f'embed_page: "../../embed/{folder}/{record_id}/"' in front
        assert f'embed_guide: "../../for-associations/#{GUIDE_SECTION}"' in front
        for absolute in ("oembed_path", "embed_snippet", "embed_url", "embed_helper"):
            assert f"\n{absolute}:" not in front, (folder, record_id, absolute)
        assert 'class="pb-embed-credit"' in embed
        assert f"({_link(record_id, folder)}{folder}/{record_id}/</a>)" in embed
    for path, content in files.items():
        if isinstance(content, str):
            assert "127.0.0.1" not in content and "localhost" not in content, path


def _link(record_id: str, folder: str) -> str:
    return f'<a href="../../../{folder}/{record_id}/" class="pb-embed-credit__address" data-pb-address>'


def test_with_a_site_address_every_absolute_url_uses_it(dataset: Dataset) -> None:
    files = render_site(dataset, RenderSettings(site_url=SITE, site_name="Our Association"))
    for folder, record_id in embeddable_records(dataset):
        response = json.loads(str(files[f"oembed/{folder}/{record_id}.json"]))
        assert response["type"] == "rich" and response["provider_url"] == SITE
        assert response["provider_name"] == "Our Association"
        assert f'src="{SITE}embed/{folder}/{record_id}/?compact=1"' in response["html"]
        front = _front(str(files[f"{folder}/{record_id}.md"]))
        assert f'oembed_path: "oembed/{folder}/{record_id}.json"' in front
        assert f'embed_url: "{SITE}embed/{folder}/{record_id}/"' in front
        assert f"({_link(record_id, folder)}{SITE}{folder}/{record_id}/</a>)" in str(
            files[f"embed/{folder}/{record_id}.md"]
        )
    assert len([path for path in files if path.startswith("oembed/")]) == len(embeddable_records(dataset))
    assert set(EMBEDDABLE) == {folder for folder, _ in embeddable_records(dataset)}


def test_compact_has_what_to_leave_out(dataset: Dataset) -> None:
    """Related tips and sources sit in .pb-further, which compact embeds hide (embed.css)."""
    files = render_site(dataset)
    tip = next(t for t in dataset.tips if t.sources)
    embed = str(files[f"embed/tips/{tip.id}.md"])
    further = re.findall(r'<div class="pb-further" markdown="1">\n\n## ([^{\n]+?)(?: \{.*\})?\n', embed)
    assert {"Related tips", "Sources"} <= set(further)
    css = (ROOT / "content/assets/stylesheets/embed.css").read_text()
    assert ".pb-embed--compact .pb-further" in css
