#!/bin/bash
# Renders each case once, sequentially, from the checkout. Writes out/results.tsv and out/logs/.
set -u
R=/work/red22; C=$R/checkout
mkdir -p $R/out/logs
printf 'id\texit\tstdout_bytes\tdeny_rules\tleak\n' > $R/out/results.tsv
ids=("$@"); [ ${#ids[@]} -eq 0 ] && ids=($(cut -f1 $R/verdicts.tsv))
mkdir -p $C/overlays/red22
for id in "${ids[@]}"; do
  dst=$C/overlays/red22/$id
  rm -rf "$dst"; cp -r $R/cases/$id "$dst"
  for s in "$dst"/*.symlink; do [ -e "$s" ] || continue; ln -s "$(cat "$s")" "${s%.symlink}"; rm "$s"; done
  (cd $C && timeout 120 ./dist/st2-gitops render overlays/red22/$id >$R/out/logs/$id.out 2>$R/out/logs/$id.err); rc=$?
  rm -rf "$dst"
  bytes=$(wc -c <$R/out/logs/$id.out)
  rules=$(grep -o 'ST2-[A-Z]*-[0-9]*' $R/out/logs/$id.err | sort -u | paste -sd, -)
  leak=""
  while IFS=$'\t' read -r pid val; do
    [ "$pid" = "$id" ] || continue
    if grep -qF "$val" $R/out/logs/$id.err; then leak="stderr"; fi
    if [ $rc -ne 0 ] && grep -qF "$val" $R/out/logs/$id.out; then leak="${leak}stdout"; fi
  done < $R/planted.tsv
  printf '%s\t%s\t%s\t%s\t%s\n' "$id" "$rc" "$bytes" "${rules:--}" "${leak:-none}" >> $R/out/results.tsv
done
rmdir $C/overlays/red22 2>/dev/null
true
