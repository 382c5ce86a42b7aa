"""The site address: absolute http(s), nothing that could break out of an attribute, or an error naming the setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site_address import AddressError, check_site_url, is_loopback
from tests.conftest import run_playbook


@pytest.mark.parametrize(
    "given, expected",
    [
        ("https://playbook.example.org", "https://playbook.example.org/"),
        ("https://intranet.example/members/playbook/", "https://intranet.example/members/playbook/"),
        ("http://10.0.0.5:8080/pb", "http://10.0.0.5:8080/pb/"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_addresses_are_normalised(given: str, expected: str) -> None:
    assert check_site_url(given, "PLAYBOOK_SITE_URL") == expected


@pytest.mark.parametrize(
    "bad",
    [
        "javascript:alert(1)",
        "playbook.example.org",
        "/members/playbook/",
        "ftp://files.example.org/",
        "https:///no-host",
        'https://example.org/"><script>alert(1)</script>',
        "https://example.org/a b/",
        "https://example.org/'x'",
        "https://example.org:99999/",
        "https://example.org/?q=1",
        "https://example.org/#top",
    ],
)
def test_anything_else_is_refused_naming_the_setting(bad: str) -> None:
    with pytest.raises(AddressError, match=r"^PLAYBOOK_SITE_URL: .* is not a site address: "):
        check_site_url(bad, "PLAYBOOK_SITE_URL")


def test_loopback_addresses_are_recognised() -> None:
    assert is_loopback("http://127.0.0.1:8000/") and is_loopback("http://localhost/")
    assert not is_loopback("https://playbook.example.org/")


def test_a_bad_address_stops_the_build_before_anything_is_generated(tmp_path: Path, valid_data: Path) -> None:
    site = tmp_path / "site"
    result = run_playbook(
        "build", "--data", str(valid_data), "--site-dir", str(site), env={"PLAYBOOK_SITE_URL": "javascript:alert(1)"}
    )
    assert result.returncode == 1
    assert result.stderr.startswith("playbook: PLAYBOOK_SITE_URL (read by mkdocs.yml:")
    assert "'javascript:alert(1)' is not a site address" in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_generate_checks_the_address_too(tmp_path: Path) -> None:
    result = run_playbook("generate", str(tmp_path / "out"), env={"PLAYBOOK_SITE_URL": "https://x.org/<b>"})
    assert result.returncode == 1 and "is not a site address" in result.stderr
    assert not (tmp_path / "out").exists()
