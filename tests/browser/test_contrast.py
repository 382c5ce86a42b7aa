"""Every hover and focus state reads at 4.5:1 or better, in the light and the dark scheme, computed
in the browser from the colours it paints (the dark scheme's button hover was white on #ffab91,
1.83:1).

For each state: the text's colour (with its own and its ancestors' opacity) against the colour
behind it, and a focus outline's colour against the colour around the element."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError

from generator.schema import Dataset

# WCAG 2 relative luminance and contrast; alpha colours are laid over what is behind them.
CONTRAST = """(element) => {
  const parse = (c) => {
    const m = c.match(/[\\d.]+/g).map(Number);
    return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1];
  };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const background = (element) => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] === 1) break;
    }
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const opacity = (element) => {
    let o = 1;
    for (let e = element; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
    return o;
  };
  const luminance = (c) => {
    const linear = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    const [r, g, b] = c.slice(0, 3).map(linear);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const shown = (e) => e.matches('input.md-option') ? e.nextElementSibling : e;
  {
    const target = shown(element);
    const style = getComputedStyle(target);
    const behind = background(target);
    const text = parse(style.color);
    text[3] *= opacity(target);
    const result = { element: element.outerHTML.slice(0, 90) };
    // Text is measured on controls that hold their own text, not on boxes around other elements.
    if (target.matches('a, button, input, select, textarea, summary, label')) {
      result.text = Math.round(ratio(over(text, behind), behind) * 100) / 100;
    }
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) {
      // An outline drawn inside the element (negative offset) lies on the element's own colour.
      const inside = parseFloat(style.outlineOffset) < 0;
      const around = inside || !target.parentElement ? behind : background(target.parentElement);
      const outline = parse(style.outlineColor);
      result.outline = Math.round(ratio(over(outline, around), around) * 100) / 100;
    }
    return result;
  }
}"""

MINIMUM = 4.5
PAGES = ["", "tips/", "tips/{tip}/", "network-types/personal/", "quizzes/three-networks/"]
HOVERED = [
    "article a",
    ".md-nav__link",
    ".md-typeset .md-button",
    ".md-header__button",
    ".md-footer a",
    ".pb-cards li",
    ".pb-filter select",
    ".md-search__input",
    ".md-typeset summary",
]


# The states are measured as they end, not part way through a colour transition.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def _open(browser: Any, url: str, scheme: str) -> Any:
    """The page in the scheme at 1280 px, transitions off (the test's own style: past the site's CSP)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    page.goto(url)
    page.add_style_tag(content=NO_TRANSITIONS)
    return page


def _pages(browser: Any, site_url: str, scheme: str, dataset: Dataset) -> Iterator[tuple[str, Any]]:
    """Each page of PAGES in turn."""
    tip = next(t.id for t in dataset.tips if t.audience == "individual")
    for path in PAGES:
        page = _open(browser, site_url + path.format(tip=tip), scheme)
        yield path, page
        page.context.close()


def _hover(element: Any, attempts: int = 3) -> None:
    """Hover the element, scrolling it into view again if the page moved it away in between (the
    footer can move while late content settles: CI once saw "Element is outside of the viewport")."""
    for attempt in range(attempts):
        element.scroll_into_view_if_needed()
        try:
            element.hover(force=True, timeout=5000)
            return
        except PlaywrightError:
            if attempt == attempts - 1:
                raise


def _low(measure: dict[str, Any]) -> bool:
    return bool(measure.get("text", MINIMUM) < MINIMUM or measure.get("outline", MINIMUM) < MINIMUM)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_hover_state_reads_well(browser: Any, site_url: str, dataset: Dataset, scheme: str) -> None:
    low = []
    for path, page in _pages(browser, site_url, scheme, dataset):
        for selector in HOVERED:
            candidates = page.locator(selector)
            for index in range(min(candidates.count(), 4)):
                element = candidates.nth(index)
                if not element.is_visible():
                    continue
                _hover(element)
                page.wait_for_timeout(50)
                inner = element.locator("a").first if selector == ".pb-cards li" else element
                measure = inner.evaluate(CONTRAST)
                if _low(measure):
                    low.append((path, "hover", measure))
    assert low == [], "\n".join(map(str, low))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_focus_state_reads_well(browser: Any, site_url: str, dataset: Dataset, scheme: str) -> None:
    low = []
    for path, page in _pages(browser, site_url, scheme, dataset):
        for _ in range(25):
            page.keyboard.press("Tab")
            page.wait_for_timeout(50)
            measure = page.evaluate(f"() => ({CONTRAST})(document.activeElement)")
            if _low(measure):
                low.append((path, "focus", measure))
    assert low == [], "\n".join(map(str, low))


def test_the_dark_scheme_button_hover_is_dark_on_light(browser: Any, site_url: str) -> None:
    page = _open(browser, site_url, "dark")
    button = page.locator(".pb-start .md-button")
    button.hover()
    page.wait_for_timeout(50)
    assert button.evaluate(CONTRAST)["text"] >= 7
    page.context.close()
