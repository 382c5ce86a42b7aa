"""Redirect pages for retired tips: an old tip address keeps working after a merge.

Each retired tip id gets a small static HTML page where its tip page used to be (and where its
embed page used to be). It sends the reader on with a meta refresh,
names the new page as canonical, and shows a plain link for anyone whose browser does not
follow the refresh. It is an .html file, not a Markdown page, so MkDocs copies it as it is:
it stays out of the navigation, the search index and the sitemap, and needs no script.
"""

from __future__ import annotations

from ..schema import Dataset, RetiredTip, Tip
from .embeds import EmbedTarget
from .environment import SETTINGS, Output, environment
from .markup import page_url, relative_url

FAVICON = "assets/images/favicon.png"
"""The theme's icon, named so that a browser does not ask for /favicon.ico, which the site does not have."""


def output_path(src: str) -> str:
    """The file a redirect for the page `src` is written to: where that page's HTML would be."""
    url = page_url(src)
    return url + "index.html" if url == "" or url.endswith("/") else url


def redirect_page(retired: RetiredTip, tip: Tip, src: str, target_src: str, oembed_path: str = "") -> str:
    """The redirect page written in place of the page `src`, leading to the page `target_src`."""
    site_url = SETTINGS.get().site_url
    target = relative_url(src, target_src)
    canonical = site_url + page_url(target_src) if site_url else ""  # absolute, or left out
    return (
        environment()
        .get_template("redirect.html.j2")
        .render(
            retired=retired,
            tip=tip,
            target=target,
            canonical=canonical,
            oembed=site_url + oembed_path if site_url and oembed_path else "",
            favicon=relative_url(src, FAVICON),
        )
    )


def render(dataset: Dataset) -> Output:
    """The redirect pages of every retired tip whose replacement is in the dataset."""
    tips = {tip.id: tip for tip in dataset.tips}
    out: Output = {}
    for retired in dataset.retired_tips:
        tip = tips.get(retired.replaced_by)
        if tip is None:  # left out of a branded edition
            continue
        old, new = f"tips/{retired.id}.md", f"tips/{tip.id}.md"
        target = EmbedTarget("tips", tip.id)
        out[output_path(old)] = redirect_page(retired, tip, old, new, target.oembed)
        old_embed = EmbedTarget("tips", retired.id).src
        out[output_path(old_embed)] = redirect_page(retired, tip, old_embed, target.src)
    return out
