from lib import *
from d_more3 import delpatch
def dep(id, env, exp, cls, name, ops, reason, kind='Deployment'):
    case(id, env, exp, cls, reason, kz={'patches': [jp(kind, name, ops)]})
case('stg-delete-st2api', 'staging', 'deny', 'outage', "st2api Deployment removed in staging (pruned): st2web, the CLI, sensors' and actions' API calls all fail",
  kz={'patches': [delpatch('Deployment', 'st2api')]})
case('stg-delete-st2auth', 'staging', 'deny', 'outage', "st2auth removed in staging: nobody can log in or get a token",
  kz={'patches': [delpatch('Deployment', 'st2auth')]})
case('stg-delete-mongodb', 'staging', 'deny', 'outage', "MongoDB StatefulSet removed in staging (pruned): st2's database gone, every service fails",
  kz={'patches': [delpatch('StatefulSet', 'mongodb')]})
case('stg-delete-mongo-svc', 'staging', 'deny', 'outage', "headless Service mongodb removed: members' names mongodb-N.mongodb stop resolving, rs0 and every st2 connection string break",
  kz={'patches': [delpatch('Service', 'mongodb', api='v1')]})
case('stg-delete-etcd-svc', 'staging', 'deny', 'outage', "Service etcd removed: st2's [coordination] url etcd://etcd:2379 no longer resolves, every lock fails (workflow engine, scheduler: §12)",
  kz={'patches': [delpatch('Service', 'etcd', api='v1')]})
case('stg-delete-config-es', 'staging', 'deny', 'outage', "ExternalSecret st2-config-secrets removed (creationPolicy Owner: its Secret goes with it): every st2 pod mounting st2.secrets.conf cannot start again",
  kz={'patches': [delpatch('ExternalSecret', 'st2-config-secrets', api='external-secrets.io/v1')]})
case('stg-delete-st2config-cm', 'staging', 'deny', 'outage', "ConfigMap st2-config removed: new st2 pods cannot mount st2.docker.conf/st2.user.conf (ContainerCreating forever)",
  kz={'patches': [delpatch('ConfigMap', 'st2-config', api='v1')]})
case('ing-backend-svc-typo', 'prod', 'deny', 'outage', "st2web Ingress backend renamed to Service st2-web, which does not exist: every request gets 503, st2web unreachable",
  kz={'patches': [jp('Ingress', 'st2web', [{'op': 'replace', 'path': '/spec/rules/0/http/paths/0/backend/service/name', 'value': 'st2-web'}])]})
case('ing-backend-port-8443', 'prod', 'deny', 'outage', "Ingress backend port 8443 while the st2web Service exposes only 443: ingress-nginx has no endpoints for it, 503 for everyone",
  kz={'patches': [jp('Ingress', 'st2web', [{'op': 'replace', 'path': '/spec/rules/0/http/paths/0/backend/service/port/number', 'value': 8443}])]})
case('ing-path-exact', 'prod', 'deny', 'outage', "pathType Exact on '/': only the bare root is routed, st2web's /api, /auth, /stream and its JS/CSS assets get 404 -> the UI cannot work",
  kz={'patches': [jp('Ingress', 'st2web', [{'op': 'replace', 'path': '/spec/rules/0/http/paths/0/pathType', 'value': 'Exact'}])]})
case('ing-backend-protocol-http', 'prod', 'deny', 'outage', "backend-protocol HTTP while st2web's nginx serves TLS on 443 (ST2WEB_HTTPS=1): nginx answers '400 plain HTTP request was sent to HTTPS port' to every request",
  kz={'patches': [jp('Ingress', 'st2web', [{'op': 'replace', 'path': '/metadata/annotations/nginx.ingress.kubernetes.io~1backend-protocol', 'value': 'HTTP'}])]})
case('ing-proxy-timeouts', 'prod', 'allow', 'exposure-safe', "longer proxy read/send timeouts for st2stream's event stream",
  kz={'patches': [jp('Ingress', 'st2web', [{'op': 'add', 'path': '/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-read-timeout', 'value': '3600'}, {'op': 'add', 'path': '/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-send-timeout', 'value': '3600'}])]})
