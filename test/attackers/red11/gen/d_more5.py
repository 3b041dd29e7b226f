from lib import *
from c_config import uc
def dep(id, env, exp, cls, name, ops, reason, kind='Deployment'):
    case(id, env, exp, cls, reason, kz={'patches': [jp(kind, name, ops)]})
uc('cfg-coord-fqdn', 'allow', 'st2conf-safe', "[coordination]\nurl = etcd://etcd.st2-prod.svc.cluster.local:2379\n",
   "the same etcd Service by its cluster FQDN")
uc('cfg-db-fqdn-members', 'allow', 'st2conf-safe', "[database]\nhost = mongodb://mongodb-0.mongodb.st2-prod.svc.cluster.local:27017,mongodb-1.mongodb.st2-prod.svc.cluster.local:27017,mongodb-2.mongodb.st2-prod.svc.cluster.local:27017/?authSource=admin&replicaSet=rs0\n",
   "the three members by their cluster FQDNs: same replica set")
TPL = "[messaging]\nurl = amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq:5672\n%s\n[database]\nusername = {{ .mongodbUser }}\npassword = {{ .mongodbPassword }}\n"
def tpl(id, exp, text, reason, cls='st2conf-safe'):
    case(id, 'prod', exp, cls, reason, kz={'patches': [jp('ExternalSecret', 'st2-config-secrets', [{'op': 'replace', 'path': '/spec/target/template/data/st2.secrets.conf', 'value': text}], group='external-secrets.io')]})
tpl('tpl-cluster-urls', 'allow', TPL % "cluster_urls = amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq-0.rabbitmq-discovery:5672,amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq-1.rabbitmq-discovery:5672,amqp://admin:{{ .rabbitmqPassword | urlquery }}@rabbitmq-2.rabbitmq-discovery:5672\n",
    "st2 told all three RabbitMQ members (cluster_urls) for failover, credentials from the store")
tpl('tpl-mq-fqdn', 'allow', TPL.replace('@rabbitmq:5672', '@rabbitmq.st2-prod.svc.cluster.local:5672') % "",
    "the RabbitMQ Service by its cluster FQDN")
tpl('tpl-mq-guest', 'deny', TPL.replace('amqp://admin:{{ .rabbitmqPassword | urlquery }}@', 'amqp://guest:guest@') % "",
    "st2 logs in to RabbitMQ as guest:guest: the definitions create no guest user, so st2 cannot connect (outage); where guest exists it is the published default (README ST2-SEC-008)", cls='st2conf-stores')
tpl('tpl-db-user-literal', 'deny', TPL.replace('{{ .mongodbUser }}', 'st2').replace('{{ .mongodbPassword }}', 'st2') % "",
    "MongoDB user and password written as literals 'st2'/'st2' in production's template: a weak committed password, and no such user exists (the image creates only the root user) -> st2 cannot log in", cls='committed-secret')
case('etcd-metrics-probes', 'prod', 'allow', 'store-safe',
  "etcd serves /livez and /readyz on --listen-metrics-urls (stackstorm-ha.md §12): add a metrics listener on 2381 and probe it there",
  kz={'patches': [jp('StatefulSet', 'etcd', [
    {'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--listen-metrics-urls=http://0.0.0.0:2381'},
    {'op': 'add', 'path': '/spec/template/spec/containers/0/ports/-', 'value': {'name': 'metrics', 'containerPort': 2381, 'protocol': 'TCP'}},
    {'op': 'replace', 'path': '/spec/template/spec/containers/0/livenessProbe/httpGet', 'value': {'scheme': 'HTTP', 'path': '/livez', 'port': 2381}}])]})
dep('st2web-https-readiness', 'prod', 'allow', 'hardening-safe', 'st2web',
  [{'op': 'replace', 'path': '/spec/template/spec/containers/0/readinessProbe', 'value': {'httpGet': {'scheme': 'HTTPS', 'path': '/', 'port': 443}, 'periodSeconds': 10, 'timeoutSeconds': 3}}],
  "st2web's readiness over HTTPS on / (the static UI index needs no auth)")
dep('mongo-ready-primary-or-secondary', 'prod', 'allow', 'store-safe', 'mongodb',
  [{'op': 'replace', 'path': '/spec/template/spec/containers/0/readinessProbe/exec/command', 'value': ['mongo', '--quiet', '--eval', 'var h = db.isMaster(); quit(h.ismaster || h.secondary ? 0 : 1)']}],
  "members are ready when primary or secondary (not while still in STARTUP/RECOVERING): every healthy member passes", kind='StatefulSet')
