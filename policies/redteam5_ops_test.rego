# The fifth red team's holes (test/policy/redteam/fresh5.ts): what the cluster
# does with the manifests after the gate (nested delivery, admission mutation,
# hooks), rollouts and budgets that take every replica, RBAC for everyone,
# st2web's upstream URLs, tunnels, store versions, probes, the web root,
# forwarders into a stricter environment, a missing or idle timers engine,
# and duplicate env names (an internal error before).
package st2_test.redteam5_ops

import data.st2_test.fixtures as fx

rules_of(fs) := {f.rule | some f in fs}

prod(resources) := rules_of(fx.eval("production", resources))

plus(new) := fx.plus(fx.baseline, new)

patched(kind, name, ops) := fx.replace(fx.baseline, kind, name, json.patch(fx.base(kind, name), ops))

# --- ST2-OPS-001: nested delivery ---------------------------------------------------------------

app(ns) := {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": {"name": "extras", "namespace": "argocd"}, "spec": {"destination": {"namespace": ns}}}

flux(ns) := {"apiVersion": "kustomize.toolkit.fluxcd.io/v1", "kind": "Kustomization", "metadata": {"name": "x", "namespace": "flux-system"}, "spec": {"path": "./overlays/dev", "targetNamespace": ns}}

# (The Application in argocd and the Kustomization in flux-system are outside
# st2's namespaces: ST2-OPS-015 in every profile.)
test_delivery_into_the_st2_namespace_denies if {
	prod(plus(app(fx.ns))) == {"ST2-OPS-001", "ST2-OPS-015"}
	prod(plus(flux(fx.ns))) == {"ST2-OPS-001", "ST2-OPS-015"}
	prod(plus(app("{{namespace}}"))) == {"ST2-OPS-001", "ST2-OPS-015"}
	fs := fx.eval("dev", plus(app(fx.ns)))
	{f.severity | some f in fs; f.rule == "ST2-OPS-001"} == {"warn"}
}

# Delivery is opaque wherever it points: the seventh red team's Fleet GitRepo
# deployed another repository into st2-prod; an Application pointing at
# monitoring today can point at st2's namespace tomorrow without this gate.
test_delivery_elsewhere_is_still_opaque if {
	prod(plus(app("monitoring"))) == {"ST2-OPS-001", "ST2-OPS-015"}
	prod(plus(flux("monitoring"))) == {"ST2-OPS-001", "ST2-OPS-015"}
}

# --- ST2-OPS-002: admission mutation -------------------------------------------------------------

kyverno(rule) := {"apiVersion": "kyverno.io/v1", "kind": "ClusterPolicy", "metadata": {"name": "p"}, "spec": {"rules": [rule]}}

test_mutation_denies if {
	prod(plus({"apiVersion": "admissionregistration.k8s.io/v1", "kind": "MutatingWebhookConfiguration", "metadata": {"name": "m"}})) == {"ST2-OPS-002"}
	prod(plus(kyverno({"name": "r", "mutate": {"patchStrategicMerge": {"spec": {"replicas": 2}}}}))) == {"ST2-OPS-002"}
	prod(plus({"apiVersion": "mutations.gatekeeper.sh/v1", "kind": "Assign", "metadata": {"name": "a"}})) == {"ST2-OPS-002"}
}

test_validation_passes if {
	count(fx.eval("production", plus({"apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingWebhookConfiguration", "metadata": {"name": "v"}}))) == 0
	count(fx.eval("production", plus(kyverno({"name": "r", "validate": {"message": "m", "pattern": {"metadata": {"labels": {"team": "?*"}}}}})))) == 0
}

# --- ST2-OPS-003: hooks ---------------------------------------------------------------------------

hooked(name, hook) := patched("Deployment", name, [{"op": "add", "path": "/metadata/annotations", "value": {"argocd.argoproj.io/hook": hook}}])

test_workload_hooks_deny if {
	every hook in ["Skip", "PreSync", "PostSync"] {
		"ST2-OPS-003" in prod(hooked("st2-st2scheduler", hook))
	}
	"ST2-OPS-003" in prod(fx.replace(fx.baseline, "StatefulSet", "st2-mongodb", json.patch(fx.base("StatefulSet", "st2-mongodb"), [{"op": "add", "path": "/metadata/annotations", "value": {"helm.sh/hook": "pre-install"}}])))
}

# A Namespace the render lands in, and a claim its pods mount, are kept like the workloads:
# force-replaced, Argo CD deletes them with everything in them (hooks on them are ST2-OPS-018).
forced_replace := {"argocd.argoproj.io/sync-options": "Force=true,Replace=true"}

test_kept_objects_force_replaced_deny if {
	plain := prod(plus({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": fx.ns}}))
	not "ST2-OPS-003" in plain
	namespace := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": fx.ns, "annotations": forced_replace}}
	prod(plus(namespace)) == plain | {"ST2-OPS-003"}
	claim := {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "packs", "namespace": fx.ns, "annotations": forced_replace}, "spec": {"accessModes": ["ReadWriteMany"], "resources": {"requests": {"storage": "1Gi"}}}}
	mounting := fx.replace(plus(claim), "Deployment", "st2-st2api", json.patch(fx.base("Deployment", "st2-st2api"), [{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "packs-claim", "persistentVolumeClaim": {"claimName": "packs"}}]}]))
	"ST2-OPS-003" in prod(mounting)
}

test_unkept_objects_force_replaced_pass if {
	# A namespace none of the render's objects lands in, a claim no pod mounts, server-side apply.
	other := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "st2-scratch", "annotations": forced_replace}}
	not "ST2-OPS-003" in prod(plus(other))
	claim := {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "scratch", "namespace": fx.ns, "annotations": forced_replace}, "spec": {"accessModes": ["ReadWriteMany"], "resources": {"requests": {"storage": "1Gi"}}}}
	not "ST2-OPS-003" in prod(plus(claim))
	ssa := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": fx.ns, "annotations": {"argocd.argoproj.io/sync-options": "ServerSideApply=true,Prune=false"}}}
	not "ST2-OPS-003" in prod(plus(ssa))
}

