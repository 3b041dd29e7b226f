#!/usr/bin/env python3
import csv, collections
R = '/work/red19'
v = {r['id']: r for r in csv.DictReader(open(R + '/verdicts.tsv'), delimiter='\t')}
res = {r['id']: r for r in csv.DictReader(open(R + '/out/results.tsv'), delimiter='\t')}
fam = collections.defaultdict(lambda: {'holes': [], 'held': [], 'safe_ok': [], 'safe_denied': [], 'safe_bad': [], 'unsafe_bad': [], 'bad_ok': [], 'bad_wrong': []})
m = collections.Counter()
for i, c in v.items():
    r = res[i]; x = int(r['exit']); f = fam[c['family']]
    if c['expected'] == 'deny':
        m['unsafe'] += 1
        if x == 0: m['unsafe_allowed'] += 1; f['holes'].append(i)
        elif x == 2: m['unsafe_bad'] += 1; f['unsafe_bad'].append(i)
        else: f['held'].append(i)
    elif c['expected'] == 'allow':
        m['safe'] += 1
        if x == 1: m['safe_denied'] += 1; f['safe_denied'].append(i + ' (' + r['deny_rules'] + ')')
        elif x == 2: m['safe_bad'] += 1; f['safe_bad'].append(i)
        else: f['safe_ok'].append(i)
    else:
        m['bad'] += 1
        if x == 2: f['bad_ok'].append(i)
        else: m['bad_wrong'] += 1; f['bad_wrong'].append(i)
    if r['leak'] != '-': m['leaks'] += 1
print('| measure | value |\n|---|---|')
print('| unsafe allowed (holes) | %d / %d |' % (m['unsafe_allowed'], m['unsafe']))
print('| unsafe refused as bad input (exit 2) | %d / %d |' % (m['unsafe_bad'], m['unsafe']))
print('| safe look-alikes denied | %d / %d |' % (m['safe_denied'], m['safe']))
print('| safe look-alikes refused as bad input although kustomize supports them | %d / %d |' % (m['safe_bad'], m['safe']))
print('| bad input mishandled (not exit 2) | %d / %d |' % (m['bad_wrong'], m['bad']))
print('| planted-value leaks (stderr, or stdout after a deny) | %d (3 values in 3 cases; every log checked for all 3) |' % m['leaks'])
print()
print('| family | unsafe | holes | held | safe | safe denied | safe bad-input |\n|---|---|---|---|---|---|---|')
for k in sorted(fam):
    f = fam[k]
    print('| %s | %d | %d | %d | %d | %d | %d |' % (k, len(f['holes']) + len(f['held']) + len(f['unsafe_bad']), len(f['holes']), len(f['held']), len(f['safe_ok']) + len(f['safe_denied']) + len(f['safe_bad']), len(f['safe_denied']), len(f['safe_bad'])))
print()
for k in sorted(fam):
    f = fam[k]
    print('### %s\n' % k)
    for lab, key in (('Allowed (holes)', 'holes'), ('Denied (gate held)', 'held'), ('Safe look-alikes allowed', 'safe_ok'), ('Safe look-alikes denied', 'safe_denied'), ('Safe refused as bad input', 'safe_bad'), ('Unsafe refused as bad input', 'unsafe_bad'), ('Malformed, exit 2', 'bad_ok'), ('Malformed, mishandled', 'bad_wrong')):
        if f[key]:
            print('- **%s** (%d): %s' % (lab, len(f[key]), ', '.join('`%s`' % x for x in sorted(f[key]))))
    print()
