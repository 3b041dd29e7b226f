# The eleventh red team's false denials (test/policy/redteam/fresh11-flow.ts):
# timers on by the deprecated [timer] group, etcd probed on its metrics
# listener, a dashboard quoting st2.conf in an escaped JSON string.
package st2_test.flow11

import data.st2_test.fixtures as fx

rules_of(fs) := {f.rule | some f in fs}

config_index := i if {
	some i, r in fx.baseline
	r.kind == "ConfigMap"
	r.metadata.name == "st2-config"
}

with_docker(text) := [r |
	some r0 in fx.baseline
	r := override_docker(r0, text)
]

override_docker(r, text) := json.patch(r, [{"op": "replace", "path": "/data/st2.docker.conf", "value": text}]) if {
	r.kind == "ConfigMap"
	r.metadata.name == "st2-config"
} else := r

# --- ST2-REP-001: timers as st2timersengine decides ---------------------------------------------

timers_off := concat("\n", [fx.st2_conf_good, "[timersengine]", "enable = False", "", "[timer]", "enable = True", ""])

settled(section) := {"secret_values": [], "st2_config_settled": [{"resource": config_index, "path": ["data", "st2.docker.conf"], "section": section}]}

test_timers_off_text_is_denied_unless_every_reader_ends_on if {
	"ST2-REP-001" in rules_of(fx.eval_facts("production", with_docker(timers_off), fx.no_facts))
	not "ST2-REP-001" in rules_of(fx.eval_facts("production", with_docker(timers_off), settled("timersengine")))
}

test_another_sections_settlement_does_not_settle_timers if {
	"ST2-REP-001" in rules_of(fx.eval_facts("production", with_docker(timers_off), settled("rbac")))
}

# --- ST2-REP-012 / ST2-OPS-031: etcd's metrics listener ------------------------------------------

etcd_sts(probe_port) := json.patch(fx.statefulset("etcd", 3), [
	{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "bitnamilegacy/etcd:3.5.17"},
	{"op": "add", "path": "/spec/template/spec/containers/0/ports", "value": [{"name": "client", "containerPort": 2379}, {"name": "metrics", "containerPort": 2381}]},
	{"op": "add", "path": "/spec/template/spec/containers/0/livenessProbe", "value": {"httpGet": {"path": "/livez", "port": probe_port}}},
])

with_etcd(etcd) := fx.plus(fx.plus(fx.replace(fx.baseline, "ConfigMap", "st2-config", fx.config_map("st2-config", {"st2.docker.conf": "[coordination]\nurl = etcd://etcd:2379\n"})), etcd), fx.pdb("etcd"))

etcd_idx := count(fx.replace(fx.baseline, "ConfigMap", "st2-config", fx.config_map("st2-config", {"st2.docker.conf": ""})))

ctr := ["spec", "template", "spec", "containers", 0]

etcd_facts(metrics) := {"secret_values": [], "store_ha": array.concat(
	[{"resource": etcd_idx, "path": ctr, "store": "etcd", "setting": "etcd_v2", "value": 1, "capacity": 0}],
	[{"resource": etcd_idx, "path": ctr, "store": "etcd", "setting": "etcd_metrics_port", "value": p, "capacity": 0} | some p in metrics],
)}

rep012(port, metrics) := {f | some f in fx.eval_facts("dev", with_etcd(etcd_sts(port)), etcd_facts(metrics)); f.rule == "ST2-REP-012"}

test_livez_on_the_metrics_listener_passes if {
	every port in [2381, "2381", "metrics"] {
		count(rep012(port, [2381])) == 0
	}
}

test_livez_on_the_client_port_is_denied_beside_a_metrics_listener if {
	count(rep012(2379, [2381])) == 1
	count(rep012("client", [2381])) == 1
	count(rep012(2381, [])) == 1
}

etcd_probe(port, listens, also) := {"secret_values": [], "probe_ports": [object.union(
	{"resource": fx.index_of(fx.baseline, "StatefulSet", "st2-mongodb"), "path": array.concat(ctr, ["livenessProbe", "httpGet", "port"]), "container": ctr, "port": port, "named": "", "listens": listens},
	{"also": also},
)]}

ops031(facts) := {f | some f in fx.eval_facts("production", fx.baseline, facts); f.rule == "ST2-OPS-031"}

test_a_port_beside_the_servers_own_counts_for_its_probe if {
	count(ops031(etcd_probe(2381, [27017], [2381]))) == 0
	count(ops031(etcd_probe(2381, [27017], []))) == 1
	count(ops031(etcd_probe(27017, [], [2381]))) == 0
}

# --- ST2-HRD-005: a text no st2 process loads is inert in every layer ------------------------------

off_fact(encoding, inert) := {
	"secret_values": [],
	"st2_config_off": [{"resource": config_index, "path": ["data", "st2.docker.conf"], "key": "st2.docker.conf", "section": "auth", "encoding": encoding}],
	"st2_config_inert": [{"resource": config_index, "path": ["data", "st2.docker.conf"]} | inert == true],
}

hrd5(facts) := {f | some f in fx.eval_facts("production", fx.baseline, facts); f.rule == "ST2-HRD-005"}

test_an_inert_text_is_inert_in_every_layer if {
	every encoding in ["plain", "json-escape", "gzip", "base64"] {
		count(hrd5(off_fact(encoding, true))) == 0
	}
}

test_a_loaded_text_is_judged_in_every_layer if {
	every encoding in ["plain", "json-escape", "gzip"] {
		count(hrd5(off_fact(encoding, false))) == 1
	}
}
