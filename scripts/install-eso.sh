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
stamp="${bin}.stamp"
if ! command -v go >/dev/null 2>&1; then
  echo "install-eso: go not found on PATH; install a recent Go toolchain to build the External Secrets Operator" >&2
  exit 2
fi
mkdir -p "${root}/.tools/bin" "${root}/.tools/eso"
want="$(cd "${here}/eso" && cat go.mod go.sum ./*.go | sha256sum | cut -d' ' -f1) $(go env GOVERSION)"
if [[ -x "${bin}" && -f "${stamp}" && "$(cat "${stamp}")" == "${want}" ]]; then
  echo "install-eso: External Secrets Operator v0.16.2 already built" >&2
else
  echo "install-eso: building the External Secrets Operator v0.16.2 (every provider links in; cold: ~10 minutes)" >&2
  (cd "${here}/eso" && go build -mod=readonly -o "${bin}.tmp" .)
  mv "${bin}.tmp" "${bin}"
  echo "${want}" > "${stamp}"
fi
got="$(go version -m "${bin}" | awk '$1 == "dep" && $2 == "github.com/external-secrets/external-secrets" { print $3 }')"
if [[ "${got}" != "v0.16.2" ]]; then
  echo "install-eso: ${bin} is built from external-secrets ${got:-unknown}, expected v0.16.2" >&2
  exit 3
fi
dir="$(cd "${here}/eso" && go mod download -json github.com/external-secrets/external-secrets | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
cp "${dir}/deploy/crds/bundle.yaml" "${root}/.tools/eso/crds.yaml"
echo "${bin}"
