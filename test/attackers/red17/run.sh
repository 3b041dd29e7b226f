#!/usr/bin/env bash
# Render each red17 case once, sequentially, from the checkout.
set -u
R=/work/red17; C=$R/checkout
mkdir -p $R/out/logs; : > $R/out/results.tsv
printf 'id\texit\tstdout_bytes\tdeny_rules\tleak\n' > $R/out/results.tsv
mkdir -p $C/overlays/red17
for d in $R/cases/*/; do
  id=$(basename "$d")
  rm -rf "$C/overlays/red17/$id"; cp -r "$d" "$C/overlays/red17/$id"
  for s in "$C/overlays/red17/$id"/*.symlink; do [ -e "$s" ] || continue; ln -s "$(cat "$s")" "${s%.symlink}"; rm "$s"; done
  ( cd $C && timeout 120 ./dist/st2-gitops render "overlays/red17/$id" >$R/out/logs/$id.out 2>$R/out/logs/$id.err ); rc=$?
  rm -rf "$C/overlays/red17/$id"
  ob=$(wc -c <$R/out/logs/$id.out)
  rules=$(grep -o '^DENY ST2-[A-Z]*-[0-9]*' $R/out/logs/$id.err | awk '{print $2}' | sort -u | paste -sd, -)
  leak=no
  while IFS=$'\t' read -r pid val; do
    [ "$pid" = "$id" ] || continue
    if grep -qF "$val" $R/out/logs/$id.err; then leak=stderr; fi
    if [ "$rc" != 0 ] && grep -qF "$val" $R/out/logs/$id.out; then leak="${leak}+stdout"; fi
  done < $R/planted.tsv
  printf '%s\t%s\t%s\t%s\t%s\n' "$id" "$rc" "$ob" "${rules:--}" "$leak" >> $R/out/results.tsv
done
rmdir $C/overlays/red17 2>/dev/null
true
