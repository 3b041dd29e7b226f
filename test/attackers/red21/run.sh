#!/usr/bin/env bash
# Render every case once, sequentially, from the checkout.
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
CO="$HERE/checkout"
OUT="$HERE/out"; mkdir -p "$OUT/logs"
PLANTS=$(cut -f2 "$HERE/planted.tsv" | sort -u)
printf 'id\texit\tstdout_bytes\tdeny_rules\tleak\n' > "$OUT/results.tsv"
mkdir -p "$CO/overlays/red21"
for d in "$HERE"/cases/*/; do
  id=$(basename "$d")
  dst="$CO/overlays/red21/$id"
  rm -rf "$dst"; mkdir -p "$dst"
  for f in "$d"*; do
    b=$(basename "$f")
    case "$b" in *.symlink) ln -s "$(cat "$f")" "$dst/${b%.symlink}";; *) cp -r "$f" "$dst/";; esac
  done
  (cd "$CO" && timeout 120 ./dist/st2-gitops render "overlays/red21/$id" >"$OUT/logs/$id.out" 2>"$OUT/logs/$id.err"); rc=$?
  sb=$(stat -c %s "$OUT/logs/$id.out")
  rules=$(grep -o 'ST2-[A-Z]*-[0-9]*' "$OUT/logs/$id.err" | sort -u | tr '\n' ',' | sed 's/,$//')
  leak=""
  for p in $PLANTS; do
    if grep -qF "$p" "$OUT/logs/$id.err"; then leak="$leak stderr:$p"; fi
    if [ "$rc" != 0 ] && grep -qF "$p" "$OUT/logs/$id.out"; then leak="$leak stdout:$p"; fi
  done
  printf '%s\t%s\t%s\t%s\t%s\n' "$id" "$rc" "$sb" "${rules:--}" "${leak:--}" >> "$OUT/results.tsv"
  rm -rf "$dst"
done
rmdir "$CO/overlays/red21" 2>/dev/null || true
