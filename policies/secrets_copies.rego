# ST2-SEC-010: st2's Secrets copied out of st2's namespaces.
#
# A Secret is only as private as the least private namespace that holds a
# copy. Controllers copy Secrets between namespaces on an annotation, and
# External Secrets copies a store's values into whatever namespace asks:
#
# - emberstack reflector: reflector.v1.k8s.emberstack.com/reflection-allowed
#   (+ -allowed-namespaces, empty = every namespace) lets others mirror it,
#   reflection-auto-enabled (+ -auto-namespaces) creates the mirrors, and a
#   mirror says reflector.v1.k8s.emberstack.com/reflects: "ns/name";
# - mittwald kubernetes-replicator: replicator.v1.mittwald.de/replicate-to
#   (names or patterns), replicate-to-matching (a namespace label selector),
#   replication-allowed (+ -allowed-namespaces) and, on the copy,
#   replicate-from: "ns/name";
# - kubed / config-syncer: kubed.appscode.com/sync (a namespace label
#   selector, empty = every namespace) and sync-contexts (other clusters);
# - a ClusterExternalSecret (an ExternalSecret in every namespace its
#   selector picks), and an ExternalSecret, PushSecret or mirror in a
#   namespace that is not st2's reading st2's store or st2's remote keys.
#
# The annotations are read where they reach a Secret: a Secret's or
# ConfigMap's own, an ExternalSecret's (or ClusterExternalSecret's) target
# template, a SealedSecret's template and a cert-manager Certificate's
# secretTemplate. A copy may go only to namespaces
# st2 runs in whose environment is at least as strict as the source's
# (st2-staging's Secret into st2-prod, never st2-prod's into st2-dev). A
# pattern or selector cannot be checked against a list, so it is denied.
package st2.secrets

import data.st2.lib

rules["ST2-SEC-010"] := {
	"waivable_in_production": false,
	"title": "st2's Secrets copied out of st2's namespaces",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A reflector or replicator annotation (on a Secret or a template of one: a Certificate's",
		"secretTemplate), kubed sync, a ClusterExternalSecret, or an ExternalSecret",
		"or PushSecret outside st2's namespaces puts st2's passwords and keys where other teams and their",
		"workloads read them. Keep st2's Secrets in st2's namespaces; copy only to a listed namespace st2",
		"runs in whose environment is at least as strict, and give other consumers their own credentials.",
	]),
}

reflector := "reflector.v1.k8s.emberstack.com/"

replicator := "replicator.v1.mittwald.de/"

# Namespaces st2 runs in: the policy's namespace map and where the render
# lands (the Argo CD destination or the overlay's). Not where the render's
# workloads run: a store or st2 image started in `monitoring` would make it st2's.
copy_st2_namespaces := {ns | some ns, _ in lib.namespace_profiles} | {ns |
	ns := input.namespace
	is_string(ns)
	ns != ""
}

# The environment rank a copy in this namespace is judged at: the policy's
# map, else the render's own for a namespace st2 runs in, else -1 (not st2's).
copy_rank(ns) := r if {
	p := lib.namespace_profiles[ns]
	r := lib.rank_of(p)
} else := r if {
	copy_st2_namespaces[ns]
	r := lib.rank_of(lib.profile)
} else := -1

# Where a Secret's annotations are, by kind of holder.
copy_annotation_paths := {
	"Secret": ["metadata", "annotations"],
	"ConfigMap": ["metadata", "annotations"],
	"ExternalSecret": ["spec", "target", "template", "metadata", "annotations"],
	"SealedSecret": ["spec", "template", "metadata", "annotations"],
	# cert-manager copies secretTemplate's annotations onto the Secret that
	# holds the certificate and its private key (the fifteenth red team).
	"Certificate": ["spec", "secretTemplate", "annotations"],
}

copy_holders contains [i, lib.namespace(r), path, ann] if {
	some kind, path in copy_annotation_paths
	some i, r in lib.resources_of_kind(kind)
	ann := lib.object_at(r, path)
	count(ann) > 0
}

