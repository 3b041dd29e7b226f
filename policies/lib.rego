# Shared helpers for the st2 policy packages.
#
# Everything here must compile to WebAssembly with natively compiled builtins
# only (see shared/reference/opa-and-policy-tools.md §2): no sprintf, no
# time.*, no crypto.*, no yaml.*, no object.subset. Findings are structured
# objects; the TypeScript side formats messages from st2/rules + params.
package st2.lib

# --- Profile and severities ---------------------------------------------------

# The TypeScript side maps undeclared and unknown environments to
# "production"; we do the same here so a malformed input is judged strictly.
default profile := "production"

profile := input.profile if input.profile in {"dev", "staging"}

# Unsafe defaults, exposure, hardening: deny in staging and production, warn in dev.
severity_strict := "warn" if {
	profile == "dev"
} else := "deny"

# Production-only problems that are still worth seeing elsewhere
# (self-signed or expired certificates): deny in production, warn in staging and dev.
severity_production := "deny" if {
	profile == "production"
} else := "warn"

# Capacity and availability rules worded "in production" by the issue: deny in
# production, warn in staging (staging clusters are often scaled down on
# purpose), silent in dev (a one-replica dev cluster is the norm).
severity_capacity := "deny" if profile == "production"

severity_capacity := "warn" if profile == "staging"

# Correctness rules that break StackStorm in every environment.
severity_always := "deny"

# The one shape every finding has (see st2/findings in main.rego).
finding(rule, severity, resource, path, params) := {
	"rule": rule,
	"severity": severity,
	"resource": resource,
	"path": path,
	"params": params,
}

# --- Resource basics ----------------------------------------------------------

name(r) := n if {
	n := r.metadata.name
	is_string(n)
} else := ""

namespace(r) := ns if {
	ns := r.metadata.namespace
	is_string(ns)
} else := ""

labels(r) := l if {
	l := r.metadata.labels
	is_object(l)
} else := {}

# Resources grouped by kind, then keyed by their index in input.resources.
# One pass over the resources (a comprehension per kind would rescan them all).
resources_by_kind[kind][i] := r if {
	some i, r in input.resources
	is_object(r)
	kind := r.kind
}

# Resources of one kind, keyed by their index in input.resources.
resources_of_kind(kind) := object.get(resources_by_kind, kind, {})

# --- Workloads ----------------------------------------------------------------

# Where the pod template sits in each workload kind; [] means the resource is
# the pod itself.
pod_template_path := {
	"Pod": [],
	"Deployment": ["spec", "template"],
	"StatefulSet": ["spec", "template"],
	"DaemonSet": ["spec", "template"],
	"ReplicaSet": ["spec", "template"],
	"ReplicationController": ["spec", "template"],
	"Job": ["spec", "template"],
	"CronJob": ["spec", "jobTemplate", "spec", "template"],
}

