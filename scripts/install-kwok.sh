#!/usr/bin/env bash
# Installs kwok v0.8.0 (Kubernetes SIG Scheduling's kubelet simulator) into <repo>/.tools/bin:
# the whole-loop Argo CD suite runs it against the loopback kube-apiserver so nodes exist and
# pods move through their lifecycle (Deployments and StatefulSets become Available, the
# PostSync Jobs complete) without a container runtime. Prints the path.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=go-tool.sh
source "${here}/go-tool.sh"
install_pinned_go_tool kwok sigs.k8s.io/kwok v0.8.0 sigs.k8s.io/kwok/cmd/kwok
