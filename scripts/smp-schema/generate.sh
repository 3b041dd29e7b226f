#!/usr/bin/env bash
# Writes src/render/smp-schema.generated.json: the merge keys and patch
# strategies of kustomize's embedded Kubernetes OpenAPI schema, as read by
# kyaml v0.18.1 (pinned in go.mod here; kustomize v5.5.0 / kubectl v1.32.4).
# Build time only (needs Go and the Go module proxy or a warm module cache);
# rendering reads the committed file.
#
# Usage: scripts/smp-schema/generate.sh [--check]
#   --check  exit 1 when the committed file differs from a fresh generation
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out="$here/../../src/render/smp-schema.generated.json"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
(cd "$here" && go run . >"$tmp")
if [ "${1:-}" = "--check" ]; then
  if ! cmp -s "$tmp" "$out"; then
    echo "src/render/smp-schema.generated.json is stale: run scripts/smp-schema/generate.sh" >&2
    exit 1
  fi
  echo "src/render/smp-schema.generated.json is up to date"
else
  cp "$tmp" "$out"
fi
