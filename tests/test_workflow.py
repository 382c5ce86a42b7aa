"""The GitHub workflow that builds and deploys the site: current actions, the Pages address from
configure-pages, caches, and no deploy ever cancelled by a newer push."""

from __future__ import annotations

from typing import Any

import yaml

from tests.conftest import ROOT

CURRENT_MAJORS = {
    "actions/checkout": "v7",
    "actions/setup-python": "v7",
    "actions/setup-node": "v7",
    "actions/configure-pages": "v5",
    "actions/upload-pages-artifact": "v5",
    "actions/deploy-pages": "v5",
}
"""The newest major version of each action as of 2026-12 (checked in each action's repository)."""


def workflow() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def steps(job: str) -> list[dict[str, Any]]:
    return list(workflow()["jobs"][job]["steps"])


def test_every_action_is_at_its_current_major_version() -> None:
    used = [step["uses"] for job in workflow()["jobs"].values() for step in job["steps"] if "uses" in step]
    assert used
    for action in used:
        name, version = action.split("@")
        assert CURRENT_MAJORS.get(name) == version, action


def test_a_deploy_in_progress_is_never_cancelled() -> None:
    flow = workflow()
    assert flow.get("concurrency", {}).get("cancel-in-progress") is not True
    assert flow["jobs"]["deploy"]["concurrency"]["cancel-in-progress"] is False


def test_the_site_address_comes_from_configure_pages() -> None:
    build = steps("build")
    pages = next(step for step in build if step.get("uses", "").startswith("actions/configure-pages"))
    make = next(step for step in build if step.get("run") == "make site")
    assert make["env"]["PLAYBOOK_SITE_URL"] == "${{ steps." + pages["id"] + ".outputs.base_url }}/"


def test_pip_and_npm_downloads_are_cached() -> None:
    setup = {step["uses"].split("@")[0]: step.get("with", {}) for step in steps("test") if "uses" in step}
    assert setup["actions/setup-python"]["cache"] == "pip"
    assert setup["actions/setup-node"]["cache"] == "npm"
    assert "tools/quality/package-lock.json" in setup["actions/setup-node"]["cache-dependency-path"]


def test_ci_runs_the_readmes_test_command() -> None:
    assert any(step.get("run") == "make test" for step in steps("test"))
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
