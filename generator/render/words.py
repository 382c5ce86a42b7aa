"""Ready-to-use words: the /words/ index and one page per set of words, with a copy button.

The words are plain text, not Markdown: a reader copies them as they are, so nothing in them
may turn into formatting. They are escaped, split into paragraphs at blank lines, and every
[placeholder] is marked so it stands out on screen and on paper.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from ..schema import PLACEHOLDER, Dataset, SectionIntro
from .environment import Output, render_page, render_pages
from .index import DatasetIndex, audience_groups

DEFAULT_INTRO = SectionIntro(
    title="Ready-to-use words",
    summary="Messages and openers to copy and adapt: fill in the parts in square brackets.",
    intro="Copy the words, fill in the parts in square brackets and make them sound like you.",
)
"""The index's opening words when data/sections.yaml has no `words` entry."""

MEDIUM_LABELS = {"spoken": "Say it", "written": "Send it"}


def words_html(text: str) -> Markup:
    """The words as HTML paragraphs: escaped, line breaks kept, placeholders marked."""
    paragraphs = [part for part in re.split(r"\n[ \t]*\n", text.strip()) if part.strip()]
    html = []
    for paragraph in paragraphs:
        lines = [_line(line) for line in paragraph.strip().splitlines()]
        html.append("<p>" + "<br>".join(lines) + "</p>")
    return Markup("\n".join(html))


def _line(line: str) -> str:
    escaped = str(escape(line.strip()))
    return re.sub(PLACEHOLDER, lambda match: f'<span class="pb-words__slot">{match.group(0)}</span>', escaped)


def placeholders(text: str) -> list[str]:
    """The distinct placeholders in the words, in order of first appearance."""
    return list(dict.fromkeys(re.findall(PLACEHOLDER, text)))


def render(dataset: Dataset) -> Output:
    """The words pages, keyed by docs path; nothing when the dataset has none."""
    if not dataset.words:
        return {}
    index = DatasetIndex.build(dataset)
    shared = {"index": index, "mediums": MEDIUM_LABELS}
    groups = audience_groups(dataset.words, "For people who run events")
    out: Output = {
        "words/index.md": render_page(
            "words_index.md.j2",
            "words/index.md",
            section=dataset.sections.words or DEFAULT_INTRO,
            groups=groups,
            **shared,
        )
    }
    for words in dataset.words:
        src = f"words/{words.id}.md"
        tips = [index.tips[t] for t in words.tips]
        out.update(
            render_pages(
                "words.md.j2",
                src,
                title=words.title,
                words=words,
                text_html=words_html(words.text),
                slots=placeholders(words.text),
                tips=tips,
                **shared,
            )
        )
    return out
