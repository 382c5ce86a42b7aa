"""The terms on which the playbook's content may be reused, stated once.

Associations copy, embed and re-serve this content, so every place it leaves the site (the page
footer, an embed, a worksheet PDF, the JSON API) names the licence and shows the same attribution
line. The code is MIT (LICENSE); the content (data/ and content/) is CC BY 4.0.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    """A licence as a reader sees it: its short name, full name and where to read it."""

    short: str
    name: str
    url: str


CONTENT_LICENCE = Licence(
    short="CC BY 4.0",
    name="Creative Commons Attribution 4.0 International",
    url="https://creativecommons.org/licenses/by/4.0/",
)
"""The licence of everything in data/ and content/ and of every page, PDF and API record made from them."""

CODE_LICENCE = Licence(short="MIT", name="MIT License", url="https://opensource.org/license/mit")
"""The licence of the generator, the scripts and the templates (LICENSE)."""

WORK_TITLE = "The Networking Playbook"
"""The work being credited: a branded edition is still this work, so it keeps this name."""


def attribution(title: str, address: str) -> str:
    """The line to show beside reused content: what it is, where it comes from, and its licence.

    `address` is where the original lives: an absolute URL when the site has one, else its path.
    """
    return f"“{title}”, from {WORK_TITLE} ({address}), {CONTENT_LICENCE.short}"


def credit(title: str) -> str:
    """The attribution line without the address, for paper, which prints the address on a line of its own."""
    return f"“{title}”, from {WORK_TITLE}, {CONTENT_LICENCE.short}"
