#!/usr/bin/env bash
# Builds Argo CD v3.2.6's own servers from the Go module proxy into <repo>/.tools/bin:
#   argocd-st2 (one binary, dispatched on its name as Argo CD's cmd/main.go does) linked as
#   argocd-cmp-server, argocd-repo-server, argocd-application-controller and
#   argocd-generate (our driver for reposerver/repository.GenerateManifests);
#   kustomize v5.7.0 for Argo CD's built-in kustomize path (scripts/install-kustomize.sh);
#   the same module's CRDs (manifests/crds) and config objects (manifests/base/config, built
#   with that kustomize) in <repo>/.tools/argocd/, which the whole-loop suite applies.
# `go install github.com/argoproj/argo-cd/v3/cmd@v3.2.6` cannot work (argo-cd's go.mod has
# replace directives), so scripts/argocd/ is a wrapper module with the same replace block.
# v3.2.6 is the newest release the module proxy can build (../shared/reference/argocd.md §13).
# Idempotent: rebuilds only when the wrapper's sources or the Go toolchain changed.
# Prints the bin directory on stdout; progress on stderr.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${here}/.." && pwd)"
gobin="${root}/.tools/bin"
# shellcheck source=go-tool.sh
source "${here}/go-tool.sh"
build_wrapper_module argocd "${here}/argocd" "${gobin}/argocd-st2" github.com/argoproj/argo-cd/v3 v3.2.6 \
  "Argo CD v3.2.6 servers (cmp-server, repo-server, application-controller)"
for name in argocd-cmp-server argocd-repo-server argocd-application-controller argocd-generate; do
  ln -sf argocd-st2 "${gobin}/${name}"
done
kustomize="$(bash "${here}/install-kustomize.sh")"
manifests="${root}/.tools/argocd"
dir="$(cd "${here}/argocd" && go mod download -json github.com/argoproj/argo-cd/v3 | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
mkdir -p "${manifests}"
"${kustomize}" build "${dir}/manifests/crds" > "${manifests}/crds.yaml"
"${kustomize}" build "${dir}/manifests/base/config" > "${manifests}/config.yaml"
echo "${gobin}"
