# Whether the stores keep their data (the ninth red team's store classes):
#
# ST2-REP-021 a member's data directory off its claim (mongod --dbpath or
#             storage.dbPath, etcd --data-dir / ETCD_DATA_DIR / config file and
#             its WAL dir, --wal-dir / ETCD_WAL_DIR, RABBITMQ_MNESIA_BASE /
#             _DIR), read by src/policy/store-ha-facts.ts
#             as each store reads it (input.facts.store_ha data_volume facts);
# ST2-REP-022 the data deleted with an owner or left out of backups: a
#             StatefulSet PVC retention policy Delete on a store, an
#             ownerReference in the render, Velero's exclude label;
# ST2-REP-023 durability switched off (mongod --nojournal or
#             storage.journal.enabled false, etcd --unsafe-no-fsync);
# ST2-REP-024 a store image outside the versions the bundle allows
#             (data.settings.stores.versions): below, the binary refuses the
#             files a newer one wrote; above, a jump the store does not
#             support (MongoDB one major at a time, RabbitMQ 4 drops the
#             classic mirroring the render's policies ask for).
package st2.replicas

import data.st2.lib

rules["ST2-REP-021"] := {
	"title": "Store data directory not on a persistent volume",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"Keep each MongoDB, etcd and RabbitMQ member's data directory (mongod --dbpath /",
		"storage.dbPath, default /data/db; etcd --data-dir / ETCD_DATA_DIR, and --wal-dir /",
		"ETCD_WAL_DIR when set: a member that restarts without its WAL bootstraps as new and its",
		"peers refuse it; RabbitMQ",
		"RABBITMQ_MNESIA_BASE, default /var/lib/rabbitmq/mnesia) under a volume from the",
		"StatefulSet's volumeClaimTemplates. An emptyDir or the container's own filesystem is",
		"wiped by every restart: a rolling restart loses the store.",
	]),
}

rules["ST2-REP-022"] := {
	"title": "Store data deleted with its owner, garbage collected, or excluded from backups",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"Leave persistentVolumeClaimRetentionPolicy at Retain on MongoDB, RabbitMQ and etcd (a",
		"prune, rename or scale-down otherwise deletes member volumes). Never commit",
		"ownerReferences: the uid is the cluster's, and the garbage collector deletes an object",
		"whose owner does not exist (or goes with its owner). Do not label the namespace, store",
		"workloads, claims or Secrets velero.io/exclude-from-backup, nor exclude a store's data",
		"volume with backup.velero.io/backup-volumes-excludes.",
	]),
}

rules["ST2-REP-023"] := {
	"title": "Store durability switched off",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"Keep MongoDB's journal (no --nojournal, no storage.journal.enabled: false; MongoDB 4.x",
		"refuses a replica-set member without it) and etcd's fsync (no --unsafe-no-fsync, which",
		"etcd documents as risking data loss): one power event corrupts every member at once.",
	]),
}

rules["ST2-REP-024"] := {
	"title": "Store image version the data cannot move to",
	"default_severity": "deny",
	"profiles": "deny in every profile",
	"remediation": concat(" ", [
		"Run MongoDB, RabbitMQ and etcd within settings.stores.versions of the policy data:",
		"a version below the one that wrote the data refuses the files (mongod",
		"featureCompatibilityVersion, RabbitMQ feature flags, etcd's storage version); one",
		"above skips a supported upgrade step. Move the bounds in the policy data with the upgrade.",
	]),
}

store_data_facts := [s |
	some s in object.get(input.facts, "store_ha", [])
	is_object(s)
	s.setting in {"data_volume", "durability_off", "image_version"}
]

findings contains f if {
	some s in store_data_facts
	s.setting == "data_volume"
	f := lib.finding("ST2-REP-021", lib.severity_strict, s.resource, s.path, {"store": s.store, "volume": s.value})
}

findings contains f if {
	some s in store_data_facts
	s.setting == "durability_off"
	f := lib.finding("ST2-REP-023", lib.severity_strict, s.resource, s.path, {"store": s.store, "setting": s.value})
}

# --- ST2-REP-024: versions ---------------------------------------------------------------

store_versions := v if {
	v := data.settings.stores.versions
	is_object(v)
} else := {}

# "4.4" -> 4004, as the facts write a version (major * 1000 + minor).
version_number(text) := to_number(parts[0]) * 1000 + to_number(parts[1]) if {
	parts := split(text, ".")
	count(parts) == 2
}

findings contains f if {
	some s in store_data_facts
	s.setting == "image_version"
	bounds := store_versions[s.store]
	s.value < version_number(bounds.min)
	f := lib.finding("ST2-REP-024", lib.severity_always, s.resource, s.path, {"store": s.store, "problem": concat(" ", ["below", bounds.min])})
}

