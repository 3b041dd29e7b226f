# ST2-OPS-028..031: pods that render fine and never run (the eighth red team,
# test/policy/redteam/fresh8-pod.ts). Each st2 service that restarts (and the
# timers engine and sensor container always, with strategy Recreate) lands on
# them. The pod specs arrive read once in TypeScript (src/policy/pod-facts.ts,
# pod-security.ts): what they name in the cluster, where they may land, what
# they reserve, the Pod Security checks they fail, the files their processes
# must read and their probes' ports. What the cluster has is the policy
# bundle's to say (data.settings.cluster), never the repository's.
package st2.operations

import data.st2.lib

rules["ST2-OPS-028"] := {
	"title": "Pod that can never be scheduled, started or Ready",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"The pod names something the cluster does not have, or asks for what no node gives: a",
		"schedulerName, RuntimeClass or PriorityClass neither the render nor settings.cluster",
		"(schedulers, runtime_classes, priority_classes) knows; a ServiceAccount other than default",
		"that neither the render (in the pod's namespace) nor settings.cluster.service_accounts",
		"(name or namespace/name) knows; a Localhost seccomp or AppArmor",
		"profile not listed in settings.cluster (seccomp_localhost_profiles,",
		"apparmor_localhost_profiles); a node selector or required node affinity leaving only",
		"architectures or systems its images are not built for, or a spec.os.name other than theirs",
		"(settings.cluster.image_architectures; every image listed there is a Linux image); a",
		"readiness gate whose condition no controller sets (the pod never becomes Ready: no",
		"Service sends it traffic and the rollout stalls): a load balancer controller's gate",
		"counts when the render has that controller's objects (an AWS TargetGroupBinding or ALB",
		"Ingress, a GKE NEG Service), others when settings.cluster.readiness_gates lists the",
		"condition (or its prefix ending in /); a scheduling gate no controller of",
		"settings.cluster.scheduling_gates removes (the pod stays SchedulingGated);",
		"a hard topology spread over a node label no node has (settings.cluster.topology_keys); more",
		"cpu, memory or extended resources than the largest node offers",
		"(settings.cluster.max_node_allocatable, extended_resources); an init container waiting",
		"(nc -z, a curl or wget loop, bash's /dev/tcp) for a Service of the render's namespace that",
		"does not exist or does not serve the",
		"port. The pod stays Pending (or in Init) or is",
		"refused, and a Recreate rollout has already removed the running one. List the cluster's",
		"objects in the policy bundle, or drop the reference.",
	]),
}

rules["ST2-OPS-029"] := {
	"title": "Pod Security admission refuses st2's pods",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"The namespace's pod-security.kubernetes.io/enforce level (an unknown value counts as",
		"restricted) refuses pods the render runs there: every new pod of that workload is",
		"rejected by the API server at its next rollout or restart. Make the pods meet the level",
		"(the message names the failed checks) or keep the level they meet; use the warn and audit",
		"labels to see the effect of a stricter level first.",
	]),
}

rules["ST2-OPS-030"] := {
	"title": "Config file the container's process cannot read",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A --config-file mounted from a Secret, ConfigMap or projected volume is owned by root",
		"(group fsGroup when the pod sets one, which also adds group read); a process running as",
		"another user reads it only through its group or other bits. oslo.config aborts on an",
		"unreadable --config-file and the service crash-loops. Keep fsGroup (st2's images run as",
		"uid 1000) or a mode the process can read.",
	]),
}

rules["ST2-OPS-031"] := {
	"title": "Probe or postStart hook on a port the container never listens on (or in a protocol or at a path it does not serve)",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A liveness or startup probe on a port the process does not serve kills the container",
		"forever, and so does a postStart httpGet or tcpSocket hook (the kubelet kills the container",
		"when its postStart hook fails); a readiness probe keeps it out of every Service. st2api serves 9101, st2auth",
		"9100, st2stream 9102, st2web 80/443; the engines, schedulers, sensor container, notifier,",
		"garbage collector, runners and client serve no port (probe them with exec). A named",
		"port must be one of the container's ports. An HTTPS probe on a store's plain-text port",
		"(mongod without TLS, an etcd http:// listener) fails its TLS handshake: use HTTP, or exec.",
		"etcd's peer port (2380) serves only the peers' paths (/raft, /members, /version...): an httpGet",
		"of /health, /livez, /readyz or /metrics there gets 404; probe the client port (2379).",
	]),
}

