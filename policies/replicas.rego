# Replica counts that break StackStorm or its backing services.
#
# A workload's size is spec.replicas (default 1) for Deployments, StatefulSets
# and ReplicaSets; a DaemonSet runs one pod per node, so it is never a
# singleton. The component is the pod label `app` (see lib.component) and its
# roles the known names among its dash-separated parts, so the chart's resource
# names ("<rel>-st2timersengine-enterprise") are recognised too.
# Reasons: shared/reference/stackstorm-ha.md §1, §3 and §10.
package st2.replicas

import data.st2.lib

# --- Rule metadata ---------------------------------------------------------------

rules["ST2-REP-001"] := {
	# Two timers engines fire every timer twice whatever a waiver says: no paperwork
	# makes that safe, so no waiver covers it in production, nor in staging: staging's
	# rules run their actions against the same chat rooms, ticket queues and hosts twice, and a
	# staging that may double its timers rehearses nothing production allows.
	"waivable_in_production": false,
	"waivable_in_staging": false,
	"title": "st2timersengine must run exactly one replica",
	"default_severity": "deny",
	"profiles": "deny in every profile",
	"remediation": concat(" ", [
		"Every st2timersengine fires every timer, so two of them give duplicate timer events,",
		"duplicate rule evaluations and duplicate workflows; zero fire none.",
		"Run exactly one replica in one Deployment (not a DaemonSet) and rely on Kubernetes",
		"to reschedule it.",
	]),
}

rules["ST2-REP-002"] := {
	# Every sensor running twice fires every trigger (and so every rule and action) twice, as two timers engines do: never waivable in staging or production.
	"waivable_in_production": false,
	"waivable_in_staging": false,
	"title": "st2sensorcontainer Deployment with more than one replica (or a rollout that starts a second)",
	"default_severity": "deny",
	"profiles": "deny in every profile; a rollout that overlaps: deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"Replicas of one Deployment share one pod template and so one sensor partition: every",
		"replica runs the same sensors and every trigger fires twice. Keep replicas: 1 and scale",
		"by partitioning into more Deployments (--single-sensor-mode --sensor-ref=<pack.Sensor>",
		"or a [sensorcontainer] partition_provider), each with one replica, and strategy Recreate:",
		"a rolling update, even with maxSurge 0, starts the new pod before the old one has stopped.",
	]),
}

rules["ST2-REP-003"] := {
	# Every sensor running twice fires every trigger (and so every rule and action) twice, as two timers engines do: never waivable in staging or production.
	"waivable_in_production": false,
	"waivable_in_staging": false,
	"title": "Several st2sensorcontainer Deployments without sensor partitioning",
	"default_severity": "deny",
	"profiles": "deny in every profile",
	"remediation": concat(" ", [
		"Without partitioning every sensor container runs every sensor, so a second Deployment",
		"duplicates all triggers. Give each Deployment its own partition (--single-sensor-mode",
		"--sensor-ref=..., or partition_provider in [sensorcontainer]) or keep a single one.",
	]),
}

rules["ST2-REP-004"] := {
	"title": "Singleton StackStorm component with more than one replica",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev; st2garbagecollector: warn in every profile",
	"remediation": concat(" ", [
		"st2client is a utility pod holding admin credentials, and hubot in st2chatops cannot be",
		"scaled (it answers every message once per replica): set replicas: 1, as the chart does.",
		"More than one st2garbagecollector only warns: st2's HA guide says running several",
		"\"will not yield much benefit, but will not do any harm\"; one is enough.",
	]),
}

rules["ST2-REP-005"] := {
	"title": "Active-active StackStorm service (or the action runners) with fewer than 2 replicas",
	"default_severity": "deny",
	"profiles": "deny in production, warn in staging, not checked in dev",
	"remediation": concat(" ", [
		"st2web, st2auth, st2api, st2stream, st2rulesengine, st2workflowengine, st2scheduler and",
		"st2notifier are active-active, and st2actionrunner runs every action; with one replica",
		"any node drain or crash is an outage.",
		"Run at least 2 replicas (the chart's default), spread across nodes.",
	]),
}

rules["ST2-REP-006"] := {
	"title": "Several st2notifier, st2actionrunner, st2scheduler or st2workflowengine replicas without a coordination backend",
	"default_severity": "deny",
	"profiles": "deny in every profile",
	"remediation": concat(" ", [
		"With more than one st2notifier, st2actionrunner, st2scheduler (concurrency policy locks)",
		"or st2workflowengine (a lock on every Orquesta task completion), st2 needs a distributed",
		"coordination backend; the default one does not work across pods (workflows hang or fail,",
		"stackstorm-k8s#57, #116). Set [coordination] url = redis://... (or etcd://, zookeeper://)",
		"in the st2 config and deploy that backend in the same render, or run one replica; every",
		"process of these roles must read the file that sets it (without it st2 takes a no-op driver).",
	]),
}

rules["ST2-REP-007"] := {
	"title": "MongoDB, etcd or RabbitMQ cluster too small for quorum",
	"default_severity": "deny",
	"profiles": "deny in production, warn in staging, not checked in dev",
	"remediation": concat(" ", [
		"MongoDB replica sets and etcd need an odd number of members, at least 3, to keep a",
		"majority when one fails; an even count adds a failure point without adding tolerance.",
		"RabbitMQ needs at least 3 nodes for mirrored or quorum queues to survive a node loss.",
	]),
}

