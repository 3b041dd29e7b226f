# The twenty-first attacker's service containers that never run their service
# (test/policy/redteam/fresh21-entry.ts): ST2-OPS-071 from src/policy/service-replaced.ts's
# fact, and ST2-REP-011 believing a workload's component label only where the gate knows none of
# its images (replicas_needed.rego labelled_here).
package st2_test.redteam21_entry

import data.st2_test.fixtures as fx

container_path := ["spec", "template", "spec", "containers", 0, "command"]

replaced(name, role, runs) := {"service_replaced": [{
	"resource": fx.index_of(fx.baseline, "Deployment", name),
	"path": container_path,
	"container": role,
	"role": role,
	"runs": runs,
}]}

facts(extra) := object.union(fx.no_facts, extra)

ops071(profile, extra) := {[f.severity, f.resource] | some f in fx.eval_facts(profile, fx.baseline, facts(extra)); f.rule == "ST2-OPS-071"}

test_a_replaced_service_is_denied_in_every_profile if {
	api := fx.index_of(fx.baseline, "Deployment", "st2-st2api")
	every profile in ["dev", "staging", "production"] {
		fx.only(fx.eval_facts(profile, fx.baseline, facts(replaced("st2-st2api", "st2api", "sleep infinity"))), "ST2-OPS-071", "deny", api)
	}
	some f in fx.eval_facts("production", fx.baseline, facts(replaced("st2-st2api", "st2api", "st2api --version (prints and exits)")))
	f.params.problem == "runs st2api --version (prints and exits) instead of st2api: the service never starts"
}

test_only_a_workload_claiming_the_role_loses_it if {
	runner := fx.index_of(fx.baseline, "Deployment", "st2-st2actionrunner")
	ops071("production", replaced("st2-st2actionrunner", "st2actionrunner", "sleep infinity")) == {["deny", runner]}

	# st2client's idle loop on the runner image claims no service.
	ops071("production", replaced("st2-st2client", "st2actionrunner", "bash -ec 'while true; do sleep 999; done'")) == set()

	# A shell image named for no store (a mongo toolbox) claims no store.
	ops071("production", replaced("st2-st2client", "mongodb", "sleep infinity")) == set()
}

test_no_fact_no_finding if {
	ops071("production", {"service_replaced": []}) == set()
}

# --- ST2-REP-011: a label is believed only where the gate knows no image ------------------------

sleeping(name, image) := json.patch(fx.base("Deployment", name), [
	{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": image},
	{"op": "add", "path": "/spec/template/spec/containers/0/command", "value": ["sleep", "infinity"]},
])

rep011(resources) := {f.params.component |
	some f in data.st2.findings with input as {"profile": "production", "environment": "production", "namespace": fx.ns, "resources": resources, "facts": fx.no_facts}
		with data.chart_defaults as fx.chart_defaults
		with data.settings.delivery.namespaces as fx.listed_namespaces
		with data.settings.delivery.singleton_names as fx.singleton_names
		with data.settings.environments.namespaces as {fx.ns: "production"}
	f.rule == "ST2-REP-011"
}

test_a_known_image_that_sleeps_is_no_component_whatever_its_label if {
	rep011(fx.replace(fx.baseline, "Deployment", "st2-st2api", sleeping("st2-st2api", "stackstorm/st2api:3.8.1"))) == {"st2api"}
}

test_an_unknown_image_is_taken_at_its_label if {
	# A rebuild the gate cannot name, labelled st2api: believed (only a component gone is judged).
	rep011(fx.replace(fx.baseline, "Deployment", "st2-st2api", sleeping("st2-st2api", "registry.example/platform/api:1"))) == set()
}
