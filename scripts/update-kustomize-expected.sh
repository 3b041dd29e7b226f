#!/usr/bin/env bash
# Regenerate (default) or verify (--check) the expected.yaml of every case in
# test/fixtures/kustomize/, and the expected-error.txt of every case in
# test/fixtures/kustomize-errors/ (cases kustomize refuses: kubectl must fail;
# the file holds its message with the case's absolute path as <kdir>). The
# oracle is `kubectl kustomize` (kubectl v1.32.4, kustomize v5.5.0); each case
# directory is rendered as-is.
#
# Usage:
#   scripts/update-kustomize-expected.sh           rewrite every expected.yaml
#   scripts/update-kustomize-expected.sh --check   render into a temp dir and diff
#
# Exit codes: 0 all good; 1 a case differs or fails to render; 2 usage error or
# kubectl missing (the caller decides whether that is fatal).
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fixtures_dir=$(cd "$script_dir/../test/fixtures/kustomize" && pwd)
errors_dir=$(cd "$script_dir/../test/fixtures/kustomize-errors" && pwd)
expected_kustomize_version="v5.5.0"

usage() {
  # print the header comment (line 2 up to the first non-comment line)
  sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p;}' "${BASH_SOURCE[0]}"
}

mode=write
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  -h | --help)
    usage
    exit 0
    ;;
  *)
    echo "error: unknown argument '$1'" >&2
    usage >&2
    exit 2
    ;;
esac
if [ "$#" -gt 1 ]; then
  echo "error: expected at most one argument" >&2
  usage >&2
  exit 2
fi

if ! command -v kubectl >/dev/null 2>&1; then
  echo "error: kubectl not found in PATH; cannot render the kustomize fixtures." >&2
  echo "Install kubectl v1.32.4 (embedding kustomize ${expected_kustomize_version}) and rerun." >&2
  exit 2
fi

kubectl_version=$(kubectl version --client 2>/dev/null || true)
if ! grep -q "Kustomize Version: ${expected_kustomize_version}\$" <<<"$kubectl_version"; then
  echo "warning: kubectl does not report Kustomize Version ${expected_kustomize_version}; outputs may differ." >&2
fi

tmp_dir=$(mktemp -d)
trap 'rm -rf "$tmp_dir"' EXIT

failed=()
count=0
for case_dir in "$fixtures_dir"/*/; do
  case_dir=${case_dir%/}
  name=$(basename "$case_dir")
  [ -f "$case_dir/kustomization.yaml" ] || continue
  count=$((count + 1))
  out="$tmp_dir/$name.yaml"
  err="$tmp_dir/$name.stderr"
  if ! kubectl kustomize "$case_dir" >"$out" 2>"$err"; then
    echo "FAIL $name: kubectl kustomize exited non-zero:" >&2
    sed 's/^/    /' "$err" >&2
    failed+=("$name")
    continue
  fi
  if [ "$mode" = write ]; then
    cp "$out" "$case_dir/expected.yaml"
  elif [ ! -f "$case_dir/expected.yaml" ]; then
    echo "FAIL $name: expected.yaml is missing" >&2
    failed+=("$name")
  elif ! cmp -s "$case_dir/expected.yaml" "$out"; then
    echo "FAIL $name: output differs from expected.yaml" >&2
    diff -u --label "$name/expected.yaml" --label "kubectl kustomize $name" \
      "$case_dir/expected.yaml" "$out" >&2 || true
    failed+=("$name")
  fi
done

# kubectl's message for a refused case: the err="..." text (or the err=< block), paths made relative.
error_text() {
  sed -e 's/^E[0-9]\{4\} [0-9:.]* *[0-9]* run.go:[0-9]*\] "command failed" err=//' -e '/^# Warning:/d' "$1" \
    | sed -e "s#$2#<kdir>#g" -e 's/&{0x[0-9a-f]* /\&{0x… /g'
}

for case_dir in "$errors_dir"/*/; do
  case_dir=${case_dir%/}
  name=$(basename "$case_dir")
  [ -f "$case_dir/kustomization.yaml" ] || continue
  count=$((count + 1))
  err="$tmp_dir/error-$name.stderr"
  if kubectl kustomize "$case_dir" >/dev/null 2>"$err"; then
    echo "FAIL errors/$name: kubectl kustomize succeeded; this case must be refused" >&2
    failed+=("errors/$name")
    continue
  fi
  error_text "$err" "$case_dir" >"$tmp_dir/error-$name.txt"
  if [ "$mode" = write ]; then
    cp "$tmp_dir/error-$name.txt" "$case_dir/expected-error.txt"
  elif ! cmp -s "$case_dir/expected-error.txt" "$tmp_dir/error-$name.txt"; then
    echo "FAIL errors/$name: kubectl's message differs from expected-error.txt" >&2
    diff -u "$case_dir/expected-error.txt" "$tmp_dir/error-$name.txt" >&2 || true
    failed+=("errors/$name")
  fi
done

if [ "$count" -eq 0 ]; then
  echo "error: no cases found under $fixtures_dir" >&2
  exit 1
fi

if [ "${#failed[@]}" -gt 0 ]; then
  echo "${#failed[@]} of $count case(s) failed:" >&2
  printf '  %s\n' "${failed[@]}" >&2
  exit 1
fi

if [ "$mode" = write ]; then
  echo "regenerated expected.yaml for $count case(s)"
else
  echo "all $count case(s) match expected.yaml"
fi
