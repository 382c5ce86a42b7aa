"""A Markdown extension that changes nothing, outside Python-Markdown's own: the preview memo must
not reuse conversions while one like it is configured (tests/test_preview_memo.py)."""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.extensions import Extension


class MarkerExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        """Registers nothing: its presence is the point."""


def makeExtension(**kwargs: Any) -> MarkerExtension:
    return MarkerExtension(**kwargs)
