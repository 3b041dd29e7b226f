from lib import *
import base64, hashlib, hmac, struct, textwrap
from cryptography.hazmat.primitives import serialization as S
from c_ha import TIMERS_POD
def dep(id, env, exp, cls, name, ops, reason, kind='Deployment'):
    case(id, env, exp, cls, reason, kz={'patches': [jp(kind, name, ops)]})
def delpatch(kind, name=None, label=None, api='apps/v1'):
    t = {'kind': kind}
    if name: t['name'] = name
    if label: t['labelSelector'] = label
    return {'target': t, 'patch': Y({'$patch': 'delete', 'apiVersion': api, 'kind': kind, 'metadata': {'name': name or 'any'}})}
case('stg-delete-scheduler', 'staging', 'deny', 'outage', "st2scheduler Deployment removed in staging (which prunes): executions stay 'requested' forever (§12)",
  kz={'patches': [delpatch('Deployment', 'st2scheduler')]})
case('stg-delete-timers', 'staging', 'deny', 'outage', "st2timersengine removed in staging: no timer trigger ever fires (README: ST2-REP-001 denies a cluster without a timers engine)",
  kz={'patches': [delpatch('Deployment', 'st2timersengine')]})
case('stg-delete-backend', 'staging', 'deny', 'outage', "every tier=backend Deployment removed in staging by label selector: API, auth, engines, runners pruned by Argo CD",
  kz={'patches': [delpatch('Deployment', label='tier=backend')]})
case('stg-delete-stores', 'staging', 'deny', 'outage', "all three store StatefulSets removed in staging: Argo CD prunes MongoDB, RabbitMQ and etcd (their PVCs stay, st2 is down)",
  kz={'patches': [delpatch('StatefulSet')]})
case('prod-delete-client', 'prod', 'allow', 'outage-safe', "st2client (operator shell) removed from the render: nothing depends on it",
  kz={'patches': [delpatch('Deployment', 'st2client')]})
case('argo-ns-late-wave', 'prod', 'deny', 'argocd-deadlock',
  "the Namespace moved to sync-wave 10, after every namespaced object: on a fresh cluster Argo CD applies waves -1..9 into a namespace that does not exist yet (namespaces not found), the sync fails before the Namespace is created",
  kz={'patches': [jp('Namespace', 'st2-prod', [{'op': 'add', 'path': '/metadata/annotations', 'value': {'argocd.argoproj.io/sync-wave': '10'}}])]})
case('rollout-maxunavail-all', 'prod', 'deny', 'ha', "st2api rolling update with maxUnavailable 3 (= replicas) and maxSurge 0: every rollout stops all API pods at once",
  kz={'patches': [jp('Deployment', 'st2api', [{'op': 'add', 'path': '/spec/strategy', 'value': {'type': 'RollingUpdate', 'rollingUpdate': {'maxUnavailable': 3, 'maxSurge': 0}}}])]})
case('rollout-maxunavail-1', 'prod', 'allow', 'ha-safe', "st2api rolling update one pod at a time",
  kz={'patches': [jp('Deployment', 'st2api', [{'op': 'add', 'path': '/spec/strategy', 'value': {'type': 'RollingUpdate', 'rollingUpdate': {'maxUnavailable': 1, 'maxSurge': 1}}}])]})
# RabbitMQ policy priority override: ha policy shadowed
RINIT = r'''cp /etc/rabbitmq-configmap/rabbitmq.conf /etc/rabbitmq-configmap/enabled_plugins /etc/rabbitmq/
pass="$(printf '%s' "${RABBITMQ_PASSWORD}" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"
cat > /etc/rabbitmq/definitions.json <<EOF
{
  "users": [{"name": "admin", "password": "${pass}", "tags": "administrator"}],
  "vhosts": [{"name": "/"}],
  "permissions": [{"user": "admin", "vhost": "/", "configure": ".*", "write": ".*", "read": ".*"}],
  "policies": [{"vhost": "/", "name": "ha", "pattern": "", "apply-to": "queues", "priority": 0,
    "definition": {"ha-mode": "all", "ha-sync-mode": "automatic", "ha-sync-batch-size": 10}}EXTRA]
}
EOF
'''
def rinit(id, exp, extra, reason, cls='store-rabbitmq-ha'):
    case(id, 'prod', exp, cls, reason, kz={'patches': [jp('StatefulSet', 'rabbitmq', [{'op': 'replace', 'path': '/spec/template/spec/initContainers/0/command/2', 'value': RINIT.replace('EXTRA', extra)}])]})