# Kinds whose size is spec.replicas (default 1 when absent).
scalable_kinds := {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"}

# The paths of each pod-bearing kind, computed once rather than per workload.
pod_paths := {kind: paths |
	some kind, tpl in pod_template_path
	paths := {
		"spec": array.concat(tpl, ["spec"]),
		"labels": array.concat(tpl, ["metadata", "labels"]),
		"annotations": array.concat(tpl, ["metadata", "annotations"]),
	}
}

# workloads[i] describes the pod-bearing resource input.resources[i].
workloads[i] := w if {
	some i, r in input.resources
	is_object(r)
	paths := pod_paths[r.kind]
	pod_labels := object_at(r, paths.labels)
	comp := component(r, pod_labels)
	w := {
		"kind": r.kind,
		"name": name(r),
		"namespace": namespace(r),
		"spec_path": paths.spec,
		"pod_spec": object_at(r, paths.spec),
		"pod_labels": pod_labels,
		"pod_annotations": object_at(r, paths.annotations),
		"component": comp,
		"roles": roles(comp),
		"replicas": replicas(r),
	}
}

# The object at path inside r, or {} when absent or not an object.
object_at(r, path) := o if {
	o := object.get(r, path, {})
	is_object(o)
} else := {}

# Replica count of a scalable workload: spec.replicas, default 1. Other
# workload kinds (Pod, Job, CronJob) count as 1; a DaemonSet runs one pod per
# node, so its count is unknown: -1.
replicas(r) := n if {
	r.kind in scalable_kinds
	n := object.get(r, ["spec", "replicas"], 1)
	is_number(n)
} else := -1 if {
	r.kind == "DaemonSet"
} else := 1

# Component name: the pod label `app` (the chart's scheme), then the workload's
# own `app` label, then app.kubernetes.io/name (stackstorm-k8s >= 1.0), then the
# resource name.
component(r, pod_labels) := c if {
	c := pod_labels.app
	is_string(c)
} else := c if {
	c := labels(r).app
	is_string(c)
} else := c if {
	c := pod_labels["app.kubernetes.io/name"]
	is_string(c)
} else := c if {
	c := labels(r)["app.kubernetes.io/name"]
	is_string(c)
} else := name(r)

# The StackStorm components and backing services the rules know about.
known_roles := {
	"st2web", "st2auth", "st2api", "st2stream", "st2rulesengine", "st2timersengine",
	"st2workflowengine", "st2notifier", "st2sensorcontainer", "st2actionrunner",
	"st2garbagecollector", "st2client", "st2scheduler", "st2chatops",
	"mongodb", "rabbitmq", "etcd", "redis", "zookeeper",
}

role_aliases := {"mongo": "mongodb", "zk": "zookeeper"}

# Helper processes that sit beside a data store but are not part of its
# quorum (Bitnami's mongodb-arbiter, redis-exporter, ...).
auxiliary_parts := {"arbiter", "exporter", "metrics", "operator", "backup", "proxy", "dashboard", "ui"}

# Roles of a component name: every dash-separated part that is a known role,
# so "st2timersengine", "st2-st2timersengine-enterprise" (the chart's resource
# name) and "st2sensorcontainer-pack1" (a partitioned sensor Deployment) are
# all recognised, while "st2apikey-load" is not st2api.
# Set lookups (s[x]) rather than `x in s`: the wasm engine scans the set for `in`.
roles(comp) := set() if {
	some part in split(lower(comp), "-")
	auxiliary_parts[part]
} else := {role |
	some part in split(lower(comp), "-")
	role := canonical_role(part)
}

canonical_role(part) := role_aliases[part]

canonical_role(part) := known_roles[part]

# --- Containers ---------------------------------------------------------------

container_fields := ["initContainers", "containers", "ephemeralContainers"]

# Every container of every workload, with its JSON path inside the resource.
# An array: the wasm engine re-hashes each element of a set of objects at
# every iteration step, and several rules iterate all containers.
containers := [c |
	some i, w in workloads
	some c in workload_containers(i, w)
]

# The containers of one workload.
workload_containers(i, w) := [c |
	some field in container_fields
	list := object.get(w.pod_spec, field, [])
	is_array(list)
	some j, ctr in list
	is_object(ctr)
	c := {
		"resource": i,
		"field": field,
		"path": array.concat(w.spec_path, [field, j]),
		"name": object.get(ctr, "name", ""),
		"container": ctr,
	}
]

# --- Label selectors ----------------------------------------------------------

# A Service selector (a plain map): non-empty and a subset of the labels.
map_selects(sel, pod_labels) if {
	is_object(sel)
	count(sel) > 0
	every k, v in sel {
		pod_labels[k] == v
	}
}

# A LabelSelector (matchLabels + matchExpressions). An empty selector matches
# every pod, as it does for policy/v1 PodDisruptionBudgets.
label_selector_matches(sel, pod_labels) if {
	is_object(sel)
	every k, v in object.get(sel, "matchLabels", {}) {
		pod_labels[k] == v
	}
	every e in object.get(sel, "matchExpressions", []) {
		expression_matches(e, pod_labels)
	}
}

expression_matches(e, pod_labels) if {
	e.operator == "In"
	pod_labels[e.key] in e.values
}

expression_matches(e, pod_labels) if {
	e.operator == "NotIn"
	not label_in(pod_labels, e.key, e.values)
}

# Kept separate so that an absent label is "not in" (inside `not`, an
# undefined argument would make the whole body fail instead).
label_in(pod_labels, key, values) if pod_labels[key] in values

expression_matches(e, pod_labels) if {
	e.operator == "Exists"
	e.key in object.keys(pod_labels)
}

expression_matches(e, pod_labels) if {
	e.operator == "DoesNotExist"
	not e.key in object.keys(pod_labels)
}

# Selector indexes. A selector is filed under one pair of its label map, the
# smallest key and its value, so it sits in one bucket and a pod only meets
# the selectors that share one of its label pairs (instead of every selector
# of its namespace). null when the map is empty or not an object: those
# selectors are filed under null and tried against every pod.
index_pair(match_labels) := [k, match_labels[k]] if {
	is_object(match_labels)
	k := min(object.keys(match_labels))
} else := null

# The index pairs a pod's labels can meet: each label pair, and null.
pod_index_pairs(pod_labels) := {[k, v] | some k, v in pod_labels} | {null}

# --- Text values (Secrets and ConfigMaps) -------------------------------------

# Every string value of a Secret or ConfigMap, decoded when base64, with
# where it was found, keyed by [resource, field, key]. Used for literal
# searches and st2 config parsing. An object, not a set: iterating a set
# re-hashes each (possibly long) text at every step in the wasm engine.
text_values[[i, "data", key]] := v if {
	some i, r in resources_of_kind("Secret")
	some key, raw in object_at(r, ["data"])
	is_string(raw)
	base64.is_valid(raw)
	v := {"resource": i, "field": "data", "key": key, "where": "Secret.data", "text": base64.decode(raw)}
}

# An empty data value decodes to the empty string (the wasm base64.is_valid
# rejects "", so it needs its own rule: an empty license must still be seen).
text_values[[i, "data", key]] := v if {
	some i, r in resources_of_kind("Secret")
	some key, raw in object_at(r, ["data"])
	raw == ""
	v := {"resource": i, "field": "data", "key": key, "where": "Secret.data", "text": ""}
}

text_values[[i, "stringData", key]] := v if {
	some i, r in resources_of_kind("Secret")
	some key, text in object_at(r, ["stringData"])
	is_string(text)
	v := {"resource": i, "field": "stringData", "key": key, "where": "Secret.stringData", "text": text}
}

text_values[[i, "data", key]] := v if {
	some i, r in resources_of_kind("ConfigMap")
	some key, text in object_at(r, ["data"])
	is_string(text)
	v := {"resource": i, "field": "data", "key": key, "where": "ConfigMap.data", "text": text}
}

text_values[[i, "binaryData", key]] := v if {
	some i, r in resources_of_kind("ConfigMap")
	some key, raw in object_at(r, ["binaryData"])
	is_string(raw)
	base64.is_valid(raw)
	v := {"resource": i, "field": "binaryData", "key": key, "where": "ConfigMap.binaryData", "text": base64.decode(raw)}
}

# Each distinct text once: renders repeat the same config in many resources,
# so texts are searched per distinct value and looked up per resource.
distinct_texts contains v.text if some v in text_values

# The st2 configuration texts (st2.conf, st2.docker.conf, st2.user.conf, ...):
# any distinct ConfigMap or Secret text with an INI section header st2 knows.
st2_config_texts contains text if {
	some text in distinct_texts
	regex.match(`(?m)^\s*\[(coordination|sensorcontainer|messaging|database|auth|api|stream|system_user|keyvalue|content)\]\s*$`, text)
}