truthy(v) if lower(trim_space(v)) in {"true", "yes", "1"}

# Where a push annotation sends copies: [annotation, list] ("" = every namespace)
# or [annotation, null] for a selector or another cluster.
push_targets(ann) := {[k, object.get(ann, concat("", [reflector, "reflection-allowed-namespaces"]), "")] |
	k := concat("", [reflector, "reflection-allowed"])
	truthy(ann[k])
} | {[k, list] |
	k := concat("", [reflector, "reflection-auto-enabled"])
	truthy(ann[k])
	list := object.get(ann, concat("", [reflector, "reflection-auto-namespaces"]), "")
	list != ""
} | {[k, ann[k]] |
	k := concat("", [replicator, "replicate-to"])
	is_string(ann[k])
} | {[k, object.get(ann, concat("", [replicator, "replication-allowed-namespaces"]), "")] |
	k := concat("", [replicator, "replication-allowed"])
	truthy(ann[k])
} | {[k, null] |
	some k in [concat("", [replicator, "replicate-to-matching"]), "kubed.appscode.com/sync", "kubed.appscode.com/sync-contexts"]
	is_string(ann[k])
}

# What is wrong with a list of target namespaces for a copy ranked `rank`.
bad_targets(null, _) := "namespaces chosen by labels or another cluster"

bad_targets(list, _) := "every namespace" if {
	is_string(list)
	trim_space(list) == ""
}

bad_targets(list, rank) := entry if {
	is_string(list)
	some raw in split(list, ",")
	entry := trim_space(raw)
	entry != ""
	not copy_target_ok(entry, rank)
}

