# What st2's ExternalSecrets ask their store for (External Secrets Operator).
#
# ST2-SEC-018: `dataFrom: - find:` with nothing narrowing it (no path, no tags,
# and a name regexp that matches any name, or none) copies every secret the
# store's credentials can list into one Secret in st2's namespace: other
# teams' database passwords and cloud keys, readable by every pod and account
# that may read st2's Secrets (the action runners run users' code).
# ST2-SEC-011 (with operations_environments.rego): a key whose path names a
# more lenient environment (`dev/st2/auth`, `staging-mongodb`) in a production
# render: one store serving several environments by path, the lenient
# environment's administrators set and read the value production then uses.
package st2.operations

import data.st2.lib

rules["ST2-SEC-018"] := {
	"title": "ExternalSecret copying every secret of its store into st2's namespace",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"dataFrom find without a path, without tags and with a name regexp that matches any name",
		"(.*, .+, or none) copies every secret the store's credentials can list into one Secret",
		"in st2's namespace, where every pod and account allowed to read st2's Secrets (the",
		"action runners run users' code) reads other teams' credentials. Name the keys st2 uses",
		"(data, dataFrom extract), or narrow find by path, tags or an anchored name regexp.",
	]),
}

# The ExternalSecret specs of a resource, with their paths.
es_specs(r) := [[["spec"], r.spec]] if {
	r.kind == "ExternalSecret"
} else := [[["spec", "externalSecretSpec"], r.spec.externalSecretSpec]] if {
	r.kind == "ClusterExternalSecret"
} else := []

es_kinds := {"ExternalSecret", "ClusterExternalSecret"}

# Names no narrowing regexp matches both of.
unrelated_names := ["zz-9f3q", "team-x/prod/db-password"]

find_narrowed(find) if count(object.get(find, "path", "")) > 0

find_narrowed(find) if count(object.get(find, "tags", {})) > 0

find_narrowed(find) if {
	re := find.name.regexp
	is_string(re)
	some name in unrelated_names
	not regex.match(re, name)
}

findings contains f if {
	some kind in es_kinds
	some i, r in lib.resources_of_kind(kind)
	some [at, spec] in es_specs(r)
	some k, d in object.get(spec, "dataFrom", [])
	find := d.find
	is_object(find)
	not find_narrowed(find)
	f := lib.finding("ST2-SEC-018", lib.severity_strict, i, array.concat(at, ["dataFrom", k, "find"]), {"kind": kind})
}

# --- ST2-SEC-011: a key of a more lenient environment ----------------------------------------------

# The words that name an environment in a key path, by environment.
env_words := {
	"dev": {"dev", "development", "develop", "sandbox"},
	"staging": {"staging", "stage", "stg", "preprod"},
}

# Substrings every word of env_words holds one of.
env_needles := ["dev", "sandbox", "stag", "stg", "preprod"]

# Every key an ExternalSecret reads, with its path.
es_keys(at, spec) := {[array.concat(at, ["data", k, "remoteRef", "key"]), d.remoteRef.key] |
	some k, d in object.get(spec, "data", [])
	is_string(d.remoteRef.key)
} | {[array.concat(at, ["dataFrom", k, "extract", "key"]), d.extract.key] |
	some k, d in object.get(spec, "dataFrom", [])
	is_string(d.extract.key)
} | {[array.concat(at, ["dataFrom", k, "find", "path"]), d.find.path] |
	some k, d in object.get(spec, "dataFrom", [])
	is_string(d.find.path)
}

# The lenient environments a key path names by one of its words (dev/st2/auth, st2-staging-mongodb).
key_environments(key, ns) := {env |
	# Most keys name no environment: the words are cut only when one may be there.
	k := lower(key)
	some needle in env_needles
	contains(k, needle)
	words := {lower(m[0]) | some m in regex.find_all_string_submatch_n(`[A-Za-z0-9]+`, key, -1)}
	some env, names in env_words
	lib.rank_of(env) < lib.rank_of(env_of(ns))
	count(words & names) > 0
}

findings contains f if {
	lib.rank_of(lib.profile) > 0
	some kind in es_kinds
	some i, r in lib.resources_of_kind(kind)
	some [at, spec] in es_specs(r)
	some [path, key] in es_keys(at, spec)
	some env in key_environments(key, lib.namespace(r))
	f := lib.finding("ST2-SEC-011", "deny", i, path, {"kind": kind, "store": "a key path", "environment": env})
}
