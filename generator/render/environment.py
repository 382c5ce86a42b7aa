"""The one Jinja environment every renderer shares.

Autoescape is on for every template (the `.md` ones too: their text becomes
HTML), and StrictUndefined turns a template typo into a build failure.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from .markup import md_text, page_url, prose, relative_url, yaml_string

Output = dict[str, str | bytes]
"""Generated files: docs-relative path -> content."""


@cache
def environment() -> Environment:
    """The shared environment (built once: template compilation is not free)."""
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(prose=prose, md=md_text, yaml=yaml_string)
    env.globals.update(page_url=page_url, relative_url=relative_url)
    return env


def render_page(template: str, src: str, **context: object) -> str:
    """Render one page template for the docs file `src`.

    `link(to, anchor)` inside the template gives a URL relative to `src`.
    """

    def link(to: str, anchor: str = "") -> str:
        return relative_url(src, to, anchor)

    return environment().get_template(template).render(src=src, link=link, **context)
