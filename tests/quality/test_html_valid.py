"""Every built HTML page passes the Nu HTML Checker with no error."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.quality.conftest import VNU, java, require


def test_every_page_is_valid_html(built_site: Path) -> None:
    result = subprocess.run(
        [java(), "-jar", str(require(VNU)), "--errors-only", "--format", "json", "--skip-non-html", str(built_site)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{m.get('url', '').replace('file:' + str(built_site), '')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
    assert errors == [], "\n".join(errors[:40])
