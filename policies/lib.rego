# Shared helpers for the st2 policy packages.
#
# Everything here must compile to WebAssembly with natively compiled builtins
# only (see shared/reference/opa-and-policy-tools.md §2): no sprintf, no
# time.*, no crypto.*, no yaml.*, no object.subset. Findings are structured
# objects; the TypeScript side formats messages from st2/rules + params.
package st2.lib

# --- Profile and severities ---------------------------------------------------

# The environment can only be tightened. input.profile is the strictest of
# what the overlay, its bases and the caller (CLI --env, the Argo CD
# Application) say, worked out in TypeScript; the policy data's
# namespace map (data.settings.environments.namespaces) binds again here, so a
# render that lands in st2-prod is judged as production whatever it declares.
# Anything but "dev" or "staging" is "production": a malformed input is
# judged strictly, and there are no aliases ("development" is production).
profile_rank := {"dev": 0, "staging": 1, "production": 2}

rank_of(p) := r if {
	r := profile_rank[p]
} else := 2

namespace_profiles := m if {
	m := data.settings.environments.namespaces
	is_object(m)
} else := {}

# Ranks of everything that binds: the input's profile and each namespace of the render.
binding_ranks contains rank_of(object.get(input, "profile", "production"))

binding_ranks contains rank_of(p) if {
	some ns in render_namespaces
	p := namespace_profiles[ns]
}

render_namespaces contains namespace(r) if {
	some r in input.resources
	is_object(r)
}

profile := p if {
	r := max(binding_ranks)
	some p, rank in profile_rank
	rank == r
}

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

