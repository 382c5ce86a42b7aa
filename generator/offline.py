"""The offline copy: a built site made to open from file://, zipped into one folder.

A page opened from file:// cannot fetch the search index, so the index also goes into a script
(`search/search_index.js`, which search.js loads when it cannot fetch). This works on the built
site of any engine that writes MkDocs' search index, so it is done here and not in the plugin.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

SEARCH_INDEX = Path("search") / "search_index.json"
SEARCH_INDEX_SCRIPT = Path("search") / "search_index.js"


def add_search_index_script(site: Path) -> None:
    """Write the search index as a script beside the JSON, for pages opened from file://."""
    index = site / SEARCH_INDEX
    if index.is_file():
        script = f"var __index = {index.read_text(encoding='utf-8')};\n"
        (site / SEARCH_INDEX_SCRIPT).write_text(script, encoding="utf-8")


def zip_site(site: Path, target: Path) -> Path:
    """Zip the site as one folder (named as `site`) to target, written beside it and renamed into place."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as bundle:
            for file in sorted(site.rglob("*")):
                if file.is_file() and not file.name.startswith("."):
                    bundle.write(file, file.relative_to(site.parent).as_posix())
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target
