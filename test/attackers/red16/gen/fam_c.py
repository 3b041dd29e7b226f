from lib16 import *
def userconf(extra, env='prod'):
    base = obj('ConfigMap', 'st2-config', env)['data']['st2.user.conf']
    return jp('ConfigMap', 'st2-config', [rep('/data/st2.user.conf', base + extra)])
# ---------- st2opt: st2 options whose value makes st2 unusable ----------
case('st2opt-token-ttl-zero', 'deny', 'st2opt', "[auth] token_ttl = 0: st2auth issues every login token already expired (expiry = now + ttl), so st2web and the CLI are refused with 'Token has expired' right after logging in: nobody can operate st2 (st2 st2auth/handlers: expiry = utcnow + ttl; st2common/util/auth validate_token rejects expired tokens; st2 config option [auth] token_ttl, default 86400)",
     patches=[userconf('\n[auth]\ntoken_ttl = 0\n')])
case('st2opt-service-ttl-one', 'deny', 'st2opt', "[auth] service_token_ttl = 1: the token st2 hands every action and sensor (ST2_AUTH_TOKEN) expires after one second, so every action that calls st2's API (packs pack, st2.kv.*, core.ask, workflows' st2kv lookups) and every sensor dispatching triggers fails 401 (st2 docs, config [auth] service_token_ttl: lifetime of tokens issued to actions and sensors)",
     patches=[userconf('\n[auth]\nservice_token_ttl = 1\n')])
case('st2opt-db-timeout-1ms', 'deny', 'st2opt', "[database] connection_timeout = 1: st2 passes it as pymongo connectTimeoutMS and serverSelectionTimeoutMS, so no MongoDB replica set member can be selected within 1 ms and every st2 service fails db_setup at start (st2common/models/db/__init__.py; option doc: 'Connection and server selection timeout (in ms)', default 3000)",
     patches=[userconf('\n[database]\nconnection_timeout = 1\n')])
case('st2opt-graceful-off-grace0', 'deny', 'st2opt', "st2actionrunner terminationGracePeriodSeconds 0: every rollout or drain SIGKILLs the runners, so executions they were running stay 'running' for ever (never abandoned, workflows waiting on them hang) (k8s PodSpec docs: 0 means stop immediately via the kill signal with no opportunity to shut down; st2 docs (actionrunner graceful shutdown): on SIGTERM the runner waits for running executions and abandons the rest)",
     patches=[jp('Deployment', 'st2actionrunner', [rep(PS + '/terminationGracePeriodSeconds', 0)])])
case('st2opt-grace0-staging', 'deny', 'st2opt', "staging st2actionrunner terminationGracePeriodSeconds 0: SIGKILL at every rollout leaves executions running for ever (k8s PodSpec docs; st2 actionrunner graceful shutdown)", env='staging',
     patches=[jp('Deployment', 'st2actionrunner', [add(PS + '/terminationGracePeriodSeconds', 0)])])
case('st2opt-token-ttl-ok', 'allow', 'st2opt', '[auth] token_ttl = 3600: one-hour logins, shorter than the default (st2 config docs)', patches=[userconf('\n[auth]\ntoken_ttl = 3600\n')])
case('st2opt-db-timeout-ok', 'allow', 'st2opt', '[database] connection_timeout = 10000: a longer server selection timeout (st2 config docs)', patches=[userconf('\n[database]\nconnection_timeout = 10000\n')])
case('st2opt-grace-long-ok', 'allow', 'st2opt', 'st2actionrunner terminationGracePeriodSeconds 600: more time for running actions (k8s PodSpec docs)', patches=[jp('Deployment', 'st2actionrunner', [rep(PS + '/terminationGracePeriodSeconds', 600)])])
case('st2opt-stream-output-ok', 'allow', 'st2opt', '[actionrunner] stream_output = False: no live output streaming, results unchanged (st2 config docs)', patches=[userconf('\n[actionrunner]\nstream_output = False\n')])

