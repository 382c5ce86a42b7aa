"""Images judged by content: PNG, JPEG and WebP opened by Pillow, SVG parsed without a DTD and
refused if anything in it could run or fetch."""

from __future__ import annotations

import io
import time
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from generator.images import MAX_SIDE, ImageRefused, check_svg, image_kind

SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'


def svg(body: str) -> bytes:
    return f"{SVG_OPEN}{body}</svg>".encode()


def raster(kind: str, size: tuple[int, int] = (8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (29, 78, 137)).save(buffer, kind)
    return buffer.getvalue()


def refusal(data: bytes) -> str:
    with pytest.raises(ImageRefused) as refused:
        image_kind(data)
    return str(refused.value)


@pytest.mark.parametrize(("pillow_format", "kind"), [("PNG", "png"), ("JPEG", "jpeg"), ("WEBP", "webp")])
def test_raster_images_are_recognised_by_their_content(pillow_format: str, kind: str) -> None:
    assert image_kind(raster(pillow_format)) == kind


def test_a_real_world_svg_is_accepted() -> None:
    """Editor metadata, gradients and masks by fragment, an embedded bitmap, styles that stay inside."""
    logo = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        "<!-- Created with Inkscape -->\n"
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"'
        ' xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"'
        ' sodipodi:docname="C:\\logos\\logo.svg" viewBox="0 0 10 10">'
        '<sodipodi:namedview inkscape:zoom="1"/>'
        "<title>Northern Allied Health</title>"
        "<style>.a { fill: url(#g); font-family: 'Open Sans', sans-serif }</style>"
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#1d4e89"/></linearGradient></defs>'
        '<rect class="a" width="10" height="10" style="stroke: url(\'#g\')"/>'
        '<use xlink:href="#g"/><image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>'
        "<text>A &amp; B</text></svg>"
    )
    assert image_kind(logo.encode()) == "svg"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("<script>alert(1)</script>", "a <script> element"),
        ('<script xlink:href="https://x.example/a.js"/>', "a <script> element"),
        ('<rect onclick="alert(1)"/>', "an event-handler attribute 'onclick'"),
        ('<rect ONMOUSEOVER="alert(1)"/>', "an event-handler attribute 'ONMOUSEOVER'"),
        ("<foreignObject><p>Hi</p></foreignObject>", "a <foreignObject> element"),
        ('<handler type="application/ecmascript">alert(1)</handler>', "a <handler> element"),
        ('<image href="https://tracker.example/p.png"/>', 'a reference that leaves the file: href="https://'),
        ('<use xlink:href="other.svg#logo"/>', 'a reference that leaves the file: href="other.svg#logo"'),
        ('<a href=" java&#10;script:alert(1)"><rect/></a>', "a reference that leaves the file"),
        ('<feImage href="//tracker.example/p.png"/>', "a reference that leaves the file"),
        ('<a><animate attributeName="xlink:href" values="javascript:alert(1)"/></a>', "changes 'xlink:href'"),
        ('<rect><set attributeName="onclick" to="alert(1)"/></rect>', "changes 'onclick'"),
        ('<rect><set attributeName="fill" to="url(https://x.example/#a)"/></rect>', "an attribute 'to' that loads"),
        ('<rect style="fill: URL( https://x.example/a )"/>', "an attribute 'style' that loads url(https://x.exa"),
        ('<rect style="fill: u\\72l(https://x.example/a)"/>', "uses a CSS escape"),
        ("<style>@font-face { font-family: a; src: local(a) }</style>", "can load a file (@font-face)"),
        ('<rect style="fill: image-set(&quot;https://x.example/a.png&quot; 1x)"/>', "can load a file (image-set("),
        ('<rect style="fill: url(#a"/>', "a url( that does not close"),
        ("<style>rect { fill: url(https://x.example/a) }</style>", "a <style> element that loads url("),
        ('<iframe src="https://x.example/"/>', "an <iframe> element"),
        ('<h:img xmlns:h="http://www.w3.org/1999/xhtml" src="https://x.example/p.png"/>', "an HTML <img> element"),
    ],
)
def test_an_svg_that_can_run_or_fetch_anything_is_refused(body: str, reason: str) -> None:
    message = refusal(svg(body))
    assert message.startswith("is an SVG with "), message
    assert reason in message, message
    assert message.endswith("(line 1): remove it"), message


