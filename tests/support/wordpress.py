"""A real WordPress for the embed tests: Debian's package, with MariaDB and PHP's built-in server.

Everything runs on loopback from a temporary folder and stops when the block ends. Nothing of
WordPress is changed: the set-up writes a wp-config.php (its own database, its own content folder)
into a folder that links to every other file of /usr/share/wordpress, a router for `php -S`, and
one must-use plugin that lets WordPress's HTTP API fetch from the playbook's loopback address
(it refuses local addresses, and ports other than 80, 443 and 8080, for everything else).
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

WORDPRESS = Path("/usr/share/wordpress")
THEMES = WORDPRESS / "wp-content" / "themes"
THEME = "twentytwentythree"
"""WordPress 6.1's default theme (Debian's wordpress-theme-twentytwentythree); where a newer
WordPress ships only other themes, another installed "twenty..." theme is used."""
NEEDED = ("mariadb-install-db", "mysqld_safe", "mariadb-admin", "php")
STARTUP_SECONDS = 60


def php_string(text: str) -> str:
    """A PHP single-quoted string literal."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _theme() -> str:
    """The theme the post is shown in: WordPress 6.1's default, else another of WordPress's own."""
    installed = sorted(p.name for p in THEMES.glob("twenty*") if (p / "style.css").is_file()) if THEMES.is_dir() else []
    return THEME if THEME in installed else (installed[0] if installed else "")


def missing_requirements() -> list[str]:
    """What this machine lacks to run WordPress (scripts/install-system-deps.sh installs it)."""
    missing = [name for name in NEEDED if shutil.which(name) is None]
    if not (WORDPRESS / "wp-settings.php").is_file():
        missing.append("wordpress")
    if not _theme():
        missing.append(f"wordpress-theme-{THEME}")
    if shutil.which("php") and "mysqli" not in subprocess.run(["php", "-m"], capture_output=True, text=True).stdout:
        missing.append("php-mysql")
    return missing


