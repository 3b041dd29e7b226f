# What the cluster does with the manifests after the gate has judged them:
# objects that deploy or rewrite other manifests the gate never sees, Argo CD
# hook semantics that delete long-running workloads, rollouts, disruption
# budgets and node pins that take every replica at once, RBAC grants that hand
# the st2 namespace's Secrets to everyone, st2web sending logins out of the
# cluster, tunnels publishing a store, store versions st2 3.8 cannot use,
# probes st2's APIs cannot answer, and a missing or switched-off timers engine.
# Found by the fifth red team (test/policy/redteam/fresh5.ts).
package st2.operations

import data.st2.lib

rules["ST2-OPS-001"] := {
	"title": "Nested delivery object deploying into an st2 namespace outside the gate",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"An Argo CD Application or ApplicationSet, or a Flux Kustomization or HelmRelease, in the",
		"render makes the cluster apply manifests this gate never renders or judges (overlays/dev",
		"with its default secrets, say) into the st2 namespace. Deploy st2 manifests only through",
		"the gated overlay; point nested Applications at other namespaces.",
	]),
}

rules["ST2-OPS-002"] := {
	"title": "Admission mutation the gate cannot see",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A MutatingWebhookConfiguration, MutatingAdmissionPolicy, Kyverno mutate rule or",
		"Gatekeeper mutation rewrites objects after the gate judged them (a second timers engine,",
		"a default password, an open Service). Ship cluster-wide admission control from its own",
		"reviewed repository, not in the st2 overlay.",
	]),
}

rules["ST2-OPS-003"] := {
	"title": "Long-running workload declared as an Argo CD or Helm hook",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"Argo CD never applies a resource with hook Skip, deletes a PreSync/Sync hook before",
		"each run (hook-delete-policy BeforeHookCreation) and a PostSync one once it succeeds:",
		"a Deployment or StatefulSet made a hook is missing, or killed at every sync. Hooks are",
		"for Jobs and Pods; remove the hook annotations from the workload.",
	]),
}

rules["ST2-OPS-004"] := {
	"title": "st2web Ingress without TLS",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"st2web's Ingress carries every login password and st2 token; without a tls entry for",
		"its host the controller serves it over plain HTTP. Add spec.tls with the host and a",
		"certificate Secret (cert-manager), as components/ingress does.",
	]),
}

rules["ST2-OPS-005"] := {
	"title": "Change that takes every replica of an HA service or store at once",
	"default_severity": "deny",
	"profiles": "deny in production, warn in staging",
	"remediation": concat(" ", [
		"maxUnavailable equal to the replicas (or 100%) stops every pod of the service on each",
		"rollout; a PodDisruptionBudget allowing every replica to go lets a node drain evict",
		"them all; nodeName or a kubernetes.io/hostname selector puts every replica on one node.",
		"Keep maxUnavailable below the replicas, PDBs at minAvailable >= 1 (2 for quorum stores),",
		"and spread replicas over nodes. Give st2 every member of a replicated store",
		"(replicaSet=, cluster_urls, Redis Sentinel), and a pod quota above what the namespace runs.",
	]),
}

rules["ST2-OPS-006"] := {
	"title": "RBAC grant handing the st2 namespace to everyone",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A binding of cluster-admin, admin, edit or a role that reads Secrets to every",
		"authenticated user, every service account or anonymous gives away the st2 SSH key,",
		"the datastore key and the database passwords; cluster-admin for a service account in",
		"the st2 namespace hands the cluster to whoever can run an st2 action. Bind narrow roles",
		"to named users, groups or service accounts.",
	]),
}

rules["ST2-OPS-007"] := {
	"title": "st2web forwarding logins or tokens outside the cluster",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"st2web's nginx proxies /auth, /api and /stream to ST2_AUTH_URL, ST2_API_URL and",
		"ST2_STREAM_URL: an address outside the cluster receives every password and token users",
		"type. Point them at the in-cluster Services (http://st2auth:9100/, and so on).",
	]),
}

rules["ST2-OPS-008"] := {
	"title": "Tunnel agent publishing MongoDB, RabbitMQ, etcd or Redis",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"cloudflared, ngrok, bore, inlets, zrok, frpc, chisel R: or ssh -R publish what they",
		"forward on the internet without any Service, Ingress or LoadBalancer: a store behind",
		"one is open to the world. Reach the stores through kubectl port-forward from an",
		"authorised workstation instead.",
	]),
}

rules["ST2-OPS-009"] := {
	"title": "MongoDB or RabbitMQ version StackStorm 3.8 cannot run on",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"st2 3.8 supports MongoDB 4.0 to 4.4 (MongoDB 5+ images also lack the legacy mongo shell",
		"the probes and replica-set init use) and RabbitMQ 3.x (4.0 removed the classic queue",
		"mirroring the ha policy relies on, and cannot be reached from 3.12 in one step).",
		"Stay on mongo 4.4.x and rabbitmq 3.x.",
	]),
}

