#!/usr/bin/env python3
# Usage: report.py  -> prints summary and misses (markdown) from verdicts.tsv + out/results.tsv
import csv, sys, os, collections
H = os.path.dirname(os.path.abspath(__file__))
V = {}
for row in open(os.path.join(H, 'verdicts.tsv')):
    p = row.rstrip('\n').split('\t')
    if len(p) < 4 or p[0] == 'id': continue
    V[p[0]] = (p[1], p[2], p[3])
R = {}
for row in open(os.path.join(H, 'out/results.tsv')):
    p = row.rstrip('\n').split('\t')
    R[p[0]] = dict(rc=p[1], bytes=int(p[2]), deny=p[3], lo=p[4], le=p[5])
c = collections.Counter(); misses = []; odd = []
for id_, (exp, cls, reason) in sorted(V.items()):
    r = R.get(id_)
    if r is None: odd.append((id_, 'not run')); continue
    c['total_' + exp] += 1
    rc = r['rc']
    if rc not in ('0', '1', '2'): odd.append((id_, 'exit ' + rc)); c['odd'] += 1
    if rc != '0' and r['bytes'] > 0: c['stdout_on_deny'] += 1; odd.append((id_, 'stdout on exit %s' % rc))
    if r['lo'] == '1' or r['le'] == '1': c['leaks'] += 1; odd.append((id_, 'leak'))
    if exp == 'deny':
        if rc == '0': c['unsafe_allowed'] += 1; misses.append((cls, id_, 'unsafe allowed', reason))
        elif rc == '2': c['unsafe_badinput'] += 1
    elif exp == 'allow':
        if rc != '0': c['safe_denied'] += 1; misses.append((cls, id_, 'safe denied (exit %s: %s)' % (rc, r['deny']), reason))
    elif exp == 'badinput':
        if rc != '2': c['badinput_mishandled'] += 1; misses.append((cls, id_, 'bad input exit %s' % rc, reason))
print('unsafe allowed: %d / %d (refused as bad input: %d)' % (c['unsafe_allowed'], c['total_deny'], c['unsafe_badinput']))
print('safe denied: %d / %d' % (c['safe_denied'], c['total_allow']))
print('badinput mishandled: %d / %d' % (c['badinput_mishandled'], c['total_badinput']))
print('leaks: %d; odd exits: %d; stdout on deny: %d' % (c['leaks'], c['odd'], c['stdout_on_deny']))
for o in odd: print('ODD', *o)
print()
print('| class | id | miss | harm |'); print('|---|---|---|---|')
for cls, id_, what, reason in sorted(misses):
    print('| %s | %s | %s | %s |' % (cls, id_, what, reason.replace('|', '\\|')))
