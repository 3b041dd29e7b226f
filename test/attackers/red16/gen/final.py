"""Write final-results.md from verdicts.tsv + out/results.tsv."""
import csv, os
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
V = [r for r in csv.reader(open(os.path.join(ROOT, 'verdicts.tsv')), delimiter='\t')]
R = {r['id']: r for r in csv.DictReader(open(os.path.join(ROOT, 'out', 'results.tsv')), delimiter='\t')}
P = [l.split('\t')[0] for l in open(os.path.join(ROOT, 'planted.tsv'))]
D = [l for l in open(os.path.join(ROOT, 'dropped.tsv')) if l.strip()]
FAM = {
 'argosync': ('Argo CD sync options that delete and recreate', 'Force=true,Replace=true on the Namespace itself. The gate denies the option on workloads (OPS-003) and the Namespace made a PreSync/Helm hook (OPS-018), but not Force/Replace on the Namespace, whose delete/create takes every PVC with it.'),
 'never': ('Pods that never schedule, never become Ready, or are killed at start', 'schedulingGates and readinessGates nobody clears, a required podAffinity to pods that do not exist, postStart hooks that fail (false, exit 1, a missing file, an httpGet before the process listens), spec.os.name windows, a one-second startupProbe on st2api, workingDir naming a file, env from a missing ConfigMap key. The gate models probes, schedulerName, RuntimeClasses, PriorityClasses, seccomp/AppArmor, sysctls, nodeSelector and pull policy (all denied) but not these kubelet/scheduler mechanisms.'),
 'evict': ('emptyDir sizeLimit below what the init container copies in', 'sizeLimit on the packs emptyDir: the kubelet evicts the pod when usage exceeds it. ephemeral-storage limits are judged (OPS-048); emptyDir sizeLimit is not.'),
 'rmq': ('RabbitMQ settings that block publishers or split the cluster', 'rabbitmq.conf keys are judged (OPS-024, REP-016) and RABBITMQ_MNESIA_BASE too (REP-021); the same effects through RABBITMQ_NODE_PORT, RABBITMQ_CONFIG_FILE or Erlang `-rabbit <key> <value>` in RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS are not.'),
 'st2opt': ('st2 options whose value makes st2 unusable', '[auth] token_ttl = 0 (tokens born expired), service_token_ttl = 1, [database] connection_timeout = 1 ms, and runner terminationGracePeriodSeconds 0 (in st2.user.conf or st2.docker.conf; the st2.secrets.conf form was denied). The gate types every st2 option and judges long TTLs (SEC-036) and zero pools, but no lower bound on TTLs or timeouts.'),
 'cookie': ("st2's auth-token cookie attributes", '[api] auth_cookie_same_site = none/unset and auth_cookie_secure = False, in any of the three config files; the gate knows both options (st2-option-types.ts) but judges neither.'),
 'job': ('Content and RBAC Jobs that never run', 'spec.suspend: true on st2-register-content or st2-apply-rbac-definitions; the gate judges the Jobs\' deadlines (OPS-068) but not suspension.'),
 'stsname': ('StatefulSet identity: serviceName and ordinals', 'serviceName on mongodb is judged (REP-014), on etcd it is not (its peer URLs name etcd-N.etcd-headless, which stop existing when the pods\' subdomain changes); spec.ordinals.start renumbers the members of both stores and is not read at all.'),
 'uid': ('User IDs the image cannot run as', 'runAsUser 0 under runAsNonRoot and runAsNonRoot on a root image are denied (OPS-062); a non-root UID on st2web, whose nginx needs root-owned paths and port 443, is not.'),
 'itp': ('internalTrafficPolicy Local on Services st2 dials', 'all denied (REP-018).'),
 'etcdq': ('etcd quota, force-new-cluster, env indirection', 'all unsafe denied (OPS-024, REP-014, env forms included); ETCD_ variables shadowed by a flag pass, correctly.'),
 'mongod': ('mongod flags', 'all unsafe denied (REP-016).'),
 'pdb': ('Disruption budgets', 'all unsafe denied (OPS-005, HRD-004).'),
 'split': ('One service on a different [database] db_name', 'denied (HRD-010).'),
 'esref': ('ExternalSecret changes', 'renamed target, renamed keys, auth/RBAC off via the secrets template: all denied.'),
 'svcport': ('Service ports st2 URLs do not use', 'denied (OPS-049, HRD-014).'),
 'cfgargs': ('Extra st2 config by argument', '--config-dir, abbreviated --config-fi, dropped config files: all denied.'),
 'dns': ('Resolver settings', 'dnsPolicy Default denied (OPS-039); the safe ones pass.'),
 'subpath': ('subPathExpr', 'an undefined variable is denied; a defined one passes.'),
 'kz': ('kustomize transformers', 'namePrefix/nameSuffix are refused as unsupported fields (exit 2: unsafe refused as bad input, not a hole); labels/commonAnnotations pass.'),
 'planted': ('Planted credential values in denied renders', 'denied by SEC-013; no planted value reached stderr or stdout.'),
 'bad': ('Malformed input', 'all exit 2 with nothing on stdout.'),
}
rows = {}
for cid, exp, cls, reason in V:
    r = R.get(cid, {})
    rows.setdefault(cls, []).append((cid, exp, reason, r.get('exit', '?'), r.get('deny_rules', '-'), r.get('leak', '-'), int(r.get('stdout_bytes', 0) or 0)))
