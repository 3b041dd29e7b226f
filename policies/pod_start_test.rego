# ST2-OPS-062..066 and ST2-REP-031 (operations_pod_start.rego): pods the cluster never
# starts, and selector changes it refuses; each with the look-alikes that start.
package st2_test.pod_start

import data.st2_test.fixtures as fx

rules_of(fs) := {f.rule | some f in fs}

severities(fs, rule) := {f.severity | some f in fs; f.rule == rule}

patched(app, ops) := fx.replace(fx.baseline, "Deployment", concat("", ["st2-", app]), json.patch(fx.base("Deployment", concat("", ["st2-", app])), ops))

judged(rule, app, ops) := severities(fx.eval("production", patched(app, ops)), rule)

ctr := "/spec/template/spec/containers/0"

pod := "/spec/template/spec"

# --- ST2-OPS-062 --------------------------------------------------------------------------------

test_kubelet_refuses_non_root_containers if {
	every ops in [
		# st2web's nginx has no USER: root.
		[{"op": "add", "path": concat("", [pod, "/securityContext"]), "value": {"runAsNonRoot": true}}],
		# st2's images name their user (USER st2): no number to verify.
		[{"op": "add", "path": concat("", [ctr, "/securityContext/runAsNonRoot"]), "value": true}],
		# runAsUser 0 under the pod's runAsNonRoot.
		[
			{"op": "add", "path": concat("", [pod, "/securityContext"]), "value": {"runAsNonRoot": true, "runAsUser": 1000}},
			{"op": "add", "path": concat("", [ctr, "/securityContext/runAsUser"]), "value": 0},
		],
		[{"op": "add", "path": concat("", [ctr, "/imagePullPolicy"]), "value": "Never"}],
		# st2web's image starts as root only (its command writes under /etc/nginx/conf.d): a numeric uid.
		[{"op": "add", "path": concat("", [pod, "/securityContext"]), "value": {"runAsNonRoot": true, "runAsUser": 1000}}],
	] {
		judged("ST2-OPS-062", "st2web", ops) == {"deny"}
	}
	severities(fx.eval("dev", patched("st2api", [{"op": "add", "path": concat("", [ctr, "/imagePullPolicy"]), "value": "Never"}])), "ST2-OPS-062") == {"warn"}
}

test_kubelet_starts_verifiable_users if {
	every ops in [
		# A numeric non-root uid, at either level.
		[{"op": "add", "path": concat("", [pod, "/securityContext"]), "value": {"runAsNonRoot": true, "runAsUser": 1000}}],
		[{"op": "add", "path": concat("", [ctr, "/securityContext"]), "value": {"runAsNonRoot": true, "runAsUser": 101}}],
		# The container lifts the pod's runAsNonRoot.
		[
			{"op": "add", "path": concat("", [pod, "/securityContext"]), "value": {"runAsNonRoot": true}},
			{"op": "add", "path": concat("", [ctr, "/securityContext/runAsNonRoot"]), "value": false},
		],
		# runAsUser 0 without runAsNonRoot is root, and allowed here.
		[{"op": "add", "path": concat("", [ctr, "/securityContext/runAsUser"]), "value": 0}],
		[{"op": "add", "path": concat("", [ctr, "/imagePullPolicy"]), "value": "IfNotPresent"}],
	] {
		judged("ST2-OPS-062", "st2api", ops) == set()
	}
	# An image the gate does not know is not judged by its user.
	other := [
		{"op": "replace", "path": concat("", [ctr, "/image"]), "value": "registry.example/nginx-unprivileged:1.27"},
		{"op": "add", "path": concat("", [pod, "/securityContext"]), "value": {"runAsNonRoot": true}},
	]
	judged("ST2-OPS-062", "st2web", other) == set()
}

# --- ST2-OPS-063 --------------------------------------------------------------------------------

test_paused_deployment if {
	paused := [{"op": "add", "path": "/spec/paused", "value": true}]
	judged("ST2-OPS-063", "st2api", paused) == {"deny"}
	severities(fx.eval("staging", patched("st2api", paused)), "ST2-OPS-063") == {"warn"}
	judged("ST2-OPS-063", "st2api", [{"op": "add", "path": "/spec/paused", "value": false}]) == set()
}