rules["ST2-REP-008"] := {
	"title": "etcd or MongoDB scaled as a Deployment",
	"default_severity": "deny",
	"profiles": "deny in every profile",
	"remediation": concat(" ", [
		"Pods of a Deployment have no stable identity or storage, so etcd or MongoDB replicas",
		"started this way form no cluster: each is an independent, diverging store. Run them",
		"as a StatefulSet with peer configuration, or keep the Deployment at one replica.",
	]),
}

rules["ST2-REP-009"] := {
	"title": "Autoscaler (HPA, KEDA ScaledObject, any scaleTargetRef) targets a singleton component",
	"default_severity": "deny",
	"profiles": "deny in every profile; st2garbagecollector: warn",
	"remediation": concat(" ", [
		"st2timersengine, st2sensorcontainer, st2client and st2chatops must run one replica; an",
		"autoscaler would scale them out and duplicate timers, triggers or chat replies. Remove",
		"the HPA; scale sensors by partitioning instead. (On st2garbagecollector it only warns:",
		"extra copies do no harm, and gain nothing.)",
	]),
}

rules["ST2-REP-010"] := {
	"title": "Workload scaled to zero replicas",
	"default_severity": "deny",
	"profiles": "deny in production, warn in staging, not checked in dev",
	"remediation": concat(" ", [
		"A workload with replicas: 0 is shipped but not running, which in production is an",
		"outage or a leftover. Remove the workload or give it its intended replica count.",
		"st2client (an operator's shell, no service depends on it) may be at 0.",
	]),
}

rules["ST2-REP-011"] := {
	"title": "A component st2 needs is missing: st2scheduler beside the runners, or any st2 service, store or Service st2 connects through in staging or production",
	"default_severity": "deny",
	"profiles": "deny in every profile (the whole set in staging and production)",
	"remediation": concat(" ", [
		"Since st2 2.10 only st2scheduler moves executions from requested to scheduled, and",
		"st2actionrunner runs only scheduled ones, so without it no action ever runs.",
		"Deploy st2scheduler in the same namespace (2 replicas, as the community chart does)",
		"with the same config files as the other st2 services. Staging and production renders",
		"must keep their Namespace object and every st2 service (st2web, st2auth, st2api, st2stream, the rules, timers and",
		"workflow engines, st2scheduler, st2notifier, st2sensorcontainer, st2actionrunner),",
		"MongoDB, RabbitMQ, the coordination store its [coordination] url names, and the Services",
		"st2's config connects through: Argo CD prunes what the render drops. Rename by keeping",
		"what runs; a store may move to an operator's resource (RabbitmqCluster, MongoDBCommunity).",
	]),
}

rules["ST2-REP-012"] := {
	"title": "etcd coordination backend that st2's etcd:// driver cannot use",
	"default_severity": "deny",
	"profiles": "deny in every profile",
	"remediation": concat(" ", [
		"[coordination] url = etcd:// is tooz's etcd driver, which speaks only the etcd v2 HTTP",
		"API: run etcd 3.5 (3.6 removed v2) with --enable-v2=true. With v2 on, etcd 3.5 serves",
		"/health on the client port but answers 404 on /livez and /readyz there, so probe",
		"/health (a probe that never passes keeps etcd unready and blocks PostSync hooks). Keep",
		"--v2-deprecation at not-yet (3.5's default): with write-only or later etcd 3.5 refuses",
		"--enable-v2 and exits.",
	]),
}

rules["ST2-REP-014"] := {
	"title": "Replicated store whose members never form one cluster",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"Each member of a replicated store must be told about the others when it bootstraps, so",
		"that they form one cluster of at least 3 (or all of them, when fewer run): etcd's",
		"--initial-cluster (or ETCD_INITIAL_CLUSTER, or the config file's initial-cluster) must name",
		"the StatefulSet's members, MongoDB's rs.initiate must list them (rs.initiate() alone makes",
		"a one-member set), and RabbitMQ needs peer discovery (cluster_formation.peer_discovery_backend",
		"with its nodes, or a k8s/dns backend). Otherwise each pod is a store of its own behind one",
		"Service: st2 locks, executions and messages land on different members and are lost.",
		"Latent until a (re)bootstrap. Never run etcd members with --force-new-cluster, advertise the",
		"peer URLs --initial-cluster lists for each member, give each RabbitMQ pod its own node name,",
		"set RABBITMQ_USE_LONGNAME=true for dotted node names, and point RABBITMQ_CONFIG_FILE only",
		"at a file the pod has (else the node boots without rabbitmq.conf and its peer list). The",
		"members' host names are <pod>.<serviceName>: keep spec.ordinals.start at 0 unless every list",
		"is renumbered with it, and keep serviceName a headless Service of the render that those names use.",
	]),
}

rules["ST2-REP-015"] := {
	"title": "st2 coordination backend below the quorum floor",
	"default_severity": "deny",
	"profiles": "deny in production, warn in staging, not checked in dev",
	"remediation": concat(" ", [
		"Every workflow task completion and every scheduler concurrency policy takes a",
		"coordination lock: the store [coordination] url names (ZooKeeper, etcd, Redis or any",
		"other) must meet the floor the quorum stores meet, at least 3 members (an odd number for",
		"ZooKeeper and etcd), reached through a Service over all of them.",
	]),
}

# --- Helpers ---------------------------------------------------------------------

