"""The machine fails, not the data: a full disk, a read-only file system, a folder that cannot be
written. Each is one line naming the file and exit 1, never a traceback, and nothing is lost.

Each case runs `playbook` inside a private mount namespace (`unshare`) holding a tiny or
read-only tmpfs, so nothing outside the test is touched.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.schema import Dataset
from tests.conftest import ROOT

UNSHARE = shutil.which("unshare")


def in_namespace(script: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run a shell script as root of a private user and mount namespace."""
    assert UNSHARE
    return subprocess.run([UNSHARE, "-rm", "sh", "-c", script], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module", autouse=True)
def namespaces_work(tmp_path_factory: pytest.TempPathFactory) -> None:
    probe = tmp_path_factory.mktemp("probe")
    if not UNSHARE or in_namespace(f"mount -t tmpfs -o size=64k tmpfs {probe}").returncode != 0:
        pytest.skip("this machine allows no private mount namespace (unshare -rm)")


def playbook(*args: str) -> str:
    return shlex.join([sys.executable, "-m", "generator.cli", *args])


def test_a_full_disk_under_the_site_is_a_message_and_the_old_site_stays(tmp_path: Path, valid_data: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    site = disk / "site"
    script = (
        f"mount -t tmpfs -o size=600k tmpfs {disk} && mkdir {site} && "
        f"printf 'the previous site' > {site}/index.html && touch {site}/.playbook-output && "
        f"{playbook('build', '--data', str(valid_data), '--site-dir', str(site))}; status=$?; "
        f"echo; echo previous: $(cat {site}/index.html); ls -A {disk}; exit $status"
    )
    result = in_namespace(script)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "No space left on device" in result.stderr
    assert "Traceback" not in result.stderr
    assert "previous: the previous site" in result.stdout
    assert result.stdout.split("previous: the previous site", 1)[1].split() == ["site"], "no staging folder left"


def test_a_read_only_site_folder_is_a_message(tmp_path: Path, valid_data: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    script = (
        f"mount -t tmpfs -o size=1m,ro tmpfs {disk} && "
        f"{playbook('build', '--data', str(valid_data), '--site-dir', str(disk / 'site'))}"
    )
    result = in_namespace(script)
    assert result.returncode == 1, result.stderr
    assert "Read-only file system" in result.stderr and str(disk) in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["full", "read-only"])
def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path: Path, mode: str, dataset: Dataset) -> None:
    """The playbook's own data, so its pages' links to the worksheets resolve; every PDF is rendered."""
    cache = tmp_path / "cache"
    cache.mkdir()
    site = tmp_path / "site"
    fill = f"head -c 1m /dev/zero > {cache}/filler"  # stops when the 4 kB disk is full
    mount = f"size=4k,ro tmpfs {cache}" if mode == "read-only" else f"size=4k tmpfs {cache} && {fill}"
    script = f"mount -t tmpfs -o {mount}; PLAYBOOK_CACHE_DIR={cache} {playbook('build', '--site-dir', str(site))}"
    result = in_namespace(script)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    pdfs = 2 * len(dataset.worksheets)
    assert f"worksheet PDFs: {pdfs} rendered, 0 from cache" in result.stderr
    assert "worksheet PDF cache not written" in result.stderr
    assert len([p for p in (site / "worksheets").rglob("*.pdf") if p.read_bytes().startswith(b"%PDF-")]) == pdfs
