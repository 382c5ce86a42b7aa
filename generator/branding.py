"""An association's branded build: its name, logo, colours, contact line and a subset of content.

A brand file never touches the dataset; it selects from it. It is read with the same strict
YAML reader, the same limits and the same located errors as the data (validation.load_model_file).
Its logo is published on every page, so it must be a real, small image inside the brand file's
folder (read_logo).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Literal, get_args

from markupsafe import Markup
from pydantic import Field

from .errors import DatasetError, Problem
from .images import EXTENSIONS, NAMES, ImageKind, ImageRefused, image_kind
from .reading import FileRefused, read_limited
from .schema import Audience, Colour, Dataset, Line, Record, Slug
from .validation import load_model_file

Section = Literal["network-types", "outcomes", "why-network", "tips", "worksheets", "quizzes", "words"]
ALL_SECTIONS: tuple[Section, ...] = get_args(Section)

MAX_LOGO_BYTES = 1024 * 1024
"""A logo is downloaded with every first page view: 1 MiB is already generous."""


class Colours(Record):
    primary: Colour = Field(description="Header and buttons; white text sits on it, so keep it dark.")
    accent: Colour = Field(description="Hover and focus highlights.")


class Include(Record):
    sections: list[Section] = Field(default_factory=lambda: list(ALL_SECTIONS), min_length=1)
    tags: list[Slug] = Field(default_factory=list, description="Keep only tips with one of these tags.")
    audience: list[Audience] = Field(default_factory=lambda: list(get_args(Audience)))


class Brand(Record):
    """What an association sets for its own build."""

    id: Slug = Field(description="Names the offline bundle: dist/<id>-offline.zip.")
    name: Line
    logo: Line | None = Field(
        default=None,
        description="A PNG, JPEG, WebP or SVG image of at most 1 MiB, in the brand file's folder or below it.",
    )
    colours: Colours
    contact: Line
    include: Include = Field(default_factory=Include)

    @property
    def name_html(self) -> Markup:
        """The name escaped for HTML. Material prints `config.site_name` raw into <title>, the header
        and the navigation, and as `| e` in attributes: Markup is escaped once in both."""
        return Markup(html.escape(self.name, quote=True))

    @property
    def contact_html(self) -> Markup:
        """The contact line escaped for HTML (Material prints `config.copyright` raw in the footer)."""
        return Markup(html.escape(self.contact, quote=True))


class LogoRefused(Exception):
    """The logo cannot be published; the message says why."""


def load_brand(path: Path) -> Brand:
    """Read and validate a brand file and its logo; problems come back located, like the dataset's."""
    brand, locator = load_model_file(path, Brand)
    if brand.logo is not None:
        try:
            read_logo(path.resolve().parent, brand.logo)
        except LogoRefused as refused:
            raise DatasetError([Problem(*locator.locate(("logo",)), "logo", str(refused))]) from None
    return brand


def read_logo(brand_dir: Path, logo: str) -> tuple[bytes, ImageKind]:
    """The logo's bytes and what image it is; LogoRefused unless the site may publish it.

    It must resolve (symlinks followed) inside brand_dir, be a regular file of at most
    MAX_LOGO_BYTES, be a PNG, JPEG, WebP or safe SVG by its content, and be named for what it is
    (it is published as assets/brand/logo.<extension>, and served as that type).
    """
    try:
        folder = brand_dir.resolve()
        target = (folder / logo).resolve()
    except (OSError, RuntimeError) as error:  # a symlink loop: RuntimeError before Python 3.13
        raise LogoRefused(f"'{logo}' cannot be found: {error}") from None
    if not target.is_relative_to(folder):
        raise LogoRefused(
            f"'{logo}' is {target}, outside the brand file's folder {folder}: "
            "keep the logo in that folder (or a folder inside it)"
        )
    try:
        data = read_limited(target, MAX_LOGO_BYTES, advice="make the image smaller")
    except FileRefused as refused:
        raise LogoRefused(f"'{logo}' {refused}") from None
    try:
        kind = image_kind(data)
    except ImageRefused as refused:
        raise LogoRefused(f"'{logo}' {refused}") from None
    suffix = Path(logo).suffix.lower()
    if suffix not in EXTENSIONS[kind]:
        raise LogoRefused(
            f"'{logo}' is a {NAMES[kind]} image but its name ends in '{suffix}': name it *{EXTENSIONS[kind][0]}"
        )
    return data, kind