# Workloads grouped by role, keyed by resource index: by_role[role][i] =
# workload. A rule (not a function), so it is computed once per evaluation, in
# one pass over the workloads. Jobs and CronJobs count too: the st2 services
# are daemons, so a Job or CronJob running one (st2timersengine "catching
# up", st2garbagecollector "nightly") is another running copy while it runs.
# Hook Jobs run st2 tools (st2-register-content), which have no role.
by_role[role][i] := w if {
	some i, w in lib.workloads
	some role in w.roles
}

with_role(role) := object.get(by_role, role, {})

replicas_path := ["spec", "replicas"]

params(w) := {"component": w.component, "replicas": w.replicas, "kind": w.kind}

# Summed replicas of one role in one namespace; a DaemonSet counts as 2 (it
# runs on every node, so it is "more than one" for these purposes).
replica_counts[role][ns][i] := effective(w, role) if {
	some role, ws in by_role
	some i, w in ws
	ns := w.namespace
}

# Totals per role and namespace, summed once (a function is re-evaluated
# at every call, and every workload of a role asks for its namespace's total).
totals := {role: {ns: sum([n | some n in counts]) | some ns, counts in by_ns} |
	some role, by_ns in replica_counts
}

total(role, ns) := totals[role][ns]

# Processes of one role a workload runs (lib's copies: replicas times the
# containers running it); unbounded (-1: a DaemonSet, a Knative Service without
# max-scale) counts as 2, "more than one".
effective(w, role) := 2 if {
	object.get(w.copies, role, w.replicas) < 0
} else := object.get(w.copies, role, w.replicas)

# Path to report for a workload's size: spec.replicas, or kind for a DaemonSet.
size_path(w) := ["kind"] if w.kind == "DaemonSet"

size_path(w) := replicas_path if w.kind != "DaemonSet"

# --- ST2-REP-001: st2timersengine exactly 1 ------------------------------------------

findings contains f if {
	some i, w in with_role("st2timersengine")
	effective(w, "st2timersengine") != 1
	f := lib.finding("ST2-REP-001", lib.severity_always, i, size_path(w), params(w))
}

# One replica each, but several timers engines in the same namespace.
findings contains f if {
	some i, w in with_role("st2timersengine")
	effective(w, "st2timersengine") == 1
	n := total("st2timersengine", w.namespace)
	n > 1
	f := lib.finding("ST2-REP-001", lib.severity_always, i, ["metadata", "name"], object.union(params(w), {"total": n}))
}

# Timers engines in different namespaces on one message bus or database (a
# "canary" wired to production's RabbitMQ and MongoDB): every timer fires on
# each. Counted per store, not per namespace: src/policy/st2-chains.ts names
# the other namespaces whose stores a process's config chain ends with.
findings contains f if {
	count(chain_facts) > 0
	some i, w in with_role("st2timersengine")
	some j, other in with_role("st2timersengine")
	i != j
	other.namespace != w.namespace
	count(timer_stores(i, w) & timer_stores(j, other)) > 0
	f := lib.finding("ST2-REP-001", lib.severity_always, i, ["metadata", "name"], object.union(params(w), {"shares_stores_with": concat("/", [other.namespace, other.name])}))
}

chain_facts := f if {
	f := input.facts.st2_chains
	is_object(f)
} else := {}

timer_stores(i, w) := {w.namespace} | {ns |
	some c in object.get(chain_facts, format_int(i, 10), [])
	some ns in object.get(c, "stores", [])
}

# A rolling update runs two timers engines at once: a Deployment's default
# strategy (RollingUpdate, maxSurge 25%, rounded up to one pod) starts the new
# pod first, and even maxSurge 0 does not wait for the old one to stop: the
# Deployment controller does not count Terminating pods, so the new pod starts
# while the old one is still in its grace period (kubernetes.io Deployments:
# Recreate is the only strategy that "guarantees Pod termination previous to
# creation for upgrades"; kubernetes/website#31603's note on Terminating pods).
# An Argo Rollout has no Recreate and overlaps the same way (argo-rollouts#2239:
# maxSurge 0% still runs old and new together). A StatefulSet replaces a pod of
# the same name only once the old one is gone, so it never overlaps. The timers
# engine must never overlap (st2's HA guide: exactly one active), so it uses
# strategy Recreate. Sensor containers overlap the same way (ST2-REP-002 below:
# every sensor runs twice while both pods live; the base uses Recreate too).
findings contains f if {
	some i, w in with_role("st2timersengine")
	overlaps(input.resources[i])
	f := lib.finding("ST2-REP-001", lib.severity_always, i, ["spec", "strategy"], object.union(params(w), {"rollout": "starts a second engine before the first has stopped (use strategy Recreate)"}))
}

overlaps(r) if {
	r.kind == "Deployment"
	object.get(r, ["spec", "strategy", "type"], "RollingUpdate") != "Recreate"
}

overlaps(r) if r.kind == "Rollout"

# Any other kind that says it surges (an OpenKruise CloneSet's updateStrategy.maxSurge).
overlaps(r) if {
	not r.kind in {"Deployment", "Rollout"}
	some field in ["strategy", "updateStrategy"]
	some surge in [object.get(r, ["spec", field, "rollingUpdate", "maxSurge"], 0), object.get(r, ["spec", field, "maxSurge"], 0)]
	not zero_surge(surge)
}

# A sensor container whose rollout overlaps: denied where it matters (staging and
# production), a warning in dev, where the chart's default rolling update is common.
findings contains f if {
	some i, w in with_role("st2sensorcontainer")
	overlaps(input.resources[i])
	f := lib.finding("ST2-REP-002", lib.severity_strict, i, ["spec", "strategy"], object.union(params(w), {"rollout": "starts a second sensor container before the first has stopped (use strategy Recreate)"}))
}

