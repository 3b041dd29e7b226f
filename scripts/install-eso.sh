#!/usr/bin/env bash
# Builds the External Secrets Operator v0.16.2 controller (its own cmd/controller) from the Go
# module proxy through the wrapper module scripts/eso/ into <repo>/.tools/bin/external-secrets,
# and copies that release's CRDs (deploy/crds/bundle.yaml) to <repo>/.tools/eso/crds.yaml.
# The whole-loop Argo CD suite runs it with a `fake` provider ClusterSecretStore, so the
# overlays' ExternalSecrets become real Secrets. Why v0.16.2 and not v1.x: see scripts/eso/go.mod.
# Idempotent (a stamp of the wrapper's sources and the Go version). Prints the binary's path.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${here}/.." && pwd)"
bin="${root}/.tools/bin/external-secrets"
# shellcheck source=go-tool.sh
source "${here}/go-tool.sh"
mkdir -p "${root}/.tools/eso"
build_wrapper_module eso "${here}/eso" "${bin}" github.com/external-secrets/external-secrets v0.16.2 \
  "the External Secrets Operator v0.16.2 (every provider links in)"
dir="$(cd "${here}/eso" && go mod download -json github.com/external-secrets/external-secrets | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
cp "${dir}/deploy/crds/bundle.yaml" "${root}/.tools/eso/crds.yaml"
echo "${bin}"
