# The fourth red team's holes (test/policy/redteam/fresh4.ts): RBAC's noop
# backend, a relay to a store member's short DNS name, and st2-docker's
# all-in-one image.
package st2_test.redteam4

import data.st2_test.fixtures as fx

rules_of(fs) := {f.rule | some f in fs}

with_conf(extra) := fx.plus(fx.baseline, fx.config_map("st2-override", {"st2.user.conf": extra}))

# --- ST2-HRD-005: [rbac] backend = noop enforces nothing ---------------------------------

test_rbac_noop_backend_denies if {
	rules_of(fx.eval("production", with_conf("[rbac]\nenable = True\nbackend = noop\n"))) == {"ST2-HRD-005"}
	rules_of(fx.eval("staging", with_conf("[rbac]\nbackend = 'noop'\n"))) == {"ST2-HRD-005"}
}

test_rbac_default_backend_and_other_sections_pass if {
	count(fx.eval("production", with_conf("[rbac]\nenable = True\nbackend = default\n"))) == 0
	count(fx.eval("production", with_conf("[metrics]\ndriver = noop\n[rbac]\nenable = True\nbackend = default\n"))) == 0
}

# --- A relay to a store member's short DNS name ("mongodb-0.mongodb") --------------------

relay(target) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "relay", "namespace": fx.ns},
	"spec": {"replicas": 1, "selector": {"matchLabels": {"app": "relay"}}, "template": {
		"metadata": {"labels": {"app": "relay"}},
		"spec": {"containers": [{"name": "s", "image": "alpine/socat:1.8.0.0", "resources": fx.container("x").resources, "args": ["TCP-LISTEN:27017,fork", concat("", ["TCP:", target, ":27017"])]}]},
	}},
}

mongo_service := fx.service("st2-mongodb", "ClusterIP", {"app": "mongodb"})

test_relay_to_a_members_short_name_is_the_store if {
	lb := fx.service("relay", "LoadBalancer", {"app": "relay"})
	every target in ["st2-mongodb-0.st2-mongodb", "st2-mongodb-1.st2-mongodb.st2", "st2-mongodb-2.st2-mongodb.st2.svc.cluster.local"] {
		"ST2-EXP-006" in rules_of(fx.eval("production", array.concat(fx.baseline, [mongo_service, relay(target), lb])))
	}
}

test_relay_to_other_hosts_passes if {
	lb := fx.service("relay", "LoadBalancer", {"app": "relay"})
	every target in ["db.example.com", "st2-mongodb-0.other"] {
		count(fx.of_rule(fx.eval("production", array.concat(fx.baseline, [mongo_service, relay(target), lb])), "ST2-EXP-006")) == 0
	}
}

# --- st2-docker's all-in-one image runs every st2 service ----------------------------------

test_all_in_one_image_is_a_second_timers_engine if {
	aio := json.patch(fx.deployment("st2-sandbox", 1), [{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "docker.io/stackstorm/stackstorm:3.8.1"}])
	fs := fx.eval("production", fx.plus(fx.baseline, aio))
	"ST2-REP-001" in rules_of(fs)
}