test_sync_waves_pass if {
	count(fx.eval("production", patched("Deployment", "st2-st2api", [{"op": "add", "path": "/metadata/annotations", "value": {"argocd.argoproj.io/sync-wave": "3"}}]))) == 0
}

# --- ST2-OPS-004: st2web Ingress TLS ---------------------------------------------------------------

test_st2web_ingress_without_tls_denies if {
	prod(patched("Ingress", "st2-st2web", [{"op": "remove", "path": "/spec/tls"}])) == {"ST2-OPS-004"}
	prod(patched("Ingress", "st2-st2web", [{"op": "replace", "path": "/spec/tls/0/hosts", "value": ["other.example.test"]}])) == {"ST2-OPS-004"}
}

test_wildcard_tls_passes if {
	count(fx.eval("production", patched("Ingress", "st2-st2web", [{"op": "replace", "path": "/spec/tls/0/hosts", "value": ["*.example.test"]}]))) == 0
}

# --- ST2-OPS-005: every replica at once ------------------------------------------------------------

strategy(v) := patched("Deployment", "st2-st2api", [{"op": "replace", "path": "/spec/strategy", "value": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": v}}}])

test_rollout_taking_every_replica_denies if {
	prod(strategy("100%")) == {"ST2-OPS-005"}
	prod(strategy(2)) == {"ST2-OPS-005"}
	# Staging is HA like production (red team 6): denied there too.
	fs := fx.eval("staging", strategy("100%"))
	{f.severity | some f in fs} == {"deny"}
	count(fx.eval("dev", strategy("100%"))) == 0
}

test_partial_rollouts_pass if {
	count(fx.eval("production", strategy(1))) == 0
	count(fx.eval("production", strategy("50%"))) == 0
}

pdb_spec(spec) := patched("PodDisruptionBudget", "st2-mongodb", [{"op": "replace", "path": "/spec", "value": object.union(spec, {"selector": {"matchLabels": {"app": "mongodb", "release": "st2"}}})}])

test_budget_allowing_every_member_denies if {
	prod(pdb_spec({"maxUnavailable": 3})) == {"ST2-OPS-005"}
	prod(pdb_spec({"minAvailable": 0})) == {"ST2-OPS-005"}
	count(fx.eval("production", pdb_spec({"minAvailable": 2}))) == 0
}

test_pinned_to_one_node_denies if {
	pin := fx.replace(fx.baseline, "StatefulSet", "st2-mongodb", json.patch(fx.base("StatefulSet", "st2-mongodb"), [{"op": "add", "path": "/spec/template/spec/nodeSelector", "value": {"kubernetes.io/hostname": "node-a"}}]))
	prod(pin) == {"ST2-OPS-005"}
	# Every member required in one zone was allowed here until the tenth red team
	# (wl-mongo-one-zone): ST2-OPS-045 now denies it unless the bundle says the cluster has
	# one zone (settings.cluster.topology_domains).
	zone := fx.replace(fx.baseline, "StatefulSet", "st2-mongodb", json.patch(fx.base("StatefulSet", "st2-mongodb"), [{"op": "add", "path": "/spec/template/spec/nodeSelector", "value": {"topology.kubernetes.io/zone": "a"}}]))
	prod(zone) == {"ST2-OPS-045"}
	count(fx.eval("production", zone)) == 1
	one_zone := {"topology.kubernetes.io/zone": 1}
	fs := fx.eval("production", zone) with data.settings.cluster.topology_domains as one_zone
	count(fs) == 0
}

conf(text) := fx.replace(fx.baseline, "ConfigMap", "st2-config", json.patch(fx.base("ConfigMap", "st2-config"), [{"op": "replace", "path": "/data/st2.user.conf", "value": text}]))

test_one_member_of_a_replicated_store_denies if {
	prod(conf("[database]\nhost = mongodb://st2-mongodb-0.st2-mongodb:27017/?authSource=admin\n")) == {"ST2-OPS-005"}
	prod(conf("[messaging]\nurl = amqp://st2:pw@st2-rabbitmq-0.st2-rabbitmq:5672\n")) == {"ST2-OPS-005"}
	es := {"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret", "metadata": {"name": "s", "namespace": fx.ns}, "spec": {"target": {"template": {"data": {"st2.secrets.conf": "[messaging]\nurl = amqp://admin:{{ .p | urlquery }}@st2-rabbitmq-1.st2-rabbitmq:5672\n"}}}}}
	prod(plus(es)) == {"ST2-OPS-005"}
}

test_every_member_passes if {
	count(fx.eval("production", conf("[database]\nhost = mongodb://st2-mongodb-0.st2-mongodb,st2-mongodb-1.st2-mongodb/?replicaSet=rs0\n"))) == 0
	# A managed store outside the cluster must be named in the policy data (ST2-OPS-013).
	count(fx.eval("production", conf("[database]\nhost = mongodb+srv://cluster0.example.net/st2\n"))) == 0 with data.settings.exposure.external_stores as ["cluster0.example.net"]
	count(fx.eval("production", conf("[messaging]\nurl = amqp://st2:pw@st2-rabbitmq-0.st2-rabbitmq:5672\ncluster_urls = amqp://st2:pw@st2-rabbitmq-0.st2-rabbitmq:5672,amqp://st2:pw@st2-rabbitmq-1.st2-rabbitmq:5672\n"))) == 0
}

quota(p) := {"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": "q", "namespace": fx.ns}, "spec": {"hard": {"pods": p}}}

test_pod_quota if {
	prod(plus(quota("5"))) == {"ST2-OPS-005"}
	count(fx.eval("production", plus(quota("200")))) == 0
}

# --- ST2-OPS-006: RBAC -----------------------------------------------------------------------------

binding(kind, role, subject) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": {"name": "b", "namespace": fx.ns}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role}, "subjects": [subject]}

test_rbac_for_everyone_denies if {
	prod(plus(binding("RoleBinding", "edit", {"kind": "Group", "name": "system:authenticated"}))) == {"ST2-OPS-006"}
	prod(plus(binding("ClusterRoleBinding", "cluster-admin", {"kind": "ServiceAccount", "name": "default", "namespace": fx.ns}))) == {"ST2-OPS-006"}
	prod(plus(binding("RoleBinding", "admin", {"kind": "User", "name": "system:anonymous"}))) == {"ST2-OPS-006"}
}

test_narrow_rbac_passes if {
	count(fx.eval("production", plus(binding("RoleBinding", "view", {"kind": "Group", "name": "system:authenticated"})))) == 0
	count(fx.eval("production", plus(binding("RoleBinding", "edit", {"kind": "Group", "name": "st2-operators"})))) == 0
}

# --- ST2-OPS-007: st2web's upstream URLs ------------------------------------------------------------

web_env(value) := patched("Deployment", "st2-st2web", [{"op": "add", "path": "/spec/template/spec/containers/0/env", "value": [{"name": "ST2_AUTH_URL", "value": value}]}])

test_st2web_urls_outside_the_cluster_deny if {
	every url in ["https://login.example.net/", "http://203.0.113.7:9100/", "http://[2001:db8::1]:9100/"] {
		prod(web_env(url)) == {"ST2-OPS-007"}
	}
}

test_st2web_urls_inside_the_cluster_pass if {
	every url in ["http://st2auth:9100/", "http://st2-st2auth.st2:9100/", "http://st2auth.st2.svc.cluster.local:9100/"] {
		count(fx.eval("production", web_env(url))) == 0
	}
}

# --- ST2-OPS-008 and ST2-OPS-012: tunnels, and forwarders into a stricter environment ---------------

relay(name, image, command) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": name, "namespace": fx.ns},
	"spec": {"replicas": 1, "selector": {"matchLabels": {"app": name}}, "template": {
		"metadata": {"labels": {"app": name}},
		"spec": {"containers": [{"name": "t", "image": image, "command": command, "resources": fx.container("x").resources}]},
	}},
}

mongo_service := fx.service("st2-mongodb", "ClusterIP", {"app": "mongodb"})

test_tunnels_to_a_store_deny if {
	"ST2-OPS-008" in prod(array.concat(fx.baseline, [mongo_service, relay("t", "cloudflare/cloudflared:2024.12.2", ["cloudflared", "tunnel", "--url", "tcp://st2-mongodb:27017"])]))
	"ST2-OPS-008" in prod(array.concat(fx.baseline, [mongo_service, relay("t", "ngrok/ngrok:3", ["ngrok", "tcp", "st2-mongodb:27017"])]))
	"ST2-OPS-008" in prod(array.concat(fx.baseline, [mongo_service, relay("t", "alpine:3.20", ["ssh", "-N", "-R", "0.0.0.0:27017:st2-mongodb:27017", "u@jump.example.net"])]))
}

test_local_forwards_are_no_tunnel if {
	not "ST2-OPS-008" in prod(array.concat(fx.baseline, [mongo_service, relay("t", "alpine:3.20", ["ssh", "-N", "-L", "27017:st2-mongodb:27017", "u@jump.example.net"])]))
}

test_forwarder_into_a_stricter_namespace_denies if {
	dev := fx.eval("dev", [relay("r", "alpine/socat:1.8.0.0", ["socat", "TCP-LISTEN:27017,fork", "TCP:mongodb.st2-prod.svc.cluster.local:27017"])]) with input.namespace as "st2-dev"
	rules_of(dev) == {"ST2-OPS-012"}
	ext := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "db", "namespace": "st2-dev"}, "spec": {"type": "ExternalName", "externalName": "mongodb.st2-prod.svc.cluster.local"}}
	rules_of(fx.eval("dev", [ext])) == {"ST2-OPS-012"}
	same := fx.eval("production", [relay("r", "alpine/socat:1.8.0.0", ["socat", "TCP-LISTEN:8080,fork", "TCP:api.st2-prod.svc.cluster.local:8080"])])
	count(same) == 0
}

