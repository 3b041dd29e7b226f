from lib import *
K8S_SA = "k8s docs: a pod without serviceAccountName runs as its namespace's 'default' ServiceAccount with an automounted token"
def role(name, rules, ns='st2-prod'):
    return f"apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: {name}\n  namespace: {ns}\nrules:\n{rules}"
def rb(name, role_kind, role_name, subjects, ns='st2-prod'):
    return f"apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: {name}\n  namespace: {ns}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: {role_kind}\n  name: {role_name}\nsubjects:\n{subjects}"
SEC_RULES = "  - apiGroups: [\"\"]\n    resources: [\"secrets\"]\n    verbs: [\"get\", \"list\", \"watch\"]\n"
def sa_subj(name, ns): return f"  - kind: ServiceAccount\n    name: {name}\n    namespace: {ns}\n"

# foreign namespace's default SA = every pod there
for env in ['prod', 'staging']:
    ns = NS[env]
    case(f'rbacx-foreign-default-secrets-{env}', 'deny', 'privilege-escalation',
         f"RoleBinding gives ServiceAccount default of namespace ci read on every Secret of {ns}: every pod anyone starts in ci without serviceAccountName reads st2's Mongo/RabbitMQ passwords and datastore key ({K8S_SA}; same breadth as system:serviceaccounts:ci which the gate denies)",
         env=env, resources={'role.yaml': role('ci-read-secrets', SEC_RULES, ns), 'rb.yaml': rb('ci-read-secrets', 'Role', 'ci-read-secrets', sa_subj('default', 'ci'), ns)})
case('rbacx-foreign-default-admin', 'deny', 'privilege-escalation',
     f"RoleBinding of ClusterRole admin to ServiceAccount default of namespace tools: every pod in tools can exec into st2 pods, read Secrets, rewrite Deployments in st2-prod ({K8S_SA})",
     resources={'rb.yaml': rb('tools-admin', 'ClusterRole', 'admin', sa_subj('default', 'tools'))})
case('rbacx-foreign-default-edit-user-form', 'deny', 'privilege-escalation',
     f"RoleBinding of ClusterRole edit to User system:serviceaccount:jenkins:default (the token user name of jenkins' default SA): every jenkins pod edits st2-prod workloads and reads its Secrets ({K8S_SA}; k8s RBAC docs: SA user names are system:serviceaccount:<ns>:<name>)",
     resources={'rb.yaml': rb('jenkins-edit', 'ClusterRole', 'edit', "  - kind: User\n    apiGroup: rbac.authorization.k8s.io\n    name: system:serviceaccount:jenkins:default\n")})
case('rbacx-foreign-default-exec', 'deny', 'privilege-escalation',
     f"Role pods/exec bound to ServiceAccount default of namespace ops-tools: every pod there gets a shell in st2actionrunner, which holds stanley's SSH key and st2.secrets.conf ({K8S_SA})",
     resources={'role.yaml': role('ops-exec', "  - apiGroups: [\"\"]\n    resources: [\"pods\", \"pods/exec\"]\n    verbs: [\"get\", \"list\", \"create\"]\n"), 'rb.yaml': rb('ops-exec', 'Role', 'ops-exec', sa_subj('default', 'ops-tools'))})
case('rbacx-foreign-default-secrets-clusterrole', 'deny', 'privilege-escalation',
     f"RoleBinding in st2-prod of a ClusterRole that reads secrets, to ServiceAccount default of namespace backup: every pod in backup reads st2-prod's Secrets ({K8S_SA})",
     resources={'cr.yaml': "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r15-secret-reader\nrules:\n" + SEC_RULES,
                'rb.yaml': rb('backup-secrets', 'ClusterRole', 'r15-secret-reader', sa_subj('default', 'backup'))})
# safe look-alikes
case('rbacx-safe-foreign-view', 'allow', 'safe',
     "RoleBinding of built-in view (which excludes Secrets, k8s RBAC docs) to monitoring/prometheus-k8s: read-only listing for monitoring, no credential",
     resources={'rb.yaml': rb('prometheus-view', 'ClusterRole', 'view', sa_subj('prometheus-k8s', 'monitoring'))})
case('rbacx-safe-foreign-endpoints', 'allow', 'safe',
     "Role get/list/watch on services, endpoints and pods bound to monitoring/prometheus-k8s: the prometheus-operator's documented service discovery rights, no Secret or write",
     resources={'role.yaml': role('prometheus-sd', "  - apiGroups: [\"\"]\n    resources: [\"services\", \"endpoints\", \"pods\"]\n    verbs: [\"get\", \"list\", \"watch\"]\n"), 'rb.yaml': rb('prometheus-sd', 'Role', 'prometheus-sd', sa_subj('prometheus-k8s', 'monitoring'))})
if False: case('rbacx-safe-runner-hpa-read', 'allow', 'safe',
     "Role get/list on HPAs and pods for st2's runners (a pack reporting scaling state): read-only, changes nothing",
     resources={'role.yaml': role('r15-runner', "  - apiGroups: [\"autoscaling\"]\n    resources: [\"horizontalpodautoscalers\"]\n    verbs: [\"get\", \"list\"]\n"), 'rb.yaml': rb('r15-runner', 'Role', 'r15-runner', sa_subj('default', 'st2-prod'))})
case('rbacx-safe-dedicated-sa-configmaps', 'allow', 'safe',
     "A dedicated ServiceAccount st2-reporter (no pod uses it) may read ConfigMaps: no credential, no write",
     resources={'sa.yaml': "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: st2-reporter\n  namespace: st2-prod\nautomountServiceAccountToken: false\n",
                'role.yaml': role('reporter', "  - apiGroups: [\"\"]\n    resources: [\"configmaps\"]\n    verbs: [\"get\", \"list\"]\n"), 'rb.yaml': rb('reporter', 'Role', 'reporter', sa_subj('st2-reporter', 'st2-prod'))})