def test_an_entity_bomb_is_refused_before_anything_expands() -> None:
    bomb = '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(20)
    )
    bomb += "]>\n" + f"{SVG_OPEN}<text>&u;</text></svg>"
    started = time.perf_counter()
    assert "a DOCTYPE" in refusal(bomb.encode())
    assert time.perf_counter() - started < 1


def test_an_external_entity_is_never_fetched() -> None:
    leak = b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>'
    assert "a DOCTYPE" in refusal(leak)


def test_an_undeclared_entity_is_a_parse_error_not_a_lookup() -> None:
    assert "nor a well-formed SVG: undefined entity" in refusal(svg("<text>&nbsp;</text>"))


def test_only_an_svg_root_in_the_svg_namespace_is_an_svg() -> None:
    assert refusal(b"<svg><rect/></svg>") == 'is an SVG without xmlns="http://www.w3.org/2000/svg" on its root: add it'
    assert "its root element is <html>" in refusal(b'<html xmlns="http://www.w3.org/1999/xhtml"/>')


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"GIF89a\x01\x00\x01\x00",
        b"%PDF-1.7\n",
        b"#!/bin/sh\nrm -rf /\n",
        b"\x00" * 64,
        b"RIFF\x00\x00\x00\x00WAVE",
    ],
)
def test_anything_else_is_not_an_image(data: bytes) -> None:
    assert refusal(data) == "is not a PNG, JPEG, WebP or SVG image (judged by its content, not its name)"


@pytest.mark.parametrize("pillow_format", ["PNG", "JPEG", "WEBP"])
def test_a_truncated_raster_image_is_damaged(pillow_format: str) -> None:
    message = refusal(raster(pillow_format)[:30])
    assert message.endswith("image but cannot be read: the file is damaged"), message


def test_a_raster_image_larger_than_a_logo_needs_is_refused() -> None:
    wide = raster("PNG", (MAX_SIDE + 1, 2))
    assert refusal(wide) == f"is {MAX_SIDE + 1} x 2 pixels; at most {MAX_SIDE} on each side: scale it down"


def test_a_decompression_bomb_is_refused_without_decoding_it() -> None:
    """A tiny PNG whose header claims 60,000 x 60,000 pixels: refused from the header alone."""
    small = raster("PNG", (1, 1))
    header_end = 8 + 8 + 13 + 4
    ihdr = bytearray(small[8:header_end])
    ihdr[8:16] = (60000).to_bytes(4, "big") * 2
    ihdr[-4:] = zlib.crc32(bytes(ihdr[4:-4])).to_bytes(4, "big")
    bomb = small[:8] + bytes(ihdr) + small[header_end:]
    started = time.perf_counter()
    message = refusal(bomb)
    assert message == "is a PNG image too large to display safely"
    assert time.perf_counter() - started < 1


def test_check_svg_reports_the_line_of_the_problem() -> None:
    with pytest.raises(ImageRefused, match=r"\(line 4\)"):
        check_svg(f'<?xml version="1.0"?>\n{SVG_OPEN}\n<g>\n<script/>\n</g></svg>'.encode())


def test_an_unknown_encoding_is_refused_not_raised() -> None:
    declared = b'<?xml version="1.0" encoding="bogus"?><svg xmlns="http://www.w3.org/2000/svg"/>'
    assert refusal(declared) == "is not a readable SVG: unknown encoding: bogus"


SIGNATURES = st.sampled_from([b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"RIFF\x10\x00\x00\x00WEBPVP8 "])


@settings(max_examples=400, deadline=None)
@given(SIGNATURES, st.binary(max_size=400))
def test_raster_signatures_with_any_body_are_recognised_or_refused(signature: bytes, body: bytes) -> None:
    try:
        assert image_kind(signature + body) in ("png", "jpeg", "webp")
    except ImageRefused as refused:
        assert str(refused)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["PNG", "JPEG", "WEBP"]), st.data())
def test_real_images_with_damage_are_recognised_or_refused(pillow_format: str, data: st.DataObject) -> None:
    image = bytearray(raster(pillow_format, (16, 16)))
    for _ in range(data.draw(st.integers(1, 8))):
        image[data.draw(st.integers(0, len(image) - 1))] = data.draw(st.integers(0, 255))
    try:
        image_kind(bytes(image))
    except ImageRefused as refused:
        assert str(refused)