# ---------- split: one service pointed at a different database name ----------
DOCKER = obj('ConfigMap', 'st2-config')['data']['st2.docker.conf']
USER = obj('ConfigMap', 'st2-config')['data']['st2.user.conf']
def splitcm(name, docker_extra):
    return {'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': {'name': name, 'namespace': 'st2-prod'},
            'data': {'st2.docker.conf': DOCKER + docker_extra, 'st2.user.conf': USER}}
def volidx(dep):
    vols = obj('Deployment', dep)['spec']['template']['spec']['volumes']
    return [i for i, v in enumerate(vols) if v['name'] == 'st2-config-vol'][0]
for dep in ['st2api', 'st2scheduler', 'st2actionrunner']:
    case(f'split-dbname-{dep}', 'deny', 'split', f"{dep} alone reads a copy of st2.docker.conf with [database] db_name = st2_next while every other service uses the default st2: {dep} writes and reads a different database (executions it creates are never seen by the others, or it never sees theirs): st2 silently stops running actions (MongoDB creates a database on first write; st2 option [database] db_name, default st2)",
         resources={'cm.yaml': splitcm(f'st2-config-{dep}', 'db_name = st2_next\n')},
         patches=[jp('Deployment', dep, [rep(f'{PS}/volumes/{volidx(dep)}/configMap/name', f'st2-config-{dep}')])])
case('split-copy-identical-ok', 'allow', 'split', 'st2api reads an identical copy of st2-config under another name: same settings (no harm)',
     resources={'cm.yaml': splitcm('st2-config-st2api', '')},
     patches=[jp('Deployment', 'st2api', [rep(f'{PS}/volumes/{volidx("st2api")}/configMap/name', 'st2-config-st2api')])])

# ---------- esref: ExternalSecret changes that leave pods without their files ----------
def es(name, ops): return jp('ExternalSecret', name, ops)
case('esref-target-renamed', 'deny', 'esref', "ExternalSecret st2-config-secrets now writes Secret st2-config-secret (singular) while every st2 pod mounts st2-config-secrets: on the next rollout new pods wait in ContainerCreating (secret not found) for ever; with Owner creationPolicy the old Secret is deleted with the rename, so even restarts fail (k8s: a pod whose secret volume references a missing Secret does not start; ESO docs: creationPolicy Owner sets an ownerReference)",
     patches=[es('st2-config-secrets', [rep('/spec/target/name', 'st2-config-secret')])])
case('esref-template-key-renamed', 'deny', 'esref', "ExternalSecret template key st2.secrets.conf renamed st2-secrets.conf: every st2 pod mounts key st2.secrets.conf by subPath, the kubelet finds no such key and the containers never start (k8s Secret docs: a volume of a Secret missing the referenced key fails unless optional)",
     patches=[es('st2-config-secrets', [add('/spec/target/template/data/st2-secrets.conf', obj('ExternalSecret', 'st2-config-secrets')['spec']['target']['template']['data']['st2.secrets.conf']), rm('/spec/target/template/data/st2.secrets.conf')])])
case('esref-dskey-secretkey-renamed', 'deny', 'esref', "ExternalSecret st2-datastore-crypto-key writes secretKey datastore_key instead of datastore_crypto_key: the pods' secret volume item names key datastore_crypto_key, which is missing: every st2 pod fails to start (k8s Secret volume items: a missing key fails the mount)",
     patches=[es('st2-datastore-crypto-key', [rep('/spec/data/0/secretKey', 'datastore_key')])])
case('esref-dskey-remote-rotated', 'deny', 'esref', "ExternalSecret st2-datastore-crypto-key now reads stackstorm/st2-datastore-crypto-key-v2: st2 decrypts existing secret datastore values with the new key and fails (st2 docs, datastore: values stored with encrypt=true are encrypted with the key in encryption_key_path; st2 offers no re-encryption, so changing the key makes every stored secret unreadable)",
     patches=[es('st2-datastore-crypto-key', [rep('/spec/data/0/remoteRef/key', 'stackstorm/st2-datastore-crypto-key-v2')])])
