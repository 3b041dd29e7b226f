# The seventh red team's privilege and trust holes (test/policy/redteam/fresh7-rbac.ts):
# dangerous rights × broad subjects and aggregation labels (ST2-OPS-006), a
# lenient render's cluster-scoped objects judged by the strictest environment
# they reach (lib_reach.rego, ST2-OPS-020), and admission webhooks served from
# outside the render that fail closed on st2's pods or receive its Secrets
# (ST2-OPS-021). The namespace map is the bundle's (policies/settings/data.json).
package st2_test.redteam7_rbac

import data.st2_test.fixtures as fx

rules_of(fs) := {f.rule | some f in fs}

severities(fs, rule) := {f.severity | some f in fs; f.rule == rule}

prod(resources) := rules_of(fx.eval("production", resources))

plus(new) := array.concat(fx.baseline, new)

# A render landing in namespace ns, judged by profile.
eval_in(profile, ns, resources) := fs if {
	fs := data.st2.findings with input as {"profile": profile, "environment": profile, "namespace": ns, "resources": resources, "facts": fx.no_facts}
		with data.chart_defaults as fx.chart_defaults
		with data.settings.delivery.namespaces as fx.listed_namespaces
		with data.settings.delivery.singleton_names as fx.singleton_names
}

dev(resources) := eval_in("dev", "st2-dev", resources)

rbac := "rbac.authorization.k8s.io/v1"

role(rules) := {"apiVersion": rbac, "kind": "Role", "metadata": {"name": "r", "namespace": fx.ns}, "rules": rules}

cluster_role(name, labels, rules) := {"apiVersion": rbac, "kind": "ClusterRole", "metadata": {"name": name, "labels": labels}, "rules": rules}