rules["ST2-OPS-010"] := {
	"title": "HTTP probe on st2api, st2auth or st2stream",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"st2 has no unauthenticated health endpoint (StackStorm/st2#4020): an httpGet probe on",
		"these APIs gets 401 or 404, so the kubelet kills or never readies every replica.",
		"Use a tcpSocket probe on the service port.",
	]),
}

rules["ST2-OPS-011"] := {
	"title": "Volume mounted inside st2web's web root",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"st2web's nginx serves /opt/stackstorm/static to anyone who reaches the UI, before any",
		"login: a Secret or ConfigMap mounted there (the SSH key, the datastore key) is",
		"downloadable. Mount it elsewhere.",
	]),
}

rules["ST2-OPS-012"] := {
	"title": "Forwarder reaching into the namespace of a stricter environment",
	"default_severity": "deny",
	"profiles": "deny in every profile",
	"remediation": concat(" ", [
		"A forwarder (socat, kubectl port-forward, a tunnel) or an ExternalName Service in a",
		"leniently judged render that leads to a Service in st2-prod (or another namespace the",
		"policy maps to a stricter environment) publishes that environment's stores under the",
		"lenient rules. Keep each environment's traffic inside its own namespace.",
	]),
}

# --- Helpers ---------------------------------------------------------------------

annotations(r) := a if {
	a := r.metadata.annotations
	is_object(a)
} else := {}

# Namespaces an st2 render deploys to: the policy's namespace map and the render's own.
st2_namespaces := ({ns | some ns, _ in lib.namespace_profiles} | lib.render_namespaces) | {ns |
	ns := input.namespace
	is_string(ns)
	ns != ""
}

# Active-active st2 services and quorum stores: every replica going at once is an outage.
ha_roles := {
	"st2web", "st2auth", "st2api", "st2stream", "st2rulesengine", "st2workflowengine",
	"st2scheduler", "st2actionrunner", "st2notifier", "mongodb", "rabbitmq", "etcd",
}

ha_workload(w) if {
	some role in w.roles
	ha_roles[role]
	w.replicas > 1
}

# --- ST2-OPS-001: nested delivery -----------------------------------------------------------

delivery_targets contains [i, ["spec", "destination", "namespace"], ns] if {
	some i, r in lib.resources_of_kind("Application")
	startswith(object.get(r, "apiVersion", ""), "argoproj.io/")
	ns := object.get(r, ["spec", "destination", "namespace"], "")
}

delivery_targets contains [i, ["spec", "template", "spec", "destination", "namespace"], ns] if {
	some i, r in lib.resources_of_kind("ApplicationSet")
	startswith(object.get(r, "apiVersion", ""), "argoproj.io/")
	ns := object.get(r, ["spec", "template", "spec", "destination", "namespace"], "")
}

delivery_targets contains [i, ["spec", "targetNamespace"], ns] if {
	some kind in {"Kustomization", "HelmRelease"}
	some i, r in lib.resources_of_kind(kind)
	contains(object.get(r, "apiVersion", ""), "toolkit.fluxcd.io/")
	ns := object.get(r, ["spec", "targetNamespace"], lib.namespace(r))
}

# A kustomize namespace override in the Application's source(s) moves what it syncs there.
delivery_targets contains [i, array.concat(path, ["kustomize", "namespace"]), ns] if {
	some i, r in lib.resources_of_kind("Application")
	startswith(object.get(r, "apiVersion", ""), "argoproj.io/")
	some path in {["spec", "source"]} | {["spec", "sources", k] | some k, _ in object.get(r, ["spec", "sources"], [])}
	ns := object.get(r, array.concat(path, ["kustomize", "namespace"]), "")
	ns != ""
}

# A templated destination ("{{namespace}}") can be any namespace.
reaches_st2(ns) if st2_namespaces[ns]

reaches_st2(ns) if contains(ns, "{{")

findings contains f if {
	some [i, path, ns] in delivery_targets
	is_string(ns)
	reaches_st2(ns)
	f := lib.finding("ST2-OPS-001", lib.severity_strict, i, path, {"kind": input.resources[i].kind, "namespace": ns})
}

# --- ST2-OPS-002: admission mutation -----------------------------------------------------------

