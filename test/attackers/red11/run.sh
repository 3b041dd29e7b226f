#!/usr/bin/env bash
# Usage: run.sh [checkout-with-dist-built] [case-id...]   (default checkout: this repository)
# Kept in the repository as the eleventh attacker wrote it, with this default added. Not part of
# npm test; see docs/red-team.md, "Eleventh attacker". out/ is gitignored.
# Renders each case (copied to <checkout>/overlays/red11/<id>/) one at a time, 120 s timeout.
# Writes out/results.tsv: id exit stdout_bytes rules_on_stderr leak_stdout leak_stderr
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
CO="$(cd "${1:-$HERE/../../..}" && pwd)"; [ $# -gt 0 ] && shift
OUT="$HERE/out"; mkdir -p "$OUT/raw"
ids=("$@")
if [ ${#ids[@]} -eq 0 ]; then ids=($(ls "$HERE/cases")); fi
RES="$OUT/results.tsv"
[ $# -eq 0 ] && : > "$RES"
mkdir -p "$CO/overlays/red11"
for id in "${ids[@]}"; do
  src="$HERE/cases/$id"; [ -d "$src" ] || { echo "no case $id" >&2; continue; }
  rm -rf "$CO/overlays/red11/$id"; cp -r "$src" "$CO/overlays/red11/$id"
  ( cd "$CO" && timeout 120 ./dist/st2-gitops render "overlays/red11/$id" >"$OUT/raw/$id.out" 2>"$OUT/raw/$id.err" ); rc=$?
  bytes=$(wc -c <"$OUT/raw/$id.out")
  rules=$(grep -oE '^(DENY|WARN|WAIVED)? ?[A-Z]+ ST2-[A-Z]+-[0-9]+' "$OUT/raw/$id.err" | grep -oE 'ST2-[A-Z]+-[0-9]+' | sort -u | tr '\n' ',' ; true)
  deny=$(grep -oE '^DENY ST2-[A-Z]+-[0-9]+' "$OUT/raw/$id.err" | awk '{print $2}' | sort -u | tr '\n' ',')
  lo=0; le=0
  if [ -f "$HERE/planted.tsv" ]; then
    while IFS=$'\t' read -r pid val; do
      [ "$pid" = "$id" ] || continue; [ -n "$val" ] || continue
      if [ "$rc" != 0 ] && grep -qF -- "$val" "$OUT/raw/$id.out"; then lo=1; fi
      if grep -qF -- "$val" "$OUT/raw/$id.err"; then le=1; fi
    done < "$HERE/planted.tsv"
  fi
  # replace existing line for id
  if [ $# -gt 0 ] && [ -f "$RES" ]; then grep -v -P "^\Q$id\E\t" "$RES" > "$RES.tmp"; mv "$RES.tmp" "$RES"; fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$rc" "$bytes" "${deny:--}" "$lo" "$le" >> "$RES"
  rm -rf "$CO/overlays/red11/$id"
  printf '%s rc=%s deny=%s\n' "$id" "$rc" "${deny:--}"
done
rmdir "$CO/overlays/red11" 2>/dev/null || true
