#!/usr/bin/env bash
# Install the Debian packages the tests need, only when they are missing:
# chromium (browser tests), poppler-utils (PDF checks), zbar-tools (reading the cards' QR codes),
# a Java runtime (Nu HTML Checker), Node.js and npm (axe-core, Lighthouse), nginx (serving the built
# site), the fonts the worksheet PDFs are laid out in, and WordPress, MariaDB and PHP for the
# WordPress embed test.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# The site is served once by real nginx with unprivileged workers (tests/test_nginx.py).
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
# Worksheet PDFs are laid out (and their page counts tested) in Liberation Sans.
fc-list 2>/dev/null | grep -qi "Liberation Sans" || missing+=(fonts-liberation fontconfig)
# The embed test runs a real WordPress (Debian's package and its default theme) on MariaDB and
# PHP's built-in server (tests/support/wordpress.py).
[ -f /usr/share/wordpress/wp-settings.php ] || missing+=(wordpress)
ls /usr/share/wordpress/wp-content/themes/twenty*/style.css >/dev/null 2>&1 || missing+=(wordpress-theme-twentytwentythree)
{ command -v mariadb-install-db && command -v mysqld_safe && command -v mariadb-admin; } >/dev/null 2>&1 || missing+=(mariadb-server)
command -v php >/dev/null 2>&1 || missing+=(php-cli)
php -m 2>/dev/null | grep -qi '^mysqli$' || missing+=(php-mysql)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "installing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
