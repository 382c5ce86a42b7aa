"""Another engine builds the same site from `playbook generate`'s tree: ProperDocs, the maintained
continuation of MkDocs 1.x, runs no playbook plugin and must produce the pages `playbook build` does.

This holds the generator to its promise (docs/engines.md): everything a page shows is in the
generated tree and the theme templates, nothing is added by the MkDocs plugin.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.engine_config import write_engine_config
from tests.conftest import ROOT, run_playbook

pytestmark = pytest.mark.slow

GENERATOR_META = re.compile(r'<meta name="generator" content="[^"]*">')


def pages(site: Path) -> dict[str, str]:
    """Every HTML page by path, without the line naming the engine that wrote it."""
    return {p.relative_to(site).as_posix(): GENERATOR_META.sub("", p.read_text("utf-8")) for p in site.rglob("*.html")}


def test_properdocs_builds_the_same_pages_from_the_generated_tree(
    built_site: Path, site_port: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    address = {"PLAYBOOK_SITE_URL": f"http://127.0.0.1:{site_port}/"}  # as built_site was built
    monkeypatch.setenv("PLAYBOOK_SITE_URL", address["PLAYBOOK_SITE_URL"])
    tree, site = tmp_path / "tree", tmp_path / "properdocs-site"
    result = run_playbook("generate", str(tree), env=address)
    assert result.returncode == 0, result.stderr
    config = write_engine_config(ROOT / "mkdocs.yml", tree, site, tmp_path / "properdocs.yml")
    properdocs = shutil.which("properdocs", path=str(Path(sys.executable).parent))
    assert properdocs, "ProperDocs is a test dependency: `make test` installs it"
    build = subprocess.run([properdocs, "build", "--strict", "-f", str(config)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    ours, theirs = pages(built_site), pages(site)
    assert sorted(ours) == sorted(theirs)
    assert [path for path in ours if ours[path] != theirs[path]] == []
    assert len(ours) > 100
