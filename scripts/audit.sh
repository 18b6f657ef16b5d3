#!/usr/bin/env bash
# Checks every locked dependency (requirements.lock and requirements-dev.lock) against the
# vulnerability database pip-audit uses: PyPI's per-release JSON API (/pypi/<name>/<version>/json,
# which carries the OSV advisories for that release). Fails when it cannot check: an audit that
# skips packages would read as "no known vulnerabilities". The probe asks for one release the way
# pip-audit does.
set -euo pipefail
python=${1:-.venv/bin/python}
probe=https://pypi.org/pypi/Django/5.2/json
if ! status=$(curl -s -o /dev/null -m 15 -w '%{http_code}' "$probe") || [ "$status" != 200 ]; then
    echo "Granskningen kunde inte göras: sårbarhetsdatabasen ($probe) svarar inte härifrån (HTTP ${status:-ingen kontakt})." >&2
    echo "Kör make audit från en maskin som når pypi.org." >&2
    exit 2
fi
# The lock files pin every package with its hashes: nothing to resolve or install to audit them.
"$python" -m pip_audit --strict --progress-spinner off --require-hashes --disable-pip \
    -r requirements.lock -r requirements-dev.lock
