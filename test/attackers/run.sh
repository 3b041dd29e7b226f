#!/usr/bin/env bash
# Render every case of one kept attacker set (red12 and later) once, sequentially, through the gate.
# usage: run.sh <set> [checkout] [id...]   (checkout defaults to the repository root)
# Writes <set>/out/results.tsv (gitignored); report.py <set> sums it up against <set>/verdicts.tsv.
set -u
SET="${1:?usage: run.sh <set> [checkout] [id...]}"; shift
ROOT="$(cd "$(dirname "$0")" && pwd)"
HERE="$ROOT/$SET"
[ -f "$HERE/verdicts.tsv" ] || { echo "no kept set $SET" >&2; exit 2; }
CHECKOUT="$(cd "${1:-$ROOT/../..}" && pwd)"; shift || true
OUT="$HERE/out"; mkdir -p "$OUT/logs"
DEST="$CHECKOUT/overlays/$SET"
mkdir -p "$DEST"
if [ $# -gt 0 ]; then IDS="$*"; else IDS="$(cut -f1 "$HERE/verdicts.tsv" | grep -vx id)"; fi  # (the nineteenth set has a header row)
RES="$OUT/results.tsv"
[ $# -gt 0 ] && [ -f "$RES" ] || printf 'id\texit\tstdout_bytes\tdeny_rules\tleak\n' > "$RES"
for id in $IDS; do
  rm -rf "$DEST/$id"; cp -r "$HERE/cases/$id" "$DEST/$id"
  # A symlink case is kept as NAME.symlink holding its target: a repository with a symlink out of
  # it is refused whole by Argo CD's repo-server ("out-of-bounds symlinks"), so none is committed.
  for f in "$DEST/$id"/*.symlink; do [ -e "$f" ] && ln -s "$(cat "$f")" "${f%.symlink}" && rm "$f"; done
  ( cd "$CHECKOUT" && timeout 120 ./dist/st2-gitops render "overlays/$SET/$id" >"$OUT/logs/$id.out" 2>"$OUT/logs/$id.err" ); rc=$?
  bytes=$(wc -c <"$OUT/logs/$id.out")
  rules=$(grep -E '^DENY' "$OUT/logs/$id.err" | grep -oE 'ST2-[A-Z]+-[0-9]+' | sort -u | paste -sd, -)
  leak=""
  while IFS=$'\t' read -r pid val; do
    [ "$pid" = "$id" ] || continue
    if grep -qF -- "$val" "$OUT/logs/$id.err"; then leak="${leak}stderr;"; fi
    if [ "$rc" != 0 ] && grep -qF -- "$val" "$OUT/logs/$id.out"; then leak="${leak}stdout-after-deny;"; fi
  done < "$HERE/planted.tsv"
  # drop an older row for this id, then append
  grep -v -P "^\Q$id\E\t" "$RES" > "$RES.tmp" || true; mv "$RES.tmp" "$RES"
  printf '%s\t%s\t%s\t%s\t%s\n' "$id" "$rc" "$bytes" "${rules:--}" "${leak:--}" >> "$RES"
  rm -rf "$DEST/$id"
done
rmdir "$DEST" 2>/dev/null || true