def ok(exp, ex, nb):
    if exp == 'deny': return ex == '1' and nb == 0
    if exp == 'allow': return ex == '0'
    return ex == '2' and nb == 0
n = {e: sum(1 for v in V if v[1] == e) for e in ('deny', 'allow', 'bad')}
ua = [(c, x) for c, x in rows.items() for x in x if x[1] == 'deny' and x[3] == '0']
sd = [(c, x) for c, x in rows.items() for x in x if x[1] == 'allow' and x[3] == '1']
ub = [(c, x) for c, x in rows.items() for x in x if x[1] == 'deny' and x[3] == '2']
bm = [(c, x) for c, x in rows.items() for x in x if x[1] == 'bad' and not ok('bad', x[3], x[6])]
lk = [(c, x) for c, x in rows.items() for x in x if x[5] not in ('-', '')]
out = ['# red16: results against the st2-gitops gate', '',
 f'{len(V)} cases in {len(rows)} families: {n["deny"]} unsafe (deny expected), {n["allow"]} safe look-alikes (allow expected), {n["bad"]} malformed (exit 2 expected). Each case is an overlay wrapping prod, staging or dev, copied to overlays/red16/<id>/ and rendered once, sequentially, by run.sh (`timeout 120 ./dist/st2-gitops render`). Generator: gen/gen.py (gen/lib16.py + gen/fam_*.py).', '',
 '| measure | result |', '|---|---|',
 f'| unsafe allowed | **{len(ua)}/{n["deny"]}** |',
 f'| unsafe refused as bad input (exit 2) | {len(ub)}/{n["deny"]} (namePrefix/nameSuffix: unsupported fields, nothing renders) |',
 f'| safe denied | **{len(sd)}/{n["allow"]}** |',
 f'| bad input mishandled | {len(bm)}/{n["bad"]} |',
 f'| planted leaks | {len(lk)} (of {len(P)} planted values) |',
 f'| dropped on reflection | {len(D)} entries in dropped.tsv |', '',
 '## What the holes have in common', '',
 "The gate is thorough where it has a model: probes, schedulers, RuntimeClasses, seccomp/AppArmor profiles, sysctls, Service traffic policies, PDB arithmetic, mongod/etcd flags (env forms included), rabbitmq.conf keys, st2's config-file chain (extra files, --config-dir, argparse abbreviations, the ExternalSecret template) all held, and no safe look-alike was denied. "
 "The holes sit one step beside each model: (1) kubelet and scheduler mechanisms that stop a pod without being a probe or a node constraint (schedulingGates, readinessGates, postStart hooks, spec.os, workingDir, a missing env key, a startupProbe's timing, emptyDir sizeLimit) and StatefulSet identity fields (ordinals, etcd's serviceName); "
 "(2) the same RabbitMQ setting reached through an environment variable or the Erlang command line instead of rabbitmq.conf; "
 "(3) st2 options judged only in one direction (too long a token TTL is denied, a zero TTL or a 1 ms DB timeout is not; cookie hardening options are typed but unjudged); "
 "(4) lifecycle objects judged on workloads but not on the Namespace or the Jobs (Force/Replace on the Namespace, Job suspend). "
 "A fix needs the mechanism modelled (what makes a pod Ready, what the kubelet does on hook failure, where RabbitMQ reads a key from, a lower bound per option), not a wider name match.", '',
 '## Families', '']
