"""What an image file really is, judged by its content: PNG, JPEG, WebP or a safe SVG.

A brand's logo is published on every page, so its name proves nothing. Raster images are
recognised by their signature and then opened by Pillow (a broken or bomb-sized image is
refused). An SVG is XML that a browser runs as a document when it is opened on its own, so it is
parsed with expat with every DTD refused (no entities, so no billion laughs and no external
entities) and refused if it holds anything that runs or fetches: a script, an event-handler
attribute, a foreignObject, an animation that rewrites a link, or a reference that leaves the file
(href, xlink:href, url() or @import to anything but `#...` or `data:image/...`).
"""

from __future__ import annotations

import io
import re
import struct
import warnings
from dataclasses import dataclass, field
from typing import Literal, NoReturn
from xml.parsers import expat

from PIL import Image, UnidentifiedImageError

ImageKind = Literal["png", "jpeg", "webp", "svg"]

EXTENSIONS: dict[ImageKind, tuple[str, ...]] = {
    "png": (".png",),
    "jpeg": (".jpg", ".jpeg"),
    "webp": (".webp",),
    "svg": (".svg",),
}
"""The file extensions each kind may be published under (the first is the usual one)."""

MAX_SIDE = 4096
"""Pixels on the longer side of a raster logo: a header shows it at about 48 px high, and a
larger image only costs every reader memory (a 1 MB PNG can hold a 30,000 x 30,000 image)."""

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"
_NAMESPACE_SEPARATOR = " "
_SIGNATURES: tuple[tuple[ImageKind, bytes, int], ...] = (("png", b"\x89PNG\r\n\x1a\n", 0), ("jpeg", b"\xff\xd8\xff", 0))
_PILLOW_FORMAT: dict[ImageKind, str] = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}
NAMES: dict[ImageKind, str] = {"png": "PNG", "jpeg": "JPEG", "webp": "WebP", "svg": "SVG"}
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"

_ELEMENTS_REFUSED = {
    "script": "a <script> element",
    "foreignobject": "a <foreignObject> element (it can hold a whole web page)",
    "handler": "a <handler> element (it runs script)",
    "iframe": "an <iframe> element",
    "embed": "an <embed> element",
    "object": "an <object> element",
}
_ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform", "animatecolor", "discard"}
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_CSS_URL_START = re.compile(r"url\(", re.IGNORECASE)
_CSS_FETCHING = re.compile(r"@import|@font-face|\b(?:-webkit-)?(?:image-set|image|src|cross-fade|element)\s*\(", re.I)


class ImageRefused(Exception):
    """The bytes are not an image the site publishes, or not a safe one; the message says why."""


def image_kind(data: bytes) -> ImageKind:
    """PNG, JPEG, WebP or SVG, from the bytes alone; ImageRefused for anything else or unsafe."""
    for kind, signature, offset in _SIGNATURES:
        if data[offset : offset + len(signature)] == signature:
            return _checked_raster(data, kind)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _checked_raster(data, "webp")
    if _looks_like_xml(data):
        check_svg(data)
        return "svg"
    raise ImageRefused("is not a PNG, JPEG, WebP or SVG image (judged by its content, not its name)")


def _checked_raster(data: bytes, kind: ImageKind) -> ImageKind:
    """Open the image with Pillow without decoding its pixels: its header must make sense."""
    name = NAMES[kind]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[_PILLOW_FORMAT[kind]]) as image:
                width, height = image.size
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRefused(f"is a {name} image too large to display safely") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, struct.error):
        raise ImageRefused(f"starts like a {name} image but cannot be read: the file is damaged") from None
    if max(width, height) > MAX_SIDE:
        raise ImageRefused(f"is {width} x {height} pixels; at most {MAX_SIDE} on each side: scale it down")
    return kind


def _looks_like_xml(data: bytes) -> bool:
    start = data.lstrip(b"\xef\xbb\xbf").lstrip()
    return start.startswith(b"<")


@dataclass
class _SvgWalk:
    """What the expat handlers need while they walk an SVG: open elements and <style> text."""

    open_elements: list[str] = field(default_factory=list)
    root_seen: bool = False
    style_text: list[str] = field(default_factory=list)


