"""The dataset's schema: one pydantic model per record kind.

Every model forbids unknown fields and is strict (no silent coercion of
`"12"` to 12 or `"no"` to False), so a typo in the YAML is an error rather
than a quietly different page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = "1.0"

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
TEXT_PATTERN = r"\S"
URL_PATTERN = r"^(https?://|mailto:)\S+$"
COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
"""The patterns, named so that validation.py can say in words what each one wants."""


@dataclass(frozen=True)
class BelowRange:
    """Advice for a value below its type's allowed range (pydantic ignores this metadata)."""

    text: str


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=60)]
"""An id: lowercase letters, digits and single hyphens; it becomes a URL."""

Line = Annotated[str, StringConstraints(pattern=TEXT_PATTERN, max_length=200)]
"""One line of plain text: a title, a label, a list item."""

Prose = Annotated[str, StringConstraints(pattern=TEXT_PATTERN, max_length=5000)]
"""A paragraph or more of Markdown (sanitised when rendered)."""

Url = Annotated[str, StringConstraints(pattern=URL_PATTERN, max_length=500)]
"""Only web and mail links: never javascript: or data: URLs."""

Colour = Annotated[str, StringConstraints(pattern=COLOUR_PATTERN)]
"""A colour as '#' and six hexadecimal digits (a brand's colours land in CSS: nothing else may)."""

Weight = Annotated[
    float,
    Field(ge=0.01, le=100, allow_inf_nan=False),
    BelowRange("a statement that counts against a dimension keeps a positive weight and adds 'reverse: true'"),
]
"""How much a statement counts towards a dimension, relative to the others; scores multiply and
sum weights, so they are bounded (1.0e308 would overflow to infinity and a score to NaN)."""

NetworkTypeId = Slug
OutcomeId = Slug
SourceId = Slug
TipId = Slug

Moment = Literal["before-event", "during-event", "after-event", "online", "inside-organisation"]
"""When a tip applies."""

Audience = Literal["individual", "association"]
"""Who a tip is for: anyone networking, or people who run an association's events."""


