"""Link previews: one picture per kind of page, for the card that LinkedIn, Teams, Slack and the
like show when a reader pastes a link (Open Graph `og:image`, Twitter card).

Drawn at build time with Pillow from the Liberation fonts on the machine (Pillow's own font where
they are missing), so no outside service sees the site. Pages name their picture in the head
(overrides/partials/link-preview.html, which lists the same kinds), and only when the site has an
address: Open Graph wants absolute ones.
"""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from PIL import __version__ as pillow_version

from ..caches import VerifiedCache, cache_root, digest
from ..schema import Dataset
from .environment import SETTINGS, Output

PREVIEW_FOLDER = "assets/previews"
SIZE = (1200, 630)
"""The size Open Graph consumers ask for (1.91:1); smaller pictures get a small card."""
HOME_SUMMARY = "Small, honest habits for the working relationships that make a job easier and a career sturdier."
FONT_FOLDERS = (
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/liberation-sans"),
    Path("/usr/share/fonts/liberation"),
)

DRAWING = "preview-1"
"""Changes whenever `picture` draws differently, so that cached pictures are drawn again."""
CACHE_KEEP = 64
"""Pictures kept on disk: eight kinds per edition, for several editions and brands."""

BACKGROUND = (0, 77, 64)  # the theme's dark primary, #004d40
TEXT = (255, 255, 255)
SOFT_TEXT = (224, 242, 241)
ACCENT = (255, 171, 145)  # the dark scheme's accent, #ffab91


@dataclass(frozen=True)
class Preview:
    """What one kind's picture says."""

    kind: str
    """The first folder of the kind's addresses ("tips" for /tips/ and /tips/<id>/); "home" for the rest."""
    title: str
    summary: str


def previews(dataset: Dataset, site_name: str) -> list[Preview]:
    """The kinds of page that get a picture of their own, with their words from the dataset."""
    sections = dataset.sections
    found = [
        Preview("home", site_name, HOME_SUMMARY),
        Preview("network-types", sections.network_types.title, sections.network_types.summary),
        Preview("outcomes", sections.outcomes.title, sections.outcomes.summary),
        Preview("why-network", dataset.why_network.title, dataset.why_network.summary),
        Preview("tips", sections.tips.title, sections.tips.summary),
        Preview("sources", sections.sources.title, sections.sources.summary),
    ]
    if dataset.quizzes and sections.quizzes is not None:
        found.append(Preview("quizzes", sections.quizzes.title, sections.quizzes.summary))
    if dataset.worksheets and sections.worksheets is not None:
        found.append(Preview("worksheets", sections.worksheets.title, sections.worksheets.summary))
    return found


def preview_path(kind: str) -> str:
    return f"{PREVIEW_FOLDER}/{kind}.png"


def render(dataset: Dataset) -> Output:
    """A PNG for each kind of page: drawn once (about 60 ms each), then read from the cache."""
    site_name = SETTINGS.get().site_name
    return {preview_path(p.kind): stored_picture(site_name, p.title, p.summary) for p in previews(dataset, site_name)}


@cache
def stored_picture(site_name: str, title: str, summary: str) -> bytes:
    """`picture`, from the build cache when an earlier build drew the same card with the same
    Pillow and fonts (a cache it cannot write to only costs the drawing)."""
    fonts = [
        f"{path}:{path.stat().st_size}"
        for folder in FONT_FOLDERS
        for path in sorted(folder.glob("LiberationSans-*.ttf"))
    ]
    key = digest(json.dumps([DRAWING, pillow_version, fonts, site_name, title, summary]).encode("utf-8"))
    store = VerifiedCache(cache_root() / "previews", ".png", CACHE_KEEP)
    data = store.get(key)
    if data is None:
        data = picture(site_name, title, summary)
        with contextlib.suppress(OSError):
            store.put(key, data)
            store.prune()
    return data


Face = ImageFont.FreeTypeFont | ImageFont.ImageFont


@cache
def font(bold: bool, size: int) -> Face:
    """Liberation Sans where it is installed (Debian: fonts-liberation), else Pillow's own font."""
    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    for folder in FONT_FOLDERS:
        if (folder / name).is_file():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size)


def wrap(draw: ImageDraw.ImageDraw, text: str, face: Face, width: int, most: int) -> list[str]:
    """`text` in at most `most` lines no wider than `width` pixels, the last cut short with "…"
    when the text is longer."""
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=face) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) <= most:
        return lines
    last = lines[most - 1].split()
    while last and draw.textlength(" ".join(last) + " …", font=face) > width:
        last.pop()
    return [*lines[: most - 1], " ".join(last) + " …"]


@cache
def picture(site_name: str, title: str, summary: str) -> bytes:
    """The preview card: the site's name over an accent rule, the title, the summary, three rings.

    Pure, so each distinct card is drawn once per process; saved as an optimised palette PNG
    (flat colour and text: about 20 KB).
    """
    width, _ = SIZE
    margin = 80
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((margin, 70), site_name, font=font(True, 40), fill=SOFT_TEXT)
    draw.rectangle((margin, 132, margin + 120, 140), fill=ACCENT)
    y = 180
    size = 76 if len(title) <= 28 else 60
    for line in wrap(draw, title, font(True, size), width - 2 * margin, 2):
        draw.text((margin, y), line, font=font(True, size), fill=TEXT)
        y += int(size * 1.2)
    y += 24
    for line in wrap(draw, summary, font(False, 36), width - 2 * margin, 4):
        draw.text((margin, y), line, font=font(False, 36), fill=SOFT_TEXT)
        y += 48
    # Three linked rings in the corner: the three networks.
    for number, colour in enumerate((ACCENT, SOFT_TEXT, (128, 203, 196))):
        left = 880 + number * 70
        draw.ellipse((left, 470, left + 110, 580), outline=colour, width=8)
    buffer = io.BytesIO()
    image.quantize(colors=32, method=Image.Quantize.FASTOCTREE).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
