#!/usr/bin/env python3
"""Write final-results.md from out/results.tsv, verdicts.tsv and dropped.tsv."""
import csv, os, collections
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
V = [r for r in csv.reader(open(os.path.join(ROOT, 'verdicts.tsv')), delimiter='\t')]
R = {r['id']: r for r in csv.DictReader(open(os.path.join(ROOT, 'out', 'results.tsv')), delimiter='\t')}
D = [r for r in csv.reader(open(os.path.join(ROOT, 'dropped.tsv')), delimiter='\t')] if os.path.exists(os.path.join(ROOT, 'dropped.tsv')) else []
FAMILY_NOTES = {}
exec(open(os.path.join(ROOT, 'gen', 'families.py')).read())
def fam(cid):
    for p in sorted(FAMILY_NOTES, key=len, reverse=True):
        if cid.startswith(p): return p
    return cid.split('-')[0]
unsafe = [v for v in V if v[1] == 'deny']; safe = [v for v in V if v[1] == 'allow']; bad = [v for v in V if v[1] == 'bad-input']
ua = [v for v in unsafe if R.get(v[0], {}).get('exit') == '0']
ub = [v for v in unsafe if R.get(v[0], {}).get('exit') == '2']
sd = [v for v in safe if R.get(v[0], {}).get('exit') == '1']
sb = [v for v in safe if R.get(v[0], {}).get('exit') == '2']
bm = [v for v in bad if R.get(v[0], {}).get('exit') != '2' or R.get(v[0], {}).get('stdout_bytes') not in ('0', None)]
leaks = [v for v in V if R.get(v[0], {}).get('leak', '-') not in ('-', '')]
notrun = [v for v in V if v[0] not in R]
out = []
w = out.append
w('# red15: results against the st2-gitops gate\n')
w(f'{len(V)} cases: {len(unsafe)} unsafe (deny expected), {len(safe)} safe look-alikes (allow expected), {len(bad)} bad input (exit 2 expected). Each case is an overlay wrapping prod, staging or dev under overlays/red15/; rendered once, sequentially, by run.sh.\n')
w('| measure | result |\n|---|---|')
w(f'| unsafe allowed | **{len(ua)}/{len(unsafe)}** |')
w(f'| unsafe refused as bad input | {len(ub)}/{len(unsafe)} |')
w(f'| safe denied | **{len(sd)}/{len(safe)}** |')
w(f'| safe refused as bad input | {len(sb)}/{len(safe)} |')
w(f'| bad input mishandled | {len(bm)}/{len(bad)} |')
w(f'| planted leaks | {len(leaks)} (of {sum(1 for _ in open(os.path.join(ROOT, "planted.tsv")))} planted values) |')
w(f'| not run | {len(notrun)} |')
w(f'| cases dropped on reflection | {len(D)} entries in dropped.tsv ({len(D) + 8 + 2} cases: st2rbac-packs-* is 9, venvbin 3) |\n')
w('## What the holes have in common\n')
w('The gate reads commands, config options and known file names, and it does not follow indirection. Code or behaviour that reaches a process through the environment the runtime honours (PYTHONPATH module shadowing, BASH_ENV, LD_LIBRARY_PATH, LD_AUDIT, an Erlang code path, HTTPS_PROXY plus a trusted CA, an empty CURL_CA_BUNDLE under requests 2.25.1) goes unread. So do grants that act through a controller (an HPA, KEDA, Tekton or Flux object, a route CRD, a ReferenceGrant, a cert-manager secretTemplate) and date literals (a future --timestamp is taken for a past one). Safe look-alikes of every family passed (0 safe denied), so a fix needs the mechanism modelled, not a wider name match.\n')
w('## Holes, by family\n')
byfam = collections.OrderedDict()
for v in unsafe:
    byfam.setdefault(fam(v[0]), []).append(v)
for f, vs in byfam.items():
    allowed = [v for v in vs if R.get(v[0], {}).get('exit') == '0']
    note = FAMILY_NOTES.get(f, '')
    w(f'### {f}: {len(allowed)}/{len(vs)} unsafe allowed\n')
    if note: w(note + '\n')
    if allowed:
        w('Allowed: ' + ', '.join(f'`{v[0]}`' for v in allowed) + '\n')
    denied = [v for v in vs if R.get(v[0], {}).get('exit') == '1']
    if denied:
        w('Denied (gate held): ' + ', '.join(f'`{v[0]}` ({R[v[0]]["deny_rules"]})' for v in denied) + '\n')
    ex = allowed[0] if allowed else vs[0]
    w(f'Example `{ex[0]}` — {ex[3]}\n')
w('## Safe look-alikes\n')
w(f'{len(safe)} safe cases; denied: ' + (', '.join(f'`{v[0]}` ({R[v[0]]["deny_rules"]})' for v in sd) or 'none') + '\n')
w('## Class table\n')
w('| class | unsafe cases | unsafe allowed |\n|---|---|---|')
cls = collections.Counter(v[2] for v in unsafe); cla = collections.Counter(v[2] for v in ua)
for c in sorted(cls): w(f'| {c} | {cls[c]} | {cla[c]} |')
w(f'| **total** | {len(unsafe)} | {len(ua)} |\n')
w('## Bad input\n')
w(f'{len(bad)} cases; mishandled: ' + (', '.join(f'`{v[0]}`' for v in bm) or 'none') + '. Planted values in bad-input and denied cases: ' + ('leaked: ' + ', '.join(v[0] for v in leaks) if leaks else 'none printed') + '.\n')
w('## Dropped on reflection\n')
w('| id | why |\n|---|---|')
for d in D: w(f'| {d[0]} | {d[1]} |')
open(os.path.join(ROOT, 'final-results.md'), 'w').write('\n'.join(out) + '\n')
print('\n'.join(out[:14]))