# dev render taking over cluster-scoped objects production relies on
case('dev-clusterissuer-takeover', 'dev', 'deny', 'cross-environment',
  "the dev render defines ClusterIssuer letsencrypt-production (the issuer production's st2web certificate names, README exposure.tls_issuers) as a selfSigned issuer: Argo CD's st2-dev app takes the shared object over and production's next certificate is self-signed (browsers refuse st2web)",
  kz={'resources': ['ci.yaml']}, files={'ci.yaml': {'apiVersion': 'cert-manager.io/v1', 'kind': 'ClusterIssuer', 'metadata': {'name': 'letsencrypt-production'}, 'spec': {'selfSigned': {}}}})
case('dev-clustersecretstore-takeover', 'dev', 'deny', 'cross-environment',
  "the dev render defines ClusterSecretStore st2-production (production's secret store, environments.secret_stores) with the fake provider and values chosen in the dev branch: production's ExternalSecrets then fill MongoDB/RabbitMQ passwords, the datastore key and st2.secrets.conf from dev-controlled data",
  kz={'resources': ['css.yaml']}, files={'css.yaml': {'apiVersion': 'external-secrets.io/v1', 'kind': 'ClusterSecretStore', 'metadata': {'name': 'st2-production'}, 'spec': {'provider': {'fake': {'data': [{'key': 'stackstorm/mongodb', 'value': '{"user":"admin","password":"dev-known-pass-1"}'}]}}}}})
case('prod-clustersecretstore-fake', 'prod', 'deny', 'committed-secret',
  "the production render redefines its own ClusterSecretStore st2-production as the fake provider with literal values in git: production's passwords and keys become whatever the repository says",
  kz={'resources': ['css.yaml']}, files={'css.yaml': {'apiVersion': 'external-secrets.io/v1', 'kind': 'ClusterSecretStore', 'metadata': {'name': 'st2-production'}, 'spec': {'provider': {'fake': {'data': [{'key': 'stackstorm/rabbitmq', 'value': '{"password":"git-known-Rabbit-77","erlang-cookie":"GITKNOWNCOOKIEGITKNOWNCOOKIE"}'}]}}}}},
  planted='git-known-Rabbit-77')
case('dev-nodes-proxy-sa', 'dev', 'deny', 'cross-environment',
  "the dev render grants nodes/proxy (kubelet API: exec into any pod on any node) cluster-wide to st2-dev's default ServiceAccount, which every dev st2 action runs as: dev users reach production pods",
  kz={'resources': ['crb.yaml']}, files={'crb.yaml': [
   {'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'ClusterRole', 'metadata': {'name': 'st2-dev-node-debug'}, 'rules': [{'apiGroups': [''], 'resources': ['nodes/proxy', 'nodes'], 'verbs': ['get', 'create']}]},
   {'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'ClusterRoleBinding', 'metadata': {'name': 'st2-dev-node-debug'}, 'roleRef': {'apiGroup': 'rbac.authorization.k8s.io', 'kind': 'ClusterRole', 'name': 'st2-dev-node-debug'}, 'subjects': [{'kind': 'ServiceAccount', 'name': 'default', 'namespace': 'st2-dev'}]}]})
case('dev-own-issuer', 'dev', 'allow', 'cross-environment-safe', "the dev render defines its own namespaced selfSigned Issuer in st2-dev for dev certificates",
  kz={'resources': ['i.yaml']}, files={'i.yaml': {'apiVersion': 'cert-manager.io/v1', 'kind': 'Issuer', 'metadata': {'name': 'dev-selfsigned', 'namespace': 'st2-dev'}, 'spec': {'selfSigned': {}}}})
case('stg-mq-retry-wait', 'staging', 'allow', 'st2conf-safe', "a longer [messaging] connection_retry_wait in staging's st2.user.conf",
  kz={'patches': [jp('ConfigMap', 'st2-config', [{'op': 'replace', 'path': '/data/st2.user.conf', 'value': "[api]\nallow_origin = '*'\n\n[messaging]\nconnection_retry_wait = 5000\n"}])]})
