"""The playbook's content holds its promises: coverage, lengths, no placeholders, honest claims."""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pytest
import yaml

from generator.schema import PLACEHOLDER as GAP
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
    return [
        (a, b) for (a, body_a), (b, body_b) in itertools.combinations(tips, 2) if share_more_than_half(body_a, body_b)
    ]


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


def test_every_cited_source_exists(dataset: Dataset) -> None:
    known = {source.id for source in dataset.sources}
    cited = {
        (kind, record.id, source)
        for kind in ("tips", "network_types", "outcomes", "worksheets", "quizzes")
        for record in getattr(dataset, kind)
        for source in record.sources
    }
    assert {c for c in cited if c[2] not in known} == set()


COOPER_FACTS = re.compile(
    r"acquaint|familiar face|coffee mate|lunch mate|drink mate|lunch or drink|social risk|\brung\b|comparables"
    r"|been there|low-risk|enjoy|face to face|face-to-face|in the room|professional matter",
    re.I,
)
"""What Cooper (2015) says: the outcome ladder and its social risk, the eight reasons (comparables,
allies who have "been there", enjoyment, face-to-face contact, low risk) and someone in the room
having what each member needs. A tip that cites the article uses one of these in its text."""


def test_tips_cite_cooper_only_for_what_the_article_says(dataset: Dataset) -> None:
    citing = [tip for tip in dataset.tips if "cooper-2015" in tip.sources]
    assert citing
    assert [tip.id for tip in citing if not COOPER_FACTS.search(tip.body)] == []


UNSUPPORTED = re.compile(
    r"studies (show|have shown|suggest)|research (shows|proves|has shown)|statistics show|rarely ignored"
    r"|misunderstandings are rare|decide within minutes|give most often|fade within months",
    re.I,
)
"""Claims the playbook cannot source: general appeals to research, and the first edition's unsupported
generalisations (a follow-up "rarely ignored", first-timers who "decide within minutes", and so on)."""


@pytest.mark.parametrize("folder", ["data", "content"])
def test_no_unsupported_claims(folder: str) -> None:
    for path in (ROOT / folder).rglob("*"):
        if path.is_file() and path.suffix in (".yaml", ".md"):
            assert not UNSUPPORTED.search(path.read_text(encoding="utf-8")), path


def test_the_ten_tips_are_the_playbooks_own_selection(dataset: Dataset) -> None:
    ten = next(c for c in dataset.collections if c.id == "ten-tips-for-networking-success")
    assert "own selection" in ten.intro and "not a list taken from" in ten.intro


RISK_SCALE = ("low", "modest", "moderate", "higher", "the highest")


def test_social_risk_rises_up_the_ladder(dataset: Dataset) -> None:
    """Natural, purposeful, then the organic levels (coffee, lunch or drink, friends): each riskier."""
    rungs = sorted(dataset.outcomes, key=lambda o: o.rank)
    texts = [o.social_risk for o in rungs if not o.levels]
    texts += [level.social_risk for o in rungs for level in o.levels]
    ranks = [next(i for i, word in enumerate(RISK_SCALE) if t.lower().startswith(word)) for t in texts]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks), ranks


def test_the_words_for_the_common_situations_exist(dataset: Dataset) -> None:
    ids = {w.id for w in dataset.words}
    individual = {"what-do-you-do-answer", "meeting-request", "event-follow-up", "reconnection-note"}
    introductions = {"introduction-opt-in-check", "double-opt-in-introduction"}
    career = {"referral-request", "informational-interview-request", "looking-for-work-note"}
    organisers = {"pre-event-note", "first-timer-welcome"}
    assert individual | introductions | career | organisers <= ids
    assert all(w.audience == "association" for w in dataset.words if w.id in organisers)


def test_every_set_of_words_has_a_gap_to_fill(dataset: Dataset) -> None:
    assert [w.id for w in dataset.words if not re.search(GAP, w.text)] == []


def test_retired_tips_lead_to_live_tips(dataset: Dataset) -> None:
    live = {t.id for t in dataset.tips}
    assert dataset.retired_tips
    for retired in dataset.retired_tips:
        assert retired.id not in live and retired.replaced_by in live, retired.id
