#!/usr/bin/env bash
# Installs kustomize v5.7.0, the version Argo CD v3.2.6's image ships (hack/tool-versions.sh),
# into <repo>/.tools/bin: Argo CD's built-in kustomize path (reposerver/repository
# GenerateManifests without a plugin) runs `kustomize build` from PATH. Used by the Argo CD
# suites and bench/argocd-generate.mjs as the path users get with no plugin. Prints the path.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=go-tool.sh
source "${here}/go-tool.sh"
install_pinned_go_tool kustomize sigs.k8s.io/kustomize/kustomize/v5 v5.7.0