# A resource without a namespace lands in the namespace the render is
# applied to (the Argo CD destination or the overlay's): input.namespace.
namespace(r) := ns if {
	ns := r.metadata.namespace
	is_string(ns)
	ns != ""
} else := ns if {
	ns := input.namespace
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
#
# A workload is recognised by its shape, not by a list of kinds: anything
# with a pod template at spec.template.spec (Deployment, StatefulSet, an Argo
# Rollout, any custom resource), at spec.jobTemplate.spec.template.spec
# (CronJob and look-alikes), or a Pod itself.

# Kinds with no spec.replicas of their own: one pod (Pod, Job, CronJob) or
# one per node (DaemonSet).
unscaled_kinds := {"Pod", "Job", "CronJob", "DaemonSet"}

scalable(r) := false if {
	unscaled_kinds[r.kind]
} else := true

# The pod template's path inside r, by shape: the usual places, then any
# other place a pod spec (an object with a list of containers that name an
# image) sits, which the TypeScript side finds by walking the resource
# (input.facts.pod_templates[i]: a KEDA ScaledJob's jobTargetRef.template, a
# custom resource's spec.podTemplate, ...).
template_path(i, r) := [] if {
	r.kind == "Pod"
} else := ["spec", "template"] if {
	is_object(r.spec.template.spec)
} else := ["spec", "jobTemplate", "spec", "template"] if {
	is_object(r.spec.jobTemplate.spec.template.spec)
} else := tpl if {
	tpl := input.facts.pod_templates[format_int(i, 10)][0]
	is_array(tpl)
}

# workloads[i] describes the pod-bearing resource input.resources[i].
workloads[i] := w if {
	some i, r in input.resources
	is_object(r)
	tpl := template_path(i, r)
	spec_path := array.concat(tpl, ["spec"])
	pod_spec := object_at(r, spec_path)
	pod_labels := object_at(r, array.concat(tpl, ["metadata", "labels"]))
	comp := component(r, pod_labels)
	w := {
		"kind": r.kind,
		"name": name(r),
		"namespace": namespace(r),
		"spec_path": spec_path,
		"pod_spec": pod_spec,
		"pod_labels": pod_labels,
		"pod_annotations": object_at(r, array.concat(tpl, ["metadata", "annotations"])),
		"component": comp,
		"roles": workload_roles(pod_spec, comp),
		"replicas": replicas(r),
		"scalable": scalable(r),
		# StatefulSet-like: pods with stable identity (a quorum store can form a cluster).
		"stateful": r.kind == "StatefulSet",
	}
}

# An Argo Rollout with spec.workloadRef runs the pod template of the workload it
# names (and scales that one down): it is a workload of its own, with the
# referenced template's roles and its own replicas. Its pod spec is left empty
# so the referenced workload's containers are not judged twice.
workloads[i] := w if {
	some i, r in input.resources
	is_object(r)
	not template_path(i, r)
	ref := r.spec.workloadRef
	is_object(ref)
	some j, target in input.resources
	is_object(target)
	target.kind == object.get(ref, "kind", "Deployment")
	name(target) == ref.name
	namespace(target) == namespace(r)
	tpl := template_path(j, target)
	pod_spec := object_at(target, array.concat(tpl, ["spec"]))
	pod_labels := object_at(target, array.concat(tpl, ["metadata", "labels"]))
	comp := component(target, pod_labels)
	w := {
		"kind": r.kind,
		"name": name(r),
		"namespace": namespace(r),
		"spec_path": ["spec", "workloadRef"],
		"pod_spec": {},
		"pod_labels": pod_labels,
		"pod_annotations": {},
		"component": comp,
		"roles": workload_roles(pod_spec, comp),
		"replicas": replicas(r),
		"scalable": true,
		"stateful": false,
	}
}

# Argo Workflows (Workflow, CronWorkflow, WorkflowTemplate) run a pod per
# template step, each from a single `container:` (no pod spec to judge): they
# are workloads by what those containers run, one copy at a time.
argo_workflow_kinds := {"Workflow", "CronWorkflow", "WorkflowTemplate", "ClusterWorkflowTemplate"}

workloads[i] := w if {
	some i, r in input.resources
	is_object(r)
	argo_workflow_kinds[r.kind]
	not template_path(i, r)
	templates := array.concat(object.get(r, ["spec", "templates"], []), object.get(r, ["spec", "workflowSpec", "templates"], []))
	pod_spec := {"containers": [t.container |
		some t in templates
		is_object(t.container)
	]}
	count(pod_spec.containers) > 0
	comp := component(r, {})
	w := {
		"kind": r.kind,
		"name": name(r),
		"namespace": namespace(r),
		"spec_path": ["spec"],
		"pod_spec": {},
		"pod_labels": {},
		"pod_annotations": {},
		"component": comp,
		"roles": workload_roles(pod_spec, comp),
		"replicas": 1,
		"scalable": false,
		"stateful": false,
	}
}

# The object at path inside r, or {} when absent or not an object.
object_at(r, path) := o if {
	o := object.get(r, path, {})
	is_object(o)
} else := {}

# Replica count: spec.replicas (default 1) for every kind that has one; Pod,
# Job and CronJob count as 1; a DaemonSet runs one pod per node, so its
# count is unknown: -1. A non-integer spec.replicas never gets here: the
# TypeScript side refuses it as bad input.
replicas(r) := -1 if {
	r.kind == "DaemonSet"
} else := n if {
	# A KEDA ScaledJob starts up to maxReplicaCount Jobs at once (default 100).
	r.kind == "ScaledJob"
	n := object.get(r, ["spec", "maxReplicaCount"], 100)
	is_number(n)
} else := 1 if {
	unscaled_kinds[r.kind]
} else := n if {
	n := object.get(r, ["spec", "replicas"], 1)
	is_number(n)
} else := 1

# Component name: the pod label `app` (the chart's scheme), then the workload's
# own `app` label, then app.kubernetes.io/name (stackstorm-k8s >= 1.0), then the
# resource name. A name for messages and a hint for roles, never the proof.
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

backing_roles := {"mongodb", "rabbitmq", "etcd", "redis", "zookeeper"}

role_aliases := {"mongo": "mongodb", "zk": "zookeeper"}

# What a workload runs decides its roles: the image repositories and the
# commands of its main containers. Only when neither names a role do the
# labels and name count, as a hint (a custom image nobody can recognise).
workload_roles(pod_spec, comp) := r if {
	r := run_roles(pod_spec)
	count(r) > 0
} else := label_roles(comp) if {
	label_hint_applies(pod_spec)
} else := set()

# Labels are a hint only for what could be StackStorm: an image whose path
# says stackstorm or st2 (a private rebuild), or no image at all. An nginx
# named "st2timersengine-docs" or a "mongo-express" is not the component.
label_hint_applies(pod_spec) if {
	some ctr in object.get(pod_spec, "containers", [])
	img := lower(object.get(ctr, "image", ""))
	is_string(img)
	st2_image_path(img)
}

label_hint_applies(pod_spec) if {
	not any_image(pod_spec)
}

any_image(pod_spec) if {
	some ctr in object.get(pod_spec, "containers", [])
	is_string(ctr.image)
	ctr.image != ""
}

st2_image_path(img) if contains(img, "stackstorm")

st2_image_path(img) if contains(img, "st2")

run_roles(pod_spec) := {role |
	some ctr in running_containers(pod_spec)
	some role in container_roles(ctr)
}

# The containers that run for the pod's lifetime: the main ones and native
# sidecars (init containers with restartPolicy: Always, Kubernetes >= 1.29).
running_containers(pod_spec) := array.concat(
	[ctr |
		some ctr in object.get(pod_spec, "containers", [])
		is_object(ctr)
	],
	[ctr |
		some ctr in object.get(pod_spec, "initContainers", [])
		is_object(ctr)
		ctr.restartPolicy == "Always"
	],
)

# A container's roles: what its command runs, and its image's unless the
# command runs a known client tool instead of the image's server (a mongo
# image running `sleep` or `mongodump` is no MongoDB member).
container_roles(ctr) := image_roles(ctr) | command_roles(ctr) if {
	not runs_client_tool(ctr)
} else := command_roles(ctr)

client_programs := {
	"sleep", "pause", "true", "tail", "cat", "mongosh", "mongo", "mongodump", "mongorestore",
	"mongoexport", "mongoimport", "etcdctl", "etcdutl", "rabbitmqctl", "rabbitmqadmin",
	"rabbitmq-diagnostics", "rabbitmq-plugins", "redis-cli", "zkCli.sh",
}

runs_client_tool(ctr) if {
	first := ctr.command[0]
	is_string(first)
	parts := split(first, "/")
	client_programs[parts[count(parts) - 1]]
}

# Image repository (last path segment, without tag or digest) → role.
# stackstorm/st2actionrunner is the chart's tool image (jobs, st2client,
# init containers): it says nothing by itself, its command decides.
image_role_map := {
	"st2web": "st2web", "st2auth": "st2auth", "st2api": "st2api", "st2stream": "st2stream",
	"st2rulesengine": "st2rulesengine", "st2timersengine": "st2timersengine",
	"st2workflowengine": "st2workflowengine", "st2notifier": "st2notifier",
	"st2sensorcontainer": "st2sensorcontainer", "st2garbagecollector": "st2garbagecollector",
	"st2scheduler": "st2scheduler", "st2chatops": "st2chatops",
	"mongo": "mongodb", "mongodb": "mongodb", "rabbitmq": "rabbitmq", "etcd": "etcd",
	"redis": "redis", "zookeeper": "zookeeper",
}

image_roles(ctr) := {role |
	is_string(ctr.image)
	role := image_role_map[image_repository(ctr.image)]
}

# "registry:5000/org/st2api:3.8.1@sha256:..." → "st2api".
image_repository(img) := repo if {
	no_digest := split(img, "@")[0]
	segments := split(no_digest, "/")
	last := segments[count(segments) - 1]
	repo := lower(split(last, ":")[0])
}

# Executables (basename of a command or args word) → role.
binary_role_map := {
	"st2web": "st2web", "st2auth": "st2auth", "st2api": "st2api", "st2stream": "st2stream",
	"st2rulesengine": "st2rulesengine", "st2timersengine": "st2timersengine",
	"st2workflowengine": "st2workflowengine", "st2notifier": "st2notifier",
	"st2sensorcontainer": "st2sensorcontainer", "st2actionrunner": "st2actionrunner",
	"st2garbagecollector": "st2garbagecollector", "st2scheduler": "st2scheduler",
	"mongod": "mongodb", "rabbitmq-server": "rabbitmq", "etcd": "etcd",
	"redis-server": "redis", "zkServer.sh": "zookeeper",
}

# Python entry points of the st2 services (what each bin/ script runs), for
# `python -m st2reactor.cmd.timersengine` and the like.
module_role_map := {
	"st2reactor.cmd.timersengine": "st2timersengine",
	"st2reactor.cmd.sensormanager": "st2sensorcontainer",
	"st2reactor.cmd.garbagecollector": "st2garbagecollector",
	"st2reactor.cmd.rulesengine": "st2rulesengine",
	"st2actions.cmd.scheduler": "st2scheduler",
	"st2actions.cmd.workflow_engine": "st2workflowengine",
	"st2actions.cmd.actionrunner": "st2actionrunner",
	"st2actions.cmd.st2notifier": "st2notifier",
	"st2api.cmd.api": "st2api",
	"st2auth.cmd.api": "st2auth",
	"st2stream.cmd.api": "st2stream",
}

command_roles(ctr) := {role |
	env := container_env(ctr)
	some field in ["command", "args"]
	list := object.get(ctr, field, [])
	is_array(list)
	some raw in list
	is_string(raw)
	text := expand_env(raw, env)
	some word in split(strings.replace_n({"\n": " ", "\t": " ", ";": " ", "&": " ", "|": " ", "'": " ", "\"": " ", "(": " ", ")": " ", "=": " ", ":": " "}, text), " ")
	role := word_role(word)
}

word_role(word) := role if {
	parts := split(word, "/")
	role := binary_role_map[parts[count(parts) - 1]]
} else := module_role_map[trim_suffix(word, ".py")]

# Kubernetes expands $(NAME) in command and args from the container's env.
container_env(ctr) := {concat("", ["$(", e.name, ")"]): e.value |
	some e in object.get(ctr, "env", [])
	is_string(e.name)
	is_string(e.value)
}

expand_env(text, env) := text if {
	not contains(text, "$(")
} else := strings.replace_n(env, text)

# Helper processes that sit beside a data store but are not part of its
# quorum (Bitnami's mongodb-arbiter, redis-exporter, ...).
auxiliary_parts := {"arbiter", "exporter", "metrics", "operator", "backup", "proxy", "dashboard", "ui"}

# Roles from a component name (a hint): every dash-separated part that is a
# StackStorm role, so "st2timersengine", "st2-st2timersengine-enterprise"
# (the chart's resource name) and "st2sensorcontainer-pack1" are recognised,
# while "st2apikey-load" is not st2api. A backing store counts only as the
# last part ("st2-prod-mongodb"), so "mongo-express" or "redis-commander"
# are not the store.
label_roles(comp) := set() if {
	some part in split(lower(comp), "-")
	auxiliary_parts[part]
} else := {role |
	parts := split(lower(comp), "-")
	some n, part in parts
	role := canonical_role(part)
	placed_role(role, n, count(parts))
}

placed_role(role, _, _) if not backing_roles[role]

placed_role(role, n, total) if {
	backing_roles[role]
	n == total - 1
}

# Roles of a bare name (a scaler's target that is not in the render).
roles(comp) := label_roles(comp)

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
	regex.match(`(?m)^\s*\[(coordination|sensorcontainer|messaging|database|auth|rbac|api|stream|system_user|keyvalue|content)\]\s*$`, text)
}