findings contains f if {
	some s in store_data_facts
	s.setting == "image_version"
	bounds := store_versions[s.store]
	s.value > version_number(bounds.max)
	f := lib.finding("ST2-REP-024", lib.severity_always, s.resource, s.path, {"store": s.store, "problem": concat(" ", ["above", bounds.max])})
}

# --- ST2-REP-022: deleted with an owner, collected, excluded from backups ------------------

store_workloads[i] := w if {
	some i, w in lib.workloads
	some role in w.roles
	role in lib.backing_roles
}

findings contains f if {
	some i, w in store_workloads
	policy := input.resources[i].spec.persistentVolumeClaimRetentionPolicy
	some when in ["whenDeleted", "whenScaled"]
	policy[when] == "Delete"
	f := lib.finding("ST2-REP-022", lib.severity_strict, i, ["spec", "persistentVolumeClaimRetentionPolicy", when], {"component": w.component, "problem": "member volumes deleted with the StatefulSet"})
}

findings contains f if {
	some i, r in input.resources
	refs := r.metadata.ownerReferences
	count(refs) > 0
	f := lib.finding("ST2-REP-022", lib.severity_strict, i, ["metadata", "ownerReferences"], {"kind": object.get(r, "kind", ""), "problem": "garbage collected with (or without) an owner the render does not control"})
}

velero_exclude := "velero.io/exclude-from-backup"

backup_kinds := {"Namespace", "PersistentVolumeClaim", "PersistentVolume", "Secret", "ExternalSecret", "SealedSecret"}

findings contains f if {
	some i, r in input.resources
	r.kind in backup_kinds
	r.metadata.labels[velero_exclude] == "true"
	f := lib.finding("ST2-REP-022", lib.severity_strict, i, ["metadata", "labels", velero_exclude], {"kind": r.kind, "problem": "excluded from backups"})
}

findings contains f if {
	some i, w in store_workloads
	r := input.resources[i]
	some path in velero_label_paths(r)
	object.get(r, path, "") == "true"
	f := lib.finding("ST2-REP-022", lib.severity_strict, i, path, {"component": w.component, "problem": "excluded from backups"})
}

velero_label_paths(r) := array.concat(
	[["metadata", "labels", velero_exclude], ["spec", "template", "metadata", "labels", velero_exclude]],
	[["spec", "volumeClaimTemplates", k, "metadata", "labels", velero_exclude] | some k, _ in object.get(r, ["spec", "volumeClaimTemplates"], [])],
)

# Velero's file-system backup skips the pod volumes named here.
findings contains f if {
	some i, w in store_workloads
	r := input.resources[i]
	excluded := {trim_space(v) | some v in split(r.spec.template.metadata.annotations["backup.velero.io/backup-volumes-excludes"], ",")}
	some t in object.get(r, ["spec", "volumeClaimTemplates"], [])
	t.metadata.name in excluded
	f := lib.finding("ST2-REP-022", lib.severity_strict, i, ["spec", "template", "metadata", "annotations", "backup.velero.io/backup-volumes-excludes"], {"component": w.component, "problem": "data volume excluded from backups"})
}

# --- ST2-REP-025: a rollout that takes a quorum store's majority ---------------------------------
#
# StatefulSet rollingUpdate.maxUnavailable (MaxUnavailableStatefulSet, beta and on since
# Kubernetes 1.35): a percentage is rounded up, as the controller scales it.

rules["ST2-REP-025"] := {
	"title": "StatefulSet rollout that restarts a quorum store's majority at once",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"Keep updateStrategy.rollingUpdate.maxUnavailable of MongoDB, etcd, ZooKeeper and RabbitMQ",
		"at 1 (the default) or at most the minority (1 of 3, 2 of 5): more restarts a majority at",
		"once and the store has no primary or quorum during the rollout.",
	]),
}

quorum_roles := {"mongodb", "etcd", "zookeeper", "rabbitmq"}

sts_unavailable(v, _) := v if is_number(v)

sts_unavailable(v, replicas) := ceil((to_number(trim_suffix(v, "%")) * replicas) / 100) if {
	is_string(v)
	endswith(v, "%")
}

findings contains f if {
	some i, w in store_workloads
	some role in w.roles
	role in quorum_roles
	r := input.resources[i]
	r.kind == "StatefulSet"
	object.get(r, ["spec", "updateStrategy", "type"], "RollingUpdate") == "RollingUpdate"
	n := sts_unavailable(r.spec.updateStrategy.rollingUpdate.maxUnavailable, w.replicas)
	n > 1
	n > floor((w.replicas - 1) / 2)
	f := lib.finding("ST2-REP-025", lib.severity_strict, i, ["spec", "updateStrategy", "rollingUpdate", "maxUnavailable"], {"component": w.component, "replicas": w.replicas, "unavailable": n})
}