case('esref-template-auth-off', 'deny', 'esref', "ExternalSecret template for st2.secrets.conf gains [auth] enable = False: st2.secrets.conf is the last --config-file every st2 service reads, so it overrides st2.docker.conf: st2api accepts every request without a token (oslo.config: later config files override earlier ones; st2 docs: [auth] enable)",
     patches=[es('st2-config-secrets', [rep('/spec/target/template/data/st2.secrets.conf', obj('ExternalSecret', 'st2-config-secrets')['spec']['target']['template']['data']['st2.secrets.conf'] + '\n[auth]\nenable = False\n')])])
case('esref-template-rbac-off', 'deny', 'esref', "ExternalSecret template for st2.secrets.conf gains [rbac] enable = False: the last config file wins, RBAC is off, every user is admin (oslo.config file precedence; st2 docs RBAC: enable)",
     patches=[es('st2-config-secrets', [rep('/spec/target/template/data/st2.secrets.conf', obj('ExternalSecret', 'st2-config-secrets')['spec']['target']['template']['data']['st2.secrets.conf'] + '\n[rbac]\nenable = False\n')])])
case('esref-refresh-ok', 'allow', 'esref', 'ExternalSecret st2-config-secrets refreshInterval 15m: refresh more often (ESO docs)', patches=[es('st2-config-secrets', [rep('/spec/refreshInterval', '15m')])])
case('esref-template-comment-ok', 'allow', 'esref', 'ExternalSecret template for st2.secrets.conf gains a comment line: no setting changes (oslo.config ini comments)',
     patches=[es('st2-config-secrets', [rep('/spec/target/template/data/st2.secrets.conf', '# rotated quarterly\n' + obj('ExternalSecret', 'st2-config-secrets')['spec']['target']['template']['data']['st2.secrets.conf'])])])
case('esref-dskey-refresh-ok', 'allow', 'esref', 'st2-datastore-crypto-key refreshInterval 24h: same key, fetched less often (ESO docs)', patches=[es('st2-datastore-crypto-key', [rep('/spec/refreshInterval', '24h')])])

# ---------- svcport: Service ports st2's URLs do not use ----------
case('svcport-st2api-80', 'deny', 'svcport', "st2api Service port 80 (targetPort 9101): st2-urls (ST2_API_URL http://st2api:9101/), [auth] api_url and st2web's proxy still dial st2api:9101, where the ClusterIP now accepts nothing: every action calling st2's API and st2web's /api fail (k8s Service docs: clients connect to the Service port; targetPort only picks the pod port)",
     patches=[jp('Service', 'st2api', [rep('/spec/ports/0/port', 80), add('/spec/ports/0/targetPort', 9101)])])
case('svcport-st2auth-80', 'deny', 'svcport', "st2auth Service port 80: ST2_AUTH_URL http://st2auth:9100/ and st2web's /auth proxy dial 9100 where nothing answers: no logins (k8s Service docs)",
     patches=[jp('Service', 'st2auth', [rep('/spec/ports/0/port', 80), add('/spec/ports/0/targetPort', 9100)])])
case('svcport-etcd-4001', 'deny', 'svcport', "etcd Service port 4001 (targetPort 2379): st2's [coordination] url etcd://etcd:2379 reaches nothing: st2scheduler and st2workflowengine cannot lock (k8s Service docs)",
     patches=[jp('Service', 'etcd', [rep('/spec/ports/0/port', 4001)])])
case('svcport-st2api-extra-ok', 'allow', 'svcport', 'st2api Service gains a second port 80 -> 9101 beside 9101: the old port still answers (k8s Service docs)',
     patches=[jp('Service', 'st2api', [add('/spec/ports/-', {'name': 'http-alt', 'port': 80, 'targetPort': 9101, 'protocol': 'TCP'})])])
