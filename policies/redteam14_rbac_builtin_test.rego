package st2_test.redteam14_rbac_builtin

import data.st2_test.fixtures as fx

cluster_role(name, rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": name, "annotations": {"rbac.authorization.kubernetes.io/autoupdate": "false"}}, "rules": rules}

read_all := [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["get", "list", "watch"]}]

binding(name) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": name}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "st2-reader"}, "subjects": [{"kind": "Group", "name": "st2-operators", "apiGroup": "rbac.authorization.k8s.io"}]}

rules_of(env, extra) := {f.rule | some f in fx.eval(env, array.concat(fx.baseline, [extra])); f.severity == "deny"}

test_builtin_roles_redefined_deny_in_every_environment if {
	every env in ["production", "staging", "dev"] {
		every name in ["view", "edit", "system:basic-user", "system:public-info-viewer"] {
			"ST2-OPS-006" in rules_of(env, cluster_role(name, read_all))
		}
		"ST2-OPS-006" in rules_of(env, binding("system:basic-user"))
	}
}

test_roles_of_own_names_pass if {
	not "ST2-OPS-006" in rules_of("production", cluster_role("st2-view", [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]}]))
	not "ST2-OPS-006" in rules_of("dev", cluster_role("view-st2-executions", [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]}]))
	not "ST2-OPS-006" in rules_of("production", binding("st2-operators-read"))
}
