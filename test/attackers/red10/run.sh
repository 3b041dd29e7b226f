#!/usr/bin/env bash
# usage: run.sh [checkout-with-dist-built] [ids...]   (default checkout: this repository)
# Renders each case of cases/ through <checkout>/dist/st2-gitops render, one at a time, and
# writes results.tsv (gitignored) beside this script. See docs/red-team.md, "Tenth attacker".
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CO=$(cd "${1:-$HERE/../../..}" && pwd); [ $# -gt 0 ] && shift
[ -x "$CO/dist/st2-gitops" ] || { echo "no $CO/dist/st2-gitops (run npm ci)"; exit 2; }
if [ $# -gt 0 ]; then ids=("$@"); else ids=($(ls "$HERE/cases")); fi
OUT=$HERE/results.tsv
TMP=$(mktemp -d)
trap 'rm -rf "$TMP" "$CO/overlays/red10"' EXIT
printf 'id\texpected\tclass\texit\tverdict\tstdout_empty_on_deny\trules\tleak\tok\n' > "$OUT"
rm -rf "$CO/overlays/red10"
for id in "${ids[@]}"; do
  [ -d "$HERE/cases/$id" ] || { echo "missing case $id"; continue; }
  line=$(awk -F'\t' -v id="$id" '$1==id' "$HERE/verdicts.tsv")
  exp=$(printf '%s' "$line" | cut -f2); cls=$(printf '%s' "$line" | cut -f3)
  mkdir -p "$CO/overlays/red10"
  rm -rf "$CO/overlays/red10/$id"; cp -r "$HERE/cases/$id" "$CO/overlays/red10/$id"
  (cd "$CO" && timeout 120 ./dist/st2-gitops render "overlays/red10/$id" >"$TMP/out" 2>"$TMP/err"); rc=$?
  rm -rf "$CO/overlays/red10/$id"
  case $rc in 0) v=allow;; 1) v=deny;; 2) v=deny-badinput;; *) v=odd;; esac
  empty=-; if [ $rc -ne 0 ]; then [ -s "$TMP/out" ] && empty=NO || empty=yes; fi
  rules=$(grep -oE '^(DENY|WARN|WAIVED)? ?ST2-[A-Z]+-[0-9]+' "$TMP/err" | grep -oE 'ST2-[A-Z]+-[0-9]+' | sort -u | paste -sd, -)
  [ -z "$rules" ] && rules=$(grep -oE 'ST2-[A-Z]+-[0-9]+' "$TMP/err" | sort -u | paste -sd, -)
  leak=no
  if [ -f "$HERE/planted.tsv" ]; then
    while IFS=$'\t' read -r pid val; do
      [ "$pid" = "$id" ] || continue
      [ -n "$val" ] || continue
      if grep -qF -- "$val" "$TMP/err"; then leak=STDERR; fi
      if [ $rc -ne 0 ] && grep -qF -- "$val" "$TMP/out"; then leak=STDOUT; fi
    done < "$HERE/planted.tsv"
  fi
  ok=yes
  if [ "$exp" = deny ] && [ $rc -eq 0 ]; then ok=MISS-ALLOWED; fi
  if [ "$exp" = allow ] && [ $rc -ne 0 ]; then ok=MISS-DENIED; fi
  [ "$v" = odd ] && ok="$ok/ODD-EXIT-$rc"
  [ "$empty" = NO ] && ok="$ok/STDOUT-ON-DENY"
  [ "$leak" != no ] && ok="$ok/LEAK"
  # keep the blocking DENY rules only, for the record
  deny=$(grep -oE '^DENY ST2-[A-Z]+-[0-9]+' "$TMP/err" | awk '{print $2}' | sort -u | paste -sd, -)
  [ $rc -eq 2 ] && deny="exit2:$(head -c 150 "$TMP/err" | tr '\n\t' '  ')"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$exp" "$cls" "$rc" "$v" "$empty" "${deny:-}" "$leak" "$ok" >> "$OUT"
  printf '%-40s exp=%-5s got=%-14s %s %s\n' "$id" "$exp" "$v" "$ok" "${deny:-}"
done
echo
awk -F'\t' 'NR>1{ if($2=="deny"){u++; if($4==0){ua++; uc[$3]=uc[$3]" "$1}} else if($2=="allow"){s++; if($4!=0){sd++; sc[$3]=sc[$3]" "$1}} if($4!=0 && $4!=1 && $4!=2) odd++; if($8!="no") lk++ }
 END{ printf "unsafe allowed %d/%d\nsafe denied %d/%d\nleaks %d\nodd exits %d\n", ua,u,sd,s,lk,odd;
      print "misses (unsafe allowed) by class:"; for(c in uc) printf "  %s:%s\n", c, uc[c];
      print "misses (safe denied) by class:"; for(c in sc) printf "  %s:%s\n", c, sc[c]; }' "$OUT"
