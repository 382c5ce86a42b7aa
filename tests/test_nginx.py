"""The built site served the way a reader meets it: real nginx with its workers running as an
unprivileged user, configured by the repository's own deploy/nginx.conf (security headers included).

A site folder made 0700 (what `tempfile.mkdtemp` gives) passes every test that serves it as root,
and nginx answers 403 for every page of it; this test serves `make site`'s output as a host would.
"""

from __future__ import annotations

import grp
import os
import pwd
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.security import content_security_policy
from tests.conftest import ROOT, free_port

pytestmark = pytest.mark.slow

WORKER_USER = "nobody"
EMBED_ANCESTORS = ("'self'", "https://intranet.example")
"""The intranet origin deploy/nginx.conf's /embed/ block names as an example."""


@dataclass(frozen=True)
class Nginx:
    url: str
    master_pid: int


def nginx_config(site: Path, port: int, work: Path) -> str:
    """deploy/nginx.conf's server block on a loopback port and this site, in a minimal main config."""
    server = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};")
    server, count = re.subn(r"^(\s*)root [^;\n]+;", rf"\1root {site};", server, flags=re.M)
    assert count == 1, "deploy/nginx.conf should have one root"
    temp_paths = "".join(f"  {kind}_temp_path {work / kind};\n" for kind in ("client_body", "proxy", "fastcgi"))
    return (
        f"user {WORKER_USER} {worker_group()};\nworker_processes 1;\n"
        f"pid {work / 'nginx.pid'};\nerror_log {work / 'error.log'};\n"
        f"events {{}}\nhttp {{\n  include /etc/nginx/mime.types;\n  access_log off;\n{temp_paths}{server}\n}}\n"
    )


def worker_group() -> str:
    """The worker user's own group (Debian's nobody is in nogroup, not in a group called nobody)."""
    return grp.getgrgid(pwd.getpwnam(WORKER_USER).pw_gid).gr_name


@pytest.fixture(scope="module")
def nginx(unaddressed_build: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        pytest.fail("nginx is missing: `make test` installs it (scripts/install-system-deps.sh)")
    if os.geteuid() != 0:
        pytest.skip("nginx runs its workers as another user only when started as root, as in CI")
    site, _ = unaddressed_build
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    (work / "nginx.conf").write_text(nginx_config(site, port, work), encoding="utf-8")
    process = subprocess.Popen(
        [binary, "-c", str(work / "nginx.conf"), "-g", "daemon off;"], stderr=subprocess.PIPE, text=True
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 10
        while fetch(url)[0] == 0:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"nginx did not start: {process.communicate()[1]}")
            time.sleep(0.1)
        yield Nginx(url, process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body; status 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
    except OSError:
        return 0, {}, b""


def status_field(pid: int, field: str) -> int:
    match = re.search(rf"^{field}:\s+(\d+)", Path(f"/proc/{pid}/status").read_text(), re.M)
    assert match, (pid, field)
    return int(match.group(1))


def test_the_workers_run_as_an_unprivileged_user(nginx: Nginx) -> None:
    workers = [
        int(proc.name)
        for proc in Path("/proc").iterdir()
        if proc.name.isdigit() and proc.joinpath("status").exists() and _parent(int(proc.name)) == nginx.master_pid
    ]
    assert workers
    assert all(status_field(pid, "Uid") != 0 for pid in workers)


def _parent(pid: int) -> int:
    try:
        return status_field(pid, "PPid")
    except (OSError, AssertionError):
        return -1


def test_every_page_and_file_is_served_with_the_security_headers(
    nginx: Nginx, unaddressed_build: tuple[Path, str]
) -> None:
    site, _ = unaddressed_build
    files = sorted(p for p in site.rglob("*") if p.is_file() and not p.name.startswith("."))
    failures = []
    for path in files:
        relative = path.relative_to(site).as_posix()
        status, headers, _ = fetch(nginx.url + relative.removesuffix("index.html"))
        ancestors = EMBED_ANCESTORS if relative.startswith("embed/") else ("'self'",)
        if status != 200:
            failures.append(f"{relative}: HTTP {status}")
        elif headers.get("Content-Security-Policy") != content_security_policy(ancestors):
            failures.append(f"{relative}: Content-Security-Policy {headers.get('Content-Security-Policy')!r}")
        elif headers.get("X-Content-Type-Options") != "nosniff":
            failures.append(f"{relative}: no X-Content-Type-Options")
    assert failures == [], failures[:20]
    assert len(files) > 100


def test_a_missing_page_gets_the_sites_404_and_hidden_files_stay_hidden(nginx: Nginx) -> None:
    status, _, body = fetch(nginx.url + "no-such-page/")
    assert status == 404 and b"md-content" in body
    assert fetch(nginx.url + ".playbook-output")[0] == 404
