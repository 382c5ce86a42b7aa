"""A real WordPress (Debian's package) embeds the playbook from two pasted links, with no plugin.

An editor publishes a post holding a tip's address and a quiz's address, each on its own line,
as anyone would in WordPress's editor. WordPress finds the oEmbed responses by itself, keeps what
its filter allows (a blockquote and a sandboxed iframe with `#?secret=`), and sizes the frames
from the messages embed-child.js sends. The playbook is served from its own origin (another
port); the only thing added to WordPress is a must-use plugin that lets it fetch from loopback.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import expect

from generator.schema import Dataset, Quiz, Tip
from tests.browser.test_embed import ARTIFACTS, complete_quiz
from tests.browser.test_quizzes import expected_scores, vectors
from tests.conftest import free_port
from tests.support.wordpress import running_wordpress

pytestmark = pytest.mark.slow

WORDPRESS_CAP = 1000
"""wp-embed.js clamps every frame's height to 200..1000 px."""


@dataclass(frozen=True)
class Post:
    url: str
    wordpress: str
    tip: Tip
    quiz: Quiz


def _typical_tip(dataset: Dataset) -> Tip:
    """A tip of median length: the issue asks that a typical compact tip fits WordPress's frame
    (the few longest scroll inside it, as the quiz does here)."""
    ordered = sorted(dataset.tips, key=lambda tip: len(tip.body) + len(tip.summary) + len(tip.title))
    return ordered[len(ordered) // 2]


@pytest.fixture(scope="module")
def post(tmp_path_factory: pytest.TempPathFactory, site_url: str, dataset: Dataset) -> Iterator[Post]:
    tip = _typical_tip(dataset)
    quiz = next(q for q in dataset.quizzes if q.kind == "profile")
    folder = tmp_path_factory.mktemp("wp")
    with running_wordpress(folder, free_port(), fetch_origin=site_url) as wordpress:
        content = (
            "Two things from the playbook for this month's members' evening.\n\n"
            f"{site_url}tips/{tip.id}/\n\n"
            f"{site_url}quizzes/{quiz.id}/\n"
        )
        yield Post(wordpress.publish("Networking this month", content), wordpress.url, tip, quiz)


@pytest.fixture
def reader(browser: Any, post: Post, site_url: str) -> Iterator[Any]:
    """A reader's tab on the intranet: it fails on a request beyond the two loopback origins, or a
    script error in WordPress's page or in the frames."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((post.wordpress, site_url)) else outside.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(post.url)
    yield page
    context.close()
    assert outside == [], f"requests left the two sites: {outside}"
    assert errors == [], f"script errors: {errors}"


def _frame(page: Any, path: str) -> Any:
    """WordPress's iframe for one of the playbook's pages, once the frame has spoken (WordPress
    then shows it and hides the blockquote)."""
    frame = page.locator(f"iframe.wp-embedded-content[src*='/embed/{path}/']")
    expect(frame).to_have_count(1)
    expect(frame).not_to_have_attribute("style", "position: absolute; clip: rect(1px, 1px, 1px, 1px);")
    return frame


def test_wordpress_embeds_both_links_sized_to_their_content(reader: Any, post: Post) -> None:
    page = reader
    frames = page.locator("iframe.wp-embedded-content")
    expect(frames).to_have_count(2)
    for frame in frames.all():
        assert frame.get_attribute("sandbox") == "allow-scripts"
        assert "#?secret=" in frame.get_attribute("src")
        assert "compact=1" in frame.get_attribute("src")
    expect(page.locator("blockquote.wp-embedded-content").first).to_be_hidden()

    tip = _frame(page, f"tips/{post.tip.id}")
    inner = tip.element_handle().content_frame()
    assert inner.evaluate("window.origin") == "null", "WordPress's sandbox gives the frame an opaque origin"
    content = inner.evaluate("document.documentElement.scrollHeight")
    page.wait_for_function(
        "([f, h]) => Math.abs(f.getBoundingClientRect().height - h) <= 1", arg=[tip.element_handle(), content]
    )
    assert content <= WORDPRESS_CAP, f"the compact tip is {content} px tall: over WordPress's cap"
    assert tip.bounding_box()["width"] == pytest.approx(600, abs=1)

    quiz = _frame(page, f"quizzes/{post.quiz.id}")
    page.wait_for_function("f => f.getBoundingClientRect().height >= 999", arg=quiz.element_handle())
    assert quiz.bounding_box()["height"] == pytest.approx(WORDPRESS_CAP, abs=1)
    inner = quiz.element_handle().content_frame()
    assert inner.evaluate("document.documentElement.scrollHeight") > WORDPRESS_CAP
    # Longer than the cap: it scrolls inside the frame, and its last line is reachable.
    quiz.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    inner.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    last = inner.evaluate(
        "() => { const r = document.querySelector('.pb-embed-credit__line').getBoundingClientRect();"
        " return [r.top, r.bottom, window.innerHeight]; }"
    )
    assert last[0] >= 0 and last[1] <= last[2], f"the quiz's last line is out of reach inside the frame: {last}"
    quiz.screenshot(path=str(ARTIFACTS / "wordpress-quiz-scrolled.png"))
    inner.evaluate("window.scrollTo(0, 0)")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / "wordpress-post.png"))


def test_quiz_completes_inside_the_sandbox(reader: Any, post: Post) -> None:
    page = reader
    quiz = post.quiz
    _frame(page, f"quizzes/{quiz.id}")
    inner = page.frame_locator(f"iframe[src*='/embed/quizzes/{quiz.id}/']")
    answers = vectors(quiz)["mixed"]
    assert complete_quiz(inner, quiz, answers) == expected_scores(quiz, answers)
    root = inner.locator(f"#quiz-{quiz.id}")
    history = root.locator(".pb-quiz__history")
    expect(history).to_contain_text("History is off in this embedded copy")
    # Nothing that a sandbox blocks is offered: no downloads, no printing.
    expect(history.get_by_role("button", name="Download as JSON")).to_be_hidden()
    expect(root.get_by_role("button", name="Print my results")).to_have_count(0)
    page.locator(f"iframe[src*='/embed/quizzes/{quiz.id}/']").screenshot(
        path=str(ARTIFACTS / "wordpress-quiz-results.png")
    )


def test_open_in_the_playbook_opens_the_page_in_the_top_window(reader: Any, post: Post, site_url: str) -> None:
    page = reader
    _frame(page, f"tips/{post.tip.id}")
    inner = page.frame_locator(f"iframe[src*='/embed/tips/{post.tip.id}/']")
    inner.get_by_role("link", name="Open in The Networking Playbook").click()
    page.wait_for_url(f"{site_url}tips/{post.tip.id}/")
    expect(page.locator("h1")).to_contain_text(post.tip.title)


def test_other_links_in_the_frame_reach_the_playbook(reader: Any, post: Post, site_url: str) -> None:
    page = reader
    _frame(page, f"tips/{post.tip.id}")
    inner = page.frame_locator(f"iframe[src*='/embed/tips/{post.tip.id}/']")
    inner.locator(".pb-facts a").first.click()
    page.wait_for_url(f"{site_url}network-types/{post.tip.network_types[0]}/")