def check_svg(data: bytes) -> None:
    """Parse an SVG and refuse it (ImageRefused, with the line) if it can run or fetch anything."""
    parser = expat.ParserCreate(namespace_separator=_NAMESPACE_SEPARATOR)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    walk = _SvgWalk()

    def refuse(reason: str) -> NoReturn:
        raise ImageRefused(f"is an SVG with {reason} (line {parser.CurrentLineNumber}): remove it")

    def doctype(*_: object) -> NoReturn:
        refuse("a DOCTYPE (document type declarations can define entities)")

    def entity(*_: object) -> NoReturn:
        refuse("an entity declaration or reference")

    def external_entity(*_: object) -> int:
        refuse("an external entity")

    def processing_instruction(target: str, _data: str) -> None:
        refuse(f"a processing instruction <?{target} ...?> (it can load a stylesheet)")

    def start(name: str, attributes: dict[str, str]) -> None:
        namespace, local = _split(name)
        if not walk.root_seen:
            walk.root_seen = True
            if local != "svg":
                raise ImageRefused(f"is XML but not an SVG image: its root element is <{local}>, not <svg>")
            if namespace != SVG_NAMESPACE:
                raise ImageRefused(f'is an SVG without xmlns="{SVG_NAMESPACE}" on its root: add it')
        reason = _ELEMENTS_REFUSED.get(local.lower())
        if reason is not None:
            refuse(reason)
        if namespace == XHTML_NAMESPACE:
            refuse(f"an HTML <{local}> element (HTML inside an SVG can load and run things)")
        if local.lower() in _ANIMATIONS:
            target = attributes.get("attributeName", "").strip().lower()
            if target.endswith("href") or target.startswith("on"):
                refuse(f"an animation (<{local}>) that changes '{target}'")
        for attribute, value in attributes.items():
            refuse_attribute(attribute, value)
        walk.open_elements.append(local.lower())

    def refuse_attribute(attribute: str, value: str) -> None:
        namespace, local = _split(attribute)
        if local.lower().startswith("on"):
            refuse(f"an event-handler attribute '{local}'")
        if local.lower() == "href" and not _local_reference(value):
            refuse(f'a reference that leaves the file: {local}="{_short(value)}"')
        if namespace in ("", SVG_NAMESPACE):
            css_problem = _css_problem(value)
            if css_problem:
                refuse(f"an attribute '{local}' that {css_problem}")

    def end(_name: str) -> None:
        closed = walk.open_elements.pop()
        if closed == "style":
            css_problem = _css_problem("".join(walk.style_text))
            walk.style_text.clear()
            if css_problem:
                refuse(f"a <style> element that {css_problem}")

    def text(content: str) -> None:
        if walk.open_elements and walk.open_elements[-1] == "style":
            walk.style_text.append(content)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = external_entity
    parser.ProcessingInstructionHandler = processing_instruction
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise ImageRefused(
            f"is not a PNG, JPEG or WebP image, nor a well-formed SVG: {expat.ErrorString(error.code)} "
            f"(line {error.lineno}, column {error.offset + 1})"
        ) from None
    except (LookupError, ValueError, RecursionError) as error:  # an unknown encoding is a LookupError
        raise ImageRefused(f"is not a readable SVG: {error}") from None


def _split(name: str) -> tuple[str, str]:
    """`"http://www.w3.org/2000/svg svg"` -> (namespace, local name); no namespace -> ('', name)."""
    namespace, _, local = name.rpartition(_NAMESPACE_SEPARATOR)
    return namespace, local


def _local_reference(value: str) -> bool:
    """A reference that stays inside the file: a fragment, or an image written out in data:."""
    target = "".join(value.split()).lower()
    return target.startswith("#") or target.startswith("data:image/")


def _css_problem(css: str) -> str:
    """What in a piece of CSS reaches outside the file ('' when nothing does)."""
    if "\\" in css:
        return "uses a CSS escape (a backslash can spell out url( or @import)"
    fetching = _CSS_FETCHING.search(css)
    if fetching:
        return f"can load a file ({fetching.group(0)})"
    urls = list(_CSS_URL.finditer(css))
    for match in urls:
        if not _local_reference(match.group(2)):
            return f"loads url({_short(match.group(2))}) from outside the file"
    if len(urls) != len(_CSS_URL_START.findall(css)):
        return "has a url( that does not close"
    return ""


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."
