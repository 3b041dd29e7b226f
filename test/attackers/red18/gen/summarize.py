#!/usr/bin/env python3
import csv, collections
R='/work/red18/'
V=[r for r in csv.reader(open(R+'verdicts.tsv'),delimiter='\t')]
Res={r[0]:r for r in csv.reader(open(R+'out/results.tsv'),delimiter='\t')}
KUST_SUPPORTED_BAD={'k-nameprefix','k-namesuffix','k-sub-kust-dup','note-remote-resource','note-helmcharts'}
fam=collections.OrderedDict()
m=collections.Counter()
for cid,exp,f,reason in V:
    rc=Res[cid][1]; got={'0':'allow','1':'deny','2':'bad'}.get(rc,'exit'+rc)
    d=fam.setdefault(f,{'hole':[],'held':[],'safe_ok':[],'safe_denied':[],'bad_ok':[],'bad_mis':[],'kbad':[]})
    if exp=='deny':
        m['unsafe']+=1
        if got=='allow': m['unsafe_allowed']+=1; d['hole'].append(cid)
        elif got=='bad':
            m['unsafe_bad']+=1; d['kbad'].append(cid)
        else: d['held'].append(cid)
    elif exp=='allow':
        m['safe']+=1
        if got!='allow': m['safe_denied']+=1; d['safe_denied'].append(cid+'('+Res[cid][3]+')')
        else: d['safe_ok'].append(cid)
    else:
        m['bad']+=1
        if got!='bad': m['bad_mis']+=1; d['bad_mis'].append(cid+'(exit '+rc+')')
        else: d['bad_ok'].append(cid)
    if Res[cid][4]!='no': m['leak']+=1
m['planted']=sum(1 for _ in open(R+'planted.tsv'))
print('| measure | value |\n|---|---|')
print('| cases | %d (unsafe %d, safe %d, malformed %d) |'%(len(V),m['unsafe'],m['safe'],m['bad']))
print('| unsafe allowed | %d/%d |'%(m['unsafe_allowed'],m['unsafe']))
print('| unsafe refused as bad input (kustomize supports the field) | %d/%d |'%(m['unsafe_bad'],m['unsafe']))
print('| safe denied | %d/%d |'%(m['safe_denied'],m['safe']))
print('| bad input mishandled | %d/%d |'%(m['bad_mis'],m['bad']))
print('| planted leaks (stderr, or stdout after deny) | %d/%d planted cases |'%(m['leak'],m['planted']))
print()
print('| family | unsafe | holes | held | refused-as-bad | safe | safe denied |\n|---|---|---|---|---|---|---|')
for f,d in fam.items():
    print('| %s | %d | %d | %d | %d | %d | %d |'%(f,len(d['hole'])+len(d['held'])+len(d['kbad']),len(d['hole']),len(d['held']),len(d['kbad']),len(d['safe_ok'])+len(d['safe_denied']),len(d['safe_denied'])))
print()
for f,d in fam.items():
    print('### %s\n'%f)
    for k,lab in [('hole','allowed (holes)'),('held','denied (gate held)'),('kbad','refused as bad input'),('safe_ok','safe look-alikes allowed'),('safe_denied','safe look-alikes DENIED'),('bad_ok','malformed, exit 2'),('bad_mis','malformed, mishandled')]:
        if d[k]: print('- **%s** (%d): %s'%(lab,len(d[k]),', '.join(d[k])))
    print()
