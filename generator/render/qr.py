"""QR codes for printed cards, made at build time so the site ships no QR library.

segno is pure Python; the code comes out as inline SVG that WeasyPrint draws as vectors, sharp at
any printer resolution and needing no fetch (the print documents may load nothing from outside).

Drawing a code takes segno about 15 ms (it tries all eight masks), and a deck prints every tip's, so
the print documents hold a placeholder naming the address (`qr_placeholder`) and the codes are drawn
only when a PDF is actually printed (`with_qr_codes`). The document with placeholders, plus
`QR_MAKER`, still determines the PDF, so the PDF cache keys on it and a rebuild with nothing
changed draws no code at all.
"""

from __future__ import annotations

import html
import re
from functools import cache

from markupsafe import Markup

_PLACEHOLDER = re.compile(r'<pb-qr class="([^"<>]*)" data-address="([^"<>]*)"></pb-qr>')


def qr_svg(address: str, css_class: str = "qr") -> Markup:
    """An SVG QR code for `address`, sized by CSS (viewBox only), with the standard 4-module quiet zone."""
    import segno

    code = segno.make(address, error="m", micro=False)
    svg: str = code.svg_inline(scale=1, border=4, omitsize=True, svgclass=css_class, lineclass=None, dark="#000")
    return Markup(svg)


def qr_placeholder(address: str, css_class: str = "qr") -> Markup:
    """Where `with_qr_codes` will draw the QR code of `address` (both escaped here, unescaped there)."""
    return Markup('<pb-qr class="{}" data-address="{}"></pb-qr>').format(css_class, address)


def with_qr_codes(document: str) -> str:
    """`document` with every placeholder replaced by its QR code."""
    return _PLACEHOLDER.sub(lambda m: qr_svg(html.unescape(m[2]), html.unescape(m[1])), document)


@cache
def qr_maker() -> str:
    """What draws the codes, for the PDF cache key: segno's version and the options above."""
    from importlib.metadata import version

    return f"segno {version('segno')} error=m border=4"
