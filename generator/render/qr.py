"""QR codes for printed cards, made at build time so the site ships no QR library.

segno is pure Python; the code comes out as inline SVG that WeasyPrint draws as vectors, sharp at
any printer resolution and needing no fetch (the print documents may load nothing from outside).
"""

from __future__ import annotations

from markupsafe import Markup


def qr_svg(address: str, css_class: str = "qr") -> Markup:
    """An SVG QR code for `address`, sized by CSS (viewBox only), with the standard 4-module quiet zone."""
    import segno

    code = segno.make(address, error="m", micro=False)
    svg: str = code.svg_inline(scale=1, border=4, omitsize=True, svgclass=css_class, lineclass=None, dark="#000")
    return Markup(svg)
