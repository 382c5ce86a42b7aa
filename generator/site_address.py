"""The site's public address: where the builder set it, and whether it is one.

Absolute URLs (canonical links, the sitemap, oEmbed, the JSON API's `url`, the address on worksheet
PDFs) can only be right if the builder says where the site will live. So there is no default: with
no address the site still works wherever it is copied, and what needs one is left out. The address
comes from `PLAYBOOK_SITE_URL` or from `site_url` in mkdocs.yml (which reads that variable with
`!ENV`; see config_file.py), and it is checked before anything is generated, so a typo never
reaches a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

SITE_URL_VARIABLE = "PLAYBOOK_SITE_URL"
"""The environment variable that sets the address (mkdocs.yml: `site_url: !ENV [PLAYBOOK_SITE_URL, ""]`)."""

NO_ADDRESS_NOTICE = (
    "no site address set: set PLAYBOOK_SITE_URL (or site_url in mkdocs.yml) to the address the site will "
    "live at to add canonical links, the sitemap, oEmbed discovery, link-preview images, the API's absolute "
    "URLs, full addresses on printed PDFs and QR codes on the conversation cards"
)
"""What a build without an address says, once: what the setting would add."""

_UNSAFE = re.compile(r"[\s\"'<>`\\{}|^]")


@dataclass(frozen=True)
class SiteAddress:
    """The configured address ("" when none) and the setting it came from, for messages."""

    url: str
    setting: str


class AddressError(ValueError):
    """The configured address is not an absolute http(s) URL; the message names the setting."""


def check_site_url(value: str, setting: str) -> str:
    """The address normalised to end in '/', or AddressError naming `setting`.

    An address is absolute http or https with a host, and holds no quotes, spaces or markup: it
    lands in HTML attributes, JSON and PDFs, and a reader's browser follows it.
    """
    value = value.strip() if isinstance(value, str) else value
    if not value:
        return ""
    problem = _address_problem(value)
    if problem:
        raise AddressError(f"{setting}: {value!r} is not a site address: {problem}")
    return value if value.endswith("/") else value + "/"


def _address_problem(value: str) -> str:
    if _UNSAFE.search(value):
        return "it may not hold spaces, quotes or markup characters"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return "it is not a valid URL"
    if parts.scheme not in ("http", "https"):
        return "use an absolute http:// or https:// address, e.g. https://playbook.example.org/"
    if not parts.hostname:
        return "it names no host, e.g. https://playbook.example.org/"
    if parts.query or parts.fragment:
        return "it may not have a query (?) or fragment (#)"
    return ""


def is_loopback(url: str) -> bool:
    """Whether an address points at this machine (fine for `playbook serve`, never for a published build)."""
    host = urlsplit(url).hostname or ""
    return host in ("localhost", "::1") or host.startswith("127.") or host.endswith(".localhost")
