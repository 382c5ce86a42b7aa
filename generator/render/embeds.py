"""Embed pages (/embed/<kind>/<id>/), their oEmbed responses and the snippet to paste.

An embeddable page (a tip, quiz, worksheet, network type or outcome level) is rendered twice
from the same template: once as the normal page and once as its embed page, whose template
(overrides/embed.html) drops the site's chrome. The snippet is built here once and used by
both the "Embed this" control and the oEmbed response, so the two never differ.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape

from ..references import RESERVED_IDS

EMBEDDABLE: dict[str, str] = {
    "tips": "tip",
    "quizzes": "quiz",
    "worksheets": "worksheet",
    "network-types": "network type",
    "outcomes": "outcome level",
    "words": "set of ready-to-use words",
}
"""Folder of a record's page -> what a reader calls it."""

NOT_RECORDS: frozenset[str] = frozenset().union(*RESERVED_IDS.values())
"""Pages of a section's own (its index, the tips matrix): the ids no record may take."""
OEMBED_WIDTH, OEMBED_HEIGHT = 640, 720


@dataclass(frozen=True)
class EmbedTarget:
    """Where the embed of one page lives."""

    folder: str
    record_id: str

    @property
    def kind(self) -> str:
        return EMBEDDABLE[self.folder]

    @property
    def src(self) -> str:
        """The embed page's docs path."""
        return f"embed/{self.folder}/{self.record_id}.md"

    @property
    def path(self) -> str:
        """The embed page's URL path from the site root (always a directory URL)."""
        return f"embed/{self.folder}/{self.record_id}/"

    @property
    def oembed(self) -> str:
        """The oEmbed response's path (the URL layout keeps responses apart from the embed pages)."""
        return f"oembed/{self.folder}/{self.record_id}.json"


def embed_target(src: str) -> EmbedTarget | None:
    """The embed of a page, if the page is one record of an embeddable kind."""
    parts = src.removesuffix(".md").split("/")
    if len(parts) == 2 and parts[0] in EMBEDDABLE and parts[1] not in NOT_RECORDS:
        return EmbedTarget(parts[0], parts[1])
    return None


def snippet(site_url: str, target: EmbedTarget, title: str) -> str:
    """The HTML an intranet pastes: the iframe and the resize helper, with absolute URLs."""
    frame = (
        f'<iframe data-playbook-embed src="{escape(site_url + target.path)}" title="{escape(title)}" '
        f'loading="lazy" width="100%" height="{OEMBED_HEIGHT}" style="border:0;width:100%"></iframe>'
    )
    helper = f'<script src="{escape(site_url)}assets/javascripts/embed.js" async></script>'
    return f"{frame}\n{helper}"


def oembed(site_url: str, site_name: str, target: EmbedTarget, title: str) -> str:
    """The static oEmbed response (type rich) for one embeddable page.

    Its strings are text (a brand's name included), as the oEmbed spec has them; `<`, `>` and
    `&` are written as JSON escapes, so the response stays inert even pasted into a page.
    """
    return (
        _inert_json(
            {
                "version": "1.0",
                "type": "rich",
                "title": title,
                "provider_name": site_name,
                "provider_url": site_url,
                "html": snippet(site_url, target, title),
                "width": OEMBED_WIDTH,
                "height": OEMBED_HEIGHT,
            }
        )
        + "\n"
    )


def _inert_json(value: object) -> str:
    """Indented JSON with `<`, `>` and `&` escaped: the same data, and no markup in the text."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
