# The seventh red team's delivery and singleton holes (test/policy/redteam/fresh7-dlv.ts):
# objects outside st2's namespaces (ST2-OPS-015), opaque delivery (ST2-OPS-001),
# workloads writing cluster objects (ST2-OPS-016, facts from cluster-writes.ts),
# singletons renamed in production (ST2-OPS-017) and scripts naming their
# service at run time (ST2-REP-013).
package st2_test.redteam7_dlv

import data.st2_test.fixtures as fx

rules_of(fs) := {f.rule | some f in fs}

cm(namespace) := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": namespace}, "data": {"a": "b"}}

test_objects_outside_st2_namespaces_deny_in_every_profile if {
	every profile in ["dev", "staging", "production"] {
		fs := fx.eval(profile, fx.plus(fx.baseline, cm("argocd")))
		rules_of(fs) == {"ST2-OPS-015"}
		{f.severity | some f in fs} == {"deny"}
	}
	"ST2-OPS-015" in rules_of(fx.eval("production", fx.plus(fx.baseline, {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "kube-system"}})))
}

test_listed_and_mapped_namespaces_pass if {
	count(fx.eval("production", fx.plus(fx.baseline, cm("other")))) == 0
	count(fx.eval("production", fx.plus(fx.baseline, cm("st2-prod")))) == 0

	# A cluster-scoped kind's namespace is ignored by the API server.
	role := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "r", "namespace": "argocd"}, "rules": []}
	not "ST2-OPS-015" in rules_of(fx.eval("production", fx.plus(fx.baseline, role)))
}

test_a_listed_namespace_comes_from_the_bundle_only if {
	fs := data.st2.findings with input as {"profile": "production", "resources": fx.plus(fx.baseline, cm("monitoring")), "facts": fx.no_facts}
		with data.chart_defaults as fx.chart_defaults
		with data.settings.delivery.namespaces as array.concat(fx.listed_namespaces, ["monitoring"])
		with data.settings.delivery.singleton_names as fx.singleton_names
	count(fs) == 0
}

test_opaque_delivery_denies_wherever_it_points if {
	gitrepo := {"apiVersion": "fleet.cattle.io/v1alpha1", "kind": "GitRepo", "metadata": {"name": "g", "namespace": fx.ns}, "spec": {"repo": "https://git.example/x.git"}}
	rules_of(fx.eval("production", fx.plus(fx.baseline, gitrepo))) == {"ST2-OPS-001"}
	{f.severity | some f in fx.eval("dev", fx.plus(fx.baseline, gitrepo))} == {"warn"}
	clone := {"apiVersion": "kyverno.io/v1", "kind": "ClusterPolicy", "metadata": {"name": "p"}, "spec": {"rules": [{"name": "r", "generate": {"kind": "Secret", "name": "s", "clone": {"namespace": fx.ns, "name": "st2-auth"}}}]}}
	{f.path | some f in fx.eval("production", fx.plus(fx.baseline, clone))} == {["spec", "rules", 0, "generate", "clone"]}
}

cron := {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "q", "namespace": fx.ns}, "spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [fx.container("kubectl")]}}}}}}

test_cluster_writes_deny_from_their_facts if {
	path := ["spec", "jobTemplate", "spec", "template", "spec", "containers", 0]
	facts := {"secret_values": [], "cluster_writes": {format_int(count(fx.baseline), 10): [{"path": path, "tool": "kubectl", "verb": "scale", "target": "deployment/st2scheduler"}]}}
	fs := fx.eval_facts("production", fx.plus(fx.baseline, cron), facts)
	{[f.rule, f.path, f.params.verb] | some f in fs} == {["ST2-OPS-016", path, "scale"]}
	count(fx.eval("production", fx.plus(fx.baseline, cron))) == 0
}

test_a_renamed_singleton_denies_in_production_only if {
	renamed := json.patch(fx.base("Deployment", "st2-st2timersengine"), [{"op": "replace", "path": "/metadata/name", "value": "st2-timers"}])
	rs := fx.replace(fx.baseline, "Deployment", "st2-st2timersengine", renamed)
	rules_of(fx.eval("production", rs)) == {"ST2-OPS-017"}
	count(fx.eval("staging", rs)) == 0

	# Beside the canonical one it is a second engine: ST2-REP-001's, not a rename.
	not "ST2-OPS-017" in rules_of(fx.eval("production", fx.plus(fx.baseline, renamed)))
}

test_a_script_naming_its_service_at_run_time_is_unidentified if {
	c := object.union(fx.container("st2-helper"), {"image": "stackstorm/st2actionrunner:3.8.1", "command": ["sh", "-c", "exec /scripts/run.sh"]})
	d := json.patch(fx.deployment("st2-helper", 1), [{"op": "replace", "path": "/spec/template/spec/containers", "value": [c]}])
	path := ["spec", "template", "spec", "containers", 0]
	script := {"path": path, "text": "svc=$(printf x | rev)\nexec /opt/stackstorm/st2/bin/$svc --config-file=/etc/st2/st2.conf", "unresolved": true}
	fs := fx.eval_facts("production", fx.plus(fx.baseline, d), {"secret_values": [], "st2_scripts": {format_int(count(fx.baseline), 10): [script]}})
	rules_of(fs) == {"ST2-REP-013"}
	resolved := object.union(script, {"unresolved": false})
	count(fx.eval_facts("production", fx.plus(fx.baseline, d), {"secret_values": [], "st2_scripts": {format_int(count(fx.baseline), 10): [resolved]}})) == 0
}

# A timers engine in another st2 namespace on the same message bus (chain facts name the
# stores' namespace): counted per store, not per namespace.
test_timers_engines_sharing_a_bus_across_namespaces if {
	other := json.patch(fx.deployment("st2timersengine", 1), [{"op": "replace", "path": "/metadata/namespace", "value": "st2-b"}])
	rs := fx.plus(fx.baseline, other)
	path := ["spec", "template", "spec", "containers", 0]
	shared := {"secret_values": [], "st2_chains": {format_int(count(fx.baseline), 10): [{"path": path, "stores": [fx.ns]}]}}
	# (Chain facts for one container only: the API services' missing ones are HRD-005's.)
	count({f | some f in fx.eval_facts("production", rs, shared); f.params.shares_stores_with}) == 2
	own := {"secret_values": [], "st2_chains": {format_int(count(fx.baseline), 10): [{"path": path}]}}
	not "ST2-REP-001" in rules_of(fx.eval_facts("production", rs, own))
}
