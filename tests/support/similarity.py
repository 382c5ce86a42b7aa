"""How much two tips repeat each other, measured on their numbered steps.

A step is reduced to a set of word stems: lower case, no Markdown, no common function words,
each word cut to its first five letters (a crude stemmer: "introduce", "introduction" and
"introduced" all become "intro"). Two steps are compared by the Jaccard index of their sets
(shared stems over all stems). The steps of two tips are matched one to one, most similar pair
first, and a step counts as shared when its match reaches STEP_THRESHOLD.
"""

from __future__ import annotations

import re

STEP_THRESHOLD = 0.2
"""Paraphrased advice shares few exact words, so the bar is low. Measured on the first edition:
the two tips that gave the same five steps in other words shared 4 of 5 steps at 0.2 (their
matched steps scored 0.40, 0.36, 0.20 and 0.20); no other pair of tips shared more than 2 of 5."""

_FUNCTION_WORDS = """
a an the and or but of to in on at for with by from as is are be been it its this that these those
you your yours their them they he she his her we our us i me my not no do does did so if then than
into over about each one two three what who whom which when where why how can could would should
will may might just only also more most some any all both own same other such very too up out off
again there here once let get got make made keep was were has have had want wants like well now
next time way ways thing things something someone people person
"""
STOP_WORDS = frozenset(_FUNCTION_WORDS.split())
"""Words that carry no advice of their own, left out before comparing."""


def steps(body: str) -> list[str]:
    """The numbered steps of a tip's Markdown body."""
    return [match.group(1) for match in re.finditer(r"^\s*\d+\.\s+(.+)$", body, re.M)]


def stems(step: str) -> frozenset[str]:
    """The step's content words, each cut to five letters."""
    words = re.findall(r"[a-z]+", re.sub(r"[*_`“”\"'’]", " ", step.lower()))
    return frozenset(word[:5] for word in words if len(word) > 2 and word not in STOP_WORDS)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def shared_steps(body_a: str, body_b: str, threshold: float = STEP_THRESHOLD) -> int:
    """How many steps of one tip have a counterpart in the other (matched one to one)."""
    a = [stems(step) for step in steps(body_a)]
    b = [stems(step) for step in steps(body_b)]
    scored = sorted(((jaccard(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)), reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    for score, i, j in scored:
        if score < threshold:
            break
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
    return len(used_a)


def share_more_than_half(body_a: str, body_b: str) -> bool:
    """Whether two tips share more than half the steps of the shorter one."""
    fewest = min(len(steps(body_a)), len(steps(body_b)))
    return fewest > 0 and shared_steps(body_a, body_b) * 2 > fewest