def _wait(ready: Callable[[], bool], what: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if ready():
            return
        if process.poll() is not None:
            break
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start:\n{log.read_text(errors='replace')[-3000:]}")


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """Stop a process started in its own session, with the children it started."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


@contextlib.contextmanager
def mariadb(folder: Path) -> Iterator[Path]:
    """A MariaDB server with its own data folder, reachable only through a socket; yields the socket."""
    data, sock, log = folder / "data", folder / "mysql.sock", folder / "mysql.err"
    data.mkdir(parents=True)
    user = ["--user=" + getpass.getuser()]  # mysqld runs as root only when told to
    subprocess.run(
        ["mariadb-install-db", "--no-defaults", f"--datadir={data}", "--auth-root-authentication-method=normal",
         "--skip-test-db", *user],
        check=True, capture_output=True,
    )  # fmt: skip
    process = subprocess.Popen(
        ["mysqld_safe", "--no-defaults", f"--datadir={data}", f"--socket={sock}", f"--pid-file={folder / 'mysql.pid'}",
         "--skip-networking", f"--log-error={log}", "--innodb-buffer-pool-size=32M", *user],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    admin = ["mariadb-admin", "--no-defaults", f"--socket={sock}", "--user=root"]

    def ready() -> bool:
        return sock.exists() and subprocess.run([*admin, "ping"], capture_output=True).returncode == 0

    try:
        log.touch()
        _wait(ready, "MariaDB", process, log)
        yield sock
    finally:
        subprocess.run([*admin, "shutdown"], capture_output=True, check=False)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            _stop_group(process)


ROUTER = """<?php
// PHP's built-in server in front of WordPress: files as they are, everything else to index.php.
define('ABSPATH', {root});
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
$file = ABSPATH . ltrim($path, '/');
if (is_dir($file)) {{ $file = rtrim($file, '/') . '/index.php'; }}
if (is_file($file) && substr($file, -4) !== '.php') {{ return false; }}
if (!is_file($file)) {{ $file = ABSPATH . 'index.php'; }}
$_SERVER['SCRIPT_FILENAME'] = $file;
$_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = '/' . substr($file, strlen(ABSPATH));
chdir(dirname($file));
require $file;
"""

CONFIG = """<?php
// Written by the test set-up: a WordPress on loopback with its own database and content folder.
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', {db_host});
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
{keys}
$table_prefix = 'wp_';
define('WP_HOME', {url});
define('WP_SITEURL', {url});
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('WP_CONTENT_URL', {url} . '/wp-content');
// Hermetic: no update checks, no cron, no request beyond loopback.
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('DISABLE_WP_CRON', true);
require_once ABSPATH . 'wp-settings.php';
"""

LOOPBACK_PLUGIN = """<?php
/*
 * Plugin Name: Fetch the playbook on loopback (test set-up only)
 * WordPress's HTTP API refuses loopback addresses and unusual ports; the playbook under test is
 * on both. Only requests to that one origin are let through.
 */
add_filter('http_request_args', function ($args, $url) {{
    if (strpos($url, {origin}) === 0) {{
        $args['reject_unsafe_urls'] = false;
    }}
    return $args;
}}, 10, 2);
"""

BOOT = """<?php
define('ABSPATH', {root});
$_SERVER['HTTP_HOST'] = {host};
"""

INSTALL = """
$db = new mysqli('localhost', 'root', '', '', 0, {socket});
$db->query('CREATE DATABASE wordpress');
define('WP_INSTALLING', true);
require ABSPATH . 'wp-load.php';
require ABSPATH . 'wp-admin/includes/upgrade.php';
wp_install('Member intranet', 'editor', 'editor@example.org', false, '', wp_generate_password(24));
switch_theme({theme});
"""

PUBLISH = """
require ABSPATH . 'wp-load.php';
wp_set_current_user(1);
$post = json_decode(file_get_contents($argv[1]), true);
$fields = array('post_title' => $post['title'], 'post_content' => $post['content'], 'post_status' => 'publish');
$id = wp_insert_post($fields, true);
if (is_wp_error($id)) {{ fwrite(STDERR, $id->get_error_message()); exit(1); }}
echo get_permalink($id);
"""


@dataclass(frozen=True)
class WordPress:
    """A running WordPress: its address, and a way to publish a post as its editor would."""

    url: str
    root: Path

    def _php(self, body: str, *args: str) -> str:
        script = self.root.parent / f"script-{secrets.token_hex(4)}.php"
        host = self.url.split("//", 1)[1].rstrip("/")
        script.write_text(BOOT.format(root=php_string(f"{self.root}/"), host=php_string(host)) + body)
        result = subprocess.run(
            ["php", "-d", "sendmail_path=/bin/true", str(script), *args], capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"WordPress script failed: {result.stderr or result.stdout}")
        return result.stdout

    def publish(self, title: str, content: str) -> str:
        """Publish a post (content as typed in the classic editor); returns its address."""
        post = self.root.parent / f"post-{secrets.token_hex(4)}.json"
        post.write_text(json.dumps({"title": title, "content": content}))
        return self._php(PUBLISH.format(), str(post)).strip()


def _docroot(folder: Path, url: str, socket_path: Path, fetch_origin: str) -> Path:
    """WordPress's files, linked; its configuration and content folder, written here."""
    root = folder / "root"
    root.mkdir()
    for item in WORDPRESS.iterdir():
        if item.name not in ("wp-config.php", "wp-content", ".htaccess"):
            (root / item.name).symlink_to(item)
    content = root / "wp-content"
    for name in ("mu-plugins", "plugins", "uploads"):
        (content / name).mkdir(parents=True)
    (content / "themes").symlink_to(THEMES)
    plugin = LOOPBACK_PLUGIN.format(origin=php_string(fetch_origin))
    (content / "mu-plugins" / "playbook-loopback.php").write_text(plugin)
    keys = "\n".join(
        f"define('{name}', {php_string(secrets.token_urlsafe(32))});"
        for name in ("AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "SECURE_AUTH_SALT",
                     "LOGGED_IN_SALT", "NONCE_SALT")
    )  # fmt: skip
    (root / "wp-config.php").write_text(
        CONFIG.format(db_host=php_string(f"localhost:{socket_path}"), keys=keys, url=php_string(url.rstrip("/")))
    )
    (folder / "router.php").write_text(ROUTER.format(root=php_string(f"{root}/")))
    return root


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@contextlib.contextmanager
def running_wordpress(folder: Path, port: int, fetch_origin: str) -> Iterator[WordPress]:
    """Install WordPress afresh in `folder` and serve it at http://127.0.0.1:<port>/.

    `fetch_origin` (with its trailing slash) is the one loopback origin WordPress may fetch from.
    """
    missing = missing_requirements()
    if missing:
        raise RuntimeError(f"WordPress test needs {', '.join(missing)}: run scripts/install-system-deps.sh")
    url = f"http://127.0.0.1:{port}/"
    with mariadb(folder / "db") as socket_path:
        root = _docroot(folder, url, socket_path, fetch_origin)
        site = WordPress(url, root)
        site._php(INSTALL.format(socket=php_string(str(socket_path)), theme=php_string(_theme())))
        log = folder / "php.log"
        with log.open("wb") as out:
            server = subprocess.Popen(
                ["php", "-S", f"127.0.0.1:{port}", "-t", str(root), str(folder / "router.php")],
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                env={**os.environ, "PHP_CLI_SERVER_WORKERS": "4"},
            )  # fmt: skip
        try:
            _wait(lambda: _listening(port), "PHP's server", server, log)
            yield site
        finally:
            _stop_group(server)
