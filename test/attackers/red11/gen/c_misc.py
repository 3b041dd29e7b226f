from lib import *
import base64, lzma, binascii, secrets as pysecrets
def dep(id, env, exp, cls, name, ops, reason, kind='Deployment'):
    case(id, env, exp, cls, reason, kz={'patches': [jp(kind, name, ops)]})
# duplicate env names: the kubelet uses the last one
dep('dup-env-st2web-https', 'prod', 'deny', 'parser-differential', 'st2web',
  [{'op': 'add', 'path': '/spec/template/spec/containers/0/env/-', 'value': {'name': 'ST2WEB_HTTPS', 'value': '0'}}],
  "ST2WEB_HTTPS listed twice (1 then 0): the kubelet keeps the last value, st2web's entrypoint then serves plain HTTP on 80 while the Ingress speaks HTTPS to 443 (README ST2-HRD-018) -> st2web down or cleartext")
dep('st2web-https-trailing-space', 'prod', 'allow', 'st2web-safe', 'st2web',
  [{'op': 'replace', 'path': '/spec/template/spec/containers/0/env/0/value', 'value': '1 '}],
  "st2web's CMD (st2-dockerfiles st2web/Dockerfile) tests `[ ${ST2WEB_HTTPS} = 1 ]` unquoted: word splitting drops the blank, '1 ' still selects the HTTPS template")
dep('st2web-https-01', 'prod', 'deny', 'st2web', 'st2web',
  [{'op': 'replace', 'path': '/spec/template/spec/containers/0/env/0/value', 'value': '01'}],
  "st2web's CMD compares strings (`[ ${ST2WEB_HTTPS} = 1 ]`): '01' is not '1', nginx gets the plain-HTTP template on 80 while the Ingress talks HTTPS to 443 -> st2web unreachable, or cleartext where 80 is routed (README ST2-HRD-018)")
dep('dup-env-rabbit-longname', 'prod', 'deny', 'parser-differential', 'rabbitmq',
  [{'op': 'add', 'path': '/spec/template/spec/containers/0/env/-', 'value': {'name': 'RABBITMQ_USE_LONGNAME', 'value': 'false'}}],
  "second RABBITMQ_USE_LONGNAME=false wins (last duplicate env): dotted node names with short names -> no RabbitMQ node starts", kind='StatefulSet')
dep('dup-env-mongo-root-pass', 'prod', 'deny', 'parser-differential', 'mongodb',
  [{'op': 'add', 'path': '/spec/template/spec/containers/0/env/-', 'value': {'name': 'MONGO_INITDB_ROOT_PASSWORD', 'value': 'XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK'}}],
  "a second MONGO_INITDB_ROOT_PASSWORD literal (the chart's published MongoDB password) overrides the one from the Secret on a fresh member: root user with a published password", kind='StatefulSet')
dep('mongo-dup-keyfile-arg', 'prod', 'deny', 'store-mongodb', 'mongodb',
  [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--keyFile'}, {'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '/data/configdb/key.txt'}],
  "mongod (boost program_options) refuses an option given twice ('cannot be specified more than once'): no member starts", kind='StatefulSet')
dep('etcd-v2-flag-then-false', 'prod', 'deny', 'store-etcd', 'etcd',
  [{'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--enable-v2=false'}],
  "Go's flag package keeps the last --enable-v2: v2 API off, tooz's etcd driver (v2 only, §12) fails every lock", kind='StatefulSet')
dep('etcd-v2-env-false-flag-true', 'prod', 'allow', 'store-safe', 'etcd',
  [{'op': 'add', 'path': '/spec/template/spec/containers/0/env/-', 'value': {'name': 'ETCD_ENABLE_V2', 'value': 'false'}}],
  "etcd: command-line flags take precedence over ETCD_* variables, so --enable-v2=true still holds (v2 served)", kind='StatefulSet')
# committed secrets, new spellings
RMQ_DEFAULT = '9jS+w1u07NbHtZke1m+jW4Cj'
uu = binascii.b2a_uu(RMQ_DEFAULT.encode()).decode()
uufile = 'begin 600 pw\n' + uu + '`\nend\n'
def jobcm(id, reason, cmdata, script, planted):
    objs = [{'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': {'name': 'ops-user', 'namespace': 'st2-prod'}, 'data': cmdata},
            {'apiVersion': 'batch/v1', 'kind': 'Job', 'metadata': {'name': 'ops-user', 'namespace': 'st2-prod'}, 'spec': {'template': {'spec': {'restartPolicy': 'OnFailure',
              'containers': [{'name': 'add', 'image': 'rabbitmq:3.12.14', 'command': ['sh', '-c', script],
                 'env': [{'name': 'RABBITMQ_ERLANG_COOKIE', 'valueFrom': {'secretKeyRef': {'name': 'rabbitmq', 'key': 'rabbitmq-erlang-cookie'}}}],
                 'volumeMounts': [{'name': 'cfg', 'mountPath': '/cfg'}], 'resources': {'limits': {'cpu': '200m', 'memory': '256Mi'}}}],
              'volumes': [{'name': 'cfg', 'configMap': {'name': 'ops-user'}}]}}}}]
    case(id, 'prod', 'deny', 'committed-secret', reason, kz={'resources': ['job.yaml']}, files={'job.yaml': objs}, planted=planted)
