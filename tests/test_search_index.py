"""The search index the build writes (search/search_index.json, read by search.js): its text keeps
the words of separate blocks apart, so results never show "coffee mateWhen", and leaves out what
is not a page's own text."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from generator.schema import Dataset

WORD = re.compile(r"[^\W_]+")


class _Words(HTMLParser):
    """Every word of a page, each text node on its own: words split by markup stay split."""

    def __init__(self) -> None:
        super().__init__()
        self.words: set[str] = set()

    def handle_data(self, data: str) -> None:
        self.words.update(WORD.findall(data))


def _index(site: Path) -> list[dict[str, str]]:
    return list(json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"])


def _text(doc: dict[str, str]) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]))


def test_no_two_blocks_run_together(built_site: Path) -> None:
    """Every word in the index is a word of its page: "scoreOffer" is not, "score" and "Offer" are."""
    pages: dict[str, set[str]] = {}
    joined: dict[str, str] = {}
    for doc in _index(built_site):
        page = doc["location"].split("#")[0]
        if page not in pages:
            parser = _Words()
            parser.feed((built_site / page / "index.html").read_text(encoding="utf-8"))
            pages[page] = parser.words
        for word in WORD.findall(_text(doc)):
            if word not in pages[page]:
                joined.setdefault(word, doc["location"])
    assert joined == {}


def test_a_tips_facts_box_and_related_tips_are_not_its_text(built_site: Path, dataset: Dataset) -> None:
    tip = next(t for t in dataset.tips if t.audience == "individual")
    docs = [d for d in _index(built_site) if d["location"].split("#")[0] == f"tips/{tip.id}/"]
    text = " ".join(_text(d) for d in docs)
    assert tip.summary in text
    assert "Moves you towards" not in text and "Time it takes" not in text
    assert not any(d["title"] == "Related tips" for d in docs)
