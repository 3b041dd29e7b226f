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

# --- ST2-REP-011: every component st2 needs, in staging and production -------------------------

needed(profile, resources, facts) := {f.params.component |
	some f in data.st2.findings with input as {"profile": profile, "environment": profile, "namespace": fx.ns, "resources": resources, "facts": facts}
		with data.chart_defaults as fx.chart_defaults
		with data.settings.delivery.namespaces as fx.listed_namespaces
		with data.settings.delivery.singleton_names as fx.singleton_names
		with data.settings.environments.namespaces as {fx.ns: profile}
	f.rule == "ST2-REP-011"
}

without_deployment(app) := fx.without(fx.without(fx.baseline, "Deployment", concat("", ["st2-", app])), "PodDisruptionBudget", concat("", ["st2-", app]))

test_a_removed_service_or_store_is_missing_in_staging_and_production if {
	every app in ["st2api", "st2auth", "st2web", "st2stream", "st2notifier", "st2workflowengine"] {
		every profile in ["staging", "production"] {
			app in needed(profile, without_deployment(app), fx.no_facts)
		}
	}
	"mongodb" in needed("production", fx.without(fx.baseline, "StatefulSet", "st2-mongodb"), fx.no_facts)
}

# A render whose every object kustomize dropped as local configuration (config.kubernetes.io/local-config):
# nothing left to hold st2's config, yet the namespace the dropped config was in is still judged.
test_a_namespace_whose_config_was_dropped_as_local_config_is_judged if {
	dropped := {"secret_values": [], "local_config_st2_namespaces": [fx.ns]}
	every profile in ["staging", "production"] {
		{"st2api", "mongodb", "rabbitmq", "st2scheduler"} - needed(profile, [], dropped) == set()
	}
	count(needed("dev", [], dropped)) == 0
	needed("production", [], {"secret_values": [], "local_config_st2_namespaces": ["elsewhere"]}) == {"StackStorm"}
	count(needed("production", fx.baseline, dropped)) == 0
}

# An empty render: Argo CD would prune everything the Application holds (a manual sync, or allowEmpty).
test_an_empty_staging_or_production_render_is_denied if {
	every profile in ["staging", "production"] {
		needed(profile, [], fx.no_facts) == {"StackStorm"}
	}
	count(needed("dev", [], fx.no_facts)) == 0
	not "StackStorm" in needed("production", fx.baseline, fx.no_facts)
}

test_dev_may_run_a_subset if {
	count(needed("dev", without_deployment("st2api"), fx.no_facts)) == 0
}

# (They have no PodDisruptionBudget: only their Deployment goes; without_deployment would find
# no budget and leave an empty render, which passed this test vacuously until empty renders were judged.)
test_optional_pieces_may_go if {
	every app in ["st2client", "st2garbagecollector"] {
		rest := fx.without(fx.baseline, "Deployment", concat("", ["st2-", app]))
		count(rest) == count(fx.baseline) - 1
		count(needed("production", rest, fx.no_facts)) == 0
	}
}

test_a_rename_keeps_the_component if {
	renamed := [r |
		some r0 in fx.baseline
		r := rename_api(r0)
	]
	count(needed("production", renamed, fx.no_facts)) == 0
}

rename_api(r) := json.patch(r, [{"op": "replace", "path": "/metadata/name", "value": "api-v2"}]) if {
	r.kind == "Deployment"
	r.metadata.name == "st2-st2api"
} else := r

rabbit_operator := {"apiVersion": "rabbitmq.com/v1beta1", "kind": "RabbitmqCluster", "metadata": {"name": "rabbitmq", "namespace": fx.ns}, "spec": {"replicas": 3}}

test_a_store_an_operator_runs_counts if {
	r := fx.plus(fx.without(fx.baseline, "StatefulSet", "st2-rabbitmq"), rabbit_operator)
	not "rabbitmq" in needed("production", r, fx.no_facts)
	"rabbitmq" in needed("production", fx.without(fx.baseline, "StatefulSet", "st2-rabbitmq"), fx.no_facts)
}

api_idx := fx.index_of(fx.baseline, "Deployment", "st2-st2api")

host_facts(hosts) := {"secret_values": [], "st2_chains": {format_int(api_idx, 10): [{"path": ctr, "transport": {"hosts": hosts}}]}}

with_service(name) := fx.plus(fx.baseline, fx.service(name, "ClusterIP", {"app": "mongodb"}))