# --- The cluster the bundle describes --------------------------------------------------------------

cluster_setting(key, fallback) := v if {
	v := data.settings.cluster[key]
} else := fallback

known_schedulers := {s | some s in cluster_setting("schedulers", ["default-scheduler"])}

known_runtime_classes := {s | some s in cluster_setting("runtime_classes", [])} | rendered_names("RuntimeClass")

# Kubernetes creates these two in every cluster.
known_priority_classes := ({s | some s in cluster_setting("priority_classes", [])} | {"system-cluster-critical", "system-node-critical"}) | rendered_names("PriorityClass")

known_seccomp_profiles := {s | some s in cluster_setting("seccomp_localhost_profiles", [])}

known_apparmor_profiles := {s | some s in cluster_setting("apparmor_localhost_profiles", [])}

known_topology_keys := {s | some s in cluster_setting("topology_keys", ["kubernetes.io/hostname", "topology.kubernetes.io/zone", "topology.kubernetes.io/region"])}

known_extended_resources := {s | some s in cluster_setting("extended_resources", [])}

rendered_names(kind) := {lib.name(r) | some r in lib.resources_of_kind(kind)}

known_refs := {
	"scheduler": known_schedulers,
	"runtime_class": known_runtime_classes,
	"priority_class": known_priority_classes,
	"seccomp_localhost": known_seccomp_profiles,
	"apparmor_localhost": known_apparmor_profiles,
	"topology_key": known_topology_keys,
	"readiness_gate": known_readiness_gates,
	"scheduling_gate": known_scheduling_gates,
}

ref_problems := {
	"scheduler": "no such scheduler runs: the pod stays Pending",
	"runtime_class": "no such RuntimeClass: the API server refuses the pod",
	"priority_class": "no such PriorityClass: the API server refuses the pod",
	"service_account": "no such ServiceAccount in the pod's namespace: the ServiceAccount admission plugin refuses the pod",
	"seccomp_localhost": "no node has this seccomp profile: the container is never created",
	"apparmor_localhost": "no node has this AppArmor profile: the container is never created",
	"topology_key": "no node carries this label: a DoNotSchedule spread leaves no node",
	"readiness_gate": "no controller the render or settings.cluster knows sets this condition: the pod never becomes Ready",
	"scheduling_gate": "no controller settings.cluster knows removes this scheduling gate: the pod stays SchedulingGated",
}

# The pod facts (early facts: check-render.ts sends them before the string search).
pod_fact_lists := {
	"pod_refs": object.get(input.facts, "pod_refs", []),
	"pod_placement": object.get(input.facts, "pod_placement", []),
	"pod_requests": object.get(input.facts, "pod_requests", []),
	"pod_security": object.get(input.facts, "pod_security", []),
	"file_reads": object.get(input.facts, "file_reads", []),
	"probe_ports": object.get(input.facts, "probe_ports", []),
	"probe_never": object.get(input.facts, "probe_never", []),
	"init_waits": object.get(input.facts, "init_waits", []),
	"packs_volumes": object.get(input.facts, "packs_volumes", []),
	"env_links": object.get(input.facts, "env_links", []),
	"service_replaced": object.get(input.facts, "service_replaced", []),
}

pod_facts(key) := l if {
	l := pod_fact_lists[key]
	is_array(l)
} else := []

# --- ST2-OPS-028: what the pod names, where it may land, what it reserves ---------------------------

findings contains f if {
	some ref in pod_facts("pod_refs")
	not known_ref(ref)
	f := lib.finding("ST2-OPS-028", lib.severity_strict, ref.resource, ref.path, {"reference": ref.ref, "value": ref.value, "problem": ref_problems[ref.ref]})
}

known_ref(ref) if known_refs[ref.ref][ref.value]

