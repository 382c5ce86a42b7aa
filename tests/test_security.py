"""The site needs no inline script or style, and the documented policy matches the code."""

from __future__ import annotations

import re
from pathlib import Path

from generator.security import content_security_policy
from tests.conftest import ROOT

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
STYLE = re.compile(r"<style\b|<[a-z][^>]*\sstyle\s*=", re.I)


def test_built_pages_have_no_inline_script_handlers_or_styles(built_site: Path) -> None:
    for file in built_site.rglob("*.html"):
        html = file.read_text(encoding="utf-8")
        assert not INLINE_SCRIPT.search(html), file
        assert not EVENT_HANDLER.search(html), file
        assert not STYLE.search(html), file


def test_policy_allows_only_the_site_itself() -> None:
    policy = content_security_policy()
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert "frame-ancestors 'self'" in policy
    assert "frame-ancestors https://a.example https://b.example" in content_security_policy(
        ("https://a.example", "https://b.example")
    )


def test_sample_nginx_config_and_docs_send_the_same_policy() -> None:
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert f'add_header Content-Security-Policy "{content_security_policy()}" always;' in nginx
    embed = content_security_policy(("'self'", "https://intranet.example"))  # 'self': the "Embed this" preview
    assert f'add_header Content-Security-Policy "{embed}" always;' in nginx
    assert content_security_policy() in (ROOT / "docs" / "security.md").read_text()