# --- ST2-OPS-009: store versions ---------------------------------------------------------------------

store_image(image) := fx.replace(fx.baseline, "StatefulSet", "st2-mongodb", json.patch(fx.base("StatefulSet", "st2-mongodb"), [{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": image}]))

test_store_versions if {
	every image in ["mongo:6.0.13", "mongo:5.0", "mongo:3.6.23", "docker.io/bitnamilegacy/mongodb:7.0.2"] {
		prod(store_image(image)) == {"ST2-OPS-009"}
	}
	every image in ["mongo:4.4.29", "mongo:4.0", "registry.example/mirror/mongodb:9.9"] {
		count(fx.eval("production", store_image(image))) == 0
	}
}

# --- ST2-OPS-010 and ST2-OPS-011: probes on the APIs, mounts in the web root ------------------------

test_http_probe_on_st2api_denies if {
	prod(patched("Deployment", "st2-st2api", [{"op": "add", "path": "/spec/template/spec/containers/0/readinessProbe", "value": {"httpGet": {"path": "/", "port": 9101}}}])) == {"ST2-OPS-010"}
	count(fx.eval("production", patched("Deployment", "st2-st2api", [{"op": "add", "path": "/spec/template/spec/containers/0/readinessProbe", "value": {"tcpSocket": {"port": 9101}}}]))) == 0
	count(fx.eval("production", patched("Deployment", "st2-st2web", [{"op": "add", "path": "/spec/template/spec/containers/0/livenessProbe", "value": {"httpGet": {"path": "/", "port": 443}}}]))) == 0
}

test_mount_in_the_web_root_denies if {
	prod(patched("Deployment", "st2-st2web", [{"op": "add", "path": "/spec/template/spec/containers/0/volumeMounts", "value": [{"name": "k", "mountPath": "/opt/stackstorm/static/webui/k"}]}])) == {"ST2-OPS-011"}
	count(fx.eval("production", patched("Deployment", "st2-st2web", [{"op": "add", "path": "/spec/template/spec/containers/0/volumeMounts", "value": [{"name": "k", "mountPath": "/etc/ssl/st2"}]}]))) == 0
}

# --- ST2-REP-001: no timers engine, or an idle one ----------------------------------------------------

test_timers_image_running_another_service_denies if {
	fs := fx.eval("production", patched("Deployment", "st2-st2timersengine", [{"op": "add", "path": "/spec/template/spec/containers/0/command", "value": ["/opt/stackstorm/st2/bin/st2rulesengine"]}]))
	rules_of(fs) == {"ST2-REP-001"}
}

test_timers_command_of_its_own_passes if {
	count(fx.eval("production", patched("Deployment", "st2-st2timersengine", [{"op": "add", "path": "/spec/template/spec/containers/0/command", "value": ["/opt/stackstorm/st2/bin/st2timersengine"]}]))) == 0
}

test_timers_engine_disabled_in_config_denies if {
	every text in ["[timersengine]\nenable = False\n", "[TimersEngine]\nenable: off\n", "[api]\nallow_origin = x\n\n[timersengine]\nlocal_timezone = UTC\nenable = 0\n"] {
		rules_of(fx.eval("production", plus(fx.config_map("st2-extra", {"st2.user.conf": text})))) == {"ST2-REP-001"}
	}
	count(fx.eval("production", plus(fx.config_map("st2-extra", {"st2.user.conf": "[timersengine]\nenable = True\n[timer]\nenable = False\n"})))) == 0
}

test_binary_config_map_data_is_no_error if {
	bin := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "logo", "namespace": fx.ns}, "binaryData": {"logo.bin": "//79/A=="}}
	count(fx.eval("production", plus(bin))) == 0
}

# --- Duplicate env names: the kubelet keeps the last ------------------------------------------------

test_duplicate_env_names_are_no_error if {
	d := patched("Deployment", "st2-st2api", [{"op": "add", "path": "/spec/template/spec/containers/0/env", "value": [{"name": "A", "value": "x"}, {"name": "A", "value": "y"}]}])
	count(fx.eval("production", d)) == 0
}

# --- Round 2: the round-1 fixes' gaps ------------------------------------------------------------

test_round2_delivery if {
	src := {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": {"name": "x", "namespace": "argocd"}, "spec": {"source": {"path": "overlays/dev", "kustomize": {"namespace": fx.ns}}, "destination": {"server": "https://kubernetes.default.svc"}}}
	prod(plus(src)) == {"ST2-OPS-001", "ST2-OPS-015"}
	prod(plus({"apiVersion": "policies.kyverno.io/v1alpha1", "kind": "MutatingPolicy", "metadata": {"name": "m"}})) == {"ST2-OPS-002"}
	prod(plus({"apiVersion": "kyverno.io/v2", "kind": "ClusterCleanupPolicy", "metadata": {"name": "c"}})) == {"ST2-OPS-002"}
	count(fx.eval("production", plus({"apiVersion": "policies.kyverno.io/v1alpha1", "kind": "ValidatingPolicy", "metadata": {"name": "v"}}))) == 0
	forced := fx.replace(fx.baseline, "StatefulSet", "st2-mongodb", json.patch(fx.base("StatefulSet", "st2-mongodb"), [{"op": "add", "path": "/metadata/annotations", "value": {"argocd.argoproj.io/sync-options": "Force=true,Replace=true"}}]))
	prod(forced) == {"ST2-OPS-003"}
}

test_round2_availability if {
	exprs := patched("PodDisruptionBudget", "st2-mongodb", [{"op": "replace", "path": "/spec", "value": {"maxUnavailable": 3, "selector": {"matchExpressions": [{"key": "app", "operator": "In", "values": ["mongodb"]}]}}}])
	prod(exprs) == {"ST2-OPS-005"}
	fields := fx.replace(fx.baseline, "StatefulSet", "st2-mongodb", json.patch(fx.base("StatefulSet", "st2-mongodb"), [{"op": "add", "path": "/spec/template/spec/affinity", "value": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["node-a"]}]}]}}}}]))
	# The replaced affinity also drops the one-member-per-node anti-affinity (ST2-OPS-045).
	prod(fields) == {"ST2-OPS-005", "ST2-OPS-045"}
	together := fx.replace(fx.baseline, "StatefulSet", "st2-mongodb", json.patch(fx.base("StatefulSet", "st2-mongodb"), [{"op": "add", "path": "/spec/template/spec/affinity", "value": {"podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [{"labelSelector": {"matchLabels": {"app": "mongodb"}}, "topologyKey": "kubernetes.io/hostname"}]}}}]))
	prod(together) == {"ST2-OPS-005", "ST2-OPS-045"}
	prod(store_image("mongo:7.0")) == {"ST2-OPS-009"}
	count(fx.eval("production", store_image("mongo:4.4"))) == 0
	curl := patched("Deployment", "st2-st2api", [{"op": "add", "path": "/spec/template/spec/containers/0/livenessProbe", "value": {"exec": {"command": ["curl", "-fsS", "http://127.0.0.1:9101/v1/actions"]}}}])
	prod(curl) == {"ST2-OPS-010"}
	es := {"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret", "metadata": {"name": "s", "namespace": fx.ns}, "spec": {"target": {"template": {"data": {"st2.secrets.conf": "[database]\npassword = {{ .p }}\n\n[timersengine]\nenable = False\n"}}}}}
	prod(plus(es)) == {"ST2-REP-001"}
}

test_round2_access_and_redirects if {
	prod(plus(binding("RoleBinding", "admin", {"kind": "ServiceAccount", "name": "default", "namespace": fx.ns}))) == {"ST2-OPS-006"}
	count(fx.eval("production", plus(binding("RoleBinding", "view", {"kind": "ServiceAccount", "name": "default", "namespace": fx.ns})))) == 0
	agg := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "agg"}, "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {"x": "y"}}]}, "rules": []}
	part := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "part", "labels": {"x": "y"}}, "rules": [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"]}]}
	prod(array.concat(fx.baseline, [agg, part, binding("RoleBinding", "agg", {"kind": "Group", "name": "system:authenticated"})])) == {"ST2-OPS-006"}
	ext := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "sso", "namespace": fx.ns}, "spec": {"type": "ExternalName", "externalName": "login.example.net"}}
	prod(array.concat(web_env("http://sso:9100/"), [ext])) == {"ST2-OPS-007"}
	aliases := patched("Deployment", "st2-st2api", [{"op": "add", "path": "/spec/template/spec/hostAliases", "value": [{"ip": "203.0.113.9", "hostnames": ["st2-st2web"]}]}])
	prod(aliases) == {"ST2-OPS-007"}
	ldap := patched("Deployment", "st2-st2api", [{"op": "add", "path": "/spec/template/spec/hostAliases", "value": [{"ip": "10.0.0.5", "hostnames": ["ldap.corp.example.com"]}]}])
	count(fx.eval("production", ldap)) == 0
}