zero_surge(v) if v in {0, "0", "0%"}

# --- ST2-REP-002 / 003: sensors --------------------------------------------------------
#
# Decision: partitioning does not make replicas > 1 of one Deployment safe,
# because all replicas share one pod template and so one partition. What
# partitioning allows is several sensor Deployments, each with one replica.
# Partitioning is "configured" for a sensor workload when any of:
#   - a container's command/args has --single-sensor-mode or --sensor-ref;
#   - the pod annotation stackstorm/sensor-mode (stackstorm-k8s >= 0.80) is
#     one-sensor-per-pod or multiple-sensors-per-pod;
#   - an st2 config text in the render sets [sensorcontainer] partition_provider
#     and the workload reads a config no other sensor workload reads;
#   - input.facts.sensor_partitioning is true (reserved for the TS side).

findings contains f if {
	some i, w in with_role("st2sensorcontainer")
	effective(w, "st2sensorcontainer") > 1
	f := lib.finding("ST2-REP-002", lib.severity_always, i, size_path(w), params(w))
}

# Sensor workloads in a namespace: replica_counts has one entry per workload.
sensor_workloads(ns) := count(object.get(replica_counts, ["st2sensorcontainer", ns], {}))

findings contains f if {
	some i, w in with_role("st2sensorcontainer")
	not partitioned(i, w)
	n := sensor_workloads(w.namespace)
	n > 1
	f := lib.finding("ST2-REP-003", lib.severity_always, i, ["metadata", "name"], {"component": w.component, "deployments": n})
}

partitioned(_, _) if input.facts.sensor_partitioning == true

# A partition_provider in the st2 config partitions sensor containers only
# when each reads a partition of its own: the kvstore provider's
# sensor_node_name and the hash provider's hash_ranges are per node, so two
# Deployments reading the same settings (one ConfigMap, or two with the same
# values) claim the same partition and run the same sensors.
partitioned(i, w) if {
	# Only without the chains' facts (the Rego unit tests): with them, each container's own
	# chain decides (replicas_sensors.rego), and a partition text of its own is not enough
	# (the ninth red team's overlapping ranges and empty file lists).
	not sensor_partition_index[i]
	some id in partition_ids(w)
	not shared_partition(i, w, id)
}

shared_partition(i, w, id) if {
	some j, other in with_role("st2sensorcontainer")
	j != i
	other.namespace == w.namespace
	partition_ids(other)[id]
}

# The partitions a sensor workload reads: provider and node name, normalised.
partition_ids(w) := {id |
	index := partition_ids_by_source
	some src in config_sources(w)
	some id in index[src]
}

partition_ids_by_source[[r.kind, lib.name(r)]] contains id if {
	ids := text_partition_ids
	count(ids) > 0
	some v in lib.text_values
	id := ids[v.text]
	r := input.resources[v.resource]
}

# Each distinct st2 config text's partition, parsed once.
text_partition_ids := {text: id |
	some text in lib.st2_config_texts
	id := partition_id(text)
}

# partition_provider = name:default is st2's default: every sensor container
# runs every sensor, so it partitions nothing.
partition_id(text) := concat("|", [provider, node]) if {
	# The key is there before the regex runs (or is even compiled).
	contains(text, "partition_provider")
	some m in regex.find_all_string_submatch_n(`(?m)^[ \t]*partition_provider[ \t]*[=:][ \t]*([^\n]*\S)`, text, 1)
	provider := lower(strings.replace_n({" ": "", "\t": ""}, m[1]))
	not startswith(provider, "name:default")
	node := sensor_node_name(text)
}

sensor_node_name(text) := lower(trim_space(m[1])) if {
	m := regex.find_all_string_submatch_n(`(?m)^[ \t]*sensor_node_name[ \t]*[=:][ \t]*([^\n]*\S)`, text, 1)[0]
} else := "sensornode1"

# The ConfigMaps and Secrets a workload's pods mount.
config_sources(w) := {[kind, name] |
	some u in w.units
	some v in object.get(u.pod_spec, "volumes", [])
	some src in lib.volume_sources(v)
	[kind, name] := src
}

# The stackstorm/sensor-mode annotation alone is a claim, not a partition:
# only what the container runs or the st2 config says counts.
partitioned(i, w) if {
	some c in lib.workload_containers(i, w)
	some field in ["command", "args"]
	some arg in c.container[field]
	is_string(arg)
	partition_arg(arg)
}

partition_arg(arg) if contains(arg, "--single-sensor-mode")

partition_arg(arg) if contains(arg, "--sensor-ref")

# The --sensor-ref each sensor workload runs (--sensor-ref=pack.Sensor or
# --sensor-ref pack.Sensor, as list items or inside a shell line), by namespace.
sensor_refs[[w.namespace, m[1]]] contains i if {
	some i, w in with_role("st2sensorcontainer")
	some c in lib.workload_containers(i, w)
	line := concat(" ", [arg |
		some field in ["command", "args"]
		some arg in object.get(c.container, field, [])
		is_string(arg)
	])
	contains(line, "--sensor-ref")
	some m in regex.find_all_string_submatch_n(`--sensor-ref(?:=|\s+)([^\s'";&|]+)`, line, -1)
}

# Two sensor workloads running the same sensor: partitioned, but not apart.
findings contains f if {
	some [ns, ref], owners in sensor_refs
	count(owners) > 1
	some i in owners
	w := lib.workloads[i]
	f := lib.finding("ST2-REP-003", lib.severity_always, i, ["metadata", "name"], {"component": w.component, "deployments": count(owners), "sensor_ref": ref, "namespace": ns})
}