# A literal namespace name (no pattern) st2 runs in, at least as strict.
copy_target_ok(entry, rank) if {
	regex.match(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`, entry)
	copy_rank(entry) >= rank
}

# Push annotations on a Secret (or its template) in a namespace st2 runs in.
findings contains f if {
	some [i, ns, path, ann] in copy_holders
	copy_st2_namespaces[ns]
	some [k, list] in push_targets(ann)
	to := bad_targets(list, copy_rank(ns))
	f := lib.finding("ST2-SEC-010", lib.severity_strict, i, array.concat(path, [k]), {"secret": lib.name(input.resources[i]), "to": to})
}

# A mirror anywhere pulling a Secret of a namespace st2 runs in.
pull_annotations := {concat("", [reflector, "reflects"]), concat("", [replicator, "replicate-from"])}

findings contains f if {
	some [i, ns, path, ann] in copy_holders
	some k in pull_annotations
	source := ann[k]
	is_string(source)
	parts := split(trim_space(source), "/")
	source_ns := pulled_namespace(parts, ns)
	copy_st2_namespaces[source_ns]
	copy_rank(ns) < copy_rank(source_ns)
	f := lib.finding("ST2-SEC-010", lib.severity_strict, i, array.concat(path, [k]), {"secret": lib.name(input.resources[i]), "to": ns})
}

pulled_namespace(parts, _) := parts[0] if count(parts) > 1

pulled_namespace(parts, ns) := ns if count(parts) == 1

# --- External Secrets reading st2's store or st2's keys ----------------------

copy_store_ranks := {name: lib.rank_of(p) |
	some name, p in object.get(data.settings, ["environments", "secret_stores"], {})
	is_string(p)
}

# The remote keys st2's own ExternalSecrets read (in the namespaces st2 runs
# in), each with the least strict rank of a namespace st2 reads it in: a copy
# anywhere less strict than every st2 reader is a copy out.
st2_remote_key_ranks[key] := min(st2_remote_key_rank_set[key]) if some key, _ in st2_remote_key_rank_set

st2_remote_key_rank_set[key] contains copy_rank(ns) if {
	some r in lib.resources_of_kind("ExternalSecret")
	ns := lib.namespace(r)
	copy_st2_namespaces[ns]
	some key in es_remote_keys(object.get(r, "spec", {}))
}

es_remote_keys(spec) := {k | some d in object.get(spec, "data", []); k := d.remoteRef.key; is_string(k)} | {k |
	some d in object.get(spec, "dataFrom", [])
	k := d.extract.key
	is_string(k)
}

es_store_names(spec) := {n | n := spec.secretStoreRef.name; is_string(n)} | {n |
	some field in ["data", "dataFrom"]
	some d in object.get(spec, field, [])
	n := d.sourceRef.storeRef.name
	is_string(n)
}

# The rank of what an ExternalSecret spec reads: the mapped stores it uses,
# and the keys st2 reads (ranked by their least strict st2 reader).
read_ranks(spec) := {copy_store_ranks[n] | some n in es_store_names(spec)} | {st2_remote_key_ranks[k] | some k in es_remote_keys(spec)}

findings contains f if {
	some i, r in lib.resources_of_kind("ExternalSecret")
	ns := lib.namespace(r)
	ranks := read_ranks(object.get(r, "spec", {}))
	count(ranks) > 0
	copy_rank(ns) < max(ranks)
	f := lib.finding("ST2-SEC-010", lib.severity_strict, i, ["spec"], {"secret": lib.name(r), "to": ns})
}

# A ClusterExternalSecret creates its ExternalSecret in every namespace it selects.
findings contains f if {
	some i, r in lib.resources_of_kind("ClusterExternalSecret")
	spec := object.get(r, ["spec", "externalSecretSpec"], {})
	ranks := read_ranks(spec)
	count(ranks) > 0
	to := ces_bad_target(object.get(r, "spec", {}), max(ranks))
	f := lib.finding("ST2-SEC-010", lib.severity_strict, i, ["spec", "externalSecretSpec"], {"secret": lib.name(r), "to": to})
}

ces_bad_target(spec, _) := "namespaces chosen by labels" if {
	some field in ["namespaceSelector", "namespaceSelectors"]
	object.get(spec, field, null) != null
}

ces_bad_target(spec, rank) := entry if {
	some entry in object.get(spec, "namespaces", [])
	not copy_target_ok(entry, rank)
}

# A ClusterExternalSecret's template may carry copy annotations too.
findings contains f if {
	some i, r in lib.resources_of_kind("ClusterExternalSecret")
	path := ["spec", "externalSecretSpec", "target", "template", "metadata", "annotations"]
	ann := lib.object_at(r, path)
	some [k, list] in push_targets(ann)
	to := bad_targets(list, lib.rank_of(lib.profile))
	f := lib.finding("ST2-SEC-010", lib.severity_strict, i, array.concat(path, [k]), {"secret": lib.name(r), "to": to})
}

# A PushSecret in a less strict namespace writing into st2's store (or st2's
# keys): it replaces what st2 reads with values from outside.
findings contains f if {
	some i, r in lib.resources_of_kind("PushSecret")
	ns := lib.namespace(r)
	ranks := {copy_store_ranks[ref.name] | some ref in object.get(r, ["spec", "secretStoreRefs"], []); is_string(ref.name)}
	count(ranks) > 0
	copy_rank(ns) < max(ranks)
	f := lib.finding("ST2-SEC-010", lib.severity_strict, i, ["spec", "secretStoreRefs"], {"secret": lib.name(r), "to": ns})
}

# A Kyverno generate rule cloning a Secret (or ConfigMap) of a namespace st2
# runs in: Kyverno writes the copy into every namespace the rule matches.
findings contains f if {
	some kind in {"ClusterPolicy", "Policy"}
	some i, r in lib.resources_of_kind(kind)
	startswith(object.get(r, "apiVersion", ""), "kyverno.io/")
	some k, rule in object.get(r, ["spec", "rules"], [])
	some field in ["clone", "cloneList"]
	source_ns := rule.generate[field].namespace
	is_string(source_ns)
	copy_st2_namespaces[source_ns]
	f := lib.finding("ST2-SEC-010", lib.severity_strict, i, ["spec", "rules", k, "generate", field], {"secret": lib.name(r), "to": "every namespace the rule matches"})
}
