"""The playbook's content holds its promises: coverage, lengths, no placeholders, honest claims."""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pytest
import yaml

from generator.schema import Dataset
from tests.conftest import DATA, FIXTURES, ROOT
from tests.support.similarity import share_more_than_half, shared_steps

PLACEHOLDER = re.compile(r"lorem ipsum|\bTODO\b|\bTBD\b|coming soon|\bFIXME\b|\bXXX\b", re.I)


def _words(markdown: str) -> int:
    return len(re.findall(r"[\w’'-]+", markdown))


def test_at_least_forty_tips_for_individuals(dataset: Dataset) -> None:
    assert sum(1 for t in dataset.tips if t.audience == "individual") >= 40


def test_every_matrix_cell_has_three_tips_for_individuals(dataset: Dataset) -> None:
    cells = Counter(
        (network, tip.outcome) for tip in dataset.tips if tip.audience == "individual" for network in tip.network_types
    )
    for network in dataset.network_types:
        for outcome in dataset.outcomes:
            assert cells[(network.id, outcome.id)] >= 3, (network.id, outcome.id)


def test_tip_bodies_are_100_to_250_words(dataset: Dataset) -> None:
    lengths = {tip.id: _words(tip.body) for tip in dataset.tips}
    assert {k: v for k, v in lengths.items() if not 100 <= v <= 250} == {}


def test_titles_and_summaries_are_unique(dataset: Dataset) -> None:
    for attribute in ("title", "summary"):
        values = Counter(getattr(t, attribute).casefold() for t in dataset.tips)
        assert [v for v, n in values.items() if n > 1] == [], attribute


def test_association_plays(dataset: Dataset) -> None:
    assert sum(1 for t in dataset.tips if t.audience == "association") >= 8


def test_five_etiquette_reminders_are_tips_of_their_own(dataset: Dataset) -> None:
    assert sum(1 for t in dataset.tips if "etiquette" in t.tags) == 5


def test_network_types_have_one_example_in_each_setting(dataset: Dataset) -> None:
    for network in dataset.network_types:
        assert sorted(e.setting for e in network.examples) == ["association", "organisation"], network.id


def test_eight_reasons(dataset: Dataset) -> None:
    assert len(dataset.why_network.reasons) == 8


def test_organic_has_its_three_levels(dataset: Dataset) -> None:
    organic = next(o for o in dataset.outcomes if o.id == "organic")
    assert [level.id for level in organic.levels] == ["coffee-mates", "lunch-mates", "friends"]


def test_the_ten_tips_collection(dataset: Dataset) -> None:
    ten = next(c for c in dataset.collections if c.id == "ten-tips-for-networking-success")
    assert len(ten.tips) == len(set(ten.tips)) == 10


def test_jobs_figure_only_as_an_often_cited_claim() -> None:
    for path in [*DATA.rglob("*.yaml"), *(ROOT / "content").rglob("*.md")]:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"70\s*(?:-|–|to)\s*80\s*(?:%|per ?cent)", text):
            around = text[max(0, match.start() - 200) : match.end() + 200].lower()
            assert "often" in around or "claim" in around, path


@pytest.mark.parametrize("folder", ["data", "content"])
def test_no_placeholder_text(folder: str) -> None:
    for path in (ROOT / folder).rglob("*"):
        if path.is_file() and path.suffix in (".yaml", ".md", ".html", ".js", ".css"):
            assert not PLACEHOLDER.search(path.read_text(encoding="utf-8")), path


def test_pages_resting_on_sources_cite_them(dataset: Dataset) -> None:
    for network in dataset.network_types:
        assert network.sources
    for outcome in dataset.outcomes:
        assert "cooper-2015" in outcome.sources
    assert "cooper-2015" in dataset.why_network.sources


def _repeating_pairs(tips: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(a, b) for (a, body_a), (b, body_b) in itertools.combinations(tips, 2) if share_more_than_half(body_a, body_b)]


def test_no_two_tips_share_more_than_half_their_steps(dataset: Dataset) -> None:
    """Each tip gives advice of its own: see tests/support/similarity.py for the measure and its threshold."""
    assert _repeating_pairs([(t.id, t.body) for t in dataset.tips]) == []


def test_the_step_measure_catches_the_first_editions_repeated_tips() -> None:
    """The two first-edition tips that gave the same five steps in other words must count as repeats."""
    sample = yaml.safe_load((FIXTURES / "similar-steps" / "first-edition.yaml").read_text(encoding="utf-8"))
    for pair in sample["pairs"]:
        (a, body_a), (b, body_b) = ((tip["id"], tip["body"]) for tip in pair)
        assert _repeating_pairs([(a, body_a), (b, body_b)]) == [(a, b)]
        assert shared_steps(body_a, body_b) >= 4
