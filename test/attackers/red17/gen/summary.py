#!/usr/bin/env python3
import csv, collections
v=[r for r in csv.reader(open('/work/red17/verdicts.tsv'),delimiter='\t')]
res={r[0]:r for r in csv.reader(open('/work/red17/out/results.tsv'),delimiter='\t') if r[0]!='id'}
got=lambda i:{'0':'allow','1':'deny','2':'bad'}.get(res[i][1],'err')
fam=collections.OrderedDict()
for cid,exp,f,why in v: fam.setdefault(f,[]).append((cid,exp,got(cid)))
U=[r for r in v if r[1]=='deny']; S=[r for r in v if r[1]=='allow']; B=[r for r in v if r[1]=='bad']
print('unsafe allowed %d/%d'%(sum(got(r[0])=='allow' for r in U),len(U)))
print('unsafe refused as bad input %d/%d'%(sum(got(r[0])=='bad' for r in U),len(U)))
print('safe denied %d/%d'%(sum(got(r[0])=='deny' for r in S),len(S)))
print('safe refused as bad %d/%d'%(sum(got(r[0])=='bad' for r in S),len(S)))
print('bad mishandled %d/%d'%(sum(got(r[0])!='bad' for r in B),len(B)))
print('leaks', sum(res[r[0]][4]!='no' for r in v))
for f,rows in fam.items():
    holes=[c for c,e,g in rows if e=='deny' and g!='deny']
    held=[c for c,e,g in rows if e=='deny' and g=='deny']
    safe=[c for c,e,g in rows if e=='allow']
    sd=[c for c,e,g in rows if e=='allow' and g!='allow']
    bad=[c for c,e,g in rows if e=='bad']
    print(f'\n### {f}\nholes ({len(holes)}/{len(holes)+len(held)}): {", ".join(holes) or "-"}\nheld ({len(held)}): {", ".join(c+" ["+res[c][3]+"]" for c in held) or "-"}\nsafe look-alikes ({len(safe)}, denied {len(sd)}): {", ".join(safe) or "-"}' + (f'\nmalformed ({len(bad)}): '+", ".join(c+" ["+got(c)+"]" for c in bad) if bad else ''))