test_a_host_st2_connects_to_needs_its_service if {
	"mongodb-0.mongodb" in needed("production", fx.baseline, host_facts(["mongodb-0.mongodb"]))
	"etcd" in needed("staging", fx.baseline, host_facts(["etcd"]))
	"rabbitmq.st2.svc.cluster.local" in needed("production", fx.baseline, host_facts(["rabbitmq.st2.svc.cluster.local"]))
	count(needed("production", with_service("mongodb"), host_facts(["mongodb-0.mongodb", "mongodb.st2.svc"]))) == 0
}

test_hosts_elsewhere_are_not_judged if {
	count(needed("production", fx.baseline, host_facts(["db.example.com", "10.0.0.7", "rabbitmq.shared", "mongodb.other.svc"]))) == 0
	count(needed("dev", fx.baseline, host_facts(["etcd"]))) == 0
}

test_an_operators_service_resolves if {
	r := fx.plus(fx.without(fx.baseline, "StatefulSet", "st2-rabbitmq"), rabbit_operator)
	count(needed("production", r, host_facts(["rabbitmq", "rabbitmq-nodes"]))) == 0
}

# --- ST2-OPS-067 / 068: Argo CD syncs that cannot finish -------------------------------------------

annotated(r, a) := json.patch(r, [{"op": "add", "path": "/metadata/annotations", "value": a}])

mounting(d, secret) := json.patch(d, [{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "s", "secret": {"secretName": secret}}]}])

ext_secret(name, wave) := {"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret", "metadata": {"name": name, "namespace": fx.ns, "annotations": {"argocd.argoproj.io/sync-wave": wave}}, "spec": {"secretStoreRef": {"kind": "ClusterSecretStore", "name": "st2-production"}, "target": {"name": name}}}

api_waves(api_wave, secret_wave) := fx.plus(fx.replace(fx.baseline, "Deployment", "st2-st2api", annotated(mounting(fx.deployment("st2api", 2), "st2-keys"), {"argocd.argoproj.io/sync-wave": api_wave})), ext_secret("st2-keys", secret_wave))

sync_rules(profile, resources) := {f.rule | some f in fx.eval(profile, resources); f.rule in {"ST2-OPS-067", "ST2-OPS-068"}}

test_a_workload_before_the_secret_it_mounts_deadlocks if {
	sync_rules("production", api_waves("-3", "-1")) == {"ST2-OPS-067"}
	sync_rules("staging", api_waves("0", "1")) == {"ST2-OPS-067"}
}

test_waves_in_a_working_order_pass if {
	sync_rules("production", api_waves("0", "-1")) == set()
	sync_rules("production", api_waves("2", "2")) == set()
}

job(annotations, spec) := {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "st2-register-content", "namespace": fx.ns, "annotations": annotations}, "spec": object.union({"template": {"spec": {"restartPolicy": "OnFailure", "containers": [object.union(fx.container("st2actionrunner"), {"command": ["st2-register-content", "--register-all"]})], "volumes": [{"name": "s", "secret": {"secretName": "st2-keys"}}]}}}, spec)}

with_job(annotations, spec) := fx.plus(fx.plus(fx.baseline, ext_secret("st2-keys", "-1")), job(annotations, spec))

test_a_presync_hook_needing_a_sync_phase_secret_deadlocks if {
	sync_rules("production", with_job({"argocd.argoproj.io/hook": "PreSync"}, {})) == {"ST2-OPS-067"}
	sync_rules("production", with_job({"argocd.argoproj.io/hook": "PostSync"}, {})) == set()
}

test_register_content_needs_more_than_a_minute if {
	sync_rules("production", with_job({"argocd.argoproj.io/hook": "PostSync"}, {"activeDeadlineSeconds": 5, "backoffLimit": 0})) == {"ST2-OPS-068"}
	sync_rules("production", with_job({"argocd.argoproj.io/hook": "PostSync"}, {"activeDeadlineSeconds": 1800, "backoffLimit": 3})) == set()
}

unknown_image_mongo := json.patch(fx.statefulset("mongodb", 3), [{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "percona/percona-server-mongodb:4.4.29-28"}])

test_a_store_under_an_image_the_gate_does_not_know_is_taken_at_its_name if {
	not "mongodb" in needed("production", fx.replace(fx.baseline, "StatefulSet", "st2-mongodb", unknown_image_mongo), fx.no_facts)
}
