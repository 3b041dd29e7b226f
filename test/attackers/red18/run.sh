#!/bin/bash
# Renders each case once, sequentially, from the checkout.
R=/work/red18; C=$R/checkout
mkdir -p $R/out/logs; : > $R/out/results.tsv
mkdir -p $C/overlays/red18
ids=${*:-$(cut -f1 $R/verdicts.tsv)}
for id in $ids; do
  rm -rf $C/overlays/red18/$id; cp -r $R/cases/$id $C/overlays/red18/$id
  # restore symlinks kept as NAME.symlink
  for s in $(find $C/overlays/red18/$id -name '*.symlink'); do ln -s "$(cat $s)" "${s%.symlink}"; rm $s; done
  (cd $C && timeout 120 ./dist/st2-gitops render overlays/red18/$id >$R/out/logs/$id.out 2>$R/out/logs/$id.err); rc=$?
  rm -rf $C/overlays/red18/$id
  ob=$(stat -c %s $R/out/logs/$id.out)
  rules=$(grep -oE 'ST2-[A-Z]+-[0-9]+' $R/out/logs/$id.err | sort -u | paste -sd, -)
  leak=no
  v=$(awk -F'\t' -v i=$id '$1==i{print $2}' $R/planted.tsv)
  if [ -n "$v" ]; then
    if grep -qF -- "$v" $R/out/logs/$id.err; then leak=stderr; fi
    if [ $rc -ne 0 ] && [ $ob -gt 0 ] && grep -qF -- "$v" $R/out/logs/$id.out; then leak=$leak+stdout; fi
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$id" "$rc" "$ob" "${rules:--}" "$leak" >> $R/out/results.tsv
done
rmdir $C/overlays/red18 2>/dev/null
