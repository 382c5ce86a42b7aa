"""A build as it is published: `make site` on a fresh clone with no settings, and with a site address.

No file of a build names a loopback address unless the builder asked for one; without an address
what must be absolute (canonical links, the sitemap, oEmbed) is left out and PDFs print the page's
path; with one, every absolute URL the build writes is the site's own.
"""

from __future__ import annotations

import json
import re
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.site_address import NO_ADDRESS_NOTICE
from tests.conftest import build_into

EXAMPLE = "https://playbook.example.org/"
LOOPBACK = re.compile(r"127\.0\.0\.1|localhost|\[::1\]")
TEXT_SUFFIXES = {".html", ".js", ".css", ".json", ".xml", ".txt", ".svg", ".md"}


@pytest.fixture(scope="session")
def addressed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    return build_into(tmp_path_factory.mktemp("addressed"), env={"PLAYBOOK_SITE_URL": EXAMPLE})


def texts(site: Path) -> Iterator[tuple[Path, str]]:
    """Every file's text, PDFs included (as poppler extracts it)."""
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) is missing: `make test` installs it"
    for path in sorted(site.rglob("*")):
        if path.suffix == ".pdf":
            yield path, subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True).stdout
        elif path.suffix in TEXT_SUFFIXES or path.name.endswith(".xml.gz"):
            yield path, path.read_text(encoding="utf-8", errors="replace")


def test_no_file_names_a_loopback_address(unaddressed_build: tuple[Path, str]) -> None:
    site, _ = unaddressed_build
    found = [str(path.relative_to(site)) for path, text in texts(site) if LOOPBACK.search(text)]
    assert found == []


def test_what_needs_an_address_is_left_out_and_the_build_says_so_once(unaddressed_build: tuple[Path, str]) -> None:
    site, log = unaddressed_build
    assert log.count(NO_ADDRESS_NOTICE) == 1
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()
    assert not (site / "oembed").exists()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'rel="canonical"' not in html, page
        assert "application/json+oembed" not in html, page
    api = json.loads((site / "api" / "v1" / "tips.json").read_text())
    assert all("url" not in tip for tip in api["tips"])


def test_the_pdfs_print_the_pages_path(unaddressed_build: tuple[Path, str]) -> None:
    site, _ = unaddressed_build
    for path, text in texts(site / "worksheets"):
        if path.suffix == ".pdf":
            assert f"from The Networking Playbook, CC BY 4.0 worksheets/{path.parent.name}/ " in " ".join(text.split())


def test_every_folder_and_file_is_readable_by_a_web_server(unaddressed_build: tuple[Path, str]) -> None:
    """Folders 0755 and files 0644 under a 022 umask, as `cp` or `mkdocs build` would make them."""
    site, _ = unaddressed_build
    wrong = {
        str(path.relative_to(site)): oct(stat.S_IMODE(path.stat().st_mode))
        for path in [site, *site.rglob("*")]
        if stat.S_IMODE(path.stat().st_mode) != (0o755 if path.is_dir() else 0o644)
    }
    assert wrong == {}


def test_with_an_address_every_absolute_url_is_the_sites(addressed_build: tuple[Path, str]) -> None:
    site, log = addressed_build
    assert NO_ADDRESS_NOTICE not in log
    for path, text in texts(site):
        assert not LOOPBACK.search(text), path
    canonical = []
    for page in site.rglob("*.html"):
        canonical += re.findall(r'<link rel="canonical" href="([^"]+)"', page.read_text(encoding="utf-8"))
    assert len(canonical) > 50 and all(url.startswith(EXAMPLE) for url in canonical)
    locations = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert locations and all(url.startswith(EXAMPLE) for url in locations)
    assert not any("/embed/" in url for url in locations), "embed pages are listed through their page"
    for oembed in (site / "oembed").rglob("*.json"):
        response = json.loads(oembed.read_text(encoding="utf-8"))
        assert response["provider_url"] == EXAMPLE
        assert all(url.startswith(EXAMPLE) for url in re.findall(r'(?:src|href)="([^"]+)"', response["html"]))
    tips = json.loads((site / "api" / "v1" / "tips.json").read_text())["tips"]
    assert all(tip["url"] == EXAMPLE + tip["path"] for tip in tips)
    for path, text in texts(site / "worksheets"):
        if path.suffix == ".pdf":
            assert f" {EXAMPLE}worksheets/{path.parent.name}/ " in " ".join(text.split()), path