# --- ST2-OPS-064 --------------------------------------------------------------------------------

claim(modes) := {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "packs", "namespace": fx.ns}, "spec": {"accessModes": modes, "resources": {"requests": {"storage": "5Gi"}}}}

mounting(app, replicas) := json.patch(fx.deployment(app, replicas), [{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "packs", "persistentVolumeClaim": {"claimName": "packs"}}]}])

with_claim(app, replicas, modes) := fx.plus(fx.replace(fx.baseline, "Deployment", concat("", ["st2-", app]), mounting(app, replicas)), claim(modes))

test_one_node_claim_shared if {
	severities(fx.eval("production", with_claim("st2actionrunner", 2, ["ReadWriteOnce"])), "ST2-OPS-064") == {"deny"}
	severities(fx.eval("production", with_claim("st2actionrunner", 2, ["ReadWriteOncePod"])), "ST2-OPS-064") == {"deny"}

	# Two workloads of one replica each share it too.
	two := fx.plus(with_claim("st2actionrunner", 1, ["ReadWriteOnce"]), json.patch(mounting("st2client", 1), [{"op": "replace", "path": "/metadata/name", "value": "st2-client-2"}]))
	severities(fx.eval("production", two), "ST2-OPS-064") == {"deny"}
}

test_claims_that_attach_where_needed if {
	severities(fx.eval("production", with_claim("st2actionrunner", 2, ["ReadWriteMany"])), "ST2-OPS-064") == set()
	severities(fx.eval("production", with_claim("st2actionrunner", 2, ["ReadWriteOnce", "ReadWriteMany"])), "ST2-OPS-064") == set()
	severities(fx.eval("production", with_claim("st2timersengine", 1, ["ReadWriteOnce"])), "ST2-OPS-064") == set()
	# A claim the render does not hold is not judged.
	severities(fx.eval("production", fx.replace(fx.baseline, "Deployment", "st2-st2actionrunner", mounting("st2actionrunner", 2))), "ST2-OPS-064") == set()
}

# --- ST2-OPS-065 --------------------------------------------------------------------------------

mount_at(path, extra) := [
	{"op": "add", "path": concat("", [pod, "/volumes"]), "value": [{"name": "scratch", "emptyDir": {}}]},
	{"op": "add", "path": concat("", [ctr, "/volumeMounts"]), "value": [object.union({"name": "scratch", "mountPath": path}, extra)]},
]

test_mounts_over_the_programs if {
	every path in ["/opt/stackstorm/st2", "/opt/stackstorm/st2/", "/opt/stackstorm", "/opt", "/opt/stackstorm/st2/bin", "/opt/stackstorm/st2/lib"] {
		judged("ST2-OPS-065", "st2timersengine", mount_at(path, {})) == {"deny"}
	}
	judged("ST2-OPS-065", "st2web", mount_at("/usr", {})) == {"deny"}
	judged("ST2-OPS-065", "st2timersengine", mount_at("/opt/stackstorm", {"subPath": "st2"})) == {"deny"}
}

test_mounts_beside_the_programs if {
	every path in ["/opt/stackstorm/packs", "/opt/stackstorm/virtualenvs", "/opt/stackstorm/configs", "/tmp", "/usr/local/share/ca", "/opt/stackstorm/st2-extra"] {
		judged("ST2-OPS-065", "st2timersengine", mount_at(path, {})) == set()
	}
	# One file inside the virtualenv (subPath) hides nothing else.
	judged("ST2-OPS-065", "st2timersengine", mount_at("/opt/stackstorm/st2/lib/python3.8/site-packages/extra.pth", {"subPath": "extra.pth"})) == set()
	# st2web is nginx: it has no st2 virtualenv.
	judged("ST2-OPS-065", "st2web", mount_at("/opt/stackstorm/st2", {})) == set()
}

# --- ST2-OPS-066 --------------------------------------------------------------------------------