# ServiceAccounts are namespaced: the pod's namespace's own, default (its controller makes it in
# every namespace), one the render creates there, or one settings.cluster.service_accounts lists
# (a name for any namespace, or namespace/name), as for PriorityClasses.
known_ref(ref) if {
	ref.ref == "service_account"
	known_service_account(lib.namespace(input.resources[ref.resource]), ref.value)
}

known_service_account(_, "default")

known_service_account(ns, name) if {
	some s in cluster_setting("service_accounts", [])
	s in {name, concat("/", [ns, name])}
}

known_service_account(ns, name) if {
	some r in lib.resources_of_kind("ServiceAccount")
	lib.name(r) == name
	lib.namespace(r) == ns
}

# Readiness and scheduling gates may be known by prefix (operations_pod_never.rego).
known_ref(ref) if {
	some prefix in gate_prefixes[ref.ref]
	startswith(ref.value, prefix)
}

# Architectures each image is published for: by repository, or by a prefix ending in "/".
default_image_architectures := {
	"stackstorm/": ["amd64"],
	"mongo": ["amd64", "arm64"],
	"rabbitmq": ["amd64", "arm64", "arm", "386", "ppc64le", "s390x"],
	"busybox": ["amd64", "arm64", "arm", "386", "ppc64le", "s390x", "riscv64"],
	"bitnamilegacy/etcd": ["amd64", "arm64"],
	"bitnami/etcd": ["amd64", "arm64"],
}

image_architectures := cluster_setting("image_architectures", default_image_architectures)

image_arches(repo) := a if {
	a := image_architectures[repo]
} else := a if {
	some prefix, a in image_architectures
	endswith(prefix, "/")
	startswith(repo, prefix)
}

findings contains f if {
	some p in pod_facts("pod_placement")
	is_array(p.arch)
	some repo in p.images
	arches := image_arches(repo)
	count({a | some a in p.arch} & {a | some a in arches}) == 0
	f := lib.finding("ST2-OPS-028", lib.severity_strict, p.resource, p.path, {"image": repo, "architectures": p.arch, "problem": "its image is not built for the only architectures the pod may land on"})
}

# Every image the table knows is a Linux image.
findings contains f if {
	some p in pod_facts("pod_placement")
	is_array(p.os)
	not "linux" in p.os
	some repo in p.images
	image_arches(repo)
	f := lib.finding("ST2-OPS-028", lib.severity_strict, p.resource, p.path, {"image": repo, "os": p.os, "problem": "its image is a Linux image and the pod may only land on other systems"})
}

max_node := cluster_setting("max_node_allocatable", {"cpu": 32, "memory": 137438953472})

findings contains f if {
	some q in pod_facts("pod_requests")
	some resource in ["cpu", "memory"]
	limit := max_node[resource]
	is_number(limit)
	q[resource] > limit
	f := lib.finding("ST2-OPS-028", lib.severity_strict, q.resource, q.path, {"resource": resource, "request": q[resource], "largest_node": limit, "problem": "the pod asks for more than the largest node offers: it stays Pending"})
}

findings contains f if {
	some q in pod_facts("pod_requests")
	some name, amount in q.extended
	amount > 0
	not known_extended_resources[name]
	f := lib.finding("ST2-OPS-028", lib.severity_strict, q.resource, q.path, {"resource": name, "problem": "no node offers this extended resource: the pod stays Pending"})
}

# --- ST2-OPS-029: Pod Security admission ------------------------------------------------------------

psa_label := "pod-security.kubernetes.io/enforce"

# Namespaces of the render that enforce a level: an unknown value is enforced as restricted.
enforced_levels[ns] := level if {
	some i, r in lib.resources_of_kind("Namespace")
	not lib.dropped_copies[i]
	v := lib.labels(r)[psa_label]
	ns := lib.name(r)
	level := psa_level(v)
}

psa_level(v) := object.get({"baseline": "baseline", "privileged": "privileged"}, v, "restricted")

