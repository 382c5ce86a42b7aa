"""The generator is a plain package: only the adapter imports MkDocs (docs/engines.md), so that
another engine, or MkDocs' end, touches three modules and nothing else."""

from __future__ import annotations

import ast

from tests.conftest import ROOT

ADAPTER = {"generator/mkdocs_plugin.py", "generator/mkdocs_build.py", "generator/preview_memo.py"}
ENGINES = ("mkdocs", "material", "properdocs", "zensical")


def engine_imports(source: str) -> list[str]:
    """The engine modules a Python source imports, wherever in the file (functions included)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names = (
            [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
            if isinstance(node, ast.ImportFrom) and node.level == 0
            else []
        )
        found += [name for name in names if name.split(".")[0] in ENGINES]
    return found


def test_only_the_adapter_imports_an_engine() -> None:
    importers = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "generator").rglob("*.py")
        if engine_imports(path.read_text(encoding="utf-8"))
    }
    assert importers == ADAPTER


def test_an_import_inside_a_function_counts() -> None:
    assert engine_imports("def f():\n    from mkdocs.structure.pages import Page\n") == ["mkdocs.structure.pages"]
    assert engine_imports("import json\nfrom .caches import cache_root\n") == []
