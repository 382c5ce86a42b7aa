"""An association's branded build: its name, logo, colours, contact line and a subset of content.

A brand file never touches the dataset; it selects from it. It is read with the same strict
YAML reader and validated with the same located errors as the data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import Field, StringConstraints, ValidationError

from .errors import DatasetError, Problem
from .schema import Audience, Dataset, Line, Record, Slug
from .yaml_reader import ReadError, decode, read_yaml

Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
Section = Literal["network-types", "outcomes", "why-network", "tips", "worksheets", "quizzes"]
ALL_SECTIONS: tuple[Section, ...] = ("network-types", "outcomes", "why-network", "tips", "worksheets", "quizzes")


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
    logo: str | None = Field(default=None, description="Path to an SVG or PNG, relative to the brand file.")
    colours: Colours
    contact: Line
    include: Include = Field(default_factory=Include)


def load_brand(path: Path) -> Brand:
    """Read and validate a brand file; problems come back located, like the dataset's."""
    name = path.name
    try:
        doc = read_yaml(decode(path.read_bytes(), name), name)
    except ReadError as error:
        raise DatasetError([error.problem]) from None
    except OSError as error:
        raise DatasetError([Problem(name, 1, 1, "", f"cannot read the brand file: {error.strerror}")]) from None
    try:
        brand = Brand.model_validate(doc.data)
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False):
            loc = tuple(item["loc"])
            line, column = doc.values.get(loc) or doc.values.get(loc[:-1]) or (1, 1)
            problems.append(Problem(name, line, column, ".".join(map(str, loc)), item["msg"]))
        raise DatasetError(problems) from None
    if brand.logo and not (path.parent / brand.logo).is_file():
        line, column = doc.values.get(("logo",), (1, 1))
        raise DatasetError([Problem(name, line, column, "logo", f"no such file: {brand.logo}")])
    return brand


def apply_brand(dataset: Dataset, brand: Brand) -> Dataset:
    """The dataset an association's build shows: only the tips its tags and audiences select.

    Every reference to a tip left out goes too (collections, worksheets, quiz recommendations, card
    decks whose tags no kept tip has),
    so the branded site has no dangling link. Sections shape the navigation only: hand-written
    pages link to every section, so their pages stay.
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
    tags = {tag for tip in tips for tag in tip.tags}
    card_decks = [deck for deck in dataset.card_decks if set(deck.tags) & tags]
    return dataset.model_copy(
        update={
            "tips": tips,
            "collections": collections,
            "worksheets": worksheets,
            "quizzes": quizzes,
            "card_decks": card_decks,
        }
    )


BRAND_CSS = "assets/brand/brand.css"


def brand_logo_path(brand: Brand) -> str:
    """Where the brand's logo is published in the site."""
    suffix = Path(brand.logo or "logo.svg").suffix.lower()
    return f"assets/brand/logo{suffix}"


def brand_files(brand: Brand, brand_dir: Path) -> dict[str, str | bytes]:
    """The files a branded build adds: its colours and its logo."""
    files: dict[str, str | bytes] = {BRAND_CSS: brand_css(brand)}
    if brand.logo:
        files[brand_logo_path(brand)] = (brand_dir / brand.logo).read_bytes()
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
