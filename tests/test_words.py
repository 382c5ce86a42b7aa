"""Ready-to-use words: their pages, the marked placeholders, and the links from the tips they serve."""

from __future__ import annotations

import json

from generator.render import render_site
from generator.render.environment import RenderSettings
from generator.render.words import placeholders, words_html
from generator.schema import Dataset


def test_words_are_escaped_and_placeholders_marked() -> None:
    html = str(words_html("Hello [name] <b>&</b> *not bold*\nsecond line\n\nnew [para]"))
    assert html == (
        '<p>Hello <span class="pb-words__slot">[name]</span> &lt;b&gt;&amp;&lt;/b&gt; *not bold*<br>second line</p>\n'
        '<p>new <span class="pb-words__slot">[para]</span></p>'
    )


def test_placeholders_are_listed_once_in_order() -> None:
    assert placeholders("[b] then [a], [b] again") == ["[b]", "[a]"]


def test_every_set_of_words_has_a_page_an_index_entry_and_a_copy_button(dataset: Dataset) -> None:
    files = render_site(dataset)
    index = files["words/index.md"]
    assert isinstance(index, str)
    for words in dataset.words:
        page = files[f"words/{words.id}.md"]
        assert isinstance(page, str)
        assert f'href="{words.id}/"' in index
        assert 'id="pb-words-text"' in page and 'data-pb-copy="pb-words-text"' in page
        for tip_id in words.tips:
            assert f"../../tips/{tip_id}/" in page


def test_each_tip_links_to_the_words_that_serve_it(dataset: Dataset) -> None:
    files = render_site(dataset)
    served = {tip_id for words in dataset.words for tip_id in words.tips}
    for tip in dataset.tips:
        page = files[f"tips/{tip.id}.md"]
        assert isinstance(page, str)
        linked = [w.id for w in dataset.words if f"../../words/{w.id}/" in page]
        assert linked == [w.id for w in dataset.words if tip.id in w.tips], tip.id
        assert ("## Ready-to-use words" in page) == (tip.id in served)


def test_words_are_embeddable_and_in_the_api(dataset: Dataset) -> None:
    files = render_site(dataset, RenderSettings(site_url="https://example.org/playbook/"))
    first = dataset.words[0]
    assert f"embed/words/{first.id}.md" in files
    assert f"oembed/words/{first.id}.json" in files
    api = json.loads(str(files["api/v1/words.json"]))
    assert [w["id"] for w in api["words"]] == [w.id for w in dataset.words]
    assert api["words"][0]["path"] == f"words/{first.id}/"
    assert json.loads(str(files["api/v1/index.json"]))["resources"]["words"]["count"] == len(dataset.words)
