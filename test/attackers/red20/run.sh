#!/bin/bash
# Renders each case once, sequentially, from the checkout; writes out/results.tsv and out/logs/.
set -u
R=$(cd "$(dirname "$0")" && pwd); C="$R/checkout"
mkdir -p "$R/out/logs"; : > "$R/out/results.tsv"
printf 'id\texit\tstdout_bytes\tdeny_rules\tleak\n' > "$R/out/results.tsv"
mkdir -p "$C/overlays/red20"
for d in "$R"/cases/*/; do
  id=$(basename "$d")
  rm -rf "$C/overlays/red20/$id"; cp -r "$d" "$C/overlays/red20/$id"
  ( cd "$C" && timeout 120 ./dist/st2-gitops render "overlays/red20/$id" >"$R/out/logs/$id.out" 2>"$R/out/logs/$id.err" ); rc=$?
  rm -rf "$C/overlays/red20/$id"
  bytes=$(wc -c <"$R/out/logs/$id.out")
  rules=$(grep -o '^DENY ST2-[A-Z0-9]*-[0-9]*' "$R/out/logs/$id.err" | sed 's/^DENY //' | sort -u | paste -sd, -)
  leak=none
  while IFS=$'\t' read -r pid val; do
    [ "$pid" = "$id" ] || continue
    if grep -qF "$val" "$R/out/logs/$id.err"; then leak="stderr:$val"; fi
    if [ "$rc" != 0 ] && grep -qF "$val" "$R/out/logs/$id.out"; then leak="$leak;stdout:$val"; fi
  done < "$R/planted.tsv"
  printf '%s\t%s\t%s\t%s\t%s\n' "$id" "$rc" "$bytes" "${rules:-}" "$leak" >> "$R/out/results.tsv"
done
rmdir "$C/overlays/red20" 2>/dev/null || true