class Record(BaseModel):
    """Base for every record: strict, closed, immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(Record):
    """A published work the playbook rests on."""

    id: SourceId
    authors: list[Line] = Field(min_length=1)
    title: Line
    publication: Line
    date: Line = Field(description="As the source gives it, e.g. 'January 2007'.")
    url: Url | None = None
    note: Line | None = None
    cited_for: Prose | None = Field(
        default=None, description="What the playbook cites this work for, and nothing more (shown on /sources/)."
    )


class Step(Record):
    """One step in a how-to list."""

    title: Line
    detail: Prose


class Strength(Record):
    """What makes a network type strong (Ibarra & Hunter)."""

    quality: Literal["depth", "breadth", "leverage"]
    explanation: Prose


class Example(Record):
    """A short worked example in one of the two settings readers live in."""

    setting: Literal["organisation", "association"]
    title: Line
    story: Prose


class NetworkType(Record):
    """Operational, personal or strategic."""

    id: NetworkTypeId
    name: Line
    tagline: Line
    summary: Line = Field(description="One sentence; also the page's meta description.")
    purpose: Prose
    where: Prose = Field(description="Where this network's people are.")
    time_horizon: Line
    membership: Prose = Field(description="Who belongs, and who decides.")
    strength: Strength
    find_members: list[Line] = Field(min_length=1)
    build_steps: list[Step] = Field(min_length=1)
    neglect_signs: list[Line] = Field(min_length=1)
    examples: list[Example] = Field(min_length=1)
    sources: list[SourceId] = Field(min_length=1)


class OrganicLevel(Record):
    """A rung inside the organic outcome: coffee mates, lunch/drink mates, friends."""

    id: Slug
    name: Line
    summary: Line
    looks_like: Prose
    social_risk: Prose


class Outcome(Record):
    """A level of the outcome ladder: natural, purposeful, organic."""

    id: OutcomeId
    rank: int = Field(ge=1, le=9, description="Position on the ladder, 1 at the bottom.")
    name: Line
    tagline: Line
    summary: Line
    looks_like: Prose
    social_risk: Prose
    climb_moves: list[Line] = Field(min_length=1)
    when_not_to_push: list[Line] = Field(min_length=1)
    levels: list[OrganicLevel] = Field(default_factory=list)
    sources: list[SourceId] = Field(min_length=1)


class Reason(Record):
    """One reason networking is worth the effort."""

    id: Slug
    title: Line
    body: Prose
    example: Prose


class Quotation(Record):
    """A short saying, always shown with its attribution."""

    text: Line
    attribution: Line
    source: SourceId


class WhyNetwork(Record):
    """The "why networking is worth it" page."""

    title: Line
    summary: Line
    intro: Prose
    reasons: list[Reason] = Field(min_length=1)
    quotation: Quotation | None = None
    sources: list[SourceId] = Field(min_length=1)


PROMPT_PATTERN = r"^\S.{8,}\?$"
"""One question: at least ten characters, ending in a question mark."""
Prompt = Annotated[str, StringConstraints(pattern=PROMPT_PATTERN, max_length=110)]
"""A conversation prompt: one question, short enough to read across a table (at most 110 characters)."""


class TableTopic(Record):
    """A topic for a table at an event, printed on a fold-in-half tent card with its prompts."""

    topic: Annotated[str, StringConstraints(pattern=r"\S", max_length=48)] = Field(
        description="The tent's heading, at most 48 characters so it fits on one or two lines."
    )
    prompts: list[Prompt] = Field(min_length=2, max_length=3, description="Two or three questions to start with.")


class Tip(Record):
    """One practical tip, placed on the network type x outcome matrix."""

    id: TipId
    title: Line
    summary: Line = Field(description="One line; shown in listings and as meta description.")
    body: Prose = Field(description="Markdown, 100-250 words, with concrete steps.")
    network_types: list[NetworkTypeId] = Field(min_length=1)
    outcome: OutcomeId
    when: list[Moment] = Field(min_length=1)
    time_needed: Line = Field(description="e.g. '10 minutes', '1 hour a month'.")
    tags: list[Slug] = Field(default_factory=list)
    audience: Audience = "individual"
    sources: list[SourceId] = Field(default_factory=list)
    table_topic: TableTopic | None = Field(default=None, description="Makes a table-topic tent for the event kit.")


class CardDeck(Record):
    """A conversation card deck of the tips with any of these tags (every tip and every collection get one anyway)."""

    id: Slug
    title: Line
    summary: Line
    tags: list[Slug] = Field(min_length=1)


class RetiredTip(Record):
    """A tip id that is no longer in the dataset: its old address leads to the tip that replaced it.

    Tips are merged or rewritten between editions; intranets, bookmarks and printed worksheets
    still carry the old address, so it keeps working as a small redirect page.
    """

    id: TipId
    replaced_by: TipId
    reason: Line = Field(description="Shown on the redirect page, e.g. 'Merged with ... in the second edition.'")


PLACEHOLDER = r"\[[^\[\]\n]+\]"
"""A gap the reader fills in: text in square brackets on one line, e.g. [their name]."""


class Words(Record):
    """Ready-to-use words for one situation: a message to send or a few lines to say.

    Text in [square brackets] is a placeholder for the reader to fill in (see `PLACEHOLDER`);
    every record serves at least one tip, and each of those tips links to it.
    """

    id: Slug
    title: Line
    summary: Line = Field(description="One line; shown in listings and as meta description.")
    situation: Prose = Field(description="When these words fit, and when they do not.")
    medium: Literal["spoken", "written"] = Field(description="Said aloud, or sent as a message.")
    text: Annotated[str, StringConstraints(pattern=r"\S", max_length=2000)] = Field(
        description="The words themselves; blank lines separate paragraphs; [placeholders] in square brackets."
    )
    adapt: list[Line] = Field(min_length=1, description="What to change to make the words the reader's own.")
    tips: list[TipId] = Field(min_length=1, description="The tips these words serve; each links here.")
    audience: Audience = "individual"


class Collection(Record):
    """A curated, ordered list of tips with its own page."""

    id: Slug
    title: Line
    summary: Line
    intro: Prose
    tips: list[TipId] = Field(min_length=1)


class ChecklistItem(Record):
    """One box to tick on a worksheet."""

    id: Slug
    label: Line


class Column(Record):
    """A column of a worksheet table; width is relative to the other columns."""

    id: Slug
    label: Line
    width: int = Field(default=1, ge=1, le=6)


class WorksheetField(Record):
    """Something to fill in: a line of text, writing lines, a checklist or a table.

    Each kind uses its own attributes: `lines` for `lines`, `items` for
    `checklist`, `columns` and `rows` for `table`. Field ids become the PDF's
    form-field names (`<section>.<field>`), so they are stable.
    """

    id: Slug
    kind: Literal["text", "lines", "checklist", "table"]
    label: Line
    help: Line | None = None
    lines: int = Field(default=3, ge=1, le=30, description="Handwriting lines for kind 'lines'.")
    items: list[ChecklistItem] = Field(default_factory=list)
    columns: list[Column] = Field(default_factory=list)
    rows: int = Field(default=0, ge=0, le=40)


class WorksheetSection(Record):
    """A titled group of fields on a worksheet."""

    id: Slug
    title: Line
    intro: Prose | None = None
    fields: list[WorksheetField] = Field(min_length=1)


class Worksheet(Record):
    """A printable, fillable worksheet."""

    id: Slug
    title: Line
    summary: Line
    intro: Prose
    audience: Audience = "individual"
    time_needed: Line
    pages: int = Field(ge=1, le=12, description="Pages it prints to, on A4 and on US Letter alike.")
    sections: list[WorksheetSection] = Field(min_length=1)
    network_types: list[NetworkTypeId] = Field(default_factory=list)
    outcomes: list[OutcomeId] = Field(default_factory=list)
    tips: list[TipId] = Field(default_factory=list)
    sources: list[SourceId] = Field(default_factory=list)


class LikertScale(Record):
    """The answer scale of a self-assessment: `points` labelled options, 1 to points."""

    points: int = Field(ge=3, le=7)
    labels: list[Line] = Field(min_length=3, max_length=7)


class Band(Record):
    """A score range on one dimension, [min, max), with what it means and what to read next.

    Bands of a dimension must cover 0 to 100 without gap or overlap; the last
    band includes 100.
    """

    min: int = Field(ge=0, le=100)
    max: int = Field(ge=0, le=100)
    label: Line
    interpretation: Prose
    tips: list[TipId] = Field(default_factory=list)


class Dimension(Record):
    """What a self-assessment measures, e.g. the strength of your strategic network."""

    id: Slug
    name: Line
    description: Line
    bands: list[Band] = Field(min_length=1)


class LikertItem(Record):
    """A statement the reader rates; it counts towards dimensions with weights."""

    id: Slug
    text: Line
    weights: dict[Slug, Weight] = Field(min_length=1)
    reverse: bool = False


class ScenarioOption(Record):
    """One answer to a scenario, with feedback whether it is right or wrong."""

    answer: Slug = Field(description="A network type id or an outcome id, as the quiz's `answers` says.")
    feedback: Prose
    correct: bool = False


class Scenario(Record):
    """A short situation; the reader picks the network type or outcome level it shows."""

    id: Slug
    situation: Prose
    question: Line
    options: list[ScenarioOption] = Field(min_length=2)


class Quiz(Record):
    """A self-assessment profile (Likert items scored into dimensions) or a scenario quiz."""

    id: Slug
    kind: Literal["profile", "scenario"]
    title: Line
    summary: Line
    intro: Prose
    time_needed: Line
    scale: LikertScale | None = None
    dimensions: list[Dimension] = Field(default_factory=list)
    items: list[LikertItem] = Field(default_factory=list)
    answers: Literal["network_types", "outcomes"] | None = None
    scenarios: list[Scenario] = Field(default_factory=list)
    sources: list[SourceId] = Field(default_factory=list)


class SectionIntro(Record):
    """The title, meta description and opening words of a generated index page."""

    title: Line
    summary: Line
    intro: Prose


class Sections(Record):
    """Opening words for the generated pages that list other records."""

    network_types: SectionIntro
    outcomes: SectionIntro
    tips: SectionIntro
    worksheets: SectionIntro | None = None
    quizzes: SectionIntro | None = None
    words: SectionIntro | None = None
    association_plays: SectionIntro
    matrix: SectionIntro
    sources: SectionIntro


class DataFile(Record):
    """What one file in data/ may hold: any of the dataset's sections.

    List sections may be split over several files and are concatenated;
    single sections (why_network, sections) must appear exactly once.
    """

    sources: list[Source] | None = None
    network_types: list[NetworkType] | None = None
    outcomes: list[Outcome] | None = None
    why_network: WhyNetwork | None = None
    sections: Sections | None = None
    tips: list[Tip] | None = None
    retired_tips: list[RetiredTip] | None = None
    collections: list[Collection] | None = None
    worksheets: list[Worksheet] | None = None
    quizzes: list[Quiz] | None = None
    words: list[Words] | None = None
    card_decks: list[CardDeck] | None = None


class Dataset(Record):
    """The whole dataset, after every file is merged."""

    sources: list[Source] = Field(min_length=1)
    network_types: list[NetworkType] = Field(min_length=1)
    outcomes: list[Outcome] = Field(min_length=1)
    why_network: WhyNetwork
    sections: Sections
    tips: list[Tip] = Field(min_length=1)
    retired_tips: list[RetiredTip] = Field(default_factory=list)
    collections: list[Collection] = Field(default_factory=list)
    worksheets: list[Worksheet] = Field(default_factory=list)
    quizzes: list[Quiz] = Field(default_factory=list)
    words: list[Words] = Field(default_factory=list)
    card_decks: list[CardDeck] = Field(default_factory=list)


SINGLE_SECTIONS: tuple[str, ...] = ("why_network", "sections")
"""Sections that must be defined exactly once."""

LIST_SECTIONS: tuple[str, ...] = tuple(name for name in DataFile.model_fields if name not in SINGLE_SECTIONS)
"""Sections that may be split across files (concatenated in file-name order)."""
