# Sourced by scripts/install-*.sh: installs a Go command-line tool at a pinned
# version into <repo>/.tools/bin with `go install`, the only way this project
# fetches build tools. Idempotent: the version of an existing binary is read
# from its Go build info. Prints the binary's path on stdout; progress on stderr.

# install_pinned_go_tool NAME MODULE VERSION [PACKAGE]
# PACKAGE is the command's package when it is not the module's root (kwok: sigs.k8s.io/kwok/cmd/kwok).
install_pinned_go_tool() {
  local name="$1" module="$2" version="$3" package="${4:-$2}"
  local repo_root gobin bin got
  repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  gobin="${repo_root}/.tools/bin"
  bin="${gobin}/${name}"

  if [[ ! "${version}" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    echo "install-${name}: invalid version '${version}'; expected vMAJOR.MINOR.PATCH" >&2
    return 2
  fi
  if ! command -v go >/dev/null 2>&1; then
    echo "install-${name}: go not found on PATH; install a recent Go toolchain to build ${name} ${version}" >&2
    return 2
  fi
  if [[ -x "${bin}" && "$(module_version "${bin}" "${module}")" == "${version}" ]]; then
    echo "install-${name}: ${name} ${version} already installed" >&2
    echo "${bin}"
    return 0
  fi
  mkdir -p "${gobin}"
  echo "install-${name}: building ${name} ${version} with go install (this can take several minutes)" >&2
  GOBIN="${gobin}" go install "${package}@${version}"
  got="$(module_version "${bin}" "${module}")"
  if [[ "${got}" != "${version}" ]]; then
    echo "install-${name}: ${bin} reports ${got:-no version}, expected ${version}" >&2
    return 3
  fi
  echo "${bin}"
}

# module_version BINARY MODULE: the module version recorded in a Go binary's build info.
module_version() {
  go version -m "$1" 2>/dev/null | awk -v m="$2" '$1 == "mod" && $2 == m { print $3; exit }'
}

# build_wrapper_module NAME WRAPPER_DIR BIN MODULE VERSION WHAT
# Builds the main package of a committed wrapper module (a go.mod whose replace block the
# upstream module needs, so `go install module@version` cannot work) into BIN, then checks
# that BIN's build info records MODULE at VERSION. Idempotent through BIN.stamp: a hash of
# the wrapper's sources and the Go version. WHAT names the build in progress lines.
build_wrapper_module() {
  local name="$1" wrapper="$2" bin="$3" module="$4" version="$5" what="$6"
  local stamp="${bin}.stamp" want got
  if ! command -v go >/dev/null 2>&1; then
    echo "install-${name}: go not found on PATH; install a recent Go toolchain to build ${what}" >&2
    return 2
  fi
  mkdir -p "$(dirname "${bin}")"
  want="$(cd "${wrapper}" && cat go.mod go.sum ./*.go | sha256sum | cut -d' ' -f1) $(go env GOVERSION)"
  if [[ -x "${bin}" && -f "${stamp}" && "$(cat "${stamp}")" == "${want}" ]]; then
    echo "install-${name}: ${what} already built" >&2
  else
    echo "install-${name}: building ${what} (several minutes cold)" >&2
    (cd "${wrapper}" && go build -mod=readonly -o "${bin}.tmp" .)
    mv "${bin}.tmp" "${bin}"
    echo "${want}" > "${stamp}"
  fi
  got="$(go version -m "${bin}" | awk -v m="${module}" '$1 == "dep" && $2 == m { print $3 }')"
  if [[ "${got}" != "${version}" ]]; then
    echo "install-${name}: ${bin} is built from ${module} ${got:-unknown}, expected ${version}" >&2
    return 3
  fi
}
