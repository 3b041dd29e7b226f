# ST2-OPS-067: an Argo CD sync that cannot finish on a fresh cluster (the
# eleventh red team's argo-* cases). Argo CD applies the PreSync hooks, then
# the application's objects wave by wave (argocd.argoproj.io/sync-wave,
# default 0), starting a wave only once the previous one is healthy, then
# the PostSync hooks. So on a new or rebuilt cluster:
#
# - a Deployment, StatefulSet or DaemonSet whose pods mount or take env from a
#   ConfigMap or Secret that the render creates only in a later wave (the
#   Secret an ExternalSecret writes counts at the ExternalSecret's wave) never
#   becomes healthy (CreateContainerConfigError), and the later wave never
#   comes;
# - a PreSync hook whose pods need a ConfigMap or Secret the render creates
#   only in the Sync phase never starts, and the sync never leaves PreSync.
#
# Only references the render itself resolves are judged (a Secret made
# elsewhere may exist before the sync), and optional ones are not. The
# Namespace is not judged: every Application here syncs with
# CreateNamespace=true, which creates the destination namespace before the
# sync (argo-cd controller/sync_namespace.go).
#
# ST2-OPS-068: st2-register-content bounded by an activeDeadlineSeconds under a
# minute. The deadline counts from the Job's start, image pulls and the init
# containers that copy the packs and wait for MongoDB and RabbitMQ included;
# registering the system packs alone takes longer, so the hook fails on every
# sync and nothing new is ever registered.
package st2.operations

import data.st2.lib

rules["ST2-OPS-067"] := {
	"title": "Argo CD sync that cannot finish on a fresh cluster: a wave or PreSync hook needs what a later wave creates",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"Argo CD starts a sync wave only when the previous one is healthy, and runs PreSync hooks",
		"before any object of the application. Keep the ExternalSecrets, ConfigMaps and Secrets a",
		"workload uses in an earlier wave than the workload (the base keeps them at -1 and the",
		"workloads at 0), and make hooks that need st2's config or stores PostSync hooks.",
	]),
}

rules["ST2-OPS-068"] := {
	"title": "st2-register-content given less than a minute",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"activeDeadlineSeconds counts from the Job's start, image pulls and init containers",
		"included: under a minute st2-register-content is killed before it registers the packs,",
		"and the PostSync hook fails every sync. Leave it unset or allow it minutes (1800 with a",
		"few retries bounds a hung registration).",
	]),
}

sync_wave(r) := n if {
	n := to_number(r.metadata.annotations["argocd.argoproj.io/sync-wave"])
} else := 0

# The objects of the Sync phase that create each [namespace, kind, name], with their waves.
sync_producers[[lib.namespace(r), kind, lib.name(r)]] contains sync_wave(r) if {
	some kind in ["ConfigMap", "Secret"]
	some i, r in lib.resources_of_kind(kind)
	not hooked[i]
}

sync_producers[[lib.namespace(r), "Secret", name]] contains sync_wave(r) if {
	some i, r in lib.resources_of_kind("ExternalSecret")
	not hooked[i]
	name := object.get(r, ["spec", "target", "name"], lib.name(r))
}

# ConfigMaps and Secrets a pod cannot start without.
required_refs(pod_spec) := {[kind, name] |
	some v in object.get(pod_spec, "volumes", [])
	not v.configMap.optional == true
	not v.secret.optional == true
	some [kind, name] in lib.volume_sources(v)
} | {[kind, n] |
	some field in ["containers", "initContainers"]
	some ctr in object.get(pod_spec, field, [])
	some e in object.get(ctr, "envFrom", [])
	some f, kind in {"configMapRef": "ConfigMap", "secretRef": "Secret"}
	not e[f].optional == true
	n := e[f].name
	is_string(n)
} | {[kind, n] |
	some field in ["containers", "initContainers"]
	some ctr in object.get(pod_spec, field, [])
	some e in object.get(ctr, "env", [])
	some f, kind in {"configMapKeyRef": "ConfigMap", "secretKeyRef": "Secret"}
	not e.valueFrom[f].optional == true
	n := e.valueFrom[f].name
	is_string(n)
}

waits_for_health := {"Deployment", "StatefulSet", "DaemonSet"}

findings contains f if {
	some i, w in lib.workloads
	not hooked[i]
	r := input.resources[i]
	waits_for_health[r.kind]
	wave := sync_wave(r)
	some u in w.units
	some [kind, name] in required_refs(u.pod_spec)
	waves := sync_producers[[w.namespace, kind, name]]
	every p in waves {
		p > wave
	}
	f := lib.finding("ST2-OPS-067", lib.severity_strict, i, ["metadata", "annotations"], {"wave": wave, "needs": concat("/", [kind, name]), "created_in_wave": min(waves)})
}

findings contains f if {
	some i, h in hooked
	contains(h[1], "PreSync")
	w := lib.workloads[i]
	some u in w.units
	some [kind, name] in required_refs(u.pod_spec)
	sync_producers[[w.namespace, kind, name]]
	not presync_producer(w.namespace, kind, name)
	f := lib.finding("ST2-OPS-067", lib.severity_strict, i, ["metadata", "annotations"], {"hook": h[1], "needs": concat("/", [kind, name]), "created_in": "Sync"})
}

presync_producer(ns, kind, name) if {
	some j, h in hooked
	contains(h[1], "PreSync")
	r := input.resources[j]
	lib.namespace(r) == ns
	r.kind == kind
	lib.name(r) == name
}

findings contains f if {
	some i, r in lib.resources_of_kind("Job")
	deadline := r.spec.activeDeadlineSeconds
	is_number(deadline)
	deadline < 60
	some ctr in array.concat(object.get(r.spec.template.spec, "containers", []), object.get(r.spec.template.spec, "initContainers", []))
	contains(concat(" ", array.concat(object.get(ctr, "command", []), object.get(ctr, "args", []))), "st2-register-content")
	f := lib.finding("ST2-OPS-068", lib.severity_strict, i, ["spec", "activeDeadlineSeconds"], {"seconds": deadline})
}