binding(kind, ref_kind, ref, subject) := {"apiVersion": rbac, "kind": kind, "metadata": {"name": "b", "namespace": fx.ns}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": ref_kind, "name": ref}, "subjects": [subject]}

group(name) := {"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": name}

granted(rules, subject) := plus([role(rules), binding("RoleBinding", "Role", "r", subject)])

roles_only(rules, subject) := [role(rules), binding("RoleBinding", "Role", "r", subject)]

# --- ST2-OPS-006: the table × broad subjects ---------------------------------------------------

dangerous := [
	[{"apiGroups": [""], "resources": ["secrets"], "verbs": ["list"]}],
	[{"apiGroups": [""], "resources": ["secrets"], "verbs": ["patch"]}],
	[{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["update"]}],
	[{"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create"]}],
	[{"apiGroups": [""], "resources": ["pods/portforward"], "verbs": ["create"]}],
	[{"apiGroups": [""], "resources": ["*/attach"], "verbs": ["create"]}],
	[{"apiGroups": [""], "resources": ["pods"], "verbs": ["create"]}],
	[{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["patch"]}],
	[{"apiGroups": ["batch"], "resources": ["cronjobs"], "verbs": ["create"]}],
	[{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["roles"], "verbs": ["bind"]}],
	[{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterroles"], "verbs": ["escalate"]}],
	[{"apiGroups": [""], "resources": ["users", "groups"], "verbs": ["impersonate"]}],
	[{"apiGroups": [""], "resources": ["serviceaccounts/token"], "verbs": ["create"]}],
	[{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}],
	[{"apiGroups": [""], "resources": ["*"], "verbs": ["get"]}],
]

broad := [
	group("system:authenticated"),
	group("system:unauthenticated"),
	group("system:serviceaccounts"),
	group("system:serviceaccounts:ci"),
	{"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "system:anonymous"},
]

# The RBAC objects alone (the baseline adds nothing to these rules, and 75 evaluations of it take seconds).
alone(rules, subject) := {f.rule | some f in fx.eval("production", [role(rules), binding("RoleBinding", "Role", "r", subject)])}

test_every_dangerous_right_for_every_broad_subject_denies if {
	every rules in dangerous {
		every s in broad {
			"ST2-OPS-006" in alone(rules, s)
		}
	}
	# and with the whole baseline, nothing else fires.
	prod(granted(dangerous[0], broad[0])) == {"ST2-OPS-006"}
}

test_harmless_rights_for_broad_subjects_pass if {
	every rules in [
		[{"apiGroups": [""], "resources": ["pods", "pods/log"], "verbs": ["get", "list", "watch"]}],
		[{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get", "list"]}],
		[{"apiGroups": ["external-secrets.io"], "resources": ["*"], "verbs": ["get", "list"]}],
		[{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["rolebindings"], "verbs": ["get", "list"]}],
	] {
		count(fx.eval("production", granted(rules, group("system:authenticated")))) == 0
	}
}

test_dangerous_rights_for_named_subjects_pass if {
	every rules in dangerous {
		not "ST2-OPS-006" in alone(rules, group("st2-operators"))
	}
	count(fx.eval("production", granted([{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["patch"]}], {"kind": "ServiceAccount", "name": "deployer", "namespace": "ci"}))) == 0
}

test_builtin_cluster_roles if {
	prod(plus([binding("ClusterRoleBinding", "ClusterRole", "edit", group("system:authenticated"))])) == {"ST2-OPS-006"}
	prod(plus([binding("RoleBinding", "ClusterRole", "admin", group("system:serviceaccounts:ci"))])) == {"ST2-OPS-006"}
	count(fx.eval("production", plus([binding("RoleBinding", "ClusterRole", "view", group("system:authenticated"))]))) == 0
	count(fx.eval("production", plus([binding("ClusterRoleBinding", "ClusterRole", "system:basic-user", group("system:authenticated"))]))) == 0
	# A role the gate cannot see, for everyone: fail closed.
	prod(plus([binding("RoleBinding", "ClusterRole", "ops-extras", group("system:authenticated"))])) == {"ST2-OPS-006"}
	# ... but not presumed for a named group.
	count(fx.eval("production", plus([binding("RoleBinding", "ClusterRole", "ops-extras", group("st2-operators"))]))) == 0
}

test_a_rolebinding_to_a_wildcard_cluster_role_denies if {
	cr := cluster_role("st2-debug", {}, [{"apiGroups": [""], "resources": ["*"], "verbs": ["*"]}])
	prod(plus([cr, binding("RoleBinding", "ClusterRole", "st2-debug", group("system:authenticated"))])) == {"ST2-OPS-006"}
	# Redefining view in the render is read as written.
	view := cluster_role("view", {}, [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"]}])
	prod(plus([view, binding("RoleBinding", "ClusterRole", "view", group("system:authenticated"))])) == {"ST2-OPS-006"}
}

test_the_accounts_st2_pods_run_as_get_the_table_too if {
	# The baseline's st2 pods set no serviceAccountName: they run as "default".
	sa := {"kind": "ServiceAccount", "name": "default", "namespace": fx.ns}
	prod(granted([{"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create"]}], sa)) == {"ST2-OPS-006"}
	prod(granted([{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["patch"]}], sa)) == {"ST2-OPS-006"}
	count(fx.eval("production", granted([{"apiGroups": ["", "apps"], "resources": ["pods", "deployments"], "verbs": ["get", "list", "watch"]}], sa))) == 0
	# A role outside the render is not presumed for st2's accounts.
	count(fx.eval("production", plus([binding("RoleBinding", "ClusterRole", "ops-extras", sa)]))) == 0
}

test_st2_accounts_may_be_granted_in_other_applications_namespaces if {
	sa := {"kind": "ServiceAccount", "name": "default", "namespace": fx.ns}
	elsewhere := {"apiVersion": rbac, "kind": "Role", "metadata": {"name": "r", "namespace": "apps"}, "rules": [{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get", "patch"]}]}
	rb := {"apiVersion": rbac, "kind": "RoleBinding", "metadata": {"name": "b", "namespace": "apps"}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "r"}, "subjects": [sa]}
	# ("apps" is a namespace the fixtures' bundle lists: otherwise ST2-OPS-015 refuses it.)
	count(fx.eval("production", plus([elsewhere, rb]))) == 0
	# Cluster-wide, the same right reaches st2's own namespace.
	crole := cluster_role("deployer", {}, [{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get", "patch"]}])
	prod(plus([crole, binding("ClusterRoleBinding", "ClusterRole", "deployer", sa)])) == {"ST2-OPS-006"}
}

test_other_accounts_of_the_namespace_may_not_hold_secrets_or_everything if {
	restarter := {"kind": "ServiceAccount", "name": "restarter", "namespace": fx.ns}
	count(fx.eval("production", granted([{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get", "patch"]}], restarter))) == 0
	prod(granted([{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"]}], restarter)) == {"ST2-OPS-006"}
	prod(plus([binding("RoleBinding", "ClusterRole", "edit", restarter)])) == {"ST2-OPS-006"}
	# An st2 pod running as it makes it one of st2's accounts.
	runner := json.patch(fx.base("Deployment", "st2-st2actionrunner"), [{"op": "add", "path": "/spec/template/spec/serviceAccountName", "value": "restarter"}])
	resources := array.concat(fx.replace(fx.baseline, "Deployment", "st2-st2actionrunner", runner), roles_only([{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get", "patch"]}], restarter))
	prod(resources) == {"ST2-OPS-006"}
}

# --- Aggregation labels ----------------------------------------------------------------------

secrets_read := [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get", "list"]}]

test_aggregating_dangerous_rights_into_view_denies_everywhere if {
	cr := cluster_role("extras", {"rbac.authorization.k8s.io/aggregate-to-view": "true"}, secrets_read)
	prod(plus([cr])) == {"ST2-OPS-006"}
	# Every holder of view in every namespace, st2-prod's included: deny even in dev.
	severities(dev([cr]), "ST2-OPS-006") == {"deny"}
	other := cluster_role("extras", {"rbac.authorization.k8s.io/aggregate-to-cluster-reader": "true"}, secrets_read)
	prod(plus([other])) == {"ST2-OPS-006"}
}

test_aggregating_into_edit_counts_what_edit_lacks if {
	count(fx.eval("production", plus([cluster_role("x", {"rbac.authorization.k8s.io/aggregate-to-edit": "true"}, secrets_read)]))) == 0
	bind := [{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterroles"], "verbs": ["bind", "escalate"]}]
	prod(plus([cluster_role("x", {"rbac.authorization.k8s.io/aggregate-to-admin": "true"}, bind)])) == {"ST2-OPS-006"}
}

test_aggregating_read_only_custom_resources_passes if {
	cr := cluster_role("es-view", {"rbac.authorization.k8s.io/aggregate-to-view": "true"}, [{"apiGroups": ["external-secrets.io"], "resources": ["externalsecrets"], "verbs": ["get", "list", "watch"]}])
	count(fx.eval("production", plus([cr]))) == 0
	count(dev([cr])) == 0
}

test_an_aggregated_role_for_everyone_denies if {
	agg := {"apiVersion": rbac, "kind": "ClusterRole", "metadata": {"name": "everyone"}, "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {"rbac.authorization.k8s.io/aggregate-to-edit": "true"}}]}, "rules": []}
	prod(plus([agg, binding("ClusterRoleBinding", "ClusterRole", "everyone", group("system:authenticated"))])) == {"ST2-OPS-006"}
}

# --- Trust: cluster-scoped objects of a lenient render -------------------------------------------

dev_sa := {"kind": "ServiceAccount", "name": "default", "namespace": "st2-dev"}

crb(ref, subject) := {"apiVersion": rbac, "kind": "ClusterRoleBinding", "metadata": {"name": "crb"}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": ref}, "subjects": [subject]}

test_a_dev_cluster_role_binding_is_judged_by_production if {
	fs := dev([crb("cluster-admin", dev_sa)])
	severities(fs, "ST2-OPS-006") == {"deny"}
	"ST2-OPS-020" in rules_of(fs)
	# A team's cluster-wide Secret reader from a dev render reaches st2-prod's Secrets.
	cr := cluster_role("secret-reader", {}, secrets_read)
	"ST2-OPS-020" in rules_of(dev([cr, crb("secret-reader", group("st2-dev-team"))]))
	# Read-only cluster-wide, or a RoleBinding in dev's own namespace: dev's rules.
	count(dev([crb("view", dev_sa)])) == 0
	rb := {"apiVersion": rbac, "kind": "RoleBinding", "metadata": {"name": "rb", "namespace": "st2-dev"}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "edit"}, "subjects": [dev_sa]}
	severities(dev([rb]), "ST2-OPS-006") == {"warn"}
	not "ST2-OPS-020" in rules_of(dev([rb]))
}

# One webhook: the fields of `hook` replace the defaults' (no deep merge).
webhook(defaults, hook) := object.union(object.remove(defaults, object.keys(hook)), hook)

mwc(selector) := {"apiVersion": "admissionregistration.k8s.io/v1", "kind": "MutatingWebhookConfiguration", "metadata": {"name": "m"}, "webhooks": [webhook(
	{"name": "m.example.invalid", "failurePolicy": "Ignore", "sideEffects": "None", "admissionReviewVersions": ["v1"], "clientConfig": {"service": {"name": "injector", "namespace": "st2-dev"}}, "rules": [{"apiGroups": [""], "apiVersions": ["v1"], "operations": ["CREATE"], "resources": ["pods"]}]},
	selector,
)]}

name_in(values) := {"namespaceSelector": {"matchExpressions": [{"key": "kubernetes.io/metadata.name", "operator": "In", "values": values}]}}

test_a_dev_webhook_is_judged_by_the_namespaces_it_selects if {
	fs := dev([mwc(name_in(["st2-dev", "st2-prod"]))])
	severities(fs, "ST2-OPS-002") == {"deny"}
	"ST2-OPS-020" in rules_of(fs)
	# Only dev's own namespace: dev's rules (a warning).
	own := dev([mwc(name_in(["st2-dev"]))])
	severities(own, "ST2-OPS-002") == {"warn"}
	not "ST2-OPS-020" in rules_of(own)
	severities(dev([mwc({"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "st2-dev"}}})]), "ST2-OPS-002") == {"warn"}
	# Everything but dev, no selector at all, an objectSelector only, or a label the gate cannot see: production.
	every sel in [
		{"namespaceSelector": {"matchExpressions": [{"key": "kubernetes.io/metadata.name", "operator": "NotIn", "values": ["st2-dev"]}]}},
		{},
		{"namespaceSelector": {}},
		{"objectSelector": {"matchLabels": {"app.kubernetes.io/name": "st2"}}},
		{"namespaceSelector": {"matchLabels": {"env": "dev"}}},
	] {
		severities(dev([mwc(sel)]), "ST2-OPS-002") == {"deny"}
	}
}

kyverno(kind, ns, rule) := {"apiVersion": "kyverno.io/v1", "kind": kind, "metadata": {"name": "p", "namespace": ns}, "spec": {"rules": [object.union({"name": "r", "mutate": {"patchStrategicMerge": {"spec": {"replicas": 2}}}}, rule)]}}

match_ns(names) := {"match": {"any": [{"resources": {"kinds": ["Deployment"], "namespaces": names}}]}}

test_a_dev_kyverno_policy_is_judged_by_the_namespaces_it_matches if {
	severities(dev([kyverno("ClusterPolicy", "", match_ns(["st2-prod"]))]), "ST2-OPS-002") == {"deny"}
	severities(dev([kyverno("ClusterPolicy", "", match_ns(["st2-*"]))]), "ST2-OPS-002") == {"deny"}
	severities(dev([kyverno("ClusterPolicy", "", match_ns(["st2-pro?"]))]), "ST2-OPS-002") == {"deny"}
	severities(dev([kyverno("ClusterPolicy", "", {"match": {"any": [{"resources": {"kinds": ["Deployment"]}}]}})]), "ST2-OPS-002") == {"deny"}
	severities(dev([kyverno("ClusterPolicy", "", match_ns(["st2-dev"]))]), "ST2-OPS-002") == {"warn"}
	# all: every filter must match (an intersection).
	severities(dev([kyverno("ClusterPolicy", "", {"match": {"all": [{"resources": {"kinds": ["Deployment"], "namespaces": ["st2-*"]}}, {"resources": {"kinds": ["Deployment"], "namespaces": ["st2-dev"]}}]}})]), "ST2-OPS-002") == {"warn"}
	# A namespaced Policy acts in its own namespace.
	severities(dev([kyverno("Policy", "st2-dev", {"match": {"any": [{"resources": {"kinds": ["Deployment"]}}]}})]), "ST2-OPS-002") == {"warn"}
}

test_kyverno_excludes_count_only_when_they_name_namespaces_alone if {
	every_ns := {"match": {"any": [{"resources": {"kinds": ["Deployment"]}}]}}
	pure := object.union(every_ns, {"exclude": {"any": [{"resources": {"namespaces": ["st2-prod", "st2-production", "st2-staging"]}}]}})
	severities(dev([kyverno("ClusterPolicy", "", pure)]), "ST2-OPS-002") == {"warn"}
	# An exclude that also names kinds leaves the rule acting in st2-prod on every other kind.
	with_kinds := object.union(every_ns, {"exclude": {"any": [{"resources": {"kinds": ["Pod"], "namespaces": ["st2-prod", "st2-production", "st2-staging"]}}]}})
	severities(dev([kyverno("ClusterPolicy", "", with_kinds)]), "ST2-OPS-002") == {"deny"}
	# Excluding only st2-prod leaves st2-production and st2-staging.
	partial := object.union(every_ns, {"exclude": {"any": [{"resources": {"namespaces": ["st2-prod"]}}]}})
	severities(dev([kyverno("ClusterPolicy", "", partial)]), "ST2-OPS-002") == {"deny"}
}

test_a_dev_validating_policy_reaching_production_is_a_trust_finding if {
	validate := {"apiVersion": "kyverno.io/v1", "kind": "ClusterPolicy", "metadata": {"name": "v"}, "spec": {"rules": [{"name": "r", "match": {"any": [{"resources": {"kinds": ["Pod"]}}]}, "validate": {"message": "m", "deny": {}}}]}}
	rules_of(dev([validate])) == {"ST2-OPS-020"}
	count(fx.eval("production", plus([validate]))) == 0
}

ns_object(name, level) := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name, "labels": {"pod-security.kubernetes.io/enforce": level}}}

test_a_render_may_not_own_a_stricter_environments_namespace if {
	fs := dev([ns_object("st2-prod", "baseline")])
	rules_of(fs) == {"ST2-OPS-020"}
	staging := eval_in("staging", "st2-staging", [ns_object("st2-production", "restricted")])
	rules_of(staging) == {"ST2-OPS-020"}
	count(dev([ns_object("st2-dev", "baseline")])) == 0
	count(eval_in("production", "st2-prod", [ns_object("st2-prod", "baseline")])) == 0
	# Lowered Pod Security on a production namespace is denied whoever renders it.
	severities(dev([ns_object("st2-prod", "privileged")]), "ST2-HRD-006") == {"deny"}
	severities(dev([ns_object("st2-dev", "privileged")]), "ST2-HRD-006") == {"warn"}
}

# --- ST2-OPS-021: webhooks served from outside the render ---------------------------------------

vwc(hook) := {"apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingWebhookConfiguration", "metadata": {"name": "v"}, "webhooks": [webhook(
	{"name": "v.example.invalid", "sideEffects": "None", "admissionReviewVersions": ["v1"], "clientConfig": {"service": {"name": "verifier", "namespace": "security"}}, "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": fx.ns}}, "rules": [{"apiGroups": [""], "apiVersions": ["v1"], "operations": ["CREATE"], "resources": ["pods"]}]},
	hook,
)]}

prod_in_st2(resources) := rules_of(eval_in("production", fx.ns, resources))

test_a_fail_closed_webhook_served_elsewhere_denies if {
	prod_in_st2(plus([vwc({"failurePolicy": "Fail"})])) == {"ST2-OPS-021"}
	# failurePolicy defaults to Fail in admissionregistration/v1.
	prod_in_st2(plus([vwc({})])) == {"ST2-OPS-021"}
	prod_in_st2(plus([vwc({"clientConfig": {"url": "https://verify.example.net/v"}})])) == {"ST2-OPS-021"}
	prod_in_st2(plus([vwc({"rules": [{"apiGroups": ["*"], "apiVersions": ["*"], "operations": ["*"], "resources": ["*/*"]}]})])) == {"ST2-OPS-021"}
	prod_in_st2(plus([vwc({"namespaceSelector": {}})])) == {"ST2-OPS-021"}
	# Secrets go to it whatever its failurePolicy.
	prod_in_st2(plus([vwc({"failurePolicy": "Ignore", "rules": [{"apiGroups": [""], "apiVersions": ["v1"], "operations": ["CREATE", "UPDATE"], "resources": ["secrets"]}]})])) == {"ST2-OPS-021"}
}

test_webhooks_that_cannot_stop_st2_pass if {
	count(eval_in("production", fx.ns, plus([vwc({"failurePolicy": "Ignore"})]))) == 0
	count(eval_in("production", fx.ns, plus([vwc({"rules": [{"apiGroups": ["apps"], "apiVersions": ["v1"], "operations": ["CREATE"], "resources": ["deployments"]}]})]))) == 0
	count(eval_in("production", fx.ns, plus([vwc({"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "monitoring"}}})]))) == 0
	# Served by the render itself, or named in the bundle's settings.
	svc := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "verifier", "namespace": "security"}, "spec": {"ports": [{"port": 443}]}}
	count(eval_in("production", fx.ns, plus([svc, vwc({})]))) == 0
	count(eval_in("production", fx.ns, plus([vwc({})]))) == 0 with data.settings.admission.webhook_services as ["security/verifier"]
	count(eval_in("production", fx.ns, plus([vwc({"clientConfig": {"url": "https://verify.example.net/v"}})]))) == 0 with data.settings.admission.webhook_services as ["verify.example.net"]
}

test_a_dev_webhook_blackhole_warns_unless_it_reaches_production if {
	own := vwc({"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "st2-dev"}}})
	severities(dev([own]), "ST2-OPS-021") == {"warn"}
	every_ns := vwc({"namespaceSelector": {}})
	severities(dev([every_ns]), "ST2-OPS-021") == {"deny"}
}
