# ST2-OPS-046, 047, ST2-SEC-016, 017: what a container's commands do to the
# stores and to st2's secrets, read by src/policy/command-effects.ts
# (input.facts.command_effects): a database dropped or a broker reset, a
# store's volume emptied, store pods deleted together, a dump or a secret
# sent outside the cluster, a secret printed into the pod log. The facts say
# what a command does and to what; this file says whether that is a store's
# data, a store's pods, st2's secret or a place outside the cluster.
package st2.operations

import data.st2.lib

rules["ST2-OPS-046"] := {
	# A job that destroys the database runs for as long as any waiver runs: never waivable in production.
	"waivable_in_production": false,
	"title": "Command that destroys a store's data",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A Job, hook, init container or lifecycle hook runs a command that deletes what MongoDB, RabbitMQ,",
		"etcd or Redis hold (dropDatabase, mongorestore --drop, rabbitmqctl reset or force_reset,",
		"rabbitmqadmin or the management API deleting a vhost or st2's queues, etcdctl del --prefix,",
		"FLUSHALL, rm -r or a glob over a store's volume, kubectl delete of its claims): every sync or",
		"restart loses st2's rules, keys, executions or messages. Remove the command; a reset that must",
		"exist is listed by Kind/name in the bundle's settings.delivery.destructive_commands.",
	]),
}

rules["ST2-OPS-047"] := {
	"title": "Command that deletes or scales away a store's members together",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"kubectl delete of a store's pods by label, by --all or two members by name (or of its",
		"StatefulSet, or a scale below a majority) takes the quorum at once: pod deletion does not",
		"ask the PodDisruptionBudget. Use kubectl rollout restart, which replaces members one at a",
		"time; a command that must exist is listed in settings.delivery.destructive_commands.",
	]),
}

rules["ST2-SEC-016"] := {
	# Data sent out is out for good: never waivable in production.
	"waivable_in_production": false,
	"title": "Store dump or st2 secret sent outside the cluster",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A command sends a store dump (mongodump, etcdctl snapshot, exported definitions, Secrets read",
		"with kubectl) or a file or variable of a Secret st2 or a store uses to a host or bucket outside",
		"the cluster (curl, wget, aws s3, gsutil, rclone, scp, nc, mongorestore --uri, Python, an ssh",
		"config's ProxyCommand st2's SSH runner runs). Keep backups on a PVC in the",
		"namespace or in a bucket the bundle lists (settings.delivery.backup_locations).",
	]),
}

rules["ST2-SEC-017"] := {
	"title": "st2 secret printed into the pod log",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev; st2's API services logging at DEBUG: deny in production only",
	"remediation": concat(" ", [
		"A container prints a file or variable of a Secret st2 or a store uses (cat st2.secrets.conf,",
		"echo $PASSWORD, env; or a Python module under its PYTHONPATH, which st2's processes import,",
		"writes one to stdout or stderr) to its output: the log platform and everyone who may read pod logs",
		"get the passwords. Remove the command, or send it to a file or a hash (sha256sum).",
		"[system] debug = True (or [DEFAULT] debug) in st2api, st2auth or st2stream logs every",
		"request URL at DEBUG with its x-auth-token or st2-api-key query parameter unmasked: keep",
		"debug off in production (hardening_token_exposure.rego).",
	]),
}

effects := object.get(input.facts, "command_effects", [])

# Resources the bundle allows destructive commands in ("Kind/name").
destructive_allowed contains i if {
	names := {n | some n in object.get(data.settings, ["delivery", "destructive_commands"], []); is_string(n)}
	count(names) > 0
	some e in effects
	i := e.resource
	r := input.resources[i]
	names[concat("/", [r.kind, lib.name(r)])]
}

store_workloads contains i if {
	some i, w in lib.workloads
	some role in w.roles
	lib.backing_roles[role]
}

# Claims the stores keep their data on: plain claims and the claims of each
# member of a StatefulSet's templates (<template>-<statefulset>-<n>).
store_claim_prefixes contains concat("", [t.metadata.name, "-", w.name, "-"]) if {
	some i in store_workloads
	w := lib.workloads[i]
	w.kind == "StatefulSet"
	some t in object.get(input.resources[i], ["spec", "volumeClaimTemplates"], [])
	is_string(t.metadata.name)
}

store_claims contains v.persistentVolumeClaim.claimName if {
	some i in store_workloads
	lib.workloads[i].stateful
	some u in lib.workloads[i].units
	some v in object.get(u.pod_spec, "volumes", [])
	is_string(v.persistentVolumeClaim.claimName)
}

store_volume(e) if {
	e.template
	store_workloads[e.resource]
	lib.workloads[e.resource].stateful
}

store_volume(e) if {
	not e.template
	store_claims[e.claim]
}

store_volume(e) if {
	some prefix in store_claim_prefixes
	startswith(e.claim, prefix)
}

findings contains f if {
	some e in effects
	e.effect == "store-wipe"
	not destructive_allowed[e.resource]
	f := lib.finding("ST2-OPS-046", lib.severity_strict, e.resource, e.path, {"program": e.program, "command": e.what})
}