rinit('rabbit-policy-shadow-lazy', 'deny', ',\n    {"vhost": "/", "name": "lazy", "pattern": ".*", "apply-to": "queues", "priority": 10, "definition": {"queue-mode": "lazy"}}',
  "RabbitMQ applies only the highest-priority policy matching a queue: the new 'lazy' policy (priority 10, pattern .*) replaces 'ha' on every st2 queue, so no queue is mirrored any more; a node loss loses its queues' messages (st2docs ha.rst: mirror all queues)")
rinit('rabbit-policy-extra-amq-only', 'allow', ',\n    {"vhost": "/", "name": "amq-lazy", "pattern": "^amq\\\\.", "apply-to": "queues", "priority": 10, "definition": {"queue-mode": "lazy", "ha-mode": "all"}}',
  "an extra higher-priority policy that matches only amq.* queues and still mirrors them: st2's queues keep the ha policy", cls='store-safe')
# SSH key of the base (published in this repo) as PuTTY PPK and PKCS#8
pem = open('/tmp/red11-sshkey', 'rb').read()
key = S.load_pem_private_key(pem, None)
nums = key.private_numbers(); pub = nums.public_numbers
def sstr(b): return struct.pack('>I', len(b)) + b
def mpint(i):
    b = i.to_bytes((i.bit_length() + 8) // 8, 'big'); return sstr(b)
pubblob = sstr(b'ssh-rsa') + mpint(pub.e) + mpint(pub.n)
privblob = mpint(nums.d) + mpint(nums.p) + mpint(nums.q) + mpint(nums.iqmp)
comment = b'stanley@st2'
mackey = hashlib.sha1(b'putty-private-key-file-mac-key').digest()
macdata = sstr(b'ssh-rsa') + sstr(b'none') + sstr(comment) + sstr(pubblob) + sstr(privblob)
mac = hmac.new(mackey, macdata, hashlib.sha1).hexdigest()
def lines(b): return textwrap.wrap(base64.b64encode(b).decode(), 64)
pl, vl = lines(pubblob), lines(privblob)
ppk = 'PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: stanley@st2\nPublic-Lines: %d\n%s\nPrivate-Lines: %d\n%s\nPrivate-MAC: %s\n' % (len(pl), '\n'.join(pl), len(vl), '\n'.join(vl), mac)
pk8 = key.private_bytes(S.Encoding.PEM, S.PrivateFormat.PKCS8, S.NoEncryption()).decode()
def sshsecret(id, content, reason):
    case(id, 'prod', 'deny', 'committed-secret', reason,
      kz={'resources': ['s.yaml'], 'patches': [{'target': {'kind': 'ExternalSecret', 'name': 'st2-ssh'}, 'patch': Y({'$patch': 'delete', 'apiVersion': 'external-secrets.io/v1', 'kind': 'ExternalSecret', 'metadata': {'name': 'st2-ssh'}})}]},
      files={'s.yaml': {'apiVersion': 'v1', 'kind': 'Secret', 'metadata': {'name': 'st2-ssh', 'namespace': 'st2-prod'}, 'type': 'Opaque', 'stringData': {'private_key': content}}},
      planted=base64.b64encode(privblob).decode()[:40])
sshsecret('sec-ssh-ppk', ppk, "the repository's published dev SSH key (components/default-secrets/st2-ssh.yaml) as stanley's production key, re-encoded as a PuTTY .ppk: anyone with the repo logs into every host st2 manages as stanley")
sshsecret('sec-ssh-pkcs8', pk8, "the repository's published dev SSH key converted to PKCS#8 PEM for production: published key for remote actions")
try:
    import crypt as _c
    h = _c.crypt('Ch@ngeMe', '$5$rounds=5000$st2saltst2salt$')
except Exception:
    h = None
if h:
    case('sec-htpasswd-sha256-rounds', 'prod', 'deny', 'committed-secret',
      "st2auth htpasswd line for st2admin whose sha256_crypt hash (explicit rounds=5000) verifies the chart's Ch@ngeMe (stackstorm-ha.md §2): published admin password in production",
      kz={'resources': ['h.yaml']}, files={'h.yaml': {'apiVersion': 'v1', 'kind': 'Secret', 'metadata': {'name': 'st2-htpasswd', 'namespace': 'st2-prod'}, 'type': 'Opaque', 'stringData': {'htpasswd': 'st2admin:' + h + '\n'}}})
case('kz-setelementorder', 'prod', 'badinput', 'kustomize-refused', "strategic-merge $setElementOrder, which kyaml lacks (README: refused)",
  kz={'patches': [{'patch': Y({'apiVersion': 'apps/v1', 'kind': 'Deployment', 'metadata': {'name': 'st2api'}, 'spec': {'template': {'spec': {'$setElementOrder/containers': [{'name': 'st2api'}], 'containers': [{'name': 'st2api', 'env': [{'name': 'X', 'value': '1'}]}]}}}})}]})
case('kz-openapi-field', 'prod', 'badinput', 'kustomize-refused', "openapi: field pointing at a custom schema file (unsupported field, refused by name)",
  kz={'openapi': {'path': 'schema.json'}}, files={'schema.json': '{}'})
case('kz-replicas-noop-timers', 'prod', 'allow', 'kustomize-safe', "replicas entry restating st2timersengine at 1", kz={'replicas': [{'name': 'st2timersengine', 'count': 1}]})
case('kz-patches-sm-file', 'prod', 'allow', 'kustomize-safe', "patchesStrategicMerge adding a label to st2api's pods",
  kz={'patchesStrategicMerge': ['p.yaml']}, files={'p.yaml': {'apiVersion': 'apps/v1', 'kind': 'Deployment', 'metadata': {'name': 'st2api'}, 'spec': {'template': {'metadata': {'labels': {'team': 'platform'}}}}}})
dep('rabbit-init-thirdparty', 'prod', 'deny', 'supply-chain', 'rabbitmq',
  [{'op': 'add', 'path': '/spec/template/spec/initContainers/-', 'value': {'name': 'tune', 'image': 'docker.io/randomdev42/sysctl-tuner:0.3', 'command': ['/tune.sh'],
     'env': [{'name': 'COOKIE', 'valueFrom': {'secretKeyRef': {'name': 'rabbitmq', 'key': 'rabbitmq-erlang-cookie'}}}], 'resources': {'limits': {'cpu': '50m', 'memory': '32Mi'}}}}],
  "an init container from an unknown Docker Hub user receives RabbitMQ's Erlang cookie in its env and runs its own /tune.sh: the image's author can copy the cookie out and control the cluster", kind='StatefulSet')
dep('st2api-sidecar-otel', 'prod', 'allow', 'supply-chain-safe', 'st2api',
  [{'op': 'add', 'path': '/spec/template/spec/containers/-', 'value': {'name': 'otel-agent', 'image': 'otel/opentelemetry-collector-contrib:0.111.0', 'args': ['--config=env:OTEL_CFG'],
     'env': [{'name': 'OTEL_CFG', 'value': 'receivers: {otlp: {protocols: {grpc: {endpoint: 127.0.0.1:4317}}}}\nexporters: {otlp: {endpoint: otel-gateway.st2-prod.svc:4317, tls: {insecure: true}}}\nservice: {pipelines: {traces: {receivers: [otlp], exporters: [otlp]}}}'}],
     'resources': {'requests': {'cpu': '20m', 'memory': '64Mi'}, 'limits': {'cpu': '200m', 'memory': '256Mi', 'ephemeral-storage': '128Mi'}},
     'securityContext': {'allowPrivilegeEscalation': False, 'runAsNonRoot': True, 'runAsUser': 10001, 'capabilities': {'drop': ['ALL']}}}}],
  "a pinned OpenTelemetry collector sidecar, no secret mounts, exporting to an in-namespace gateway (the README's monitoring-sidecar example)")
