"""The event kit's generated pages and print documents: decks, brief steps, tents, QR codes or paths."""

from __future__ import annotations

import re

from generator.references import ALL_TIPS_DECK
from generator.render import render_site
from generator.render.environment import RenderSettings
from generator.render.event_kit import (
    CARDS_PAGE,
    TENTS_PAGE,
    brief_steps,
    deck_document,
    deck_pdf_path,
    decks,
    table_topics,
    tents_document,
    tip_address,
)
from generator.render.qr import with_qr_codes
from generator.render.worksheets import PAPERS
from generator.schema import Dataset


def test_decks_every_tip_each_collection_and_each_chosen_tag(dataset: Dataset) -> None:
    found = {deck.id: deck for deck in decks(dataset)}
    assert [t.id for t in found[ALL_TIPS_DECK].tips] == [t.id for t in dataset.tips]
    for collection in dataset.collections:
        assert [t.id for t in found[collection.id].tips] == collection.tips
    assert dataset.card_decks, "data/card_decks.yaml chooses some decks"
    for chosen in dataset.card_decks:
        expected = [t.id for t in dataset.tips if set(t.tags) & set(chosen.tags)]
        assert [t.id for t in found[chosen.id].tips] == expected


def test_a_deck_left_empty_by_a_brand_is_not_made(dataset: Dataset) -> None:
    no_events = [t for t in dataset.tips if "events" not in t.tags]
    trimmed = dataset.model_copy(update={"tips": no_events, "collections": []})
    assert "at-the-event" not in {deck.id for deck in decks(trimmed)}


def test_brief_steps_take_the_lead_in_or_the_first_sentence(dataset: Dataset) -> None:
    tips = {t.id: t for t in dataset.tips}
    groups = brief_steps(tips["join-and-leave-group-conversations"])
    assert groups[0] == "Pick an open group."
    assert len(groups) == 6
    names = brief_steps(tips["remember-names-at-events"])
    assert names[0] == "When someone introduces themselves, stop rehearsing what you will say and listen to the name."
    assert names[1] == "Say it back straight away."
    for tip in dataset.tips:
        steps = brief_steps(tip)
        assert 1 <= len(steps) <= 8, tip.id
        assert all("**" not in step and "](" not in step for step in steps), tip.id


def test_deck_document_numbers_cards_and_pairs_each_back_with_its_front(dataset: Dataset) -> None:
    deck = decks(dataset)[0]
    html = deck_document(deck, dataset, "https://example.org/pb/", PAPERS[0])
    total = len(deck.tips)
    assert html.count('class="card card--front"') == html.count('class="card card--back"') == total
    assert f"{total} of {total}" in html
    sheets = html.count('<section class="sheet sheet--front">')
    assert sheets == -(-total // 4) and html.count('<section class="sheet sheet--back">') == sheets
    assert html.count("<pb-qr ") == total, "a QR code on every back, drawn when the PDF is printed"
    assert with_qr_codes(html).count('<svg viewBox="0 0 ') == total
    assert "https://example.org/pb/tips/" + deck.tips[0].id + "/" in html


def test_without_a_site_address_the_cards_print_the_path_and_no_qr_code(dataset: Dataset) -> None:
    deck = decks(dataset)[0]
    html = deck_document(deck, dataset, "", PAPERS[1])
    assert 'class="qr"' not in html
    assert f">tips/{deck.tips[0].id}/<" in html
    tents = tents_document(table_topics(dataset), "", PAPERS[1])
    assert "tent__qr" not in tents and f"tips/{table_topics(dataset)[0].id}/" in tents


def test_tip_address_follows_the_site_address(dataset: Dataset) -> None:
    tip = dataset.tips[0]
    assert tip_address("https://intranet.example/members/playbook/", tip) == (
        f"https://intranet.example/members/playbook/tips/{tip.id}/"
    )
    assert tip_address("", tip) == f"tips/{tip.id}/"


def test_tents_put_the_topic_on_both_halves(dataset: Dataset) -> None:
    topics = table_topics(dataset)
    assert len(topics) >= 10
    html = tents_document(topics, "https://example.org/", PAPERS[0])
    for tip in topics:
        assert tip.table_topic is not None
        assert html.count(f">{tip.table_topic.topic}<".replace("'", "&#39;")) == 2, tip.id
    assert html.count("tent__face--far") == len(topics)


def test_pages_link_every_deck_pdf_and_every_topic(dataset: Dataset) -> None:
    files = render_site(dataset, RenderSettings(site_url="https://example.org/"))
    cards = str(files[CARDS_PAGE])
    for deck in decks(dataset):
        for paper in PAPERS:
            name = deck_pdf_path(deck, paper).rsplit("/", 1)[1]  # the page's own folder holds its PDFs
            assert re.search(rf'href="{re.escape(name)}"', cards), name
    tents = str(files[TENTS_PAGE])
    assert 'href="table-topics-a4.pdf"' in tents and 'href="table-topics-letter.pdf"' in tents
    for tip in table_topics(dataset):
        assert tip.table_topic is not None
        for prompt in tip.table_topic.prompts:
            assert prompt.replace("'", "&#39;") in tents


def test_offline_pages_link_the_pdfs_from_their_html_file(dataset: Dataset) -> None:
    files = render_site(dataset, RenderSettings(directory_urls=False))
    assert 'href="conversation-cards/all-tips-a4.pdf"' in str(files[CARDS_PAGE])
