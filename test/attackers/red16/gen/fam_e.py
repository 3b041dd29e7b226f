from lib16 import *
from fam_c import userconf
# ---------- cookie: st2's auth-token cookie attributes ----------
CK = ("StackStorm/st2 PR #3566 (2.4): st2 mirrors the user's auth token in an auth-token cookie and accepts it as authentication, the PR itself naming CSRF as the risk; "
      "StackStorm/st2 PR #5248 (3.5): api.auth_cookie_same_site (default lax) and api.auth_cookie_secure (default True) harden that cookie")
case('cookie-samesite-none', 'deny', 'cookie', f"[api] auth_cookie_same_site = none: browsers send st2's auth-token cookie on requests any other site triggers, so a page an operator visits can make authenticated requests to st2 (run actions) in their name: CSRF ({CK}; MDN SameSite=None: cookie sent on cross-site requests)",
     patches=[userconf('\n[api]\nauth_cookie_same_site = none\n')])
case('cookie-secure-off', 'deny', 'cookie', f"[api] auth_cookie_secure = False: the auth-token cookie lacks Secure, so the browser also sends it on any plain-http request to the st2 host (the http:// request the Ingress then redirects): the token crosses the network in clear (MDN Set-Cookie Secure; {CK})",
     patches=[userconf('\n[api]\nauth_cookie_secure = False\n')])
case('cookie-samesite-unset-staging', 'deny', 'cookie', f"staging [api] auth_cookie_same_site = unset: no SameSite attribute; browsers that do not default to Lax send the cookie cross-site: CSRF against staging's st2 (which runs real integrations) ({CK})", env='staging',
     patches=[userconf('\n[api]\nauth_cookie_same_site = unset\n', 'staging')])
case('cookie-samesite-strict-ok', 'allow', 'cookie', '[api] auth_cookie_same_site = strict: stricter than the default lax (st2 PR #5248; MDN SameSite)', patches=[userconf('\n[api]\nauth_cookie_same_site = strict\n')])
case('cookie-secure-on-ok', 'allow', 'cookie', '[api] auth_cookie_secure = True: the default written explicitly (st2 PR #5248)', patches=[userconf('\n[api]\nauth_cookie_secure = True\n')])
case('st2opt-token-ttl-zero-dockerconf', 'deny', 'st2opt', "[auth] token_ttl = 0 in st2.docker.conf: every login token is expired when issued (st2 access.create_token: expiry = utcnow() + timedelta(seconds=ttl); ttl falls back to token_ttl)",
     patches=[jp('ConfigMap', 'st2-config', [rep('/data/st2.docker.conf', obj('ConfigMap', 'st2-config')['data']['st2.docker.conf'] + '\n[auth]\ntoken_ttl = 0\n')])])
case('st2opt-db-timeout-staging', 'deny', 'st2opt', "staging [database] connection_timeout = 1 (ms): pymongo server selection cannot finish in 1 ms, st2 services fail db_setup (st2 option doc: connection and server selection timeout in ms)", env='staging',
     patches=[userconf('\n[database]\nconnection_timeout = 1\n', 'staging')])

# ---------- cfgargs: extra st2 config reaching the services by argument ----------
def cfgarg(dep, args, files, mount, cid, exp, reason, env='prod'):
    cmname = 'r16-extra-conf'
    cmobj = {'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': {'name': cmname, 'namespace': NS[env]}, 'data': files}
    ops = [add(C0 + '/args/-', a) for a in args]
    ops += [add(C0 + '/volumeMounts/-', {'name': 'r16-extra', 'mountPath': mount, 'readOnly': True}),
            add(PS + '/volumes/-', {'name': 'r16-extra', 'configMap': {'name': cmname}})]
    case(cid, exp, 'cfgargs', reason, env=env, resources={'cm.yaml': cmobj}, patches=[jp('Deployment', dep, ops)])
OS = 'oslo.config: every --config-file and every *.conf of a --config-dir is parsed in command-line order and later values override earlier ones'
cfgarg('st2api', ['--config-dir=/etc/st2/conf.d'], {'99-local.conf': '[auth]\nenable = False\n'}, '/etc/st2/conf.d', 'cfgargs-configdir-auth-off', 'deny',
       f"st2api gets --config-dir=/etc/st2/conf.d after its four --config-file arguments, with a ConfigMap file setting [auth] enable = False: st2api serves every request without a token (anyone reaching st2web runs actions) ({OS}; st2 docs [auth] enable)")
cfgarg('st2api', ['--config-fi=/etc/st2/extra/local.conf'], {'local.conf': '[auth]\nenable = False\n'}, '/etc/st2/extra', 'cfgargs-abbrev-auth-off', 'deny',
       f"st2api gets --config-fi=... (argparse accepts any unambiguous prefix of --config-file) naming a ConfigMap file with [auth] enable = False, last on the command line: authentication off (Python argparse docs: allow_abbrev defaults to True, long options may be abbreviated to a unique prefix; {OS})")
cfgarg('st2api', ['--config-dir', '/etc/st2/conf.d'], {'zz.conf': '[rbac]\nenable = False\n'}, '/etc/st2/conf.d', 'cfgargs-configdir-rbac-off', 'deny',
       f"st2api --config-dir /etc/st2/conf.d (two words) with [rbac] enable = False: every logged-in user is admin ({OS}; st2 RBAC docs)")
cfgarg('st2api', ['--config-dir=/etc/st2/conf.d'], {'50-paging.conf': '[api]\nmax_page_size = 200\n'}, '/etc/st2/conf.d', 'cfgargs-configdir-benign-ok', 'allow',
       'st2api --config-dir with a file raising [api] max_page_size to 200: a paging limit only (st2 config docs)')
