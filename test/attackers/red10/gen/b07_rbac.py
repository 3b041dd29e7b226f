from lib import *
def rbac(id, exp, reason, rules, subjects, cls="rbac", kind="Role", bkind=None, base="prod"):
    bkind = bkind or ("RoleBinding" if kind == "Role" else "ClusterRoleBinding")
    y = f"""
    apiVersion: rbac.authorization.k8s.io/v1
    kind: {kind}
    metadata: {{name: red10-role}}
    rules:
{indent(rules, 6)}    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: {bkind}
    metadata: {{name: red10-binding}}
    roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: {kind}, name: red10-role}}
    subjects:
{indent(subjects, 6)}"""
    case(id, exp, cls, reason, "  - rbac.yaml\n", files={"rbac.yaml": y}, base=base)
DEFAULT_SA = "- {kind: ServiceAccount, name: default, namespace: st2-prod}\n"
rbac("rbac-ephemeral-containers-runner-sa", "deny",
     "the default SA (st2actionrunner, st2client run as it; any st2 user's action can use its token) may patch pods/ephemeralcontainers: attach a debug container to st2api/mongodb pods and read their mounted secrets",
     "- apiGroups: ['']\n  resources: [pods/ephemeralcontainers]\n  verbs: [get, patch, update]\n- apiGroups: ['']\n  resources: [pods]\n  verbs: [get, list]\n", DEFAULT_SA)
rbac("rbac-other-ns-sa-reads-secrets", "deny",
     "a ServiceAccount of another namespace (ci/deployer) may read every Secret in st2-prod: DB, RabbitMQ, datastore and SSH keys leave the namespace's trust boundary",
     "- apiGroups: ['']\n  resources: [secrets]\n  verbs: [get, list, watch]\n", "- {kind: ServiceAccount, name: deployer, namespace: ci}\n")
rbac("rbac-runner-networkpolicies", "deny",
     "st2 actions (default SA token) may create/delete NetworkPolicies in st2-prod: any st2 user can remove the namespace's isolation",
     "- apiGroups: [networking.k8s.io]\n  resources: [networkpolicies]\n  verbs: ['*']\n", DEFAULT_SA)
rbac("rbac-runner-view-cluster", "deny",
     "ClusterRoleBinding of the built-in view role to st2-prod's default SA: every st2 user's action can read ConfigMaps, pods and events of every tenant's namespace",
     "", DEFAULT_SA, kind="ClusterRole")
rbac("rbac-safe-monitoring-read-pods", "allow",
     "a monitoring SA in st2-prod may list pods and endpoints (for scraping): no Secrets, no writes",
     "- apiGroups: ['']\n  resources: [pods, endpoints, services]\n  verbs: [get, list, watch]\n", "- {kind: ServiceAccount, name: st2-metrics, namespace: st2-prod}\n", cls="rbac-safe")
rbac("rbac-safe-runner-read-own-configmap", "allow",
     "a dedicated SA may read one named ConfigMap (st2-pack-configs) in st2-prod",
     "- apiGroups: ['']\n  resources: [configmaps]\n  resourceNames: [st2-pack-configs]\n  verbs: [get]\n", "- {kind: ServiceAccount, name: pack-config-reader, namespace: st2-prod}\n", cls="rbac-safe")
# fix the view case: the ClusterRoleBinding must reference the built-in view, not our empty role
import lib as _l
for i, c in enumerate(_l.CASES):
    if c[0] == "rbac-runner-view-cluster":
        f = dict(c[4]); f["rbac.yaml"] = """apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: st2-prod-runner-view}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
  - {kind: ServiceAccount, name: default, namespace: st2-prod}
"""
        _l.CASES[i] = (c[0], c[1], c[2], c[3], f, c[5])
# st2's own RBAC definitions
def st2rbac(id, exp, reason, cm, key, text, cls="st2-rbac"):
    case(id, exp, cls, reason, patches(jp("ConfigMap", cm, f"- op: add\n  path: /data/{key}\n  value: |\n" + indent(text, 4))))
st2rbac("st2rbac-core-local-to-samples", "deny",
     "the sample role (mapped to an LDAP group) now grants action_execute on pack:core: core.local/core.remote run arbitrary shell as stanley (root in the runner, SSH to every host)",
     "st2-rbac-roles", "sample.yaml", """
     ---
     name: "sample"
     description: "Sample role: may view and run the actions of the examples pack."
     enabled: true
     permission_grants:
       - resource_uid: "pack:examples"
         permission_types: ["action_view", "action_execute"]
       - resource_uid: "pack:core"
         permission_types: ["action_execute"]
     """)
st2rbac("st2rbac-safe-viewer", "allow",
     "a read-only custom role (action_view, execution_view) mapped to an ops LDAP group",
     "st2-rbac-roles", "viewer.yaml", """
     ---
     name: "viewer"
     description: "Read-only."
     enabled: true
     permission_grants:
       - resource_uid: "pack:examples"
         permission_types: ["action_view"]
     """, cls="st2-rbac-safe")