# --- ST2-REP-004: at most one --------------------------------------------------------

at_most_one := {"st2garbagecollector", "st2client", "st2chatops"}

# st2's ha.rst on the garbage collector: "Running multiple instances in
# active-active will not yield much benefit, but will not do any harm" (each
# copy purges the same old records). So a second one only warns.
at_most_one_severity(role) := "warn" if {
	role == "st2garbagecollector"
} else := lib.severity_strict

findings contains f if {
	some role in at_most_one
	some i, w in with_role(role)
	effective(w, role) > 1
	f := lib.finding("ST2-REP-004", at_most_one_severity(role), i, size_path(w), params(w))
}

# One replica each, but several such workloads in one namespace (a CronJob
# beside the Deployment, a renamed copy).
findings contains f if {
	some role in at_most_one
	some i, w in with_role(role)
	effective(w, role) == 1
	n := total(role, w.namespace)
	n > 1
	f := lib.finding("ST2-REP-004", at_most_one_severity(role), i, ["metadata", "name"], object.union(params(w), {"total": n}))
}

# --- ST2-REP-005: active-active at least 2 ----------------------------------------------

# st2actionrunner too: with one runner a drain or crash stops every action (the eighth
# red team's runners-one-replica); the chart runs several.
active_active := {"st2web", "st2auth", "st2api", "st2stream", "st2rulesengine", "st2workflowengine", "st2notifier", "st2scheduler", "st2actionrunner"}

findings contains f if {
	severity := lib.severity_capacity
	some role in active_active
	some i, w in with_role(role)
	w.scalable
	effective(w, role) < 2
	n := total(role, w.namespace)
	n < 2
	f := lib.finding("ST2-REP-005", severity, i, replicas_path, object.union(params(w), {"total": n}))
}

# --- ST2-REP-006: coordination backend ------------------------------------------------

needs_coordination := {"st2notifier", "st2actionrunner", "st2scheduler", "st2workflowengine"}

# Coordination URL schemes (tooz drivers) configured in an st2 config text:
# the [coordination] url oslo.config takes from it, and their families.
coordination_schemes contains scheme if {
	# Read once in src/policy/st2-option-values.ts as oslo.config reads the file (a "#" or ";"
	# line is a comment whatever it holds, the last url wins); "" for a url written empty.
	some text in lib.st2_config_texts
	some scheme in input.facts.st2_coordination_schemes[text]
	not coordination_overridden(text, scheme)
}

# A text naming no shared backend that every st2 process reading it overrides with a later
# file's etcd, redis or zookeeper url (oslo.config: the last file wins): those processes share
# that backend, and this text's url is never used (src/policy/st2-chains.ts's settled texts).
coordination_overridden(text, scheme) if {
	not scheme_family(scheme)
	places := [[v.resource, [v.field, v.key]] | some v in lib.text_values; v.text == text]
	count(places) > 0
	every place in places {
		coordination_settled[place]
	}
}

coordination_settled contains [s.resource, s.path] if {
	some s in object.get(input.facts, "st2_config_settled", [])
	is_object(s)
	s.section == "coordination"
}

# A text the facts do not hold (read here without them): the first url after each header.
coordination_schemes contains lower(m[1]) if {
	some text in lib.st2_config_texts
	not coordination_fact(text)
	contains(text, "[coordination]")

	# oslo.config reads "key = value" and "key: value".
	some m in regex.find_all_string_submatch_n(`(?ms)^\s*\[coordination\]\s*$[^\[]*?^\s*url\s*[=:]\s*([A-Za-z0-9+]+)://`, text, -1)
}

coordination_fact(text) if is_array(input.facts.st2_coordination_schemes[text])

coordination_families contains scheme_family(s) if some s in coordination_schemes

# etcd, etcd3, etcd3+http, etcd3+https (^etcd[0-9]*(\+https?)?$) read without a
# regular expression: the wasm engine compiles each pattern again in every evaluation.
scheme_family(s) := "etcd" if {
	startswith(s, "etcd")
	trim_left(substring(s, 4, -1), "0123456789") in {"", "+http", "+https"}
}

scheme_family(s) := "redis" if s in {"redis", "rediss"}

scheme_family(s) := "zookeeper" if s in {"zookeeper", "kazoo"}

# Every configured backend also runs in the render, and no st2 config text
# empties the url. The config files layer (a later --config-file overrides),
# so a backend named in st2.user.conf or st2.secrets.conf counts as much as
# st2.docker.conf's: each one named must be deployed (a url no process uses,
# overridden by a later file's shared backend in every chain, is not named).
coordination_ready if {
	count(coordination_families) > 0
	every family in coordination_families {
		count(with_role(family)) > 0
	}
	every scheme in coordination_schemes {
		scheme_family(scheme)
	}
	not coordination_emptied
}

coordination_emptied if {
	some text in lib.st2_config_texts
	not coordination_fact(text)
	lib.coordination_url_emptied(text)
}

findings contains f if {
	not coordination_ready
	some role in needs_coordination
	some i, w in with_role(role)
	n := total(role, w.namespace)
	n > 1
	f := lib.finding("ST2-REP-006", lib.severity_always, i, size_path(w), object.union(params(w), {"total": n}))
}

