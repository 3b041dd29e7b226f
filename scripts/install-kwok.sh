#!/usr/bin/env bash
# Installs kwok v0.8.0 (Kubernetes SIG Scheduling's kubelet simulator) into <repo>/.tools/bin:
# the whole-loop Argo CD suite runs it against the loopback kube-apiserver so nodes exist and
# pods move through their lifecycle (Deployments and StatefulSets become Available, the
# PostSync Jobs complete) without a container runtime. Also writes kwok's own "fast" stages
# from the same module (kustomize/stage/{node,pod,volume}/fast and node/heartbeat-with-lease, built with the pinned
# kustomize) to <repo>/.tools/kwok/, which the suite hands to kwok (-c) and applies (the
# kwok-volume StorageClass). Prints the kwok binary's path.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=go-tool.sh
source "${here}/go-tool.sh"
version=v0.8.0
bin="$(install_pinned_go_tool kwok sigs.k8s.io/kwok "${version}" sigs.k8s.io/kwok/cmd/kwok)"
kustomize="$(bash "${here}/install-kustomize.sh")"
out="$(cd "${here}/.." && pwd)/.tools/kwok"
mkdir -p "${out}"
scratch="$(mktemp -d)"
trap 'rm -rf "${scratch}"' EXIT
(cd "${scratch}" && go mod init kwok-stages >/dev/null 2>&1)
dir="$(cd "${scratch}" && go mod download -json "sigs.k8s.io/kwok@${version}" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
for stage in node/fast node/heartbeat-with-lease pod/fast volume/fast; do
  "${kustomize}" build "${dir}/kustomize/stage/${stage}" > "${out}/${stage//\//-}.yaml"
done
echo "${bin}"
