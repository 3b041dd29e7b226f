# Shared test fixtures: a chart_defaults document, manifest builders, and a
# production-grade baseline render that must produce no finding at all.
# Tests change one thing in the baseline and assert the one finding it causes.
#
# Test packages live under st2_test, outside data.st2, so evaluating the st2
# package never sees them.
package st2_test.fixtures

# --- data.chart_defaults used by the tests (independent of the real file) -----

chart_defaults := {
	"literals": [
		{"id": "st2-password", "title": "st2 admin password", "value": "Ch@ngeMe"},
		{"id": "rabbitmq-password", "title": "RabbitMQ password", "value": "9jS+w1u07NbHtZke1m+jW4Cj"},
		{"id": "rabbitmq-erlang-cookie", "title": "RabbitMQ Erlang cookie", "value": "8MrqQdCQ6AQ8U3MacSubHE5RqkSfvNaRHzvxuFcG"},
		{"id": "mongodb-password", "title": "MongoDB password", "value": "XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK"},
		{"id": "mongodb-keyfile", "title": "MongoDB keyfile", "value": "82PItDpqroti5RngOA7UqbHH7c6bFUwy"},
		{"id": "mongodb-root-password", "title": "MongoDB root password", "value": "8fAzdnksdzPFUWm4a68EfY7nMhBPaa"},
		{"id": "chatops-slack-token", "title": "chatops Slack token", "value": "xoxb-CHANGE-ME-PLEASE"},
		# A short literal is matched only as a whole value (see min_contains_length).
		{"id": "short-demo", "title": "short test literal", "value": "st2pw"},
	],
	"license_placeholders": ["", "123asd456fake"],
	"ssh_key_fingerprints": [{"id": "chart-ssh-key", "fingerprint": "SHA256:cazRXw0aYmtYDXIpOkaE7uymUXDgB64Vasq2kduwmxk"}],
	"tls_certificate_fingerprints": [{
		"id": "chart-st2web-certificate",
		"fingerprint": "F1:9A:2F:51:97:E3:61:6D:C1:B4:C9:DB:27:B8:EB:6D:4D:58:7E:E9:79:02:4E:FB:1F:59:73:5E:B4:A8:4F:E4",
	}],
	"tls_key_fingerprints": [{"id": "chart-st2web-key", "spki_sha256": "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"}],
	"value_sha256": [{"id": "chart-ssh-key-file", "sha256": "b1ab98385af71423da42176c9c6e4b4bb0c003a081338093aa1ac89e8be7b9ee"}],
}

# --- Evaluation helpers ----------------------------------------------------------

no_facts := {"secret_values": []}

eval(profile, resources) := eval_facts(profile, resources, no_facts)

# The fixtures' namespaces ("st2", and the second st2 namespaces some tests
# use, and other teams' that RBAC and webhook look-alikes use) are ones the
# bundle's owner lists (ST2-OPS-015).
listed_namespaces := [ns, "st2-b", "other", "apps", "security"]

eval_facts(profile, resources, facts) := fs if {
	fs := data.st2.findings with input as {"profile": profile, "environment": profile, "resources": resources, "facts": facts}
		with data.chart_defaults as chart_defaults
		with data.settings.delivery.namespaces as listed_namespaces
		with data.settings.delivery.singleton_names as singleton_names
}

# The fixtures name workloads as the chart does (st2-<service>).
singleton_names := {"st2timersengine": "st2-st2timersengine", "st2garbagecollector": "st2-st2garbagecollector"}

# Findings of one rule.
of_rule(fs, rule) := {f | some f in fs; f.rule == rule}

# The only findings of a render are exactly one of the given rule, and it
# has the given severity and resource index.
only(fs, rule, severity, resource) if {
	count(fs) == 1
	some f in fs
	f.rule == rule
	f.severity == severity
	f.resource == resource
}

# --- Manifest builders --------------------------------------------------------------

ns := "st2"

container(name) := object.union({
	"name": name,
	"image": concat("", ["stackstorm/", name, ":3.8.1"]),
	"resources": {"limits": {"cpu": "1", "memory": "512Mi"}, "requests": {"cpu": "100m", "memory": "128Mi"}},
	"securityContext": {"allowPrivilegeEscalation": false},
}, server_flags(name))

# MongoDB members run with access control (ST2-HRD-007), as the base's do.
server_flags("mongodb") := {"args": ["--replSet", "rs0", "--keyFile", "/data/configdb/key.txt"]}

server_flags(name) := {} if name != "mongodb"

# RabbitMQ members find each other (ST2-REP-014) and load a mirroring policy at boot (ST2-OPS-005), as the base's do.
pod_extra("rabbitmq") := {"initContainers": [object.union(container("rabbitmq"), {
	"name": "definitions",
	"command": ["sh", "-ec", concat("\n", [
		"cat > /etc/rabbitmq/conf.d/10-cluster.conf <<EOF",
		"cluster_formation.peer_discovery_backend = rabbit_peer_discovery_k8s",
		"EOF",
		"cat > /etc/rabbitmq/conf.d/20-definitions.conf <<EOF",
		"load_definitions = /etc/rabbitmq/definitions.json",
		"EOF",
		"cat > /etc/rabbitmq/definitions.json <<EOF",
		`{"policies": [{"vhost": "/", "name": "ha", "pattern": "", "definition": {"ha-mode": "all"}}]}`,
		"EOF",
	])],
})]}

pod_extra(app) := {} if app != "rabbitmq"

pod_labels(app) := {"app": app, "release": "st2", "tier": "backend"}

