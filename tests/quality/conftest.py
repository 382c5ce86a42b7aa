"""Quality gates over the built site: valid HTML, accessibility, Lighthouse, page weight.

The tools come from npm (tools/quality/, installed by `make test`); a missing tool is a
failure, not a skip, so CI can never pass without running a gate.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.schema import Dataset
from tests.conftest import ROOT

TOOLS = ROOT / "tools" / "quality" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = TOOLS / "lighthouse" / "cli" / "index.js"
REPORTS = ROOT / "tests" / "artifacts"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/quality/" in str(item.fspath):
            item.add_marker(pytest.mark.quality)


def require(tool: Path) -> Path:
    if not tool.exists():
        pytest.fail(f"{tool} is missing: run `make test` (it runs `npm ci` in tools/quality)")
    return tool


def java() -> str:
    found = shutil.which("java")
    if not found:
        pytest.fail("java is missing (the Nu HTML Checker needs Java 11 or newer)")
    return found


def page_kinds(dataset: Dataset, site: Path) -> dict[str, str]:
    """One URL path for every kind of page the site has, keyed by kind."""
    kinds = {
        "home": "",
        "network type": f"network-types/{dataset.network_types[0].id}/",
        "outcome": f"outcomes/{dataset.outcomes[-1].id}/",
        "tip": f"tips/{next(t.id for t in dataset.tips if t.audience == 'individual')}/",
        "tips index": "tips/",
    }
    if dataset.worksheets:
        kinds["worksheet"] = f"worksheets/{dataset.worksheets[0].id}/"
    if dataset.quizzes:
        kinds["quiz"] = f"quizzes/{dataset.quizzes[0].id}/"
    if dataset.words:
        kinds["words"] = f"words/{dataset.words[0].id}/"
    if (site / "event-kit" / "matcher" / "index.html").is_file():
        kinds["event kit matcher"] = "event-kit/matcher/"
        kinds["card deck"] = "event-kit/conversation-cards/"
    embeds = sorted((site / "embed").glob("*/*/index.html")) if (site / "embed").is_dir() else []
    if embeds:
        kinds["embed"] = embeds[0].parent.relative_to(site).as_posix() + "/"
    return kinds
