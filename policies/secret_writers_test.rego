# ST2-OPS-072 (operations_secret_writers.rego): a Secret the render writes and an
# ExternalSecret of the same namespace writes too; each with the look-alikes ESO leaves alone.
package st2_test.secret_writers

import data.st2_test.fixtures as fx

es(name, target) := {
	"apiVersion": "external-secrets.io/v1beta1", "kind": "ExternalSecret",
	"metadata": {"name": name, "namespace": fx.ns},
	"spec": object.union(
		{"secretStoreRef": {"name": "vault", "kind": "ClusterSecretStore"}, "data": [{"secretKey": "rabbitmq-password", "remoteRef": {"key": "stackstorm/rabbitmq", "property": "password"}}]},
		target,
	),
}

committed := fx.secret_string_data("rabbitmq", {"rabbitmq-password": "x", "rabbitmq-erlang-cookie": "y"})

judged(external, secret, profile) := {[f.severity, f.params.key] |
	some f in fx.eval(profile, fx.plus(fx.plus(fx.baseline, external), secret))
	f.rule == "ST2-OPS-072"
}

test_a_secret_an_external_secret_owns_is_written_twice if {
	# The ExternalSecret's own name is its default target; Owner is the default policy.
	judged(es("rabbitmq", {}), committed, "production") == {["deny", "*"]}
	judged(es("rabbitmq", {}), committed, "staging") == {["deny", "*"]}
	judged(es("rabbitmq", {}), committed, "dev") == {["warn", "*"]}
	judged(es("rmq", {"target": {"name": "rabbitmq", "creationPolicy": "Orphan"}}), committed, "staging") == {["deny", "*"]}

	# Merge force-applies the keys it writes: the one the Secret writes too flips.
	judged(es("rmq", {"target": {"name": "rabbitmq", "creationPolicy": "Merge"}}), committed, "staging") == {["deny", "rabbitmq-password"]}
}

test_one_writer_or_keys_side_by_side_pass if {
	# Another target, another namespace, creationPolicy None, CreatedOnce.
	count(judged(es("rmq", {"target": {"name": "rabbitmq-store"}}), committed, "production")) == 0
	other := json.patch(es("rabbitmq", {}), [{"op": "replace", "path": "/metadata/namespace", "value": "st2-b"}])
	count(judged(other, committed, "production")) == 0
	count(judged(es("rabbitmq", {"target": {"creationPolicy": "None"}}), committed, "production")) == 0
	count(judged(es("rabbitmq", {"refreshPolicy": "CreatedOnce"}), committed, "production")) == 0

	# Merge beside git's own keys, or with keys not known (dataFrom): ESO's documented use.
	settings := fx.secret_string_data("rabbitmq", {"rabbitmq-erlang-cookie-file": "/var/lib/rabbitmq/.erlang.cookie"})
	count(judged(es("rmq", {"target": {"name": "rabbitmq", "creationPolicy": "Merge"}}), settings, "production")) == 0
	from := json.patch(es("rmq", {"target": {"name": "rabbitmq", "creationPolicy": "Merge"}}), [
		{"op": "remove", "path": "/spec/data"},
		{"op": "add", "path": "/spec/dataFrom", "value": [{"extract": {"key": "stackstorm/rabbitmq"}}]},
	])
	count(judged(from, committed, "production")) == 0
}