def apply_brand(dataset: Dataset, brand: Brand) -> Dataset:
    """The dataset an association's build shows: only the tips its tags and audiences select.

    Every reference to a tip left out goes too (collections, worksheets, quiz recommendations,
    ready-to-use words, the redirects of retired tips that lead to it, and card decks whose tags no
    kept tip has), so the branded site has no dangling link; words of an audience left out, or left
    serving no tip, go as well. Sections shape the navigation only: hand-written pages link to every
    section, so their pages stay.
    """
    include = brand.include
    tips = [
        tip
        for tip in dataset.tips
        if tip.audience in include.audience and (not include.tags or set(tip.tags) & set(include.tags))
    ]
    kept = {tip.id for tip in tips}

    def only_kept(ids: list[str]) -> list[str]:
        return [i for i in ids if i in kept]

    collections = [c.model_copy(update={"tips": only_kept(c.tips)}) for c in dataset.collections]
    worksheets = [w.model_copy(update={"tips": only_kept(w.tips)}) for w in dataset.worksheets]
    quizzes = [
        q.model_copy(
            update={
                "dimensions": [
                    d.model_copy(update={"bands": [b.model_copy(update={"tips": only_kept(b.tips)}) for b in d.bands]})
                    for d in q.dimensions
                ]
            }
        )
        for q in dataset.quizzes
    ]
    words = [
        w.model_copy(update={"tips": only_kept(w.tips)})
        for w in dataset.words
        if w.audience in include.audience and only_kept(w.tips)
    ]
    retired = [r for r in dataset.retired_tips if r.replaced_by in kept]
    tags = {tag for tip in tips for tag in tip.tags}
    card_decks = [deck for deck in dataset.card_decks if set(deck.tags) & tags]
    return dataset.model_copy(
        update={
            "tips": tips,
            "collections": collections,
            "worksheets": worksheets,
            "quizzes": quizzes,
            "words": words,
            "retired_tips": retired,
            "card_decks": card_decks,
        }
    )


BRAND_CSS = "assets/brand/brand.css"


def brand_logo_path(brand: Brand) -> str:
    """Where the brand's logo is published in the site (its extension is one read_logo accepts)."""
    suffix = Path(brand.logo or "logo.svg").suffix.lower()
    if not any(suffix in extensions for extensions in EXTENSIONS.values()):
        raise ValueError(f"the logo {brand.logo!r} was not checked by load_brand")
    return f"assets/brand/logo{suffix}"


def brand_files(brand: Brand, brand_dir: Path) -> dict[str, str | bytes]:
    """The files a branded build adds: its colours and its logo (checked again as it is read)."""
    files: dict[str, str | bytes] = {BRAND_CSS: brand_css(brand)}
    if brand.logo:
        try:
            files[brand_logo_path(brand)] = read_logo(brand_dir, brand.logo)[0]
        except LogoRefused as refused:
            raise DatasetError([Problem(str(brand_dir / brand.logo), 1, 1, "logo", str(refused))]) from None
    return files


def brand_css(brand: Brand) -> str:
    """Material's colour variables set to the brand's colours, for light and dark schemes."""
    primary, accent = brand.colours.primary, brand.colours.accent
    return (
        "/* Generated from the association's brand file. */\n"
        "[data-md-color-primary] {\n"
        f"  --md-primary-fg-color: {primary};\n"
        f"  --md-primary-fg-color--light: {primary};\n"
        f"  --md-primary-fg-color--dark: {primary};\n"
        "}\n"
        "[data-md-color-accent] {\n"
        f"  --md-accent-fg-color: {accent};\n"
        "}\n"
        '[data-md-color-scheme="default"] {\n'
        f"  --md-typeset-a-color: {primary};\n"
        "}\n"
    )


def keep_nav_entry(entry: object, sections: list[Section]) -> bool:
    """Whether a nav entry (as in mkdocs.yml) survives the brand's choice of sections."""
    targets: list[str] = []
    stack = [entry]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            targets.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    excluded = [s for s in ALL_SECTIONS if s not in sections]
    prefixes = {"tips": ("tips/", "collections/")}
    for section in excluded:
        for prefix in prefixes.get(section, (f"{section}/", f"{section}.md")):
            if any(t.startswith(prefix) for t in targets):
                return False
    return True
