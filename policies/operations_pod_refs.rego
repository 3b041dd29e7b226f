# The eleventh red team's outages (test/policy/redteam/fresh12-holes.ts): pods and
# routes that render and apply but never serve. Facts checked upstream:
# - an image reference with two tags (`images:` newName carrying a tag beside the
#   image's own, which `kubectl kustomize` v5 renders as `name:3.8.1:3.8.1`) is no
#   reference (distribution/reference): InvalidImageName, the container never starts;
# - a command naming an st2 program under /opt/stackstorm/st2/bin that st2 3.8.1's
#   images do not install (the setup.py scripts of StackStorm/st2 v3.8.1, the st2
#   CLI, st2-rbac-backend's st2-apply-rbac-definitions): exec fails, CrashLoopBackOff;
# - a liveness probe that kills st2api, st2auth or st2stream before they can listen
#   (ST2-OPS-069);
# - an Ingress backend naming a Service the render does not have in a namespace it
#   owns, and st2web routed by an Exact path only (ST2-OPS-050).
package st2.operations

import data.st2.lib

rules["ST2-OPS-069"] := {
	"title": "Liveness or startup probe that kills an st2 API service before it can listen",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"st2api, st2auth and st2stream listen only after importing st2, reading their config and",
		"connecting to MongoDB and RabbitMQ: seconds on an idle node, tens of seconds on a busy one",
		"or while a store elects. A liveness probe (without a longer startupProbe) or a startupProbe allowing less than",
		"settings.outage.min_st2_liveness_window_seconds (30, Kubernetes' own default of 3 failures",
		"every 10 s) from the container's start (initialDelaySeconds + periodSeconds x",
		"failureThreshold) kills them before they listen, every time: CrashLoopBackOff. Keep the",
		"window (the base: 30 s delay, 3 x 20 s), or a startupProbe giving the start that long (its",
		"defaults, 3 failures every 10 s, do). A postStart httpGet or tcpSocket hook on the service's",
		"own port runs once as the container starts, before it listens: the kubelet kills it.",
	]),
}

# --- ST2-OPS-062: image references and st2 programs that do not exist ---------------------------

findings contains f if {
	some c in lib.containers
	img := c.container.image
	is_string(img)
	invalid_image_reference(img)
	f := lib.finding("ST2-OPS-062", lib.severity_strict, c.resource, array.concat(c.path, ["image"]), {"container": c.name, "problem": "an image reference with two tags (InvalidImageName): the container never starts"})
}

# More than one `:` after the last `/` (before any digest): `name:tag:tag`.
invalid_image_reference(img) if {
	no_digest := split(img, "@")[0]
	segments := split(no_digest, "/")
	count(split(segments[count(segments) - 1], ":")) > 2
}

# Everything st2 3.8.1's images install under /opt/stackstorm/st2/bin whose name starts with st2.
st2_programs := {
	"st2", "st2-apply-rbac-definitions", "st2-bootstrap-rmq", "st2-cleanup-db", "st2-generate-symmetric-crypto-key",
	"st2-migrate-db-dict-field-values", "st2-pack-download", "st2-pack-install", "st2-pack-setup-virtualenv",
	"st2-purge-executions", "st2-purge-rule-enforcements", "st2-purge-task-executions", "st2-purge-tokens",
	"st2-purge-traces", "st2-purge-trigger-instances", "st2-purge-workflows", "st2-register-content",
	"st2-rule-tester", "st2-run-pack-tests", "st2-self-check", "st2-track-result", "st2-trigger-refire",
	"st2-validate-pack", "st2-validate-pack-config", "st2actionrunner", "st2api", "st2auth", "st2ctl",
	"st2garbagecollector", "st2notifier", "st2rulesengine", "st2scheduler", "st2sensorcontainer", "st2stream",
	"st2timersengine", "st2workflowengine",
}

st2_bin := "/opt/stackstorm/st2/bin/"

findings contains f if {
	some c in lib.containers
	program := c.container.command[0]
	is_string(program)
	startswith(program, st2_bin)
	name := substring(program, count(st2_bin), -1)
	startswith(name, "st2")
	not contains(name, "/")
	not st2_programs[name]
	st2_published_image(c.container.image)
	not mounted_over(c.container, program)
	f := lib.finding("ST2-OPS-062", lib.severity_strict, c.resource, array.concat(c.path, ["command", 0]), {"container": c.name, "problem": concat("", [program, " is no program st2 3.8's images install: the container fails to start"])})
}

