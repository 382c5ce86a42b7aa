"""Embed pages (/embed/<kind>/<id>/), their oEmbed responses, the snippet to paste and the credit.

An embeddable page (a tip, quiz, worksheet, network type or outcome level) is rendered twice
from the same template: once as the normal page and once as its embed page, whose template
(overrides/embed.html) drops the site's chrome and whose foot carries the credit line.

Options reach the static embed page in its query string (`?theme=dark&compact=1`), read by
embed-boot.js before the first paint: one page per record serves every combination, where
generated variants would multiply the embed pages by six (docs/embeds.md has the figures).

Absolute addresses exist only when the site has one (`site_url`): the snippet written into the
page and the oEmbed response need them, so without one they are left out and the "Embed this"
control builds the snippet in the browser from the address the page is viewed at.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape

from ..references import RESERVED_IDS
from .licence import CONTENT_LICENCE, attribution

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
EMBED_LINKS = {"embeddable": " ".join(EMBEDDABLE), "not_records": " ".join(sorted(NOT_RECORDS))}
"""Front matter of every embed page: embed-child.js opens a link to one of these records as its
embed when the frame cannot open a tab."""
OEMBED_WIDTH, OEMBED_HEIGHT = 600, 800
"""The frame's starting size: WordPress's usual content column; the frame then fits its content."""

THEMES = ("light", "dark", "auto")
"""Colour schemes an embed can ask for: light (the default, native on a white intranet page),
dark, or auto (the reader's system setting)."""


@dataclass(frozen=True)
class EmbedOptions:
    """How an embed looks: its colours and whether it is compact (the content and the credit
    line, without related tips, tags and sources)."""

    theme: str = "light"
    compact: bool = False

    def __post_init__(self) -> None:
        if self.theme not in THEMES:
            raise ValueError(f"unknown embed theme {self.theme!r}; valid: {', '.join(THEMES)}")

    @property
    def query(self) -> str:
        """The query string embed-boot.js reads: empty for the defaults (light, full)."""
        params = ([f"theme={self.theme}"] if self.theme != "light" else []) + (["compact=1"] if self.compact else [])
        return "?" + "&".join(params) if params else ""


SNIPPET_OPTIONS = EmbedOptions(compact=True)
"""What a pasted embed starts as (the "Embed this" control's defaults and the oEmbed frame):
light and compact, so a typical tip fits WordPress's 1,000 px frame."""


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
        """The embed page's URL path from the site root (a directory URL: only builds with a site
        address, which are never the offline build, make absolute embed URLs)."""
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


def text(value: str) -> str:
    """Text for an HTML element's content: only &, < and > need escaping there."""
    return escape(value, quote=False)


def attr(value: str) -> str:
    """A double-quoted attribute's value: a title such as "people's time" stays readable in the
    code an editor copies (embed-this.js escapes the same way)."""
    return text(value).replace('"', "&quot;")


HELPER_PATH = "assets/javascripts/embed.js"
"""The resize helper the snippet loads from the playbook's own address."""

GUIDE_PAGE, GUIDE_SECTION = "for-associations.md", "embedding-on-wordpress-sharepoint-drupal-and-moodle"
"""The guide the "Embed this" control links to: the page and its section."""


def snippet(site_url: str, target: EmbedTarget, title: str, options: EmbedOptions = SNIPPET_OPTIONS) -> str:
    """The HTML an intranet pastes: the iframe and the resize helper, with absolute URLs.

    embed-this.js builds the same text in the browser (the browser tests compare the two).
    """
    frame = (
        f'<iframe data-playbook-embed src="{attr(site_url + target.path + options.query)}" '
        f'title="{attr(title)}" loading="lazy" width="100%" height="{OEMBED_HEIGHT}" '
        'style="border:0;width:100%"></iframe>'
    )
    helper = f'<script src="{attr(site_url + HELPER_PATH)}" async></script>'
    return f"{frame}\n{helper}"


def oembed_html(site_url: str, page_path: str, target: EmbedTarget, title: str) -> str:
    """The oEmbed `html`: what WordPress keeps of an unknown provider's markup, and nothing else.

    WordPress (wp_filter_oembed_result) keeps only <a href>, <blockquote> and <iframe>, shows the
    blockquote (the credit line, linked to the page) until the frame first reports its height,
    sandboxes the frame and appends `#?secret=` to its address; embed-child.js answers that
    protocol. No script: WordPress would drop it.
    """
    page_url = site_url + page_path
    quote = f'<blockquote><a href="{attr(page_url)}">{text(attribution(title, page_url))}</a></blockquote>'
    frame = (
        f'<iframe src="{attr(site_url + target.path + SNIPPET_OPTIONS.query)}" width="{OEMBED_WIDTH}" '
        f'height="{OEMBED_HEIGHT}" title="{attr(title)}" frameborder="0"></iframe>'
    )
    return quote + frame


def oembed(site_url: str, site_name: str, page_path: str, target: EmbedTarget, title: str) -> str:
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
                "html": oembed_html(site_url, page_path, target, title),
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


def credit(title: str, address: str, page_href: str, site_name: str) -> str:
    """The foot of an embed page: "Open in <site>" and the attribution line, both linked.

    `address` is the page's absolute URL when the site has one, else its path from the site root;
    embed-child.js then shows the absolute address the frame was loaded from. `page_href` is the
    page's URL relative to the embed page.
    """
    line = text(attribution(title, address))
    linked_address = f'<a href="{attr(page_href)}" class="pb-embed-credit__address" data-pb-address>{text(address)}</a>'
    licence = (
        f'<a href="{attr(CONTENT_LICENCE.url)}" rel="license" title="{attr(CONTENT_LICENCE.name)}">'
        f"{text(CONTENT_LICENCE.short)}</a>"
    )
    linked = line.replace(f"({text(address)})", f"({linked_address})", 1)
    head, short, tail = linked.rpartition(text(CONTENT_LICENCE.short))
    if linked == line or not short:
        raise ValueError(f"the attribution line no longer names the address and the licence: {line}")
    return (
        '\n\n<div class="pb-embed-credit">\n'
        f'<p class="pb-embed-credit__open"><a href="{attr(page_href)}">Open in {text(site_name)}</a></p>\n'
        f'<p class="pb-embed-credit__line">{head}{licence}{tail}</p>\n'
        "</div>\n"
    )