SCR = "rabbitmqctl -n rabbit@rabbitmq-0.rabbitmq-discovery add_user ops \"$PW\" && rabbitmqctl -n rabbit@rabbitmq-0.rabbitmq-discovery set_user_tags ops administrator && rabbitmqctl -n rabbit@rabbitmq-0.rabbitmq-discovery set_permissions -p / ops '.*' '.*' '.*'"
jobcm('sec-uuencode-rabbit-default', "a RabbitMQ administrator 'ops' created with the chart's published RabbitMQ password (stackstorm-ha.md §2), committed uuencoded and decoded by uudecode: anyone knowing the chart logs in and publishes executions",
  {'pw.uu': uufile}, 'PW=$(uudecode -o /dev/stdout /cfg/pw.uu); ' + SCR, RMQ_DEFAULT)
lz = base64.b64encode(lzma.compress(RMQ_DEFAULT.encode(), format=lzma.FORMAT_ALONE)).decode()
jobcm('sec-lzma-alone-rabbit-default', "same published RabbitMQ password committed as legacy .lzma (LZMA-alone) in base64, decoded by unlzma: admin user with a published password",
  {'pw.lzma.b64': lz}, 'PW=$(base64 -d /cfg/pw.lzma.b64 | unlzma); ' + SCR, RMQ_DEFAULT)
b32 = base64.b32encode(RMQ_DEFAULT.encode()).decode().rstrip('=')
jobcm('sec-b32-nopad-rabbit-default', "published RabbitMQ password as unpadded base32 decoded with python: admin user with a published password",
  {'pw.b32': b32}, "PW=$(python3 -c \"import base64;s=open('/cfg/pw.b32').read().strip();print(base64.b32decode(s+'='*(-len(s)%8)).decode())\"); " + SCR, RMQ_DEFAULT)
rev_hex = RMQ_DEFAULT.encode().hex()
jobcm('sec-hex-nosep-rabbit-default', "published RabbitMQ password as a bare hex string decoded with xxd -r -p: admin user with a published password",
  {'pw.hex': rev_hex}, 'PW=$(xxd -r -p /cfg/pw.hex); ' + SCR, RMQ_DEFAULT)
fresh = 'Zq7' + pysecrets.token_urlsafe(24)
case('sec-committed-fresh-cookie', 'prod', 'deny', 'committed-secret',
  "a freshly generated Erlang cookie written as a literal env value in git: anyone with read access to the repository can join RabbitMQ's Erlang distribution (full RPC, code execution on the nodes) from any pod of the cluster; production secrets belong in the secret store (components/external-secrets)",
  kz={'patches': [jp('StatefulSet', 'rabbitmq', [{'op': 'replace', 'path': '/spec/template/spec/containers/0/env/5', 'value': {'name': 'RABBITMQ_ERLANG_COOKIE', 'value': fresh}}])]}, planted=fresh)
fresh2 = 'k' + pysecrets.token_hex(20)
case('sec-committed-fresh-mongo-secret', 'prod', 'deny', 'committed-secret',
  "a plain Secret with a fresh MongoDB root password committed to git in production (stringData), replacing the ExternalSecret: every reader of the repo holds the database root password",
  kz={'resources': ['s.yaml'], 'patches': [{'target': {'kind': 'ExternalSecret', 'name': 'mongodb-admin'}, 'patch': Y({'$patch': 'delete', 'apiVersion': 'external-secrets.io/v1', 'kind': 'ExternalSecret', 'metadata': {'name': 'mongodb-admin'}})}]},
  files={'s.yaml': {'apiVersion': 'v1', 'kind': 'Secret', 'metadata': {'name': 'mongodb-admin', 'namespace': 'st2-prod'}, 'type': 'Opaque', 'stringData': {'user': 'admin', 'password': fresh2}}}, planted=fresh2)
case('sec-default-secrets-staging', 'staging', 'deny', 'committed-secret',
  "staging wrapper pulls components/default-secrets: the chart's published passwords, cookie and keys (§2) back in a shared environment",
  kz={'components': ['../../../components/default-secrets']})
case('sec-st2auth-password-folded', 'prod', 'deny', 'committed-secret',
  "st2-auth Secret replaced by one whose password is the chart's Ch@ngeMe written as a YAML double-quoted string with escapes (\\x40 for @): st2admin with the published password",
  raw="apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../prod\n  - s.yaml\npatches:\n  - target:\n      kind: ExternalSecret\n      name: st2-auth\n    patch: |-\n      $patch: delete\n      apiVersion: external-secrets.io/v1\n      kind: ExternalSecret\n      metadata:\n        name: st2-auth\n",
  files={'s.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: st2-auth\n  namespace: st2-prod\ntype: Opaque\nstringData:\n  username: st2admin\n  password: "Ch\\x40ngeM\\u0065"\n'}, planted='Ch@ngeMe')

for c in CASES:
    if c['id'] == 'dup-env-mongo-root-pass': c['planted'] = 'XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK'