probe(kind, argv) := [{"op": "add", "path": concat("", [ctr, "/", kind]), "value": {"exec": {"command": argv}, "periodSeconds": 10}}]

test_probes_that_never_pass if {
	every p in [
		probe("livenessProbe", ["false"]),
		probe("readinessProbe", ["/bin/false"]),
		probe("startupProbe", ["sh", "-c", "exit 1"]),
		probe("startupProbe", ["sh", "-c", "exit 257"]),
		probe("livenessProbe", ["cat", "/tmp/healthy"]),
		probe("livenessProbe", ["sh", "-c", "test -f /tmp/st2api.ready"]),
	] {
		judged("ST2-OPS-066", "st2api", p) == {"deny"}
	}
}

test_probes_that_can_pass if {
	every p in [
		probe("livenessProbe", ["sh", "-c", "test -d /proc/1"]),
		probe("livenessProbe", ["true"]),
		probe("livenessProbe", ["sh", "-c", "exit 256"]),
		probe("livenessProbe", ["sh", "-c", "touch /tmp/alive && cat /tmp/alive"]),
		probe("livenessProbe", ["cat", "/etc/st2/st2.conf"]),
	] {
		judged("ST2-OPS-066", "st2api", p) == set()
	}
	# A file under a mounted volume, or one the container's command writes.
	mounted := array.concat(mount_at("/tmp/health", {}), probe("livenessProbe", ["cat", "/tmp/health/ok"]))
	judged("ST2-OPS-066", "st2api", mounted) == set()
	written := array.concat([{"op": "add", "path": concat("", [ctr, "/args"]), "value": ["sh", "-c", "touch /tmp/healthy; exec st2api"]}], probe("livenessProbe", ["cat", "/tmp/healthy"]))
	judged("ST2-OPS-066", "st2api", written) == set()
	# Another image's own files are its business.
	other := array.concat([{"op": "replace", "path": concat("", [ctr, "/image"]), "value": "registry.example/tools:1"}], probe("livenessProbe", ["cat", "/tmp/healthy"]))
	judged("ST2-OPS-066", "st2api", other) == set()
}

# --- ST2-REP-031 --------------------------------------------------------------------------------

test_selector_edits_fact if {
	i := fx.index_of(fx.baseline, "Deployment", "st2-st2api")
	facts := {"secret_values": [], "selector_edits": [{"resource": i, "by": "commonLabels at overlays/x/kustomization.yaml:5"}]}
	severities(fx.eval_facts("production", fx.baseline, facts), "ST2-REP-031") == {"deny"}
	severities(fx.eval_facts("dev", fx.baseline, facts), "ST2-REP-031") == {"warn"}
	count(fx.eval("production", fx.baseline)) == 0
}

# A non-optional secretKeyRef to a key the rendered Secret lacks: CreateContainerConfigError
# (kubelet makeEnvironmentVariables, pkg/kubelet/kubelet_pods.go); the right key or optional is fine.
secret_env(ref) := [{"op": "add", "path": concat("", [ctr, "/env"]), "value": [{"name": "X_PASS", "valueFrom": {"secretKeyRef": ref}}]}]

test_secret_key_ref_to_a_missing_key if {
	judged("ST2-OPS-062", "st2api", secret_env({"name": "st2-auth", "key": "passwd"})) == {"deny"}
	judged("ST2-OPS-062", "st2api", secret_env({"name": "st2-auth", "key": "password"})) == set()
	judged("ST2-OPS-062", "st2api", secret_env({"name": "st2-auth", "key": "passwd", "optional": true})) == set()
	judged("ST2-OPS-062", "st2api", secret_env({"name": "made-elsewhere", "key": "passwd"})) == set()
}

# A ConfigMap taken whole (envFrom, a volume) that neither the render holds in the pod's namespace
# nor the cluster makes there: CreateContainerConfigError, or a volume never mounted.
cm_env_from(ref) := [{"op": "add", "path": concat("", [ctr, "/envFrom"]), "value": [{"configMapRef": ref}]}]