workload(kind, app, replicas) := {
	"apiVersion": "apps/v1",
	"kind": kind,
	"metadata": {"name": concat("", ["st2-", app]), "namespace": ns, "labels": {"app": app}},
	"spec": {
		"replicas": replicas,
		"strategy": strategy(app, replicas),
		"selector": {"matchLabels": {"app": app, "release": "st2"}},
		"template": {
			"metadata": {"labels": pod_labels(app)},
			"spec": object.union({"containers": [container(app)]}, pod_extra(app)),
		},
	},
}

# Recreate for one replica and for the singletons at any size (the timers engine and the
# sensor container must never overlap, ST2-REP-001/002); more roll one pod at a time
# without a surge (Recreate would stop them all, ST2-OPS-005).
strategy(app, replicas) := {"type": "Recreate"} if {
	replicas <= 1
} else := {"type": "Recreate"} if {
	app in {"st2timersengine", "st2sensorcontainer"}
} else := {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1, "maxSurge": 0}}

deployment(app, replicas) := workload("Deployment", app, replicas)

# Stores in production keep one member per node (ST2-OPS-045).
statefulset(app, replicas) := object.union(workload("StatefulSet", app, replicas), {"spec": {"template": {"spec": {"affinity": {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [{"topologyKey": "kubernetes.io/hostname", "labelSelector": {"matchLabels": {"app": app, "release": "st2"}}}]}}}}}})

pdb(app) := {
	"apiVersion": "policy/v1",
	"kind": "PodDisruptionBudget",
	"metadata": {"name": concat("", ["st2-", app]), "namespace": ns},
	"spec": {"maxUnavailable": 1, "selector": {"matchLabels": {"app": app, "release": "st2"}}},
}

service(name, type, selector) := {
	"apiVersion": "v1",
	"kind": "Service",
	"metadata": {"name": name, "namespace": ns},
	"spec": {"type": type, "selector": selector, "ports": [{"port": 80, "targetPort": service_port(selector)}]},
}

# The port the selected app serves (ST2-REP-018 denies a Service forwarding elsewhere).
app_ports := {"st2api": 9101, "st2auth": 9100, "st2stream": 9102, "st2web": 443, "mongodb": 27017, "rabbitmq": 5672, "etcd": 2379}

service_port(selector) := app_ports[selector.app] if {
	is_object(selector)
} else := app_ports.mongodb if {
	contains(object.get(selector, "statefulset.kubernetes.io/pod-name", ""), "mongodb")
} else := 80

ingress(service_name) := {
	"apiVersion": "networking.k8s.io/v1",
	"kind": "Ingress",
	"metadata": {"name": "st2-st2web", "namespace": ns},
	"spec": {"tls": [{"hosts": ["st2.example.test"], "secretName": "st2-st2web-tls"}], "rules": [{"host": "st2.example.test", "http": {"paths": [{
		"path": "/",
		"pathType": "Prefix",
		"backend": {"service": {"name": service_name, "port": {"number": 80}}},
	}]}}]},
}

config_map(name, d) := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "namespace": ns}, "data": d}

secret_data(name, d) := {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": name, "namespace": ns}, "type": "Opaque", "data": d}

secret_string_data(name, d) := {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": name, "namespace": ns}, "type": "Opaque", "stringData": d}

st2_conf_good := concat("\n", [
	"[coordination]",
	"url = redis://st2-redis:26379?sentinel=st2&sentinel_fallback=st2-redis-0",
	"",
	"[messaging]",
	"url = amqp://st2:generated-rabbit-password@st2-rabbitmq:5672",
	"",
	"[database]",
	"host = mongodb://st2-mongodb-0.st2-mongodb/?replicaSet=rs0",
	"",
])

# --- The baseline: production-ready, no finding in any profile ----------------------

two_replicas := [
	"st2web", "st2auth", "st2api", "st2stream", "st2rulesengine",
	"st2workflowengine", "st2notifier", "st2scheduler", "st2actionrunner",
]

singletons := ["st2timersengine", "st2sensorcontainer", "st2garbagecollector", "st2client"]

stores := ["mongodb", "rabbitmq", "redis"]

baseline := array.concat(
	array.concat(
		[deployment(app, 2) | some app in two_replicas],
		[deployment(app, 1) | some app in singletons],
	),
	array.concat(
		array.concat(
			[statefulset(app, 3) | some app in stores],
			[pdb(app) | some app in array.concat(two_replicas, stores)],
		),
		[
			service("st2-st2web", "ClusterIP", {"app": "st2web", "release": "st2"}),
			ingress("st2-st2web"),
			config_map("st2-config", {"st2.docker.conf": st2_conf_good, "st2.user.conf": "[api]\nallow_origin = https://st2.example.test\n"}),
			secret_data("st2-auth", {"username": base64.encode("st2admin"), "password": base64.encode("kX9-generated-Password")}),
			secret_string_data("st2-license", {"st2_license": "a1b2c3-real-license-key"}),
		],
	),
)

# Index of the first resource with this kind and name.
index_of(resources, kind, name) := min({i |
	some i, r in resources
	r.kind == kind
	r.metadata.name == name
})

# The baseline with one resource replaced (same position, so indexes hold).
replace(resources, kind, name, new) := [x |
	some i, r in resources
	x := pick(i == index_of(resources, kind, name), r, new)
]

pick(true, _, new) := new

pick(false, old, _) := old

# The baseline with a resource added at the end.
plus(resources, new) := array.concat(resources, [new])

# Index of the next resource appended with plus().
next := count(baseline)

# A baseline resource.
base(kind, name) := baseline[index_of(baseline, kind, name)]

# The resources without the first one of this kind and name (later indexes shift).
without(resources, kind, name) := [r |
	some i, r in resources
	i != index_of(resources, kind, name)
]