order = sorted(rows, key=lambda c: (-sum(1 for x in rows[c] if x[1] == 'deny' and x[3] == '0'), c))
for c in order:
    xs = rows[c]
    nd = [x for x in xs if x[1] == 'deny']; na = [x for x in xs if x[1] == 'allow']; nbad = [x for x in xs if x[1] == 'bad']
    alw = [x for x in nd if x[3] == '0']
    title, blurb = FAM.get(c, (c, ''))
    out.append(f'### {c}: {title} — unsafe allowed {len(alw)}/{len(nd)}, safe denied {sum(1 for x in na if x[3]=="1")}/{len(na)}' + (f', bad mishandled {sum(1 for x in nbad if not ok("bad", x[3], x[6]))}/{len(nbad)}' if nbad else ''))
    out.append(''); out.append(blurb); out.append('')
    if alw: out.append('Allowed (holes): ' + ', '.join(f'`{x[0]}`' for x in alw)); out.append('')
    den = [x for x in nd if x[3] != '0']
    if den: out.append('Denied (gate held): ' + ', '.join(f'`{x[0]}` ({x[4]})' for x in den)); out.append('')
    if na: out.append('Safe look-alikes: ' + ', '.join(f'`{x[0]}`' + (' **DENIED ' + x[4] + '**' if x[3] == '1' else '') for x in na)); out.append('')
    ex = (alw or nd or na or nbad)[0]
    out.append(f'Example `{ex[0]}` — {ex[2]}'); out.append('')
out += ['## Unsafe allowed, one line each', '', '| family | id | harm (upstream fact) |', '|---|---|---|']
out += [f'| {c} | {x[0]} | {x[2]} |' for c, x in sorted(ua)]
out += ['', '## Suspected but not confirmed', '',
 '- `rmq-erlargs-*`: that `-rabbit <key> <value>` on the Erlang command line survives RabbitMQ 3.12\'s prelaunch config pipeline. erl documents command-line application parameters as overriding config files and rabbitmq.conf here does not set either key, but I did not run a node.',
 '- `st2opt-db-timeout-*`: that 1 ms of server selection fails in practice. It needs DNS, TCP and a hello to a replica set member within 1 ms of client creation, but I did not measure it.',
 '- `st2opt-grace0-*`: the harm is executions left running rather than abandoned. The reference notes that tooz\'s etcd v2 driver lacks get_members, which already breaks the runner\'s graceful wait, so the 300 s grace period mainly buys the abandon step.',
 '- `uid-st2web-1000-port443`: containerd 2.x lowers ip_unprivileged_port_start by default, so port 443 alone may bind. The crash rests on nginx\'s root-owned temp/pid paths and the image\'s generated config.',
 '- `never-osname-windows-*` on clusters with Windows nodes: the scheduler ignores spec.os, so a pod might land on a Windows node and fail there instead of being rejected. Either way it never runs.',
 '- Not written: `[workflow_engine] gc_max_idle_sec = 1` (see dropped.tsv) and readOnlyRootFilesystem on st2 services.']
out += ['', '## Dropped on reflection', '', '| id | why |', '|---|---|'] + [f"| {l.split(chr(9))[0]} | {l.split(chr(9),1)[1].strip()} |" for l in D]
open(os.path.join(ROOT, 'final-results.md'), 'w').write('\n'.join(out) + '\n')
print('\n'.join(out[:14]))