dep('mongo-ready-primary-only', 'prod', 'deny', 'store-mongodb-ha', 'mongodb',
  [{'op': 'replace', 'path': '/spec/template/spec/containers/0/readinessProbe/exec/command', 'value': ['mongo', '--quiet', '--eval', 'quit(db.isMaster().ismaster ? 0 : 1)']}],
  "only the primary is ever Ready: the PDB (minAvailable 2) sees one healthy pod and blocks every drain, and a rolling restart waits forever (README ST2-OPS-038 class, spelt with isMaster)", kind='StatefulSet')
dep('rabbit-probes-diagnostics', 'prod', 'allow', 'store-safe', 'rabbitmq',
  [{'op': 'replace', 'path': '/spec/template/spec/containers/0/readinessProbe/exec/command', 'value': ['rabbitmq-diagnostics', '-q', 'check_port_connectivity']},
   {'op': 'replace', 'path': '/spec/template/spec/containers/0/livenessProbe/exec/command', 'value': ['rabbitmq-diagnostics', '-q', 'ping']}],
  "RabbitMQ's documented probes (rabbitmq.com monitoring: ping for liveness, check_port_connectivity for readiness)", kind='StatefulSet')
dep('mongo-bind-ip-all', 'prod', 'allow', 'store-safe', 'mongodb',
  [{'op': 'add', 'path': '/spec/template/spec/containers/0/args/-', 'value': '--bind_ip_all'}],
  "--bind_ip_all written explicitly (the official image's entrypoint adds it already)", kind='StatefulSet')
case('timers-pdb-maxunavail-1', 'prod', 'allow', 'singleton-safe', "a PDB for the single timers engine allowing 1 disruption (drains proceed)",
  kz={'resources': ['p.yaml']}, files={'p.yaml': {'apiVersion': 'policy/v1', 'kind': 'PodDisruptionBudget', 'metadata': {'name': 'st2timersengine', 'namespace': 'st2-prod'}, 'spec': {'maxUnavailable': 1, 'selector': {'matchLabels': {'app': 'st2timersengine', 'release': 'st2'}}}}})
case('netpol-egress-cluster-only', 'prod', 'allow', 'exposure-safe',
  "st2-prod egress limited to pods of any namespace plus DNS (no internet): every st2 and store flow stays open",
  kz={'resources': ['np.yaml']}, files={'np.yaml': {'apiVersion': 'networking.k8s.io/v1', 'kind': 'NetworkPolicy', 'metadata': {'name': 'egress-in-cluster', 'namespace': 'st2-prod'}, 'spec': {'podSelector': {}, 'policyTypes': ['Egress'],
    'egress': [{'to': [{'namespaceSelector': {}}]}, {'to': [{'namespaceSelector': {'matchLabels': {'kubernetes.io/metadata.name': 'kube-system'}}, 'podSelector': {'matchLabels': {'k8s-app': 'kube-dns'}}}], 'ports': [{'protocol': 'UDP', 'port': 53}, {'protocol': 'TCP', 'port': 53}]}]}}})
case('grafana-dashboard-inert-text', 'prod', 'allow', 'st2conf-safe',
  "a dashboard-provisioning sidecar mounts a ConfigMap under /etc/dashboards whose markdown panel quotes an insecure st2.conf example ([auth] enable = False): no st2 process reads it",
  kz={'resources': ['g.yaml']}, files={'g.yaml': [
   {'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': {'name': 'st2-dashboard', 'namespace': 'st2-prod'}, 'data': {'st2.json': '{"panels":[{"type":"text","options":{"content":"Never ship this:\\n\\n    [auth]\\n    enable = False\\n"}}]}'}},
   {'apiVersion': 'apps/v1', 'kind': 'Deployment', 'metadata': {'name': 'dashboard-sync', 'namespace': 'st2-prod'}, 'spec': {'replicas': 1, 'selector': {'matchLabels': {'app': 'dashboard-sync'}}, 'template': {'metadata': {'labels': {'app': 'dashboard-sync'}}, 'spec': {
     'securityContext': {'runAsNonRoot': True, 'runAsUser': 472, 'seccompProfile': {'type': 'RuntimeDefault'}},
     'containers': [{'name': 'sync', 'image': 'busybox:1.36.1', 'command': ['sh', '-c', 'sleep infinity'], 'volumeMounts': [{'name': 'd', 'mountPath': '/etc/dashboards'}],
       'resources': {'requests': {'cpu': '5m', 'memory': '16Mi'}, 'limits': {'cpu': '50m', 'memory': '32Mi', 'ephemeral-storage': '16Mi'}}, 'securityContext': {'allowPrivilegeEscalation': False, 'capabilities': {'drop': ['ALL']}}}],
     'volumes': [{'name': 'd', 'configMap': {'name': 'st2-dashboard'}}]}}}}]})
