#!/usr/bin/env bash
# Fetches the CustomResourceDefinitions listed in scripts/crd-versions from the Go
# module proxy (`go mod download -json`, checksummed by the Go toolchain) into
# <repo>/.tools/crds/, for the real API server suite (test/apiserver). Idempotent:
# a file already fetched for the pinned version is kept. Prints each file's path.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(cd "${here}/.." && pwd)/.tools/crds"
if ! command -v go >/dev/null 2>&1; then
  echo "fetch-crds: go not found on PATH; it downloads the operator modules" >&2
  exit 2
fi
mkdir -p "${out}"
# A throw-away module so `go mod download` runs outside any other module.
scratch="$(mktemp -d)"
trap 'rm -rf "${scratch}"' EXIT
(cd "${scratch}" && go mod init fetch-crds >/dev/null 2>&1)

grep -v '^\s*\(#\|$\)' "${here}/crd-versions" | while read -r module version file; do
  if [[ ! "${version}" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ || -z "${file}" ]]; then
    echo "fetch-crds: bad line in scripts/crd-versions: ${module} ${version} ${file}" >&2
    exit 2
  fi
  target="${out}/$(basename "${module}")-${version}.yaml"
  if [[ ! -s "${target}" ]]; then
    dir="$(cd "${scratch}" && go mod download -json "${module}@${version}" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
    if [[ ! -f "${dir}/${file}" ]]; then
      echo "fetch-crds: ${module}@${version} has no ${file}" >&2
      exit 3
    fi
    cp "${dir}/${file}" "${target}.tmp"
    chmod 644 "${target}.tmp"
    mv "${target}.tmp" "${target}"
  fi
  echo "${target}"
done
