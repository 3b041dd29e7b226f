# The nineteenth red team's store-runtime holes (test/policy/redteam/fresh19-store.ts):
# settings that stop st2 logging in to RabbitMQ, a mongod with TLS on and no
# certificate, and etcd peers on loopback in a cluster of several members, all
# under ST2-REP-016 (src/policy/rabbitmq-settings.ts, mongod-startup.ts,
# store-ha-facts.ts give the facts).
package st2_test.redteam19_stores

import data.st2_test.fixtures as fx

member := ["spec", "template", "spec", "containers", 0]

index_of(name) := i if {
	some i, r in fx.baseline
	r.kind == "StatefulSet"
	r.metadata.name == name
}

fact(name, store, setting, value) := {"secret_values": [], "store_ha": [{"resource": index_of(name), "path": member, "store": store, "setting": setting, "value": value, "capacity": 0}]}

rep016(facts) := [f | some f in fx.of_rule(fx.eval_facts("production", fx.baseline, facts), "ST2-REP-016")]

test_store_runtime_holes_deny if {
	every c in [
		["st2-rabbitmq", "rabbitmq", "loopback_login", "admin"],
		["st2-rabbitmq", "rabbitmq", "login_mechanisms", "EXTERNAL"],
		["st2-mongodb", "mongodb", "tls_no_certificate", "requireTLS"],
		["st2-mongodb", "mongodb", "tls_required", "requireTLS"],
		["st2-mongodb", "etcd", "peer_loopback", 3],
	] {
		some f in rep016(fact(c[0], c[1], c[2], c[3]))
		f.params.setting == c[2]
	}
}

test_other_settings_name_no_problem if {
	count(rep016(fact("st2-rabbitmq", "rabbitmq", "loopback_guest", "guest"))) == 0
	count(rep016({"secret_values": [], "store_ha": []})) == 0
}
