# ST2-OPS-048: a limit below what the component needs to run. The API server
# takes any quantity, so a 64 MiB MongoDB or a 1m st2api renders and syncs,
# and then never serves: mongod's WiredTiger cache alone is at least 256 MB
# (the OOM killer ends the member at its first checkpoint), a CFS quota of 1m
# is 0.1 ms of cpu in every 100 ms (the probes time out, the pod restarts),
# and a container past its ephemeral-storage limit (logs and its writable layer
# count) is evicted by the kubelet. Floors per component are the bundle's
# (data.settings.outage.resource_floors: cpu in cores, memory and
# ephemeral_storage in bytes); the quantities arrive parsed (input.facts.quantities,
# src/policy/outage-facts.ts sends the limits below the highest floor).
# Only limits are judged: a low request does not starve a container.
package st2.operations

import data.st2.lib

rules["ST2-OPS-048"] := {
	"title": "Container limit below what its StackStorm component or store needs",
	"default_severity": "deny",
	"profiles": "deny in production, warn in staging, not checked in dev",
	"remediation": concat(" ", [
		"A memory limit below the component's floor is an OOM kill at start or at the first",
		"load (mongod's WiredTiger cache alone is at least 256 MB), a cpu limit below it",
		"throttles the process until its probes fail and the pod restarts, an ephemeral-storage",
		"limit below it gets the pod evicted for its own logs. Raise the limit to at least the",
		"floor (settings.outage.resource_floors in the policy bundle; the base's values are well",
		"above it), or ask the bundle's owner to lower the floor for a deliberately small cluster.",
	]),
}

default_resource_floors := {
	"st2api": {"cpu": 0.1, "memory": 134217728, "ephemeral_storage": 134217728},
	"st2actionrunner": {"cpu": 0.1, "memory": 268435456, "ephemeral_storage": 268435456},
	"mongodb": {"cpu": 0.25, "memory": 536870912, "ephemeral_storage": 67108864},
}

resource_floors := f if {
	f := data.settings.outage.resource_floors
	is_object(f)
} else := default_resource_floors

floor_keys := {"cpu": "cpu", "memory": "memory", "ephemeral-storage": "ephemeral_storage"}

findings contains f if {
	some q in quantity_facts
	q.field == "limits"
	key := floor_keys[q.name]
	cpath := array.slice(q.path, 0, count(q.path) - 3)
	roles := running_roles_at(q.resource, cpath)
	floor := max({v |
		some role in roles
		v := resource_floors[role][key]
		is_number(v)
	})
	q.value < floor
	f := lib.finding("ST2-OPS-048", lib.severity_capacity, q.resource, q.path, {
		"resource": q.name,
		"roles": sort(roles),
		"floor": floor,
	})
}

# The roles the running container at cpath of workload i serves (main containers and native
# sidecars): its image's when it runs the image's own entrypoint (args are the server's flags),
# else those its command starts. A mongo-image sidecar running the replica-set script in sh
# is a client of mongod, not mongod, and needs no floor of mongod's.
running_roles_at(i, cpath) := roles if {
	w := lib.workloads[i]
	some k, u in w.units
	some j, rc in lib.running_with_paths(u)
	rc.path == cpath
	roles := served_roles(rc.container, w.unit_roles[k][j])
}

served_roles(ctr, roles) := roles if {
	not ctr.command
} else := roles & lib.command_roles(ctr)
