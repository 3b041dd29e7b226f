#!/usr/bin/env python3
import csv, collections
v={r[0]:r for r in csv.reader(open('/work/red17/verdicts.tsv'),delimiter='\t')}
res={r[0]:r for r in csv.reader(open('/work/red17/out/results.tsv'),delimiter='\t') if r[0]!='id'}
import sys
for i,(cid,exp,fam,why) in v.items():
    rc=res[i][1]; got={'0':'allow','1':'deny','2':'bad'}.get(rc,'err'+rc)
    if got!=exp or '-a' in sys.argv:
        print(f"{cid:40s} {fam:18s} {exp:6s} {got:6s} {res[i][3][:60]} leak={res[i][4]}")
