from lib import *
def role(name, rules, ns='st2-prod'):
    return {'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'Role', 'metadata': {'name': name, 'namespace': ns}, 'rules': rules}
def rb(name, role_name, subjects, ns='st2-prod', kind='Role'):
    return {'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'RoleBinding', 'metadata': {'name': name, 'namespace': ns},
            'roleRef': {'apiGroup': 'rbac.authorization.k8s.io', 'kind': kind, 'name': role_name}, 'subjects': subjects}
AUTH = [{'kind': 'Group', 'apiGroup': 'rbac.authorization.k8s.io', 'name': 'system:authenticated'}]
DEFSA = [{'kind': 'ServiceAccount', 'name': 'default', 'namespace': 'st2-prod'}]
TEAM = [{'kind': 'Group', 'apiGroup': 'rbac.authorization.k8s.io', 'name': 'oidc:st2-operators'}]
def rbac(id, exp, rules, subjects, reason, cls='rbac', env='prod', binding_kind='Role', role_name=None):
    ns = {'prod': 'st2-prod', 'staging': 'st2-staging', 'dev': 'st2-dev'}[env]
    objs = []
    rn = role_name or ('r-' + id)[:60]
    if rules is not None: objs.append(role(rn, rules, ns))
    objs.append(rb('rb-' + id[:55], rn, [dict(s, namespace=ns) if s['kind']=='ServiceAccount' else s for s in subjects], ns, binding_kind))
    case(id, env, exp, cls, reason, kz={'resources': ['rbac.yaml']}, files={'rbac.yaml': objs})
rbac('rbac-ephemeral-authn', 'deny', [{'apiGroups': [''], 'resources': ['pods/ephemeralcontainers'], 'verbs': ['patch', 'update']}, {'apiGroups': [''], 'resources': ['pods'], 'verbs': ['get', 'list']}], AUTH,
  "every authenticated user may add ephemeral containers to st2's pods (kubectl debug): a debug container in st2api's pod reads the mounted datastore key and st2.secrets.conf -> exec-equivalent (kubernetes-apiserver.md RBAC subresources)")
rbac('rbac-ephemeral-default-sa', 'deny', [{'apiGroups': [''], 'resources': ['pods/ephemeralcontainers'], 'verbs': ['update']}], DEFSA,
  "st2's pods run as the default ServiceAccount; any st2 user running an action can use its token to inject a container into st2api and read every secret")
rbac('rbac-secrets-watch-authn', 'deny', [{'apiGroups': [''], 'resources': ['secrets'], 'verbs': ['watch']}], AUTH,
  "watch on Secrets streams full Secret objects (data included) to every authenticated user: st2's DB/MQ passwords and datastore key")
rbac('rbac-secrets-list-only-authn', 'deny', [{'apiGroups': [''], 'resources': ['secrets'], 'verbs': ['list']}], AUTH,
  "list returns every Secret's data: all of st2's credentials to any authenticated user")
rbac('rbac-pods-attach-default', 'deny', [{'apiGroups': [''], 'resources': ['pods/attach', 'pods'], 'verbs': ['create', 'get']}], DEFSA,
  "attach to st2's pods from the default SA that every action runs with")
rbac('rbac-cronjobs-default', 'deny', [{'apiGroups': ['batch'], 'resources': ['cronjobs'], 'verbs': ['create', 'patch']}], DEFSA,
  "any st2 action can create a CronJob in st2-prod mounting st2's Secrets (write workloads = read secrets)")
rbac('rbac-sa-token-authn', 'deny', [{'apiGroups': [''], 'resources': ['serviceaccounts/token'], 'verbs': ['create']}], AUTH,
  "everyone may mint tokens for st2's service accounts")
rbac('rbac-view-team', 'allow', None, TEAM,
  "the ClusterRole view (no Secrets) bound to the st2 operators' group in st2-prod", binding_kind='ClusterRole', role_name='view')
rbac('rbac-logs-team', 'allow', [{'apiGroups': [''], 'resources': ['pods', 'pods/log'], 'verbs': ['get', 'list', 'watch']}], TEAM,
  "st2 operators may read pods and logs in st2-prod (st2 masks secrets in logs)")
rbac('rbac-restart-team', 'allow', [{'apiGroups': ['apps'], 'resources': ['deployments'], 'verbs': ['get', 'list', 'watch']}], TEAM,
  "read-only view of Deployments for the operators' group")
case('rbac-nonresource-unauth', 'prod', 'deny', 'rbac-cluster',
  "ClusterRole with nonResourceURLs '*' bound to system:unauthenticated: anonymous access to the API server's /logs (node logs), /debug/pprof and /metrics of a cluster st2 shares (kubernetes-apiserver.md)",
  kz={'resources': ['cr.yaml']}, files={'cr.yaml': [
    {'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'ClusterRole', 'metadata': {'name': 'st2-debug-endpoints'}, 'rules': [{'nonResourceURLs': ['*'], 'verbs': ['get']}]},
    {'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'ClusterRoleBinding', 'metadata': {'name': 'st2-debug-endpoints'}, 'roleRef': {'apiGroup': 'rbac.authorization.k8s.io', 'kind': 'ClusterRole', 'name': 'st2-debug-endpoints'},
     'subjects': [{'kind': 'Group', 'apiGroup': 'rbac.authorization.k8s.io', 'name': 'system:unauthenticated'}]}]})
# ---------------- exposure
def svc(name, typ, selector, ports, ann=None, extra=None, ns='st2-prod'):
    s = {'apiVersion': 'v1', 'kind': 'Service', 'metadata': {'name': name, 'namespace': ns}, 'spec': {'type': typ, 'selector': selector, 'ports': ports}}
    if ann: s['metadata']['annotations'] = ann
    if extra: s['spec'].update(extra)
    return s
def ing(name, host, svcname, port, tls=True, ann=None, ns='st2-prod'):
    i = {'apiVersion': 'networking.k8s.io/v1', 'kind': 'Ingress', 'metadata': {'name': name, 'namespace': ns, 'annotations': ann or {}},
         'spec': {'ingressClassName': 'nginx', 'rules': [{'host': host, 'http': {'paths': [{'path': '/', 'pathType': 'Prefix', 'backend': {'service': {'name': svcname, 'port': {'number': port}}}}]}}]}}
    if tls: i['spec']['tls'] = [{'hosts': [host], 'secretName': name + '-tls'}]
    return i
def res1(id, env, exp, cls, reason, objs):
    case(id, env, exp, cls, reason, kz={'resources': ['obj.yaml']}, files={'obj.yaml': objs if isinstance(objs, list) else [objs]})
res1('exp-st2auth-ingress-plain', 'prod', 'deny', 'exposure',
  "a second Ingress straight to st2auth:9100 without TLS: st2 passwords (HTTP Basic on POST /tokens) and tokens cross the internet in cleartext",
  ing('st2auth-direct', 'st2-auth.example.com', 'st2auth', 9100, tls=False))
res1('exp-st2api-ingress-plain-80', 'prod', 'deny', 'exposure',
  "Ingress to st2api:9101 on plain HTTP with ssl-redirect false: X-Auth-Token/St2-Api-Key headers in cleartext",
  ing('st2api-direct', 'st2-api.example.com', 'st2api', 9101, tls=False, ann={'nginx.ingress.kubernetes.io/ssl-redirect': 'false'}))
res1('exp-st2auth-ingress-tls', 'prod', 'allow', 'exposure-safe',
  "st2auth behind TLS on the environment's st2 host name (st2web already proxies /auth publicly)",
  ing('st2auth-direct', 'st2-auth.example.com', 'st2auth', 9100, tls=True, ann={'cert-manager.io/cluster-issuer': 'letsencrypt-production', 'nginx.ingress.kubernetes.io/ssl-redirect': 'true'}))
res1('exp-lb-st2api-10-8', 'prod', 'allow', 'exposure-safe',
  "internal clients reach st2api through a LoadBalancer limited to 10.0.0.0/8 (private, README's own rule)",
  svc('st2api-lb', 'LoadBalancer', {'app': 'st2api', 'support': 'enterprise', 'release': 'st2'}, [{'name': 'http', 'port': 9101, 'targetPort': 9101}], extra={'loadBalancerSourceRanges': ['10.0.0.0/8']}))
res1('exp-rabbit-mgmt-lb-internal-aws', 'prod', 'deny', 'exposure',
  "RabbitMQ management (15672, full admin with the admin user) on an AWS internal NLB: reachable from the whole VPC and peered networks; README denies any LoadBalancer in front of a store (ST2-EXP-006)",
  svc('rabbitmq-mgmt', 'LoadBalancer', {'app': 'rabbitmq', 'release': 'st2'}, [{'name': 'http', 'port': 15672, 'targetPort': 15672}], ann={'service.beta.kubernetes.io/aws-load-balancer-internal': 'true'}))
res1('exp-mongo-lb-pod0', 'prod', 'deny', 'exposure',
  "LoadBalancer selecting mongodb-0 by its pod-name label: the primary candidate of st2's database on a public address",
  svc('mongo-0-ext', 'LoadBalancer', {'statefulset.kubernetes.io/pod-name': 'mongodb-0'}, [{'port': 27017, 'targetPort': 27017}]))
res1('exp-etcd-nodeport', 'prod', 'deny', 'exposure',
  "etcd client port (v2 API, no auth) on a NodePort: anyone reaching a node can read/delete st2's locks",
  svc('etcd-np', 'NodePort', {'app': 'etcd', 'tier': 'coordination', 'vendor': 'coreos', 'release': 'st2'}, [{'port': 2379, 'targetPort': 2379}]))
res1('exp-grpcroute-etcd', 'prod', 'deny', 'exposure',
  "Gateway API GRPCRoute on a shared public Gateway to etcd's client port (gRPC v3 API, no auth): st2's coordination store writable from outside",
  {'apiVersion': 'gateway.networking.k8s.io/v1', 'kind': 'GRPCRoute', 'metadata': {'name': 'etcd', 'namespace': 'st2-prod'},
   'spec': {'parentRefs': [{'name': 'public', 'namespace': 'gateway-system'}], 'hostnames': ['etcd.st2.example.com'], 'rules': [{'backendRefs': [{'name': 'etcd', 'port': 2379}]}]}})
res1('exp-tlsroute-mongo', 'prod', 'deny', 'exposure',
  "Gateway API TLSRoute (passthrough) to MongoDB on a public Gateway: st2's database open to the internet",
  {'apiVersion': 'gateway.networking.k8s.io/v1alpha2', 'kind': 'TLSRoute', 'metadata': {'name': 'mongo', 'namespace': 'st2-prod'},
   'spec': {'parentRefs': [{'name': 'public', 'namespace': 'gateway-system'}], 'hostnames': ['mongo.st2.example.com'], 'rules': [{'backendRefs': [{'name': 'mongodb', 'port': 27017}]}]}})
res1('exp-udproute-none-safe', 'prod', 'allow', 'exposure-safe',
  "a ServiceMonitor scraping st2 pods' metrics inside the namespace: no exposure",
  {'apiVersion': 'monitoring.coreos.com/v1', 'kind': 'PodMonitor', 'metadata': {'name': 'etcd', 'namespace': 'st2-prod'},
   'spec': {'selector': {'matchLabels': {'app': 'etcd', 'release': 'st2'}}, 'podMetricsEndpoints': [{'port': 'client', 'path': '/metrics'}]}})
res1('exp-netpol-mongo-from-st2', 'prod', 'allow', 'exposure-safe',
  "NetworkPolicy: MongoDB accepts only pods labelled release=st2 (every st2 pod and the members themselves) on 27017: stricter, no flow st2 needs is cut",
  {'apiVersion': 'networking.k8s.io/v1', 'kind': 'NetworkPolicy', 'metadata': {'name': 'mongodb-ingress', 'namespace': 'st2-prod'},
   'spec': {'podSelector': {'matchLabels': {'app': 'mongodb', 'release': 'st2'}}, 'policyTypes': ['Ingress'], 'ingress': [{'from': [{'podSelector': {'matchLabels': {'release': 'st2'}}}], 'ports': [{'protocol': 'TCP', 'port': 27017}]}]}})
res1('exp-ingress-office-whitelist', 'prod', 'allow', 'exposure-safe',
  "second st2web Ingress for the office network only, TLS, ssl-redirect",
  ing('st2web-office', 'st2-office.example.com', 'st2web', 443, tls=True, ann={'nginx.ingress.kubernetes.io/whitelist-source-range': '192.168.10.0/24', 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS', 'cert-manager.io/cluster-issuer': 'letsencrypt-production', 'nginx.ingress.kubernetes.io/ssl-redirect': 'true'}))
case('exp-ingress-body-size', 'prod', 'allow', 'exposure-safe', "larger request body limit on st2web's Ingress (pack uploads)",
  kz={'patches': [jp('Ingress', 'st2web', [{'op': 'add', 'path': '/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-body-size', 'value': '16m'}])]})
case('exp-ingress-host-stackstorm', 'prod', 'allow', 'exposure-safe', "st2web host renamed to stackstorm.example.com (TLS kept)",
  kz={'patches': [jp('Ingress', 'st2web', [{'op': 'replace', 'path': '/spec/rules/0/host', 'value': 'stackstorm.example.com'}, {'op': 'replace', 'path': '/spec/tls/0/hosts/0', 'value': 'stackstorm.example.com'}])]})
case('exp-ingress-tls-removed', 'prod', 'deny', 'exposure',
  "tls section dropped from st2web's Ingress: the login page and tokens served over plain HTTP on the public host",
  kz={'patches': [jp('Ingress', 'st2web', [{'op': 'remove', 'path': '/spec/tls'}])]})
# dev exposure with default credentials
case('dev-st2web-lb-open', 'dev', 'deny', 'dev-exposure',
  "dev runs the chart's published st2admin password Ch@ngeMe (stackstorm-ha.md §2); an open LoadBalancer puts that login on the internet: anyone runs actions (shell on cluster nodes via st2actionrunner) in a cluster shared with prod",
  kz={'resources': ['lb.yaml']}, files={'lb.yaml': svc('st2web-public', 'LoadBalancer', {'app': 'st2web', 'release': 'st2'}, [{'port': 443, 'targetPort': 443}], ns='st2-dev')})
case('dev-st2web-ingress-public', 'dev', 'deny', 'dev-exposure',
  "dev's st2web (default password Ch@ngeMe) published on a public Ingress host: remote code execution through st2 actions in the shared cluster",
  kz={'resources': ['ing.yaml']}, files={'ing.yaml': ing('st2web', 'st2-dev.example.com', 'st2web', 443, tls=True, ns='st2-dev')})
case('dev-rabbit-lb', 'dev', 'deny', 'dev-exposure',
  "dev RabbitMQ with the chart's published admin password on a LoadBalancer: anyone can publish executions onto st2's bus",
  kz={'resources': ['lb.yaml']}, files={'lb.yaml': svc('rabbitmq-public', 'LoadBalancer', {'app': 'rabbitmq', 'release': 'st2'}, [{'port': 5672, 'targetPort': 5672}], ns='st2-dev')})
case('dev-replicas-bump', 'dev', 'allow', 'dev-safe', "dev st2api at 2 replicas", kz={'replicas': [{'name': 'st2api', 'count': 2}]})
