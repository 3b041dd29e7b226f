#!/usr/bin/env bash
# Fuzzes the server against its own OpenAPI document with schemathesis (pinned, project-local
# venv from scripts/install-schemathesis.sh): starts `st2-gitops serve` on loopback over this
# repository, runs every check with a bounded number of examples per operation, fails on any
# finding. Usage: scripts/run-schemathesis.sh [max-examples, default 25]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

examples="${1:-25}"
st="$(bash scripts/install-schemathesis.sh)"
token="schemathesis-$$"
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
log="$(mktemp)"
ST2_GITOPS_APPSET_TOKEN="$token" LOG_LEVEL=warn node dist/st2-gitops.mjs serve --port "$port" --host 127.0.0.1 --root . >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null

"$st" run "http://127.0.0.1:$port/openapi.json" \
  --checks all \
  --max-examples "$examples" \
  --seed 14 \
  --workers 1 \
  --request-timeout 30 \
  --header "Authorization: Bearer $token" \
  --no-color
if grep -q '"level":50' "$log"; then
  echo "schemathesis: the server logged errors:" >&2
  grep '"level":50' "$log" >&2
  exit 1
fi
