#!/bin/bash
# Renders every case once, sequentially, from the checkout. Writes out/results.tsv and out/logs/.
set -u
R=/work/red19
C=$R/checkout
mkdir -p $R/out/logs $C/overlays/red19
PLANTED=$(tail -n +2 $R/planted.tsv | cut -f2)
printf 'id\texit\tstdout_bytes\tdeny_rules\tleak\n' > $R/out/results.tsv
for d in $R/cases/*/; do
  id=$(basename $d)
  dst=$C/overlays/red19/$id
  rm -rf "$dst"; cp -r "$d" "$dst"
  # NAME.symlink files become symlinks in the copy
  for s in $(find "$dst" -name '*.symlink' 2>/dev/null); do ln -sfn "$(cat "$s")" "${s%.symlink}"; rm -f "$s"; done
  ( cd $C && timeout 120 ./dist/st2-gitops render overlays/red19/$id >$R/out/logs/$id.out 2>$R/out/logs/$id.err ); rc=$?
  sb=$(stat -c %s $R/out/logs/$id.out)
  rules=$(grep -o '^DENY ST2-[A-Z0-9]*-[0-9]*' $R/out/logs/$id.err | awk '{print $2}' | sort -u | paste -sd, -)
  leak=""
  for v in $PLANTED; do
    grep -qF -- "$v" $R/out/logs/$id.err && leak="${leak}stderr:$v;"
    [ $rc -ne 0 ] && grep -qF -- "$v" $R/out/logs/$id.out && leak="${leak}stdout:$v;"
  done
  [ $rc -ne 0 ] && [ $sb -gt 0 ] && leak="${leak}stdout-after-deny;"
  printf '%s\t%s\t%s\t%s\t%s\n' "$id" "$rc" "$sb" "${rules:--}" "${leak:--}" >> $R/out/results.tsv
  # keep only the head of big allowed stdout
  [ $rc -eq 0 ] && head -c 2000 $R/out/logs/$id.out > $R/out/logs/$id.out.head && rm -f $R/out/logs/$id.out
  rm -rf "$dst"
done
rmdir $C/overlays/red19 2>/dev/null || true