cm_volume(src) := [
	{"op": "add", "path": concat("", [pod, "/volumes"]), "value": [{"name": "extra", "configMap": src}]},
	{"op": "add", "path": concat("", [ctr, "/volumeMounts"]), "value": [{"name": "extra", "mountPath": "/etc/extra"}]},
]

test_config_map_the_namespace_lacks if {
	judged("ST2-OPS-062", "st2api", cm_env_from({"name": "st2-url"})) == {"deny"}
	judged("ST2-OPS-062", "st2api", cm_volume({"name": "st2-url"})) == {"deny"}
	judged("ST2-OPS-062", "st2api", cm_env_from({"name": "st2-url", "optional": true})) == set()
	judged("ST2-OPS-062", "st2api", cm_volume({"name": "st2-url", "optional": true})) == set()
	# The cluster's own CA bundle is in every namespace.
	judged("ST2-OPS-062", "st2api", cm_volume({"name": "kube-root-ca.crt"})) == set()
	# One the cluster settings list (a name, or namespace/name).
	listed := fx.eval("production", patched("st2api", cm_env_from({"name": "st2-url"}))) with data.settings.cluster.config_maps as ["st2-url"]
	severities(listed, "ST2-OPS-062") == set()
}

# The same ConfigMap as a projected volume's source, or as one env value's ConfigMap.
cm_projected(src) := [
	{"op": "add", "path": concat("", [pod, "/volumes"]), "value": [{"name": "extra", "projected": {"sources": [{"configMap": src}]}}]},
	{"op": "add", "path": concat("", [ctr, "/volumeMounts"]), "value": [{"name": "extra", "mountPath": "/etc/extra"}]},
]

cm_env_key(ref) := [{"op": "add", "path": concat("", [ctr, "/env"]), "value": [{"name": "ST2_URL", "valueFrom": {"configMapKeyRef": ref}}]}]

test_config_map_the_namespace_lacks_as_one_source_or_one_value if {
	judged("ST2-OPS-062", "st2api", cm_projected({"name": "st2-url"})) == {"deny"}
	judged("ST2-OPS-062", "st2api", cm_env_key({"name": "st2-url", "key": "url"})) == {"deny"}
	judged("ST2-OPS-062", "st2api", cm_projected({"name": "st2-url", "optional": true})) == set()
	judged("ST2-OPS-062", "st2api", cm_env_key({"name": "st2-url", "key": "url", "optional": true})) == set()
	judged("ST2-OPS-062", "st2api", cm_projected({"name": "kube-root-ca.crt"})) == set()
	judged("ST2-OPS-062", "st2api", cm_env_key({"name": "st2-config", "key": "st2.docker.conf"})) == set()
}

# A configMap or secret volume, or a projected volume's configMap or secret source, whose items
# name a key the source lacks (non-optional): the kubelet's MakePayload fails the volume's SetUp
# and the pod stays in ContainerCreating. The key present, an optional source, a Secret made
# outside the render, or one whose keys are open (an ExternalSecret's dataFrom, a
# service-account-token Secret) pass.
item_volume(v) := [
	{"op": "add", "path": concat("", [pod, "/volumes"]), "value": [object.union({"name": "keyed"}, v)]},
	{"op": "add", "path": concat("", [ctr, "/volumeMounts"]), "value": [{"name": "keyed", "mountPath": "/etc/keyed", "readOnly": true}]},
]

items(key) := [{"key": key, "path": "f"}]

secret_items(name, key) := item_volume({"secret": {"secretName": name, "items": items(key)}})

projected_items(field, src) := item_volume({"projected": {"sources": [{"serviceAccountToken": {"path": "token"}}, {field: src}]}})

judged_with(ops, extra) := severities(fx.eval("production", array.concat(patched("st2api", ops), extra)), "ST2-OPS-062")

extra_es(spec) := {"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret", "metadata": {"name": "st2-extra", "namespace": fx.ns}, "spec": object.union({"secretStoreRef": {"kind": "ClusterSecretStore", "name": "st2-production"}, "target": {"name": "st2-extra"}}, spec)}

extra_es_keys := {"data": [{"secretKey": "token", "remoteRef": {"key": "stackstorm/extra", "property": "token"}}]}

