#!/usr/bin/env bash
# Installs schemathesis, pinned, into a project-local virtualenv (.tools/schemathesis-venv) from
# PyPI and prints the path of its `st` command. Re-running with the pinned version installed
# does nothing. Needs python3 with venv; nothing is installed outside the repository.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

version="$(tr -d '[:space:]' < scripts/schemathesis-version)"
venv=.tools/schemathesis-venv
st="$venv/bin/st"

if [ -x "$st" ] && "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('schemathesis') != '$version')" 2>/dev/null; then
  echo "$PWD/$st"
  exit 0
fi
echo "install-schemathesis: schemathesis $version into $venv" >&2
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input "schemathesis==$version" >&2
echo "$PWD/$st"
