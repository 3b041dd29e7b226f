#!/usr/bin/env python3
"""Summarise <set>/out/results.tsv against <set>/verdicts.tsv. usage: report.py <set>"""
import csv, os, sys
if len(sys.argv) != 2: sys.exit("usage: report.py <set>")
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), sys.argv[1])
V = {r[0]: r for r in csv.reader(open(os.path.join(HERE, 'verdicts.tsv')), delimiter='\t') if r and r[0] != 'id'}  # the nineteenth set has a header row
R = {}
p = os.path.join(HERE, 'out', 'results.tsv')
for r in csv.DictReader(open(p), delimiter='\t'):
    R[r['id']] = r
miss = {'unsafe allowed': [], 'safe denied': [], 'bad-input mishandled': [], 'leak': [], 'not run': [], 'unsafe refused as bad input': [], 'safe refused as bad input': [], 'internal error': []}
counts = {'deny': 0, 'allow': 0, 'bad-input': 0}
for cid, (_, exp, cls, reason) in V.items():
    exp = 'bad-input' if exp == 'bad' else exp  # the sixteenth set writes 'bad'
    counts[exp] += 1
    r = R.get(cid)
    if not r: miss['not run'].append((cls, cid, reason, '')); continue
    ex, nb, rules, leak = r['exit'], int(r['stdout_bytes']), r['deny_rules'], r['leak']
    if leak not in ('-', ''): miss['leak'].append((cls, cid, leak, rules))
    if ex not in ('0', '1', '2'): miss['internal error'].append((cls, cid, reason, f'exit {ex}'))
    if exp == 'deny':
        if ex == '0': miss['unsafe allowed'].append((cls, cid, reason, ''))
        elif ex == '2': miss['unsafe refused as bad input'].append((cls, cid, reason, ''))
        elif nb: miss['leak'].append((cls, cid, 'stdout after deny', rules))
    elif exp == 'allow':
        if ex == '1': miss['safe denied'].append((cls, cid, reason, rules))
        elif ex == '2': miss['safe refused as bad input'].append((cls, cid, reason, ''))
    else:
        if ex != '2' or nb: miss['bad-input mishandled'].append((cls, cid, reason, f'exit {ex}, {nb} bytes'))
print(f"cases: {len(V)} (unsafe {counts['deny']}, safe {counts['allow']}, bad input {counts['bad-input']}); run: {len(R)}")
for k in ('unsafe allowed', 'safe denied', 'bad-input mishandled', 'leak', 'unsafe refused as bad input', 'safe refused as bad input', 'internal error', 'not run'):
    print(f"{k}: {len(miss[k])}")
for k, rows in miss.items():
    if not rows: continue
    print(f"\n### {k}\n\n| class | id | harm / reason | gate said |\n|---|---|---|---|")
    for cls, cid, reason, extra in sorted(rows):
        print(f"| {cls} | {cid} | {reason} | {extra} |")
