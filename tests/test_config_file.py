"""Reading mkdocs.yml without MkDocs: the address as MkDocs resolves it, the folders a build reads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.config_file import read_engine_settings
from generator.errors import DatasetError
from generator.site_address import AddressError
from tests.conftest import ROOT


def config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


ENV_LINE = 'site_url: !ENV [PLAYBOOK_SITE_URL, ""]\n'


@pytest.mark.parametrize(
    "text, environ, url, setting_starts",
    [
        (ENV_LINE, {}, "", "mkdocs.yml:1:11: site_url"),
        (ENV_LINE, {"PLAYBOOK_SITE_URL": "https://a.example"}, "https://a.example/", "PLAYBOOK_SITE_URL (read by"),
        (ENV_LINE, {"PLAYBOOK_SITE_URL": ""}, "", "PLAYBOOK_SITE_URL (read by"),
        ("site_url: https://b.example/pb\n", {"PLAYBOOK_SITE_URL": "https://a.example"}, "https://b.example/pb/", "mk"),
        ("site_name: x\n", {"PLAYBOOK_SITE_URL": "https://a.example"}, "https://a.example/", "PLAYBOOK_SITE_URL"),
        ('site_url: !ENV [OTHER, "https://c.example/"]\n', {}, "https://c.example/", "mkdocs.yml"),
        ("site_url: !ENV OTHER\n", {"OTHER": "https://d.example"}, "https://d.example/", "OTHER (read by"),
        ("site_url:\n", {}, "", "mkdocs.yml"),
    ],
)
def test_the_address_is_resolved_as_mkdocs_resolves_it(
    tmp_path: Path, text: str, environ: dict[str, str], url: str, setting_starts: str
) -> None:
    settings = read_engine_settings(config(tmp_path, text), environ)
    assert settings.address.url == url
    assert settings.address.setting.removeprefix(str(tmp_path) + "/").startswith(setting_starts)


def test_a_bad_address_in_the_file_is_located(tmp_path: Path) -> None:
    path = config(tmp_path, "site_name: x\nsite_url: 'https://x.example/\"><script>'\n")
    with pytest.raises(AddressError, match=r"mkdocs.yml:2:11: site_url: .* is not a site address"):
        read_engine_settings(path, {})


def test_folders_come_from_the_file(tmp_path: Path) -> None:
    settings = read_engine_settings(ROOT / "mkdocs.yml", {})
    assert settings.docs_dir == ROOT / "content" and settings.theme_dir == ROOT / "overrides"
    bare = read_engine_settings(config(tmp_path, "site_name: x\n"), {})
    assert bare.docs_dir == tmp_path / "docs" and bare.theme_dir is None


def test_a_broken_file_is_a_located_problem(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"mkdocs.yml:2:\d+: invalid YAML"):
        read_engine_settings(config(tmp_path, "site_name: x\n  bad: [\n"), {})
    with pytest.raises(DatasetError, match="the config file cannot be read"):
        read_engine_settings(tmp_path / "absent.yml", {})


def test_a_config_that_is_not_a_regular_file_is_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "mkdocs.yml"
    os.mkfifo(fifo)
    with pytest.raises(DatasetError, match="not a regular file"):
        read_engine_settings(fifo, {})