test_volume_items_to_a_missing_key if {
	# A rendered Secret's data and stringData keys.
	judged("ST2-OPS-062", "st2api", secret_items("st2-auth", "passwd")) == {"deny"}
	judged("ST2-OPS-062", "st2api", secret_items("st2-license", "license")) == {"deny"}
	judged("ST2-OPS-062", "st2api", projected_items("secret", {"name": "st2-auth", "items": items("passwd")})) == {"deny"}
	judged("ST2-OPS-062", "st2api", projected_items("configMap", {"name": "st2-config", "items": items("st2.conf")})) == {"deny"}
	# An ExternalSecret's closed keys: data[].secretKey and template keys.
	judged_with(secret_items("st2-extra", "tok"), [extra_es(extra_es_keys)]) == {"deny"}
	judged_with(projected_items("secret", {"name": "st2-extra", "items": items("tok")}), [extra_es(extra_es_keys)]) == {"deny"}
	judged_with(secret_items("st2-extra", "extra.conf"), [extra_es({"target": {"name": "st2-extra", "template": {"data": {"tok.conf": "{{ .token }}"}}}})]) == {"deny"}
}

test_volume_items_that_resolve if {
	every ops in [
		secret_items("st2-auth", "password"),
		secret_items("st2-license", "st2_license"),
		projected_items("secret", {"name": "st2-auth", "items": items("username")}),
		projected_items("configMap", {"name": "st2-config", "items": items("st2.user.conf")}),
		# An optional source skips a missing key.
		item_volume({"secret": {"secretName": "st2-auth", "items": items("passwd"), "optional": true}}),
		projected_items("secret", {"name": "st2-auth", "items": items("passwd"), "optional": true}),
		projected_items("configMap", {"name": "st2-config", "items": items("st2.conf"), "optional": true}),
		# A Secret the render does not hold: its keys are not known here.
		secret_items("made-elsewhere", "anything"),
	] {
		judged("ST2-OPS-062", "st2api", ops) == set()
	}
	judged_with(secret_items("st2-extra", "token"), [extra_es(extra_es_keys)]) == set()
	# dataFrom, templateFrom or a Merge policy leave the key set open.
	judged_with(secret_items("st2-extra", "tok"), [extra_es(object.union(extra_es_keys, {"dataFrom": [{"extract": {"key": "stackstorm/extra"}}]}))]) == set()
	judged_with(secret_items("st2-extra", "tok"), [extra_es(object.union(extra_es_keys, {"target": {"name": "st2-extra", "template": {"mergePolicy": "Merge"}}}))]) == set()
	# The token controller fills a service-account-token Secret.
	sa_token := {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "st2-token", "namespace": fx.ns, "annotations": {"kubernetes.io/service-account.name": "default"}}, "type": "kubernetes.io/service-account-token"}
	judged_with(secret_items("st2-token", "token"), [sa_token]) == set()
	# binaryData keys are a ConfigMap's keys too.
	bin := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "st2-bin", "namespace": fx.ns}, "binaryData": {"blob": "AAE="}}
	judged_with(item_volume({"configMap": {"name": "st2-bin", "items": items("blob")}}), [bin]) == set()
	judged_with(item_volume({"configMap": {"name": "st2-bin", "items": items("blob2")}}), [bin]) == {"deny"}
}

# An env configMapKeyRef reads data only (makeEnvironmentVariables: configMap.Data[key]): a
# binaryData key, which a volume item may name, is a missing key there.
bin_key_env(key) := [{"op": "add", "path": concat("", [ctr, "/env"]), "value": [{"name": "X", "valueFrom": {"configMapKeyRef": {"name": "st2-bin", "key": key}}}]}]

test_config_map_key_ref_reads_data_only if {
	both := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "st2-bin", "namespace": fx.ns}, "data": {"text": "x"}, "binaryData": {"blob": "AAE="}}
	judged_with(bin_key_env("blob"), [both]) == {"deny"}
	judged_with(bin_key_env("text"), [both]) == set()
	judged_with(item_volume({"configMap": {"name": "st2-bin", "items": items("blob")}}), [both]) == set()
}