# One workload's processes started without the file naming the backend the render's others use
# (src/policy/st2-store-unset.ts): st2 takes tooz's NoOpDriver for them, whose locks exclude
# nobody, so they race the others (and each other) on what the locks guard.
findings contains f if {
	some t in object.get(input.facts, "st2_transport", [])
	t.problem == "coordination-url-unset"
	some role in needs_coordination
	w := with_role(role)[t.resource]
	n := total(role, w.namespace)
	n > 1
	f := lib.finding("ST2-REP-006", lib.severity_always, t.resource, t.path, object.union(params(w), {"total": n}))
}

# --- ST2-REP-007: quorum sizes -----------------------------------------------------------

findings contains f if {
	severity := lib.severity_capacity
	some role in {"mongodb", "etcd"}
	some i, w in with_role(role)
	w.scalable
	not odd_and_at_least_3(w.replicas)
	f := lib.finding("ST2-REP-007", severity, i, replicas_path, object.union(params(w), {"role": role, "minimum": 3, "odd": true}))
}

findings contains f if {
	severity := lib.severity_capacity
	some i, w in with_role("rabbitmq")
	w.scalable
	w.replicas < 3
	f := lib.finding("ST2-REP-007", severity, i, replicas_path, object.union(params(w), {"role": "rabbitmq", "minimum": 3, "odd": false}))
}

odd_and_at_least_3(n) if {
	n >= 3
	n % 2 == 1
}

# --- ST2-REP-008: etcd / MongoDB as a scaled Deployment -----------------------------------

findings contains f if {
	some role in {"etcd", "mongodb"}
	some i, w in with_role(role)
	w.scalable
	not w.stateful
	w.replicas > 1
	f := lib.finding("ST2-REP-008", lib.severity_always, i, replicas_path, object.union(params(w), {"role": role}))
}

# --- ST2-REP-009: a scaler on a singleton; ST2-REP-005 for scaler floors ------------------
#
# A scaler is anything with spec.scaleTargetRef: a HorizontalPodAutoscaler,
# a KEDA ScaledObject, or any other custom resource of that shape.

singletons := {"st2timersengine", "st2sensorcontainer", "st2garbagecollector", "st2client", "st2chatops"}

# Scaling the garbage collector out does no harm (ST2-REP-004): a warning.
scaler_severity(role) := "warn" if {
	role == "st2garbagecollector"
} else := lib.severity_always

scalers[i] := s if {
	some i, r in input.resources
	is_object(r)
	ref := scale_target(r)
	s := {
		"kind": r.kind,
		"name": lib.name(r),
		"ref": ref,
		"ref_field": scale_target_field(r),
		"target_kind": object.get(ref, "kind", "Deployment"),
		"target_name": object.get(ref, "name", ""),
		"min": scaler_min(r),
		# KEDA's idleReplicaCount (0 only) scales below the minimum when idle.
		# KEDA's autoscaling.keda.sh/paused-replicas: N scales the target to N and stops scaling.
		"floor": min({scaler_min(r), object.get(r, ["spec", "idleReplicaCount"], scaler_min(r)), paused_replicas(r)}),
		"ceiling": scaler_max(r),
		"roles": target_roles(lib.namespace(r), object.get(ref, "kind", "Deployment"), object.get(ref, "name", "")),
	}
}

paused_replicas(r) := n if {
	n := to_number(r.metadata.annotations["autoscaling.keda.sh/paused-replicas"])
} else := scaler_min(r)

# What a scaler scales: spec.scaleTargetRef (HPA, KEDA, Knative's
# PodAutoscaler, CronHPA...), or spec.targetRef when the resource also sets
# replica bounds (Datadog's DatadogPodAutoscaler constraints). A VPA's
# targetRef sets no replica bounds: it resizes pods, it does not scale.
scale_target(r) := ref if {
	ref := r.spec.scaleTargetRef
	is_object(ref)
} else := ref if {
	ref := r.spec.targetRef
	is_object(ref)
	replica_bounds(r.spec)
}

scale_target_field(r) := "scaleTargetRef" if {
	is_object(r.spec.scaleTargetRef)
} else := "targetRef"

replica_bounds(spec) if {
	some field in ["minReplicas", "maxReplicas", "minReplicaCount", "maxReplicaCount"]
	is_number(spec[field])
}

replica_bounds(spec) if {
	some field in ["minReplicas", "maxReplicas"]
	is_number(spec.constraints[field])
}

replica_bounds(spec) if {
	some job in spec.jobs
	is_number(job.targetSize)
}

# The fewest replicas a scaler may leave: HPA minReplicas (default 1), KEDA
# minReplicaCount (default 0: KEDA scales to zero), Datadog's
# constraints.minReplicas, the smallest targetSize of a CronHPA's jobs, else 1.
scaler_min(r) := n if {
	n := r.spec.minReplicas
	is_number(n)
} else := n if {
	n := r.spec.minReplicaCount
	is_number(n)
} else := 0 if {
	r.kind == "ScaledObject"
} else := n if {
	n := r.spec.constraints.minReplicas
	is_number(n)
} else := n if {
	sizes := [t | some job in r.spec.jobs; t := job.targetSize; is_number(t)]
	count(sizes) > 0
	n := min(sizes)
} else := 1

# The most replicas a scaler may set: HPA maxReplicas, KEDA maxReplicaCount (default 100),
# Datadog's constraints.maxReplicas; unknown (-1) otherwise.
scaler_max(r) := n if {
	n := r.spec.maxReplicas
	is_number(n)
} else := n if {
	n := r.spec.maxReplicaCount
	is_number(n)
} else := n if {
	n := r.spec.constraints.maxReplicas
	is_number(n)
} else := -1

