#!/usr/bin/env bash
# Debian packages the tests use: Chromium for the browser tests, Java for the Nu HTML
# checker, PostgreSQL for the second database run, gettext for the translation catalogues
# (compilemessages and the test that no English entry is missing). Installs only what is missing, as root.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v msgfmt >/dev/null || missing+=(gettext)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ -n "${DATABASE_URL:-}" ] || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "Saknas: ${missing[*]}. Installera dem (apt-get install ${missing[*]}) och kör igen." >&2
    exit 1
fi
echo "Installerar ${missing[*]} ..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
