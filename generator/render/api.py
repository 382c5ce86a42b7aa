"""The read-only JSON API at /api/v1/: the dataset as intranets want to render it themselves.

Static files only. Every record carries `path`, its page's address relative to the site root,
so a client joins it to wherever the playbook is served (a sub-path included), and `url`, its
absolute address, when the build set the site's address. index.json states the content's licence
and the attribution line a client should show beside what it reuses.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from ..schema import SCHEMA_VERSION, Dataset
from .environment import SETTINGS, Output
from .licence import CONTENT_LICENCE, attribution
from .markup import prose
from .worksheets import PAPERS, pdf_path

API_ROOT = "api/v1"


def _records(records: list[Any], folder: str, extra: Any = None) -> list[dict[str, Any]]:
    site_url = SETTINGS.get().site_url
    out = []
    for record in records:
        item: dict[str, Any] = record.model_dump(mode="json") if isinstance(record, BaseModel) else dict(record)
        item["path"] = f"{folder}/{record.id}/"
        if site_url:
            item["url"] = site_url + item["path"]
        if extra is not None:
            item.update(extra(record))
        out.append(item)
    return out


def _tip_html(tip: Any) -> dict[str, Any]:
    """The tip's body as sanitised HTML, so an intranet need not render Markdown itself."""
    return {"body_html": str(prose(tip.body))}


def _worksheet_files(sheet: Any) -> dict[str, Any]:
    return {"pdf": {paper.id: pdf_path(sheet, paper) for paper in PAPERS}}


def _retired_paths(retired: Any) -> dict[str, Any]:
    """Where the retired tip's address leads, so a client that stored the old id can follow it."""
    return {"replaced_by_path": f"tips/{retired.replaced_by}/"}


def _json(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def render(dataset: Dataset) -> Output:
    """index.json plus one JSON file per kind of record."""
    resources: dict[str, list[dict[str, Any]]] = {
        "tips": _records(dataset.tips, "tips", _tip_html),
        "network-types": _records(dataset.network_types, "network-types"),
        "outcomes": _records(dataset.outcomes, "outcomes"),
        "worksheets": _records(dataset.worksheets, "worksheets", _worksheet_files),
        "quizzes": _records(dataset.quizzes, "quizzes"),
        "words": _records(dataset.words, "words"),
        "retired-tips": _records(dataset.retired_tips, "tips", _retired_paths),
    }
    out: Output = {
        f"{API_ROOT}/{name}.json": _json({"schema_version": SCHEMA_VERSION, name.replace("-", "_"): items})
        for name, items in resources.items()
    }
    settings = SETTINGS.get()
    out[f"{API_ROOT}/index.json"] = _json(
        {
            "api": "Networking Playbook",
            "version": "v1",
            "schema_version": SCHEMA_VERSION,
            "site_url": settings.site_url or None,
            "paths": "Each record's `path` is relative to the site root, two folders above this file; "
            "`url` is its absolute address when the site has one. Show `attribution_template`, filled in, "
            "beside content you reuse.",
            "licence": {"name": CONTENT_LICENCE.name, "short": CONTENT_LICENCE.short, "url": CONTENT_LICENCE.url},
            "attribution_template": attribution("{title}", "{url}"),
            "resources": {name: {"file": f"{name}.json", "count": len(items)} for name, items in resources.items()},
        }
    )
    return out