# A scaler held at exactly one replica (floor and ceiling 1) never scales the singleton out
# or in: it changes nothing st2 sees.
pinned_to_one(s) if {
	s.floor == 1
	s.ceiling == 1
}

findings contains f if {
	some i, s in scalers
	not pinned_to_one(s)
	some role in s.roles
	singletons[role]
	f := lib.finding("ST2-REP-009", scaler_severity(role), i, ["spec", s.ref_field, "name"], {
		"target": s.target_name,
		"target_kind": s.target_kind,
		"component": role,
		"scaler": s.kind,
	})
}

findings contains f if {
	severity := lib.severity_capacity
	some i, s in scalers
	some role in s.roles
	active_active[role]
	s.floor < 2
	f := lib.finding("ST2-REP-005", severity, i, ["spec"], {
		"component": role,
		"replicas": s.floor,
		"kind": s.kind,
		"total": s.floor,
	})
}

# A scaler on a quorum store: MongoDB and etcd members are listed in each
# other's configuration (rs.initiate, --initial-cluster), so pods an autoscaler
# adds join nothing and an even count loses tolerance; RabbitMQ needs 3 nodes.
findings contains f if {
	severity := lib.severity_capacity
	some i, s in scalers
	some role in s.roles
	role in {"mongodb", "etcd"}
	f := lib.finding("ST2-REP-007", severity, i, ["spec", s.ref_field], {"component": role, "role": role, "scaler": s.kind, "minimum": 3, "odd": true})
}

findings contains f if {
	severity := lib.severity_capacity
	some i, s in scalers
	"rabbitmq" in s.roles
	s.floor < 3
	f := lib.finding("ST2-REP-007", severity, i, ["spec"], {"component": "rabbitmq", "role": "rabbitmq", "replicas": s.floor, "scaler": s.kind, "minimum": 3, "odd": false})
}

# Roles of a scaler's target: those of the matching workload in the render,
# else those read from the target's name.
target_roles(ns, kind, name) := {role |
	index := workload_roles
	some role in index[[ns, kind, name]]
} | lib.roles(name)

# Roles of every workload by [namespace, kind, name], so a scaler looks its
# target up instead of scanning every workload (read whole: OPA's Go
# evaluator re-runs a partial rule's body for every keyed lookup into it).
workload_roles[[w.namespace, w.kind, w.name]] contains role if {
	some w in lib.workloads
	some role in w.roles
}

# An object carrying a workload's manifest (a Crossplane Object) is scaled as
# that workload: the embedded objects' carriers, from src/policy/expanded-render.ts.
workload_roles[[lib.namespace(c), c.kind, lib.name(c)]] contains role if {
	some k, carrier in embedded_carriers
	w := lib.workloads[to_number(k)]
	c := input.resources[carrier]
	some role in w.roles
}

embedded_carriers := m if {
	m := input.facts.embedded_carriers
	is_object(m)
} else := {}

# --- ST2-REP-013: a StackStorm process the gate cannot identify ----------------------------

rules["ST2-REP-013"] := {
	"title": "StackStorm process whose component the gate cannot tell",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"This container reads the st2 configuration (/etc/st2) but neither its image nor its command",
		"says which st2 service it runs: an image renamed or retagged and started without a command,",
		"or a command whose program is a variable the gate cannot resolve. Then no singleton or",
		"quorum rule can count it. Give the container an explicit command",
		"(/opt/stackstorm/st2/bin/<service> --config-file=...) with literal values, or have the",
		"policy bundle's owner map the image to its service (policies/settings/data.json image_roles).",
	]),
}

findings contains f if {
	some i, w in lib.workloads

	# Containers without a role first (few): their paths only then.
	some k, per in w.unit_roles
	some j, rs in per
	count(rs) == 0
	u := w.units[k]
	c := lib.running_with_paths(u)[j]
	lib.unidentified_st2(c.container, u.pod_spec)
	f := lib.finding("ST2-REP-013", lib.severity_strict, i, array.concat(c.path, ["image"]), {"container": object.get(c.container, "name", ""), "image": object.get(c.container, "image", "")})
}

# A mounted start script that runs a program it names only at run time
# (`exec /opt/stackstorm/st2/bin/$svc`, svc built by reversing a string: the
# seventh red team's second timers engine): the script is in the render but
# says nothing the gate can count (src/policy/st2-scripts.ts).
findings contains f if {
	facts := lib.script_facts
	count(facts) > 0
	some key, list in facts
	some s in list
	s.unresolved == true
	i := to_number(key)
	ctr := object.get(input.resources[i], s.path, {})
	count(lib.container_roles(ctr)) == 0
	count(lib.roles_of_text(s.text)) == 0
	script_reads_st2(ctr, s.text)
	f := lib.finding("ST2-REP-013", lib.severity_strict, i, array.concat(s.path, ["command"]), {"container": object.get(ctr, "name", ""), "image": object.get(ctr, "image", ""), "script": "runs a program named at run time"})
}

script_reads_st2(ctr, _) if lib.reads_st2_config(ctr, {})

script_reads_st2(_, text) if contains(text, "/opt/stackstorm/")

script_reads_st2(_, text) if contains(text, "--config-file")

findings contains f if {
	some c in lib.loose_containers
	count(lib.container_roles_at(c.resource, c.path, c.container)) == 0
	lib.unidentified_st2(c.container, {})
	f := lib.finding("ST2-REP-013", lib.severity_strict, c.resource, array.concat(c.path, ["image"]), {"container": c.name, "image": object.get(c.container, "image", "")})
}