# A volume mounted over the program, the virtualenv's bin or above it may hold any program.
mounted_over(ctr, program) if {
	some m in object.get(ctr, "volumeMounts", [])
	is_string(m.mountPath)
	mount := trim_suffix(m.mountPath, "/")
	mounted_at(mount, program)
}

mounted_at(mount, program) if mount == program

mounted_at(mount, program) if startswith(program, concat("", [mount, "/"]))

# --- ST2-OPS-069: liveness that kills a slow start ----------------------------------------------

min_st2_liveness_window := n if {
	n := data.settings.outage.min_st2_liveness_window_seconds
	is_number(n)
} else := 30

listening_st2 := {"st2api", "st2auth", "st2stream"}

# Seconds from the container's start until the probe's last allowed failure (Kubernetes' defaults).
probe_window(p) := object.get(p, "initialDelaySeconds", 0) + object.get(p, "periodSeconds", 10) * object.get(p, "failureThreshold", 3)

findings contains f if {
	some c in lib.containers
	c.field == "containers"
	listening_st2[st2_published_image(c.container.image)]
	p := c.container.livenessProbe
	is_object(p)
	not startup_window_ok(c.container)
	w := probe_window(p)
	w < min_st2_liveness_window
	f := lib.finding("ST2-OPS-069", lib.severity_strict, c.resource, array.concat(c.path, ["livenessProbe"]), {"container": c.name, "seconds": w, "minimum": min_st2_liveness_window})
}

startup_window_ok(ctr) if probe_window(ctr.startupProbe) >= min_st2_liveness_window

# A startupProbe fails the container once its failureThreshold is spent (k8s probes: "the
# container is killed"): a shorter window than the start needs kills it at every start.
findings contains f if {
	some c in lib.containers
	c.field == "containers"
	p := c.container.startupProbe
	is_object(p)
	listening_st2[st2_published_image(c.container.image)]
	w := probe_window(p)
	w < min_st2_liveness_window
	f := lib.finding("ST2-OPS-069", lib.severity_strict, c.resource, array.concat(c.path, ["startupProbe"]), {"container": c.name, "probe": "startupProbe", "seconds": w, "minimum": min_st2_liveness_window})
}

# A postStart httpGet or tcpSocket hook on the service's own port: the kubelet runs it as soon as
# the container starts, once, with no retry (k8s container lifecycle hooks); st2api, st2auth and
# st2stream are still importing st2 and connecting to their stores, the connection is refused and
# the kubelet kills the container: every start ends the same way.
findings contains f if {
	some p in pod_facts("probe_ports")
	p.path[count(p.path) - 3] == "postStart"
	ctr := lib.object_at(input.resources[p.resource], p.container)
	role := st2_published_image(ctr.image)
	listening_st2[role]
	p.port in listen_ports[role]
	f := lib.finding("ST2-OPS-069", lib.severity_strict, p.resource, p.path, {"container": ctr.name, "probe": "postStart hook", "seconds": 0, "minimum": min_st2_liveness_window})
}

# --- ST2-OPS-050: a backend Service that is not there, st2web behind an Exact path -------------------

findings contains f if {
	some i, r in lib.resources_of_kind("Ingress")
	ns := lib.namespace(r)
	lib.known_namespaces[ns]
	some b in array.concat(ingress_backends(r), ingress_default_backend(r))
	is_string(b.name)
	count(rendered_services(ns, b.name)) == 0
	f := lib.finding("ST2-OPS-050", lib.severity_strict, i, ["spec"], {"service": b.name, "port": object.get(b.port, "number", object.get(b.port, "name", "")), "problem": "no such Service in the namespace the render owns: every request gets 503"})
}

st2web_paths(r) := [p |
	some rule in object.get(r.spec, "rules", [])
	some p in object.get(object.get(rule, "http", {}), "paths", [])
	"st2web" in service_api_roles(lib.namespace(r), p.backend.service.name)
]

findings contains f if {
	some i, r in lib.resources_of_kind("Ingress")
	paths := st2web_paths(r)
	count(paths) > 0
	every p in paths {
		p.pathType == "Exact"
	}
	f := lib.finding("ST2-OPS-050", lib.severity_strict, i, ["spec"], {"service": paths[0].backend.service.name, "port": object.get(paths[0].backend.service.port, "number", object.get(paths[0].backend.service.port, "name", "")), "problem": "st2web routed by Exact paths only: its assets, /api, /auth and /stream get 404"})
}
