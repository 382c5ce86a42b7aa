"""The theme forks in overrides/ are edited copies of Material 9.8 and MkDocs 1.6 templates.

Each fork's original is kept in tests/fixtures/upstream/. When an upgrade changes an original,
the fork may be missing a fix or a feature of the new version, so this test names every fork to
redo (compare the kept original with the new one, carry the change into the fork, then replace
the kept original). It also fails when a template in overrides/ shadows a theme file without its
original being kept.
"""

from __future__ import annotations

from pathlib import Path

import material
import mkdocs

from tests.conftest import ROOT

OVERRIDES = ROOT / "overrides"
UPSTREAM = ROOT / "tests" / "fixtures" / "upstream"
THEMES = {
    "material": Path(material.__file__).parent / "templates",
    "mkdocs": Path(mkdocs.__file__).parent / "templates",
}
OWN_TEMPLATES = {"main.html", "embed.html", "partials/link-preview.html"}
"""Templates of the site's own (main.html is the theme's documented extension point; it starts empty)."""


def forks() -> dict[str, str]:
    """Every template in overrides/ that shadows a theme file, with the theme it comes from."""
    found = {}
    for path in sorted(OVERRIDES.rglob("*")):
        relative = path.relative_to(OVERRIDES).as_posix()
        if path.is_file() and relative not in OWN_TEMPLATES:
            theme = next((name for name, folder in THEMES.items() if (folder / relative).is_file()), None)
            assert theme, (
                f"overrides/{relative} shadows no theme template: add it to OWN_TEMPLATES if it is the site's own"
            )
            found[relative] = theme
    return found


def test_every_fork_keeps_its_original() -> None:
    missing = [
        f"{theme}/{relative}" for relative, theme in forks().items() if not (UPSTREAM / theme / relative).is_file()
    ]
    assert missing == [], f"keep each fork's original in tests/fixtures/upstream/: {missing}"


def test_no_original_changed_since_it_was_forked() -> None:
    """After upgrading Material or MkDocs, the forks named here must be redone."""
    changed = [
        f"overrides/{relative} (from {theme})"
        for relative, theme in forks().items()
        if (UPSTREAM / theme / relative).read_text("utf-8") != (THEMES[theme] / relative).read_text("utf-8")
    ]
    assert changed == [], f"the installed theme changed these originals; redo the forks: {changed}"


def test_kept_originals_all_belong_to_a_fork() -> None:
    kept = {f"{p.relative_to(UPSTREAM).as_posix()}" for p in UPSTREAM.rglob("*") if p.is_file()}
    assert kept == {f"{theme}/{relative}" for relative, theme in forks().items()}