# --- ST2-REP-010: replicas 0 ----------------------------------------------------------------

# st2client is an operator's shell: it serves no traffic and no st2 service
# waits on it, so 0 replicas (less admin material running between
# maintenance windows) is a choice, not an outage. Only a workload whose one
# role is st2client is spared; anything else it runs counts.
findings contains f if {
	severity := lib.severity_capacity
	some i, w in lib.workloads
	w.scalable
	w.replicas == 0
	w.roles != {"st2client"}
	f := lib.finding("ST2-REP-010", severity, i, replicas_path, {"kind": w.kind, "name": w.name})
}

# --- ST2-REP-011: st2scheduler missing -----------------------------------------------------

findings contains f if {
	some i, w in with_role("st2actionrunner")
	not scheduler_runs(w.namespace)
	f := lib.finding("ST2-REP-011", lib.severity_always, i, ["metadata", "name"], {"component": w.component, "namespace": w.namespace})
}

scheduler_runs(ns) if total("st2scheduler", ns) > 0

# --- ST2-REP-012: etcd:// needs an etcd serving v2, probed where it answers --------------------
#
# Whether a member serves v2 is read as etcd reads its settings (flag, ETCD_<FLAG>
# variable, --config-file) by src/policy/etcd-server.ts: input.facts.store_ha's
# etcd_v2 facts, one per container running the etcd server (value 1: an etcd
# below 3.6 with v2 on; 2: v2 on with --v2-deprecation at write-only or past it,
# which etcd 3.5 refuses at start; 0: not, or not provable). etcdctl/etcdutl
# clients get none.

etcd_v2_facts := [s |
	some s in object.get(input.facts, "store_ha", [])
	is_object(s)
	s.setting == "etcd_v2"
]

findings contains f if {
	"etcd" in coordination_schemes
	some s in etcd_v2_facts
	s.value == 0
	w := with_role("etcd")[s.resource]
	f := lib.finding("ST2-REP-012", lib.severity_always, s.resource, array.concat(s.path, ["image"]), {"component": w.component, "problem": "no v2 API (etcd 3.5 with --enable-v2=true needed)"})
}

findings contains f if {
	"etcd" in coordination_schemes
	some s in etcd_v2_facts
	s.value == 2
	w := with_role("etcd")[s.resource]
	f := lib.finding("ST2-REP-012", lib.severity_always, s.resource, s.path, {"component": w.component, "problem": "--enable-v2 beside --v2-deprecation write-only or later: etcd 3.5 refuses them together and never serves (keep v2-deprecation at not-yet)"})
}

findings contains f if {
	"etcd" in coordination_schemes
	some s in etcd_v2_facts
	s.value == 1
	w := with_role("etcd")[s.resource]
	some probe in ["readinessProbe", "livenessProbe", "startupProbe"]
	path := lib.object_at(input.resources[s.resource], s.path)[probe].httpGet.path
	split(path, "?")[0] in {"/livez", "/readyz"}
	not etcd_metrics_probe(s, probe)
	f := lib.finding("ST2-REP-012", lib.severity_always, s.resource, array.concat(s.path, [probe, "httpGet", "path"]), {"component": w.component, "problem": concat(" ", [probe, path, "answers 404 with v2 on"])})
}

# The probe dials the member's --listen-metrics-urls listener, which serves /livez and /readyz.
etcd_metrics_probe(s, probe) if {
	ctr := lib.object_at(input.resources[s.resource], s.path)
	port := probe_port_number(ctr, ctr[probe].httpGet.port)
	some m in etcd_metrics_facts
	m.setting == "etcd_metrics_port"
	m.resource == s.resource
	m.path == s.path
	m.value == port
}

etcd_metrics_facts := [m |
	some m in object.get(input.facts, "store_ha", [])
	is_object(m)
	m.setting == "etcd_metrics_port"
]

probe_port_number(_, port) := port if is_number(port)

probe_port_number(_, port) := to_number(port) if {
	is_string(port)
	regex.match(`^[0-9]+$`, port)
}

probe_port_number(ctr, port) := p.containerPort if {
	is_string(port)
	not regex.match(`^[0-9]+$`, port)
	some p in object.get(ctr, "ports", [])
	p.name == port
}

# --- ST2-OPS-017: a singleton under a new name in production ------------------------------------
#
# Production syncs by hand without prune (deploy/argocd/applications/st2-prod.yaml):
# a renamed st2timersengine leaves the old Deployment running beside the new
# one, two timers engines the render never shows. So in production a
# singleton's long-running workload carries the one name the bundle's owner
# gives it (settings.delivery.singleton_names, service -> name); a Job or
# CronJob running it is counted by ST2-REP-001/004 instead.
singleton_names := m if {
	m := data.settings.delivery.singleton_names
	is_object(m)
} else := {}

# (A second copy beside the canonical one is ST2-REP-001's; this is the rename:
# the canonical name is gone from the namespace.)
findings contains f if {
	lib.profile == "production"
	some role, canonical in singleton_names
	some i, w in with_role(role)
	not w.kind in {"Job", "CronJob", "Pod"}
	w.name != canonical
	not canonical_present(role, canonical, w.namespace)
	f := lib.finding("ST2-OPS-017", lib.severity_always, i, ["metadata", "name"], {"component": role, "name": w.name, "canonical": canonical})
}

canonical_present(role, canonical, ns) if {
	some w in with_role(role)
	w.name == canonical
	w.namespace == ns
}
