"""Lighthouse (mobile) on every page kind: performance 95 or more; accessibility, best practices
and SEO 100.

Pages load only the site's own small scripts, about 20 KB gzipped in all, instead of Material's bundle
(docs/quality.md), so they score 100 for performance on this 2-core machine even with both cores
busy. A page gets up to three runs and passes on the first that meets every target, so that one
run disturbed by something outside the page cannot fail CI; every run's scores go to
tests/artifacts/lighthouse-summary.json.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.schema import Dataset
from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.quality.conftest import LIGHTHOUSE, REPORTS, page_kinds, require

TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
ATTEMPTS = 3


def lighthouse(url: str, out: Path) -> dict[str, int]:
    """Run the Lighthouse CLI (mobile preset) once; return its category scores out of 100."""
    node = shutil.which("node")
    if not node:
        pytest.fail("node is missing (Lighthouse needs Node.js)")
    result = subprocess.run(
        [
            node,
            str(require(LIGHTHOUSE)),
            url,
            "--output=json",
            f"--output-path={out}",
            "--quiet",
            f"--only-categories={','.join(TARGETS)}",
            f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(out.read_text())
    return {name: round(category["score"] * 100) for name, category in report["categories"].items()}


def _met(scores: dict[str, int]) -> bool:
    return all(scores[name] >= target for name, target in TARGETS.items())


@pytest.mark.slow
def test_lighthouse_targets_on_every_page_kind(site_url: str, built_site: Path, dataset: Dataset) -> None:
    REPORTS.mkdir(parents=True, exist_ok=True)
    summary: dict[str, list[dict[str, int]]] = {}
    misses = []
    for kind, path in page_kinds(dataset, built_site).items():
        runs = summary.setdefault(kind, [])
        for attempt in range(ATTEMPTS):
            runs.append(lighthouse(site_url + path, REPORTS / f"lighthouse-{kind.replace(' ', '-')}-{attempt}.json"))
            if _met(runs[-1]):
                break
        best = max(runs, key=lambda s: (_met(s), s["performance"]))
        if not _met(best):
            misses.append(f"{kind} /{path}: {best} (targets {TARGETS})")
    (REPORTS / "lighthouse-summary.json").write_text(json.dumps(summary, indent=2))
    assert misses == [], "\n".join(misses)