mutating_kinds := {"MutatingWebhookConfiguration", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding"}

gatekeeper_mutations := {"Assign", "AssignMetadata", "ModifySet", "AssignImage"}

findings contains f if {
	some kind in mutating_kinds
	some i, r in lib.resources_of_kind(kind)
	startswith(object.get(r, "apiVersion", ""), "admissionregistration.k8s.io/")
	f := lib.finding("ST2-OPS-002", lib.severity_strict, i, ["kind"], {"kind": kind})
}

findings contains f if {
	some kind in gatekeeper_mutations
	some i, r in lib.resources_of_kind(kind)
	startswith(object.get(r, "apiVersion", ""), "mutations.gatekeeper.sh/")
	f := lib.finding("ST2-OPS-002", lib.severity_strict, i, ["kind"], {"kind": kind})
}

# Kyverno's newer policy types (policies.kyverno.io) and its cleanup policies,
# which delete matching resources on a schedule.
kyverno_acting_kinds := {"MutatingPolicy", "ClusterCleanupPolicy", "CleanupPolicy", "DeletingPolicy", "GeneratingPolicy"}

findings contains f if {
	some kind in kyverno_acting_kinds
	some i, r in lib.resources_of_kind(kind)
	contains(object.get(r, "apiVersion", ""), "kyverno.io/")
	f := lib.finding("ST2-OPS-002", lib.severity_strict, i, ["kind"], {"kind": kind})
}

findings contains f if {
	some kind in {"ClusterPolicy", "Policy"}
	some i, r in lib.resources_of_kind(kind)
	startswith(object.get(r, "apiVersion", ""), "kyverno.io/")
	some j, rule in object.get(r, ["spec", "rules"], [])
	is_object(rule.mutate)
	f := lib.finding("ST2-OPS-002", lib.severity_strict, i, ["spec", "rules", j, "mutate"], {"kind": kind})
}

# --- ST2-OPS-003: workloads made hooks ------------------------------------------------------------

long_running_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Rollout"}

hook_annotations := {"argocd.argoproj.io/hook", "helm.sh/hook"}

findings contains f if {
	some kind in long_running_kinds
	some i, r in lib.resources_of_kind(kind)
	some key in hook_annotations
	hook := annotations(r)[key]
	f := lib.finding("ST2-OPS-003", lib.severity_strict, i, ["metadata", "annotations", key], {"kind": kind, "hook": hook})
}

# Replace=true with Force=true makes every sync delete and recreate the workload.
findings contains f if {
	some kind in long_running_kinds
	some i, r in lib.resources_of_kind(kind)
	opts := lower(object.get(annotations(r), "argocd.argoproj.io/sync-options", ""))
	contains(opts, "replace=true")
	contains(opts, "force=true")
	f := lib.finding("ST2-OPS-003", lib.severity_strict, i, ["metadata", "annotations", "argocd.argoproj.io/sync-options"], {"kind": kind, "hook": "Replace=true,Force=true"})
}

# --- ST2-OPS-004: st2web Ingress without TLS --------------------------------------------------------

st2web_service_refs contains [lib.namespace(svc), lib.name(svc)] if {
	some i in data.st2.exposure.http_services
	svc := input.resources[i]
}

tls_hosts(r) := {h | some t in object.get(r, ["spec", "tls"], []); some h in object.get(t, "hosts", [])}

tls_covers(r, host) if tls_hosts(r)[host]

tls_covers(r, host) if {
	some pattern in tls_hosts(r)
	startswith(pattern, "*.")
	parts := split(host, ".")
	concat(".", array.slice(parts, 1, count(parts))) == substring(pattern, 2, -1)
}

findings contains f if {
	some i, r in lib.resources_of_kind("Ingress")
	some j, rule in object.get(r, ["spec", "rules"], [])
	some p in object.get(rule, ["http", "paths"], [])
	svc := object.get(p, ["backend", "service", "name"], object.get(p, ["backend", "serviceName"], ""))
	st2web_service_refs[[lib.namespace(r), svc]]
	host := object.get(rule, "host", "")
	not tls_covers(r, host)
	f := lib.finding("ST2-OPS-004", lib.severity_strict, i, ["spec", "rules", j], {"service": svc, "host": host})
}

# --- ST2-OPS-005: every replica at once ---------------------------------------------------------------

# maxUnavailable as a count of pods: an integer, or a percentage rounded down.
unavailable_pods(v, _) := v if is_number(v)

unavailable_pods(v, replicas) := n if {
	is_string(v)
	endswith(v, "%")
	n := floor((to_number(trim_suffix(v, "%")) * replicas) / 100)
}

findings contains f if {
	some i, w in lib.workloads
	w.kind == "Deployment"
	ha_workload(w)
	r := input.resources[i]
	object.get(r, ["spec", "strategy", "type"], "RollingUpdate") == "RollingUpdate"
	v := object.get(r, ["spec", "strategy", "rollingUpdate", "maxUnavailable"], "25%")
	unavailable_pods(v, w.replicas) >= w.replicas
	f := lib.finding("ST2-OPS-005", lib.severity_capacity, i, ["spec", "strategy", "rollingUpdate", "maxUnavailable"], {"component": w.component, "replicas": w.replicas, "how": "rollout"})
}

pdb_selects(pdb, w) if {
	pdb.kind == "PodDisruptionBudget"
	lib.namespace(pdb) == w.namespace
	sel := object.get(pdb, ["spec", "selector", "matchLabels"], {})
	exprs := object.get(pdb, ["spec", "selector", "matchExpressions"], [])
	count(sel) + count(exprs) > 0
	every k, v in sel {
		w.pod_labels[k] == v
	}
	every e in exprs {
		expression_holds(e, w.pod_labels)
	}
}

expression_holds(e, labels) if {
	e.operator == "In"
	labels[e.key] in e.values
}

expression_holds(e, labels) if {
	e.operator == "NotIn"
	not labels[e.key] in e.values
}

expression_holds(e, labels) if {
	e.operator == "Exists"
	labels[e.key]
}

expression_holds(e, labels) if {
	e.operator == "DoesNotExist"
	not labels[e.key]
}

pdb_allows_all(pdb, replicas) if unavailable_pods(pdb.spec.maxUnavailable, replicas) >= replicas

pdb_allows_all(pdb, _) if {
	m := pdb.spec.minAvailable
	some zero in {0, "0", "0%"}
	m == zero
}

# A budget of one pod (maxUnavailable: 1, minAvailable >= 1) never lets an HA
# workload (2 or more replicas) go whole: only the others are matched to workloads.
pdb_may_allow_all(pdb) if {
	v := pdb.spec.maxUnavailable
	v != 1
}

pdb_may_allow_all(pdb) if {
	some zero in {0, "0", "0%"}
	pdb.spec.minAvailable == zero
}

findings contains f if {
	some i, pdb in lib.resources_of_kind("PodDisruptionBudget")
	pdb_may_allow_all(pdb)
	some w in lib.workloads
	ha_workload(w)
	pdb_selects(pdb, w)
	pdb_allows_all(pdb, w.replicas)
	f := lib.finding("ST2-OPS-005", lib.severity_capacity, i, ["spec"], {"component": w.component, "replicas": w.replicas, "how": "disruption budget"})
}

pinned_to_one_node(spec) if {
	is_string(spec.nodeName)
	spec.nodeName != ""
}

pinned_to_one_node(spec) if is_string(spec.nodeSelector["kubernetes.io/hostname"])

pinned_to_one_node(spec) if {
	count(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms) == 1
	some term in spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms
	some e in array.concat(object.get(term, "matchExpressions", []), object.get(term, "matchFields", []))
	e.key in {"kubernetes.io/hostname", "metadata.name"}
	e.operator == "In"
	count(e.values) == 1
}

# Required affinity to its own pods on the same host: every replica lands beside the first.
pinned_together(u) if {
	some term in u.pod_spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution
	term.topologyKey == "kubernetes.io/hostname"
	sel := object.get(term, ["labelSelector", "matchLabels"], {})
	count(sel) > 0
	every k, v in sel {
		u.labels[k] == v
	}
}

findings contains f if {
	some i, w in lib.workloads
	ha_workload(w)
	some u in w.units
	pinned_together(u)
	f := lib.finding("ST2-OPS-005", lib.severity_capacity, i, array.concat(u.spec_path, ["affinity", "podAffinity"]), {"component": w.component, "replicas": w.replicas, "how": "one node"})
}

findings contains f if {
	some i, w in lib.workloads
	ha_workload(w)
	some u in w.units
	pinned_to_one_node(u.pod_spec)
	f := lib.finding("ST2-OPS-005", lib.severity_capacity, i, u.spec_path, {"component": w.component, "replicas": w.replicas, "how": "one node"})
}

# st2 reaching a replicated store through one member: pymongo without
# replicaSet= talks to that one mongod (writes fail once it is not the
# primary, and nothing fails over); kombu to one RabbitMQ pod without
# cluster_urls stops with that pod. A coordination backend of one Redis pod
# without Sentinel stalls every workflow lock while it restarts.
st2_conf_texts contains [v.resource, [v.field, v.key], v.text] if {
	some v in lib.text_values
	lib.st2_config_texts[v.text]
}

# ExternalSecret templates write st2 config files too (st2.secrets.conf).
st2_conf_texts contains [i, ["spec", "target", "template", "data", key], text] if {
	some i, r in lib.resources_of_kind("ExternalSecret")
	some key, text in object.get(r, ["spec", "target", "template", "data"], {})
	is_string(text)
	regex.match(`(?m)^\s*\[(messaging|database|coordination)\]\s*$`, text)
}

store_replicas(role) := sum([w.replicas | some w in lib.workloads; w.roles[role]; w.replicas > 0])

option_value(text, section, option) := m[1] if {
	# A cheap look for the section before the regular expression.
	contains(text, concat("", ["[", section, "]"]))
	pattern := concat("", [`(?msi)^\s*\[`, section, `\]\s*$[^\[]*?^[ \t]*`, option, `[ \t]*[=:][ \t]*([^\n]*?)[ \t]*$`])
	m := regex.find_all_string_submatch_n(pattern, text, 1)[0]
}

single_member_reason(text) := "database host without replicaSet" if {
	host := option_value(text, "database", "host")
	not contains(host, "replicaSet=")
	not startswith(lower(host), "mongodb+srv://")
	not contains(host, ",")
	store_replicas("mongodb") > 1
}

single_member_reason(text) := "messaging url to one RabbitMQ pod" if {
	url := option_value(text, "messaging", "url")
	m := regex.find_all_string_submatch_n(`^amqps?://(?:[^\n]*@)?([^:/\s,@]+)`, url, 1)[0]
	regex.match(`-[0-9]+(\.|$)`, m[1])
	not option_value(text, "messaging", "cluster_urls")
	store_replicas("rabbitmq") > 1
}

single_member_reason(text) := "coordination on one Redis pod without Sentinel" if {
	url := option_value(text, "coordination", "url")
	startswith(lower(url), "redis://")
	not contains(lower(url), "sentinel")
	some w in lib.workloads
	w.roles.redis
	store_replicas("redis") < 2
}

findings contains f if {
	some [i, path, text] in st2_conf_texts
	reason := single_member_reason(text)
	f := lib.finding("ST2-OPS-005", lib.severity_capacity, i, path, {"component": "st2", "how": reason})
}

# A pod quota below what the render runs in that namespace: the pods past it are never created.
quota_pods(q) := to_number(p) if {
	p := q.spec.hard.pods
	is_string(p)
	regex.match(`^[0-9]+$`, p)
} else := p if {
	p := q.spec.hard.pods
	is_number(p)
}

running_pods(ns) := sum([w.replicas |
	some w in lib.workloads
	w.namespace == ns
	w.kind != "Job"
	w.kind != "CronJob"
	w.replicas > 0
])

findings contains f if {
	some i, q in lib.resources_of_kind("ResourceQuota")
	limit := quota_pods(q)
	need := running_pods(lib.namespace(q))
	limit < need
	f := lib.finding("ST2-OPS-005", lib.severity_capacity, i, ["spec", "hard", "pods"], {"component": "namespace", "replicas": need, "how": "pod quota"})
}

# --- ST2-OPS-006: RBAC for everyone ----------------------------------------------------------------

broad_subject(s) if {
	s.kind == "Group"
	some g in {"system:authenticated", "system:unauthenticated", "system:serviceaccounts"}
	s.name == g
}

broad_subject(s) if {
	s.kind == "Group"
	startswith(s.name, "system:serviceaccounts:")
	st2_namespaces[trim_prefix(s.name, "system:serviceaccounts:")]
}

broad_subject(s) if {
	s.kind == "User"
	s.name == "system:anonymous"
}

powerful_cluster_roles := {"cluster-admin", "admin", "edit"}

secret_verbs := {"get", "list", "watch", "*"}

# A role of the render that reads Secrets (or everything).
secret_reader_roles contains [r.kind, lib.name(r)] if {
	some kind in {"Role", "ClusterRole"}
	some r in lib.resources_of_kind(kind)
	some rule in object.get(r, "rules", [])
	some res in object.get(rule, "resources", [])
	some res_name in {"secrets", "*"}
	res == res_name
	some verb in object.get(rule, "verbs", [])
	secret_verbs[verb]
}

dangerous_role(ref) if {
	ref.kind == "ClusterRole"
	powerful_cluster_roles[ref.name]
}

dangerous_role(ref) if secret_reader_roles[[ref.kind, ref.name]]

# An aggregated ClusterRole holds the rules of every ClusterRole its selectors match.
dangerous_role(ref) if {
	ref.kind == "ClusterRole"
	some agg in lib.resources_of_kind("ClusterRole")
	lib.name(agg) == ref.name
	some sel in object.get(agg, ["aggregationRule", "clusterRoleSelectors"], [])
	some part in lib.resources_of_kind("ClusterRole")
	secret_reader_roles[["ClusterRole", lib.name(part)]]
	lib.map_selects(object.get(sel, "matchLabels", {}), lib.labels(part))
}

findings contains f if {
	some kind in {"RoleBinding", "ClusterRoleBinding"}
	some i, b in lib.resources_of_kind(kind)
	dangerous_role(b.roleRef)
	some j, s in object.get(b, "subjects", [])
	broad_subject(s)
	f := lib.finding("ST2-OPS-006", lib.severity_strict, i, ["subjects", j], {"role": b.roleRef.name, "subject": s.name})
}

# st2 actions run as the pods' service accounts: any st2 user gets what those may do.
findings contains f if {
	some kind in {"RoleBinding", "ClusterRoleBinding"}
	some i, b in lib.resources_of_kind(kind)
	dangerous_role(b.roleRef)
	some j, s in object.get(b, "subjects", [])
	s.kind == "ServiceAccount"
	st2_namespaces[object.get(s, "namespace", "")]
	f := lib.finding("ST2-OPS-006", lib.severity_strict, i, ["subjects", j], {"role": b.roleRef.name, "subject": s.name})
}

# --- ST2-OPS-007: st2web's upstream URLs ----------------------------------------------------------------

st2web_url_vars := {"ST2_AUTH_URL", "ST2_API_URL", "ST2_STREAM_URL"}

configmap_data[[lib.namespace(r), lib.name(r)]] := d if {
	some r in lib.resources_of_kind("ConfigMap")
	d := object.get(r, "data", {})
	is_object(d)
}

# A Secret's values as its pods see them (stringData as written, data decoded).
secret_data[[lib.namespace(r), lib.name(r)]] := object.union(
	{k: base64.decode(v) | some k, v in object.get(r, "data", {}); is_string(v); base64.is_valid(v)},
	{k: v | some k, v in object.get(r, "stringData", {}); is_string(v)},
) if {
	some r in lib.resources_of_kind("Secret")
}

# [variable, value, path] of each st2web upstream URL a container gets: literal
# env, env from a ConfigMap key, and envFrom a whole ConfigMap of the render.
st2web_urls(c, ns) := {[e.name, e.value, array.concat(c.path, ["env", k])] |
	some k, e in object.get(c.container, "env", [])
	st2web_url_vars[e.name]
	is_string(e.value)
} | {[e.name, v, array.concat(c.path, ["env", k])] |
	some k, e in object.get(c.container, "env", [])
	st2web_url_vars[e.name]
	ref := e.valueFrom.configMapKeyRef
	v := configmap_data[[ns, ref.name]][ref.key]
	is_string(v)
} | {[e.name, v, array.concat(c.path, ["env", k])] |
	some k, e in object.get(c.container, "env", [])
	st2web_url_vars[e.name]
	ref := e.valueFrom.secretKeyRef
	v := secret_data[[ns, ref.name]][ref.key]
	is_string(v)
} | {[var, v, array.concat(c.path, ["envFrom", k])] |
	some k, e in object.get(c.container, "envFrom", [])
	d := configmap_data[[ns, e.configMapRef.name]]
	some var in st2web_url_vars
	v := d[concat("", [object.get(e, "prefix", ""), var])]
	is_string(v)
} | {[var, v, array.concat(c.path, ["envFrom", k])] |
	some k, e in object.get(c.container, "envFrom", [])
	d := secret_data[[ns, e.secretRef.name]]
	some var in st2web_url_vars
	v := d[concat("", [object.get(e, "prefix", ""), var])]
	is_string(v)
}

# An in-cluster name that is an ExternalName Service leads where that one points.
external_names[[lib.namespace(svc), lib.name(svc)]] := lower(svc.spec.externalName) if {
	some svc in lib.resources_of_kind("Service")
	svc.spec.type == "ExternalName"
	is_string(svc.spec.externalName)
}

leads_outside(host, _) if not in_cluster_host(host)

leads_outside(host, ns) if {
	ref := data.st2.exposure.host_ref(host, ns)
	target := external_names[ref]
	not in_cluster_host(target)
}

# An in-cluster address: a Service name, name.namespace, or ….svc[.cluster.local].
in_cluster_host(host) if regex.match(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)?$`, host)

in_cluster_host(host) if regex.match(`^[a-z0-9.-]+\.svc(\.cluster\.local)?\.?$`, host)

url_host(url) := lower(m[1]) if {
	m := regex.find_all_string_submatch_n(`^\s*[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#\s]+)`, url, 1)[0]
}

findings contains f if {
	some c in lib.containers
	w := lib.workloads[c.resource]
	w.roles.st2web
	some [var, url, path] in st2web_urls(c, w.namespace)
	host := url_host(url)
	leads_outside(host, w.namespace)
	f := lib.finding("ST2-OPS-007", lib.severity_strict, c.resource, path, {"variable": var, "host": host})
}

# An st2 pod whose names resolve where the manifest says: hostAliases for a
# Service name (the stores, st2's own APIs) send st2's passwords and tokens to
# that address; dnsPolicy None with its own nameservers lets them say so.
st2_client_roles := {
	"st2web", "st2auth", "st2api", "st2stream", "st2rulesengine", "st2timersengine",
	"st2workflowengine", "st2notifier", "st2sensorcontainer", "st2actionrunner",
	"st2garbagecollector", "st2client", "st2scheduler",
}

st2_pod(w) if {
	some role in w.roles
	st2_client_roles[role]
}

service_names contains [lib.namespace(svc), lib.name(svc)] if some svc in lib.resources_of_kind("Service")

findings contains f if {
	some i, w in lib.workloads
	st2_pod(w)
	some u in w.units
	some k, alias in object.get(u.pod_spec, "hostAliases", [])
	some name in object.get(alias, "hostnames", [])
	ref := data.st2.exposure.host_ref(name, w.namespace)
	service_names[ref]
	f := lib.finding("ST2-OPS-007", lib.severity_strict, i, array.concat(u.spec_path, ["hostAliases", k]), {"variable": "hostAliases", "host": name})
}

findings contains f if {
	some i, w in lib.workloads
	st2_pod(w)
	some u in w.units
	u.pod_spec.dnsPolicy == "None"
	count(object.get(u.pod_spec, ["dnsConfig", "nameservers"], [])) > 0
	f := lib.finding("ST2-OPS-007", lib.severity_strict, i, array.concat(u.spec_path, ["dnsConfig", "nameservers"]), {"variable": "dnsConfig", "host": concat(",", u.pod_spec.dnsConfig.nameservers)})
}

# --- ST2-OPS-008: tunnels to the stores ----------------------------------------------------------------

# Agents that publish what they forward outside the cluster whatever their
# arguments, and those that do with one (a remote forward).
tunnel_agents := {"cloudflared", "ngrok", "bore", "inlets", "zrok", "frpc"}

tunnel_ctr(ctr) if tunnel_agents[lib.program(ctr)]

tunnel_ctr(ctr) if {
	is_string(ctr.image)
	tunnel_agents[lib.image_repository(ctr.image)]
}

tunnel_ctr(ctr) if {
	some text in lib.command_texts(ctr)
	some agent in tunnel_agents
	contains(text, concat("", [agent, " "]))
}

tunnel_ctr(ctr) if {
	some prog in {"ssh", "chisel"}
	forwards_remote(ctr, prog)
}

# Command and args read as one line: "-R" and its forward are separate words.
forwards_remote(ctr, prog) if {
	data.st2.exposure.forwarder(ctr)
	text := concat(" ", lib.command_texts(ctr))
	contains(text, prog)
	regex.match(`(^|\s)(-R\s*\S|R:)`, text)
}

# The stores an ssh or chisel forward spec ([bind:]port:host:hostport) leads to.
forward_spec_roles(w, ctr) := {role |
	targets := data.st2.exposure.store_targets
	text := concat(" ", lib.command_texts(ctr))
	some m in regex.find_all_string_submatch_n(`(?:^|[\s:])[0-9]+:([A-Za-z][A-Za-z0-9.-]*):[0-9]+`, text, -1)
	some ref in data.st2.exposure.host_refs(m[1], w.namespace)
	some role in targets[ref]
}

findings contains f if {
	some i, w in lib.workloads
	some u in w.units
	some ctr in lib.running_containers(u.pod_spec)
	# Every tunnel agent is a forwarder: the cheap test first.
	data.st2.exposure.forwarder(ctr)
	tunnel_ctr(ctr)
	some role in data.st2.exposure.forward_roles(w) | forward_spec_roles(w, ctr)
	f := lib.finding("ST2-OPS-008", lib.severity_strict, i, u.spec_path, {"component": w.component, "store": role})
}

# --- ST2-OPS-012: reaching into a stricter environment -----------------------------------------------

# A namespace the policy maps to a stricter environment than the one this
# render is judged by (a dev overlay forwarding to st2-prod's MongoDB).
stricter_namespace(ns) if lib.rank_of(lib.namespace_profiles[ns]) > lib.rank_of(lib.profile)

findings contains f if {
	some i, w in lib.workloads
	some u in w.units
	some ctr in lib.running_containers(u.pod_spec)
	data.st2.exposure.forwarder(ctr)
	some text in lib.command_texts(ctr)
	some word in data.st2.exposure.forward_words(text)
	contains(word, ".")
	some ref in data.st2.exposure.host_refs(word, w.namespace)
	stricter_namespace(ref[0])
	f := lib.finding("ST2-OPS-012", "deny", i, u.spec_path, {"component": w.component, "namespace": ref[0]})
}

findings contains f if {
	some i, svc in lib.resources_of_kind("Service")
	svc.spec.type == "ExternalName"
	ref := data.st2.exposure.host_ref(svc.spec.externalName, lib.namespace(svc))
	stricter_namespace(ref[0])
	f := lib.finding("ST2-OPS-012", "deny", i, ["spec", "externalName"], {"component": lib.name(svc), "namespace": ref[0]})
}

# --- ST2-OPS-009: store versions ---------------------------------------------------------------------

# [major, minor] of a tag; a major-only tag ("mongo:7") is that major's newest minor, at least .0.
image_version(img) := [to_number(m[1]), minor_of(m[2])] if {
	no_digest := split(img, "@")[0]
	segments := split(no_digest, "/")
	last := segments[count(segments) - 1]
	parts := split(last, ":")
	count(parts) == 2
	m := regex.find_all_string_submatch_n(`^v?([0-9]+)(?:\.([0-9]+))?(?:[^0-9]|$)`, parts[1], 1)[0]
}

minor_of(s) := 0 if s == "" else := to_number(s)

unsupported_version("mongodb", [major, _]) if major > 4

unsupported_version("mongodb", [major, minor]) if {
	major == 4
	minor > 4
}

unsupported_version("mongodb", [major, _]) if major < 4

unsupported_version("rabbitmq", [major, _]) if major >= 4

# The images whose tags are the store's own version: the official ones and
# Bitnami's (and Percona's MongoDB), not a private rebuild's tag.
store_image("mongodb", img) if lib.image_repository(img) == "mongo"

store_image("mongodb", img) if lib.image_repository(img) == "percona-server-mongodb"

store_image(store, img) if {
	lib.image_repository(img) == store
	contains(lower(img), "bitnami")
}

store_image("rabbitmq", img) if lib.image_repository(img) == "rabbitmq"

findings contains f if {
	some c in lib.containers
	w := lib.workloads[c.resource]
	some store in {"mongodb", "rabbitmq"}
	w.roles[store]
	is_string(c.container.image)
	lib.container_roles(c.container)[store]
	store_image(store, c.container.image)
	v := image_version(c.container.image)
	unsupported_version(store, v)
	f := lib.finding("ST2-OPS-009", lib.severity_strict, c.resource, array.concat(c.path, ["image"]), {"store": store, "version": concat(".", [format_int(v[0], 10), format_int(v[1], 10)])})
}

# --- ST2-OPS-010: HTTP probes on st2's APIs -------------------------------------------------------------

api_roles := {"st2api", "st2auth", "st2stream"}

api_workload(w) if {
	some role in api_roles
	w.roles[role]
}

findings contains f if {
	some c in lib.containers
	c.field == "containers"
	api_workload(lib.workloads[c.resource])
	some probe in {"livenessProbe", "readinessProbe", "startupProbe"}
	is_object(c.container[probe].httpGet)
	some role in lib.container_roles(c.container)
	api_roles[role]
	f := lib.finding("ST2-OPS-010", lib.severity_strict, c.resource, array.concat(c.path, [probe, "httpGet"]), {"component": role, "probe": probe})
}

findings contains f if {
	some c in lib.containers
	c.field == "containers"
	api_workload(lib.workloads[c.resource])
	some probe in {"livenessProbe", "readinessProbe", "startupProbe"}
	is_object(c.container[probe].exec)
	some role in lib.container_roles(c.container)
	api_roles[role]
	text := concat(" ", [x | some x in object.get(c.container, [probe, "exec", "command"], []); is_string(x)])
	regex.match(`(^|[\s/])(curl|wget|http)\s.*https?://`, text)
	f := lib.finding("ST2-OPS-010", lib.severity_strict, c.resource, array.concat(c.path, [probe, "exec"]), {"component": role, "probe": probe})
}

# --- ST2-OPS-011: mounts in st2web's web root -------------------------------------------------------------

findings contains f if {
	some c in lib.containers
	lib.workloads[c.resource].roles.st2web
	some k, m in object.get(c.container, "volumeMounts", [])
	is_string(m.mountPath)
	startswith(m.mountPath, "/opt/stackstorm/static")
	lib.container_roles(c.container).st2web
	f := lib.finding("ST2-OPS-011", lib.severity_strict, c.resource, array.concat(c.path, ["volumeMounts", k, "mountPath"]), {"mount": m.mountPath})
}

# --- ST2-REP-001, continued: no timers engine at all, or one switched off -------------------------------
#
# REP-001's metadata and the other cases live in replicas.rego. A Deployment
# labelled or named st2timersengine that runs something else leaves the
# cluster without timers, as does a render running the rules engine and the
# scheduler with no timers engine anywhere; `[timersengine] enable = False`
# (st2 ORs it with the deprecated [timer] enable, which defaults to unset)
# keeps the one engine idle.

# A timers engine process: a running container whose image or command says
# st2timersengine, unless its command names another st2 service (the timers
# image told to run the rules engine runs no timers).
runs_timers(w) if {
	w.roles.st2timersengine
	not timers_only_by_image(w)
}

timers_only_by_image(w) if {
	timers := [ctr |
		some u in w.units
		some ctr in lib.running_containers(u.pod_spec)
		lib.container_roles(ctr).st2timersengine
	]
	count(timers) > 0
	every ctr in timers {
		commands_other_service(ctr)
	}
}

commands_other_service(ctr) if {
	cmd := lib.command_roles(ctr)
	count(cmd) > 0
	not cmd.st2timersengine
}

timers_running if {
	some w in data.st2.replicas.with_role("st2timersengine")
	runs_timers(w)
}

findings contains f if {
	not timers_running
	some i, w in lib.workloads
	lib.label_roles(w.component).st2timersengine
	f := lib.finding("ST2-REP-001", lib.severity_always, i, ["metadata", "name"], {"component": w.component, "replicas": 0, "kind": w.kind})
}

findings contains f if {
	not timers_running
	not timers_named_workload
	count(data.st2.replicas.with_role("st2rulesengine")) > 0
	count(data.st2.replicas.with_role("st2scheduler")) > 0
	f := lib.finding("ST2-REP-001", lib.severity_always, -1, [], {"component": "st2timersengine", "replicas": 0, "kind": "none"})
}

timers_named_workload if {
	some w in lib.workloads
	lib.label_roles(w.component).st2timersengine
}

findings contains f if {
	some [i, path, text] in st2_conf_texts
	not text_value_path(path)
	regex.match(`(?msi)^\s*\[timersengine\]\s*$[^\[]*?^[ \t]*enable[ \t]*[=:][ \t]*['"]?(false|0|no|off)['"]?[ \t]*$`, text)
	f := lib.finding("ST2-REP-001", lib.severity_always, i, path, {"component": "st2timersengine", "replicas": 0, "kind": "config", "key": path[count(path) - 1]})
}

text_value_path(path) if count(path) == 2

findings contains f if {
	some v in lib.text_values
	# No lower(): binaryData decodes to bytes that are not UTF-8.
	some needle in {"ngine", "NGINE"}
	contains(v.text, needle)
	regex.match(`(?msi)^\s*\[timersengine\]\s*$[^\[]*?^[ \t]*enable[ \t]*[=:][ \t]*['"]?(false|0|no|off)['"]?[ \t]*$`, v.text)
	f := lib.finding("ST2-REP-001", lib.severity_always, v.resource, [v.field, v.key], {"component": "st2timersengine", "replicas": 0, "kind": "config", "key": v.key})
}
