# The twenty-second red team's store holes (test/policy/redteam/fresh22-stores.ts): RabbitMQ's
# AMQP listeners switched off or put on loopback in Erlang form (advanced.config's or a -rabbit
# argument's tcp_listeners) reach ST2-OPS-024 as the amqp_listener fact rabbitmq.conf's keys
# give; etcd's WAL dir off the member's claim reaches ST2-REP-021 as the data dir's
# data_volume fact (src/policy/rabbitmq-listeners.ts, store-ha-facts.ts give the facts).
package st2_test.redteam22_stores

import data.st2_test.fixtures as fx

member := ["spec", "template", "spec", "containers", 0]

index_of(name) := i if {
	some i, r in fx.baseline
	r.kind == "StatefulSet"
	r.metadata.name == name
}

fact(name, store, setting, value) := {"secret_values": [], "store_ha": [{"resource": index_of(name), "path": array.concat(member, ["env"]), "store": store, "setting": setting, "value": value, "capacity": 0}]}

of_rule(facts, rule) := fx.of_rule(fx.eval_facts("production", fx.baseline, facts), rule)

test_erlang_listeners_deny_under_ops024 if {
	every v in ["none", "loopback"] {
		some f in of_rule(fact("st2-rabbitmq", "rabbitmq", "amqp_listener", v), "ST2-OPS-024")
		f.params.setting == "amqp_listener"
		f.params.value == v
	}
}

test_etcd_wal_off_its_claim_denies_under_rep021 if {
	some f in of_rule(fact("st2-mongodb", "etcd", "data_volume", "container-filesystem"), "ST2-REP-021")
	f.params.store == "etcd"
}

test_no_listener_or_volume_fact_allows if {
	count(of_rule({"secret_values": [], "store_ha": []}, "ST2-OPS-024")) == 0
	count(of_rule({"secret_values": [], "store_ha": []}, "ST2-REP-021")) == 0
	# An etcd fact that is not a volume or listener problem names neither rule.
	count(of_rule(fact("st2-mongodb", "etcd", "etcd_v2", 1), "ST2-REP-021")) == 0
}
