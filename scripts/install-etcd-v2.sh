#!/usr/bin/env bash
# Builds etcd 3.5 (pinned in scripts/etcd-v2/go.mod), the version our overlays run as
# st2's coordination backend, into <repo>/.tools/bin/etcd-3.5 from the Go module proxy.
# test/cluster/etcd-coordination.e2e.test.ts starts it with the rendered etcd flags to check
# the v2 API tooz's etcd:// driver uses and the probe paths. (The control plane's etcd,
# scripts/install-kube.sh, is 3.6: no v2 API.) Idempotent; prints the path.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mod="${here}/etcd-v2"
bin="$(cd "${here}/.." && pwd)/.tools/bin/etcd-3.5"
want="$(awk '$1 == "require" && $2 == "go.etcd.io/etcd/server/v3" { print $3 }' "${mod}/go.mod")"
if ! command -v go >/dev/null 2>&1; then
  echo "install-etcd-v2: go not found on PATH; install a recent Go toolchain to build etcd ${want}" >&2
  exit 2
fi
got() { go version -m "${bin}" 2>/dev/null | awk '$1 == "dep" && $2 == "go.etcd.io/etcd/server/v3" { print $3; exit }'; }
if [[ -x "${bin}" && "$(got)" == "${want}" ]]; then
  echo "install-etcd-v2: etcd ${want} already installed" >&2
else
  echo "install-etcd-v2: building etcd ${want} (cold: about 2 minutes)" >&2
  mkdir -p "$(dirname "${bin}")"
  (cd "${mod}" && GOFLAGS=-mod=readonly CGO_ENABLED=0 go build -ldflags "-s -w" -o "${bin}" ./cmd/etcd)
  if [[ "$(got)" != "${want}" ]]; then
    echo "install-etcd-v2: ${bin} records etcd $(got), expected ${want}" >&2
    exit 3
  fi
fi
echo "${bin}"