cfgarg('st2api', ['--config-file=/etc/st2/extra/local.conf'], {'local.conf': '[log]\nmask_secrets = True\n'}, '/etc/st2/extra', 'cfgargs-file-benign-ok', 'allow',
       'st2api extra --config-file setting [log] mask_secrets = True (the default): no change (st2 config docs)')
a = obj('Deployment', 'st2api')['spec']['template']['spec']['containers'][0]['args']
case('cfgargs-drop-secrets-conf', 'deny', 'cfgargs', "st2api loses --config-file=/etc/st2/st2.secrets.conf: it has no MongoDB username/password and the RabbitMQ URL falls back to the image's st2.conf (guest@127.0.0.1): st2api cannot connect and crash-loops (st2 docs: the HA chart passes st2.secrets.conf as the last config file; MongoDB runs with --keyFile so access control is on)",
     patches=[jp('Deployment', 'st2api', [rm(C0 + f'/args/{a.index("--config-file=/etc/st2/st2.secrets.conf")}')])])
case('cfgargs-drop-docker-conf', 'deny', 'cfgargs', "st2api loses --config-file=/etc/st2/st2.docker.conf: [database] host falls back to 127.0.0.1 and [coordination] url and [auth] api_url to the image's defaults: st2api cannot reach MongoDB and crash-loops (st2 config: [database] host default 127.0.0.1)",
     patches=[jp('Deployment', 'st2api', [rm(C0 + f'/args/{a.index("--config-file=/etc/st2/st2.docker.conf")}')])])

# ---------- kz: kustomize transformers on the whole render ----------
def raw(body): return 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../prod\n' + body
case('kz-namesuffix', 'deny', 'kz', "nameSuffix: -v2 on the prod render: every Service becomes st2api-v2, mongodb-v2, rabbitmq-v2, etcd-v2 while st2.docker.conf, st2-urls and st2.secrets.conf still name st2api, mongodb-0.mongodb, rabbitmq, etcd: st2 reaches nothing (kustomize docs: nameSuffix renames resources and updates references in known fields only, never inside ConfigMap data)", raw=raw('nameSuffix: -v2\n'))
case('kz-nameprefix', 'deny', 'kz', "namePrefix: blue- on the prod render: Services renamed, st2's config and the MongoDB replica set member names (mongodb-0.mongodb) no longer resolve (kustomize docs: namePrefix does not rewrite ConfigMap data)", raw=raw('namePrefix: blue-\n'))
case('kz-buildmetadata-ok', 'allow', 'kz', 'buildMetadata: [originAnnotations]: kustomize adds config.kubernetes.io/origin annotations only (kustomize docs, buildMetadata)', raw=raw('buildMetadata: [originAnnotations]\n'))
case('kz-labels-noselector-ok', 'allow', 'kz', 'labels team: automation without includeSelectors: metadata labels only, selectors untouched (kustomize docs, labels)', raw=raw('labels:\n  - pairs:\n      team: automation\n'))
case('kz-commonannotations-ok', 'allow', 'kz', 'commonAnnotations owner: platform: annotations only (kustomize docs)', raw=raw('commonAnnotations:\n  owner: platform\n'))

# ---------- bad: malformed input ----------
case('bad-yaml-indent', 'bad', 'bad', 'kustomization.yaml with broken indentation (a mapping value where a sequence item is expected): not YAML kustomize can read', raw='apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../prod\n patches:\n   - x\n')
case('bad-missing-resource', 'bad', 'bad', 'resources names a file that does not exist: kustomize fails', raw=raw('  - nothere.yaml\n'))
case('bad-remove-missing-path', 'bad', 'bad', 'JSON patch removes /spec/template/spec/nodeName, absent on st2api: RFC 6902 remove of a missing path is an error',
     patches=[jp('Deployment', 'st2api', [rm(PS + '/nodeName')])])
case('bad-escape-repo', 'bad', 'bad', 'resources leaves the repository (../../../../../../etc): refused as a path outside the repository', raw=raw('  - ../../../../../../etc\n'))
case('bad-unknown-field', 'bad', 'bad', 'kustomization with an unknown top-level field (patchez): kustomize refuses unknown fields', raw=raw('patchez:\n  - path: x.yaml\n'))
case('bad-invalid-op', 'bad', 'bad', 'JSON patch op "frobnicate": not an RFC 6902 operation', patches=[jp('Deployment', 'st2api', [{'op': 'frobnicate', 'path': '/spec/replicas', 'value': 3}])])
case('bad-duplicate-resource', 'bad', 'bad', 'the same ConfigMap listed twice (two files with one id): kustomize refuses an already registered id',
     resources={'a.yaml': {'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': {'name': 'r16-dup', 'namespace': 'st2-prod'}, 'data': {'a': '1'}},
                'b.yaml': {'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': {'name': 'r16-dup', 'namespace': 'st2-prod'}, 'data': {'a': '2'}}})
case('bad-resource-no-kind', 'bad', 'bad', 'a resource document without kind: not a Kubernetes object', resources={'x.yaml': 'apiVersion: v1\nmetadata:\n  name: r16-nokind\n'})
case('bad-patch-file-yaml', 'bad', 'bad', 'a patch file that is not YAML (unclosed flow mapping)', raw=raw('patches:\n  - path: p.yaml\n'), resources={'p.yaml': '{kind: Deployment, metadata: {name: st2api\n'})
