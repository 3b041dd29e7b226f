# The seventeenth red team's pods that never run (test/policy/redteam/fresh17-env.ts): a store
# variable RabbitMQ or etcd cannot parse, written or injected by a Service's links (ST2-OPS-070,
# operations_env_links.rego), and a ServiceAccount the pod's namespace lacks (ST2-OPS-028).
package st2_test.redteam17_env

import data.st2_test.fixtures as fx

api := fx.index_of(fx.baseline, "Deployment", "st2-st2api")

spec_path := ["spec", "template", "spec"]

facts(extra) := object.union({"pod_units": {}}, extra)

link(service, variable, program) := {"env_links": [{"resource": api, "path": array.concat(spec_path, ["containers", 0]), "container": program, "program": program, "variable": variable, "service": service}]}

written(variable) := {"env_links": [{"resource": api, "path": array.concat(spec_path, ["containers", 0, "env", 3, "value"]), "container": "rabbitmq", "program": "rabbitmq", "variable": variable, "service": ""}]}

test_injected_and_written_store_variables_are_denied if {
	every l in [link("rabbitmq-node", "RABBITMQ_NODE_PORT", "rabbitmq"), link("dist", "DIST_PORT", "rabbitmq"), link("etcd-socket-reuse", "ETCD_SOCKET_REUSE_PORT", "etcd"), written("RABBITMQ_NODE_PORT")] {
		fx.only(fx.eval_facts("production", fx.baseline, facts(l)), "ST2-OPS-070", "deny", api)
	}
	{f.severity | some f in fx.eval_facts("dev", fx.baseline, facts(link("rabbitmq-node", "RABBITMQ_NODE_PORT", "rabbitmq")))} == {"warn"}
	some f in fx.eval_facts("production", fx.baseline, facts(link("rabbitmq-dist", "RABBITMQ_DIST_PORT", "rabbitmq")))
	contains(f.params.problem, "Service rabbitmq-dist's links give rabbitmq RABBITMQ_DIST_PORT")
}

test_no_env_link_fact_no_finding if {
	count(fx.eval_facts("production", fx.baseline, facts({"env_links": []}))) == 0
}

sa(value) := {"pod_refs": [{"resource": api, "path": array.concat(spec_path, ["serviceAccountName"]), "ref": "service_account", "value": value}]}

ops028(fs) := {[f.severity, f.resource] | some f in fs; f.rule == "ST2-OPS-028"}

service_account(name, ns) := {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": name, "namespace": ns}}

test_a_service_account_the_namespace_lacks_is_denied if {
	fx.only(fx.eval_facts("production", fx.baseline, facts(sa("st2api"))), "ST2-OPS-028", "deny", api)
	# Rendered in another namespace: not the pod's (other rules judge the other namespace).
	ops028(fx.eval_facts("production", array.concat(fx.baseline, [service_account("st2api", "elsewhere")]), facts(sa("st2api")))) == {["deny", api]}
	# The bundle lists it for another namespace only.
	listed := fx.eval_facts("production", fx.baseline, facts(sa("st2api"))) with data.settings.cluster.service_accounts as ["elsewhere/st2api"]
	fx.only(listed, "ST2-OPS-028", "deny", api)
}

test_known_service_accounts_pass if {
	count(fx.eval_facts("production", fx.baseline, facts(sa("default")))) == 0
	count(fx.eval_facts("production", array.concat(fx.baseline, [service_account("st2api", fx.ns)]), facts(sa("st2api")))) == 0
	by_name := fx.eval_facts("production", fx.baseline, facts(sa("st2api"))) with data.settings.cluster.service_accounts as ["st2api"]
	count(by_name) == 0
	by_namespace := fx.eval_facts("production", fx.baseline, facts(sa("st2api"))) with data.settings.cluster.service_accounts as [concat("/", [fx.ns, "st2api"])]
	count(by_namespace) == 0
}