findings contains f if {
	some e in effects
	e.effect == "volume-wipe"
	store_volume(e)
	not destructive_allowed[e.resource]
	f := lib.finding("ST2-OPS-046", lib.severity_strict, e.resource, e.path, {"program": e.program, "volume": e.volume})
}

# kubectl delete of a store's claims.
findings contains f if {
	some e in effects
	e.effect == "kubectl"
	e.verb == "delete"
	contains(e.what, "persistentvolumeclaims")
	kubectl_hits_claims(e)
	not destructive_allowed[e.resource]
	f := lib.finding("ST2-OPS-046", lib.severity_strict, e.resource, e.path, {"program": e.program, "command": "delete persistentvolumeclaims"})
}

kubectl_hits_claims(e) if e.all

kubectl_hits_claims(e) if {
	some n in e.names
	store_claims[n]
}

kubectl_hits_claims(e) if {
	some n in e.names
	some prefix in store_claim_prefixes
	startswith(n, prefix)
}

# --- ST2-OPS-047 -------------------------------------------------------------------------------

# The stores of the namespace a kubectl command acts in, with their members' pod names.
store_members[[w.namespace, w.name]] := {concat("-", [w.name, format_int(k, 10)]) |
	some k in numbers.range(0, max({w.replicas, 1}) - 1)
} if {
	some i in store_workloads
	not lib.dropped_copies[i]
	w := lib.workloads[i]
}

pod_deletion(e) if {
	e.verb == "delete"
	some what in split(e.what, ",")
	what in {"pods", "all"}
}

# The stores whose members the command takes together: all pods of the
# namespace, a selector their pods match, two members by name, the
# StatefulSet deleted, or scaled to a minority.
mass_targets(e) := {w.name |
	pod_deletion(e)
	e.all
	some i in store_workloads
	w := lib.workloads[i]
	w.namespace == e.namespace
} | {w.name |
	pod_deletion(e)
	is_object(e.selector)
	count(e.selector) > 0
	some i in lib.workloads_matching(e.namespace, e.selector)
	store_workloads[i]
	w := lib.workloads[i]
} | {name |
	pod_deletion(e)
	some [ns, name], members in store_members
	ns == e.namespace
	count({n | some n in e.names; members[n]}) >= 2
} | {name |
	e.verb == "delete"
	contains(e.what, "statefulsets")
	some [ns, name], _ in store_members
	ns == e.namespace
	name in e.names
} | {name |
	e.verb == "scale"
	is_number(e.replicas)
	some [ns, name], members in store_members
	ns == e.namespace
	name in e.names
	e.replicas <= count(members) / 2
}

findings contains f if {
	some e in effects
	e.effect == "kubectl"
	some store in mass_targets(e)
	not destructive_allowed[e.resource]
	f := lib.finding("ST2-OPS-047", lib.severity_strict, e.resource, e.path, {"program": e.program, "command": e.verb, "store": store})
}

# --- ST2-SEC-016, 017 ------------------------------------------------------------------------------

# Secrets st2 or a store reads: volumes (plain and projected), env and envFrom.
st2_secrets contains name if {
	some w in lib.workloads
	count(w.roles) > 0
	some u in w.units
	some name in pod_secret_names(u.pod_spec)
}

pod_secret_names(spec) := {n |
	some v in object.get(spec, "volumes", [])
	n := v.secret.secretName
	is_string(n)
} | {n |
	some v in object.get(spec, "volumes", [])
	some s in object.get(v, ["projected", "sources"], [])
	n := s.secret.name
	is_string(n)
} | {n |
	some field in ["containers", "initContainers"]
	some c in object.get(spec, field, [])
	some e in object.get(c, "env", [])
	n := e.valueFrom.secretKeyRef.name
	is_string(n)
} | {n |
	some field in ["containers", "initContainers"]
	some c in object.get(spec, field, [])
	some e in object.get(c, "envFrom", [])
	n := e.secretRef.name
	is_string(n)
}

backup_destinations := {l | some l in object.get(data.settings, ["delivery", "backup_locations"], []); is_string(l)}

listed_destination(e) if backup_destinations[e.bucket]

listed_destination(e) if backup_destinations[e.destination]

findings contains f if {
	some e in effects
	e.effect == "upload"
	not e.internal
	not listed_destination(e)
	upload_payload_sensitive(e)
	f := lib.finding("ST2-SEC-016", lib.severity_strict, e.resource, e.path, {"program": e.program, "payload": e.payload, "destination": e.destination})
}

upload_payload_sensitive(e) if e.payload == "store-dump"

upload_payload_sensitive(e) if {
	e.payload == "secret"
	st2_secrets[e.secret]
}

findings contains f if {
	some e in effects
	e.effect == "print-secret"
	st2_secrets[e.secret]
	f := lib.finding("ST2-SEC-017", lib.severity_strict, e.resource, e.path, {"program": e.program, "secret": e.secret})
}
