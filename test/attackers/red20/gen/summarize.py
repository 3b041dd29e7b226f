import csv, collections
V={r[0]:r for r in csv.reader(open('verdicts.tsv'),delimiter='\t')}
R={r[0]:r for r in csv.reader(open('out/results.tsv'),delimiter='\t') if r[0]!='id'}
got=lambda i:{'0':'allow','1':'deny','2':'bad'}.get(R[i][1],'other')
un=[i for i in V if V[i][1]=='deny']; sf=[i for i in V if V[i][1]=='allow']; bd=[i for i in V if V[i][1]=='bad']
print('| measure | value |\n|---|---|')
print('| unsafe allowed | %d/%d |'%(sum(got(i)=='allow' for i in un),len(un)))
print('| unsafe refused as bad input (exit 2) | %d/%d |'%(sum(got(i)=='bad' for i in un),len(un)))
print('| safe denied | %d/%d |'%(sum(got(i)=='deny' for i in sf),len(sf)))
print('| safe refused as bad input | %d/%d |'%(sum(got(i)=='bad' for i in sf),len(sf)))
print('| bad input mishandled (not exit 2) | %d/%d |'%(sum(got(i)!='bad' for i in bd),len(bd)))
print('| planted leaks (stderr, or stdout after deny) | %d/%d |'%(sum(R[i][4]!='none' for i in V if R[i][4]),sum(1 for l in open('planted.tsv'))))
print('| denied renders with non-empty stdout | %d |'%sum(1 for i in V if got(i)=='deny' and R[i][2]!='0'))
print()
fam=collections.OrderedDict()
for i in V: fam.setdefault(V[i][2],[]).append(i)
print('| family | unsafe | holes (unsafe allowed) | safe | safe denied |\n|---|---|---|---|---|')
for f,ids in fam.items():
    u=[i for i in ids if V[i][1]=='deny']; s=[i for i in ids if V[i][1]=='allow']
    print('| %s | %d | %d | %d | %d |'%(f,len(u),sum(got(i)=='allow' for i in u),len(s),sum(got(i)=='deny' for i in s)))
print()
for f,ids in fam.items():
    print('### %s\n'%f)
    for lab,sel in [('Holes (unsafe, allowed)',lambda i:V[i][1]=='deny' and got(i)=='allow'),('Gate held (unsafe, denied)',lambda i:V[i][1]=='deny' and got(i)=='deny'),('Unsafe refused as bad input',lambda i:V[i][1]=='deny' and got(i)=='bad'),('Safe look-alikes allowed',lambda i:V[i][1]=='allow' and got(i)=='allow'),('Safe look-alikes denied (false positives)',lambda i:V[i][1]=='allow' and got(i)!='allow'),('Malformed',lambda i:V[i][1]=='bad')]:
        xs=[i+(' ['+R[i][3]+']' if R[i][3] else '') for i in ids if sel(i)]
        if xs: print('- %s: %s'%(lab,', '.join(xs)))
    print()
