"""Intranet pages on another origin embed the playbook: the snippet from "Embed this", its options
(colours, compact) at 280 to 768 px on light and dark host pages, and WordPress's message protocol
(here without WordPress; tests/browser/test_wordpress.py runs the real one)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from generator.schema import Dataset, Quiz
from tests.browser.test_quizzes import Answers, expected_scores, shown_scores, vectors
from tests.conftest import serve

WIDTHS = (320, 768, 1280)
NARROW_WIDTHS = (280, 320, 390, 768)
HOSTS = {"light": ("#ffffff", "#1d1d1d"), "dark": ("#121212", "#e8e8e8")}
"""Host page colours (background, text) and the embed theme that matches each."""
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"

BROKEN_WORDS = """() => {
  /* Words (split at spaces, hyphens, dashes, slashes and the facts' separator) drawn on more than
     one line: a word broken mid-word. Addresses (the credit line's, a printed tip's) are URLs and may break. */
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const address = parent.closest(".pb-embed-credit__address, [data-pb-address], script, template");
    if (address || !parent.getClientRects().length) continue;
    const words = /[^\\s\\-\\/\\u2013\\u2014\\u00b7]+/g;
    let match;
    while ((match = words.exec(node.data))) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.bottom)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


def page_snippet(site: Path, folder: str, record_id: str) -> str:
    """The code an editor copies from a page's "Embed this" control (as written by the build)."""
    page = (site / folder / record_id / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<textarea id="pb-embed-snippet"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, f"{folder}/{record_id} has no embed code"
    return html.unescape(found.group(1))


def host_page(folder: Path, body: str, *, dark: bool = False) -> Path:
    """An intranet page: someone else's site, on its own origin, in its own colours."""
    background, colour = HOSTS["dark" if dark else "light"]
    (folder / "index.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Members</title>"
        f"<style>body{{margin:0;background:{background};color:{colour};font-family:sans-serif}}"
        "h1{margin:8px}</style></head>"
        f"<body><h1>Member intranet</h1>{body}</body></html>"
    )
    (folder / "favicon.ico").write_bytes(b"")  # the intranet's own; its 404 is not ours to test
    return folder


@pytest.fixture
def intranet(tmp_path: Path, built_site: Path, dataset: Dataset) -> Iterator[str]:
    """An intranet page, served from its own origin, holding two pasted "Embed this" snippets."""
    tip = next(t for t in dataset.tips if t.audience == "individual")
    quiz = dataset.quizzes[0]
    body = (
        f"<div id='tip'>{page_snippet(built_site, 'tips', tip.id)}</div>"
        f"<div id='quiz'>{page_snippet(built_site, 'quizzes', quiz.id)}</div>"
    )
    with serve(host_page(tmp_path, body), playbook_csp=False) as url:
        yield url


def _fits(frame: Any) -> bool:
    """The iframe shows its whole document: no inner scrollbar."""
    inner = frame.element_handle().content_frame()
    scroll_height = inner.evaluate("document.documentElement.scrollHeight")
    box = frame.bounding_box()
    return bool(box and scroll_height <= box["height"] + 1)


def _sized(page: Any, frame: Any) -> None:
    """Wait until embed.js has set the frame to the height its content reported."""
    page.wait_for_function(
        "f => f.contentDocument === null && f.style.height && "
        "Math.abs(parseFloat(f.style.height) - f.getBoundingClientRect().height) < 1",
        arg=frame.element_handle(),
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_embeds_fit_their_content(intranet_page: Callable[..., Any], intranet: str, width: int) -> None:
    page = intranet_page(intranet, viewport={"width": width, "height": 900})
    frames = page.locator("iframe[data-playbook-embed]")
    expect(frames).to_have_count(2)
    for i in range(2):
        frame = frames.nth(i)
        frame.scroll_into_view_if_needed()
        _sized(page, frame)
        assert _fits(frame), f"iframe {i} scrolls inside at {width}px"


def test_foreign_origin_message_is_ignored(intranet_page: Callable[..., Any], intranet: str) -> None:
    page = intranet_page(intranet, viewport={"width": 800, "height": 900})
    frame = page.locator("#tip iframe")
    _sized(page, frame)
    before = frame.evaluate("f => f.style.height")
    page.evaluate(
        "() => { const f = document.querySelector('#tip iframe');"
        " window.postMessage({type: 'playbook:height', height: 5}, '*');"
        " f.contentWindow.postMessage({type: 'playbook:height', height: 5}, '*'); }"
    )
    page.wait_for_timeout(300)
    assert frame.evaluate("f => f.style.height") == before


def test_quiz_can_be_completed_inside_the_embed(
    intranet_page: Callable[..., Any], intranet: str, dataset: Dataset
) -> None:
    """Answer the embedded quiz; the frame shows the same scores the Python scoring computes."""
    quiz = next(q for q in dataset.quizzes if q.kind == "profile")
    answers = vectors(quiz)["mixed"]
    page = intranet_page(intranet, viewport={"width": 800, "height": 900})
    assert complete_quiz(page.frame_locator("#quiz iframe"), quiz, answers) == expected_scores(quiz, answers)
    iframe = page.locator("#quiz iframe")
    page.wait_for_timeout(500)
    assert _fits(iframe), "the frame did not grow with the results"


def complete_quiz(frame: Any, quiz: Quiz, answers: Answers) -> dict[str, tuple[int, str]]:
    """Answer a profile quiz inside a frame as a reader would; the scores its results table shows."""
    root = frame.locator(f"#quiz-{quiz.id}")
    expect(root).to_be_visible()
    for item in quiz.items:
        root.locator(f'input[name="{quiz.id}--{item.id}"][value="{answers[item.id]}"]').check()
    root.get_by_role("button", name="See my results").click()
    expect(root.locator(".pb-quiz__results table tbody tr").first).to_be_visible()
    return shown_scores(frame, quiz)


def _frame_html(site_url: str, path: str, query: str, helper: bool = True) -> str:
    script = f"<script src='{site_url}assets/javascripts/embed.js' async></script>" if helper else ""
    return (
        f"<iframe data-playbook-embed src='{site_url}{path}{query}' title='Embed' width='100%' height='600'"
        f" style='border:0;width:100%;display:block'></iframe>{script}"
    )


@pytest.mark.parametrize("host", ["light", "dark"])
@pytest.mark.parametrize("width", NARROW_WIDTHS)
def test_options_in_narrow_and_wide_frames(
    intranet_page: Callable[..., Any], tmp_path: Path, site_url: str, dataset: Dataset, host: str, width: int
) -> None:
    """A tip, compact and full, and a compact quiz, in the host page's colours: each frame fits its
    content, nothing scrolls sideways, no word breaks mid-word, and compact leaves out related tips,
    tags and sources but keeps the credit line."""
    tip = max((t for t in dataset.tips if t.network_types), key=lambda t: len(t.body))
    quiz = dataset.quizzes[0]
    theme = f"theme={host}"
    body = "".join(
        f"<div id='{name}'>{_frame_html(site_url, path, query)}</div>"
        for name, path, query in (
            ("compact", f"embed/tips/{tip.id}/", f"?{theme}&compact=1"),
            ("full", f"embed/tips/{tip.id}/", f"?{theme}"),
            ("quiz", f"embed/quizzes/{quiz.id}/", f"?{theme}&compact=1"),
        )
    )
    with serve(host_page(tmp_path, body, dark=host == "dark"), playbook_csp=False) as url:
        page = intranet_page(url, viewport={"width": width, "height": 900})
        heights = {}
        for name in ("compact", "full", "quiz"):
            frame = page.locator(f"#{name} iframe")
            frame.scroll_into_view_if_needed()
            _sized(page, frame)
            assert _fits(frame), f"{name} scrolls inside at {width}px"
            inner = frame.element_handle().content_frame()
            assert inner.evaluate("document.body.dataset.mdColorScheme") == ("slate" if host == "dark" else "default")
            assert inner.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), (
                f"{name} scrolls sideways at {width}px"
            )
            assert inner.evaluate(BROKEN_WORDS) == [], f"{name} breaks words mid-word at {width}px"
            expect(inner.locator(".pb-embed-credit__line")).to_be_visible()
            heights[name] = frame.bounding_box()["height"]
            ARTIFACTS.mkdir(exist_ok=True)
            frame.screenshot(path=str(ARTIFACTS / f"embed-{host}-{width}-{name}.png"))
        compact = page.frame_locator("#compact iframe")
        full = page.frame_locator("#full iframe")
        for hidden in (".pb-further", ".pb-tags"):
            expect(compact.locator(hidden).first).to_be_hidden()
            expect(full.locator(hidden).first).to_be_visible()
        assert heights["compact"] < heights["full"]


def test_compact_tips_fit_wordpress_frames(page: Any, site_url: str, dataset: Dataset) -> None:
    """Compact, in a 600 px frame (WordPress's usual content column), a typical tip stays under the
    1,000 px WordPress allows a frame, and nearly all do; the few longer ones scroll inside it (the
    WordPress test checks that nothing is cut off)."""
    page.set_viewport_size({"width": 600, "height": 900})
    heights = {}
    for tip in dataset.tips:
        page.goto(f"{site_url}embed/tips/{tip.id}/?compact=1")
        heights[tip.id] = page.evaluate("Math.ceil(document.body.getBoundingClientRect().height)")
    ordered = sorted(heights.values())
    assert ordered[len(ordered) // 2] < 1000, "the typical compact tip is too tall"
    over = {tip: height for tip, height in heights.items() if height >= 1000}
    assert len(over) <= len(heights) // 10, over


def test_auto_theme_follows_the_readers_setting(browser: Any, site_url: str, dataset: Dataset) -> None:
    tip = dataset.tips[0]
    for scheme, expected in (("dark", "slate"), ("light", "default")):
        page = browser.new_page(color_scheme=scheme)
        page.goto(f"{site_url}embed/tips/{tip.id}/?theme=auto")
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected
        page.emulate_media(color_scheme="light" if scheme == "dark" else "dark")
        # Polled from here: wait_for_function evaluates a string in the page, which the CSP forbids.
        for _ in range(50):
            if page.evaluate("document.body.dataset.mdColorScheme") != expected:
                break
            page.wait_for_timeout(100)
        assert page.evaluate("document.body.dataset.mdColorScheme") != expected
        page.close()
    page = browser.new_page(color_scheme="dark")
    page.goto(f"{site_url}embed/tips/{tip.id}/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default", "an embed is light unless asked"
    page.close()


WORDPRESS_HOST = """
<iframe id="wp" sandbox="allow-scripts" src="{src}#?secret=AbCdEf1234" width="600" height="300"
 style="border:0"></iframe>
<script>
  window.received = [];
  window.addEventListener("message", function (event) {{
    if (event.source === document.getElementById("wp").contentWindow) {{ window.received.push(event.data); }}
  }});
</script>
"""


def test_wordpress_protocol_height_ready_and_links(
    intranet_page: Callable[..., Any], tmp_path: Path, site_url: str, dataset: Dataset
) -> None:
    """With "#?secret=" in its address, the frame speaks WordPress's protocol (wp-embed.js): its
    height, again when told "ready", and a link as {message: "link"} instead of a dead click in a
    sandbox without popups."""
    tip = next(t for t in dataset.tips if t.network_types)
    body = WORDPRESS_HOST.format(src=f"{site_url}embed/tips/{tip.id}/?compact=1")
    with serve(host_page(tmp_path, body), playbook_csp=False) as url:
        page = intranet_page(url, viewport={"width": 800, "height": 900})
        heights = "window.received.filter(m => m.message === 'height' && m.secret === 'AbCdEf1234')"
        page.wait_for_function(f"{heights}.length > 0")
        value = page.evaluate(f"{heights}[0].value")
        inner = page.frame_locator("#wp")
        assert abs(value - inner.locator("body").evaluate("b => b.getBoundingClientRect().height")) <= 2
        count = page.evaluate(f"{heights}.length")
        page.evaluate(
            "document.getElementById('wp').contentWindow.postMessage({message: 'ready', secret: 'AbCdEf1234'}, '*')"
        )
        page.wait_for_function(f"{heights}.length > {count}")

        inner.get_by_role("link", name="Open in The Networking Playbook").click()
        page.wait_for_function("window.received.some(m => m.message === 'link')")
        link = page.evaluate("window.received.find(m => m.message === 'link')")
        assert link == {"message": "link", "value": f"{site_url}tips/{tip.id}/", "secret": "AbCdEf1234"}


def test_sandboxed_frame_without_wordpress_opens_links_in_the_frame(
    intranet_page: Callable[..., Any], tmp_path: Path, site_url: str, dataset: Dataset
) -> None:
    """A sandbox that cannot open tabs and speaks no protocol: a link to a page with an embed opens
    that embed in the frame, with the frame's options."""
    tip = next(t for t in dataset.tips if t.network_types)
    src = f"{site_url}embed/tips/{tip.id}/?theme=dark"
    body = f"<iframe id='box' sandbox='allow-scripts' src='{src}' width='600' height='600'></iframe>"
    with serve(host_page(tmp_path, body), playbook_csp=False) as url:
        page = intranet_page(url, viewport={"width": 800, "height": 900})
        inner = page.frame_locator("#box")
        frame = page.locator("#box").element_handle().content_frame()
        inner.locator(".pb-facts a").first.click()
        network = tip.network_types[0]
        frame.wait_for_url(f"{site_url}embed/network-types/{network}/?theme=dark")
        expect(frame.locator("h1")).to_contain_text(network.capitalize())
        assert frame.evaluate("document.body.dataset.mdColorScheme") == "slate"