findings contains f if {
	some p in pod_facts("pod_security")
	r := input.resources[p.resource]
	level := enforced_levels[lib.namespace(r)]
	level != "privileged"
	failed := p[level]
	count(failed) > 0
	f := lib.finding("ST2-OPS-029", lib.severity_strict, p.resource, p.path, {"namespace": lib.namespace(r), "level": level, "checks": failed})
}

# --- ST2-OPS-030: files the process must read ------------------------------------------------------

# The user each image runs as when the pod does not say (st2's service images: USER st2, uid 1000).
default_image_users := {
	"stackstorm/st2api": [1000, 1000],
	"stackstorm/st2auth": [1000, 1000],
	"stackstorm/st2stream": [1000, 1000],
	"stackstorm/st2rulesengine": [1000, 1000],
	"stackstorm/st2timersengine": [1000, 1000],
	"stackstorm/st2workflowengine": [1000, 1000],
	"stackstorm/st2scheduler": [1000, 1000],
	"stackstorm/st2notifier": [1000, 1000],
	"stackstorm/st2sensorcontainer": [1000, 1000],
	"stackstorm/st2garbagecollector": [1000, 1000],
	"stackstorm/st2actionrunner": [0, 0],
}

image_users := cluster_setting("image_users", default_image_users)

process_uid(fr) := fr.uid if {
	fr.uid >= 0
} else := image_users[fr.image][0]

# -2: not known (a user the image does not list gets group 0 or its own; both are believed).
process_gid(fr) := fr.gid if {
	fr.gid >= 0
} else := image_users[fr.image][1] if {
	fr.uid < 0
} else := -2

readable(_, uid, _) if uid == 0

readable(fr, _, _) if bits.and(fr.mode, 4) == 4

readable(fr, _, gid) if {
	bits.and(fr.mode, 32) == 32
	fr.group in array.concat([gid], fr.groups)
}

readable(fr, _, -2) if bits.and(fr.mode, 32) == 32

findings contains f if {
	some fr in pod_facts("file_reads")
	uid := process_uid(fr)
	not readable(fr, uid, process_gid(fr))
	f := lib.finding("ST2-OPS-030", lib.severity_strict, fr.resource, fr.path, {"file": fr.file, "mode": fr.octal, "group": fr.group, "uid": uid, "problem": "the process cannot read its --config-file: it exits at start"})
}

# --- ST2-OPS-031: probes ------------------------------------------------------------------------------

# Ports each role's process listens on; the roles not here serve none.
listen_ports := {
	"st2api": {9101},
	"st2auth": {9100},
	"st2stream": {9102},
	"st2web": {80, 443},
	"st2chatops": {8081},
	"st2rulesengine": set(),
	"st2timersengine": set(),
	"st2workflowengine": set(),
	"st2notifier": set(),
	"st2sensorcontainer": set(),
	"st2actionrunner": set(),
	"st2garbagecollector": set(),
	"st2scheduler": set(),
	"st2client": set(),
	"mongodb": {27017},
	"rabbitmq": {4369, 5671, 5672, 15671, 15672, 15692, 25672},
	"etcd": {2379, 2380},
}

# The roles of every running container, by "resource\npath" (built once).
container_roles_at[key] := roles if {
	some i, w in lib.workloads
	some k, u in w.units
	some j, e in lib.running_with_paths(u)
	key := concat("\n", [format_int(i, 10), json.marshal(e.path)])
	roles := w.unit_roles[k][j]
}

# The ports a container with these roles listens on; undefined when a role is not known.
ports_of_roles(roles) := ports if {
	count(roles) > 0
	every role in roles {
		listen_ports[role]
	}
	ports := {p | some role in roles; some p in listen_ports[role]}
}

# An init container polling a Service of a namespace the render owns (`until nc -z svc port`,
# src/policy/init-waits.ts) where nothing answers: no such Service, or one that exposes no such
# port (a headless Service: no pod of the namespace listening there). The init container never
# completes, so the pod never starts.
findings contains f if {
	some w in pod_facts("init_waits")
	ns := wait_namespace(w)
	lib.known_namespaces[ns]
	problem := init_wait_problem(ns, w)
	f := lib.finding("ST2-OPS-028", lib.severity_strict, w.resource, w.path, {"service": w.service, "port": w.port, "problem": problem})
}

