import csv,sys
V={r[0]:r for r in csv.reader(open('verdicts.tsv'),delimiter='\t')}
R={r[0]:r for r in csv.reader(open('out/results.tsv'),delimiter='\t') if r[0]!='id'}
for i,v in V.items():
    r=R[i]; exp=v[1]; rc=r[1]
    got={'0':'allow','1':'deny','2':'bad'}.get(rc,'rc'+rc)
    if got!=exp or r[4]!='none' or '-a' in sys.argv:
        print(f"{i:40s} exp={exp:5s} got={got:5s} {r[3][:60]} {r[4] if r[4]!='none' else ''}")