wait_namespace(w) := w.namespace if w.namespace != ""

else := lib.namespace(input.resources[w.resource])

init_wait_problem(ns, w) := "an init container waits for a Service the namespace does not have: the pod never starts" if {
	count(rendered_services(ns, w.service)) == 0
} else := "an init container waits on a port the Service does not serve: the pod never starts" if {
	svcs := rendered_services(ns, w.service)
	count(svcs) > 0
	every svc in svcs {
		object.get(svc.spec, "type", "ClusterIP") != "ExternalName"
		not service_serves(svc, ns, w.port)
	}
}

service_serves(svc, _, port) if {
	some p in object.get(svc.spec, "ports", [])
	p.port == port
}

# A headless Service resolves to the pods themselves: any port a pod of the namespace listens on.
service_serves(svc, ns, port) if {
	object.get(svc.spec, "clusterIP", "") == "None"
	namespace_ports[ns][port]
}

# Built once per render (a partial set, not a function evaluated for every wait).
namespace_ports[ns] contains p if {
	some w in lib.workloads
	ns := w.namespace
	some u in w.units
	some c in object.get(u.pod_spec, "containers", [])
	some cp in object.get(c, "ports", [])
	p := cp.containerPort
}

namespace_ports[ns] contains p if {
	some w in lib.workloads
	ns := w.namespace
	some role in w.roles
	some p in object.get(listen_ports, role, set())
}

# An httpGet probe with scheme HTTPS on a port the store serves in plain text by its own flags
# (mongod without TLS flags, an etcd http:// listener; src/policy/probe-clients.ts): the kubelet's
# TLS handshake fails every time, so the probe always fails.
findings contains f if {
	some p in pod_facts("probe_ports")
	p.plain_tls
	f := lib.finding("ST2-OPS-031", lib.severity_strict, p.resource, p.path, {"port": p.port, "problem": "an HTTPS probe on a port that speaks plain text: the TLS handshake fails, the probe always fails"})
}

# An httpGet on etcd's peer listener of a path it answers with 404 (src/policy/probe-never.ts).
findings contains f if {
	some p in pod_facts("probe_never")
	p.handler == "http"
	f := lib.finding("ST2-OPS-031", lib.severity_strict, p.resource, p.path, {"container": p.container, "probe": p.probe, "problem": p.problem})
}

findings contains f if {
	some p in pod_facts("probe_ports")
	p.port == -1
	f := lib.finding("ST2-OPS-031", lib.severity_strict, p.resource, p.path, {"port": p.named, "problem": "the named port is none of the container's ports: the probe always fails"})
}

# The ports the container's server listens on: where its own flags move them (mongod --port,
# --shardsvr; redis-server --port; etcd's listen URLs, src/policy/probe-clients.ts), else its
# role's usual ones. An exec probe's store client (mongosh --port, redis-cli -p, etcdctl
# --endpoints) dialling its own pod is judged the same way as a tcpSocket probe.
server_ports(p, roles) := {x | some x in p.listens} if {
	count(object.get(p, "listens", [])) > 0
} else := ports_of_roles(roles)

# Where the workload's st2 config chain moves an API service's port ([api] port and so on;
# ST2-HRD-010 judges a moved port against the rest): the process listens there too.
configured_ports(i, roles) := {port |
	some c in object.get(object.get(input.facts, "st2_chains", {}), format_int(i, 10), [])
	some role, port in object.get(c, "listen", {})
	role in roles
	port > 0
}

findings contains f if {
	some p in pod_facts("probe_ports")
	p.port >= 0
	roles := container_roles_at[concat("\n", [format_int(p.resource, 10), json.marshal(p.container)])]
	ports := (server_ports(p, roles) | configured_ports(p.resource, roles)) | {x | some x in object.get(p, "also", [])}
	not p.port in ports
	f := lib.finding("ST2-OPS-031", lib.severity_strict, p.resource, p.path, {"port": p.port, "roles": sort([r | some r in roles]), "listens_on": sort([x | some x in ports]), "problem": "the process never listens on this port: the probe always fails"})
}
