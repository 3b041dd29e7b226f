# ST2-SEC-020: half a password rotation. st2 logs in to MongoDB and RabbitMQ
# with the password its st2.secrets.conf template is given (components/
# external-secrets: st2-config-secrets), the stores take theirs from their own
# Secret (MONGO_INITDB_ROOT_PASSWORD, RABBITMQ_DEFAULT_PASS). When st2 logs in
# as the store's own user, both must come from the same remote value: a
# rotation that moves one ExternalSecret to a new key or property and leaves
# the other on the old one leaves st2 unable to authenticate (every st2
# service crash-loops) or the store's scripts and probes on a stale password.
# Only ExternalSecret sources are compared (the values never enter the policy):
# [store, key, property] of each side.
package st2.operations

import data.st2.lib

rules["ST2-SEC-020"] := {
	"title": "st2's store password and the store's own from different remote values",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"st2's st2.secrets.conf and the store's Secret must read the same remote key and property",
		"when st2 logs in as the store's user: rotating one side (a new property or key) and not",
		"the other leaves st2 unable to authenticate. Rotate both ExternalSecrets in one change, or",
		"give st2 a user of its own.",
	]),
}

# The remote value [store, key, property] behind one data entry of an ExternalSecret.
remote_of(r, d) := [store, d.remoteRef.key, object.get(d.remoteRef, "property", "")] if {
	is_string(d.remoteRef.key)
	store := object.get(d, ["sourceRef", "storeRef", "name"], object.get(r, ["spec", "secretStoreRef", "name"], ""))
}

external_secrets := [r | some r in lib.resources_of_kind("ExternalSecret")]

# [namespace, Secret name, key, remote value] for ExternalSecrets that copy values as they are.
# Sets throughout: two sources for one name are two facts, never a conflict.
copied_values contains [lib.namespace(r), target, d.secretKey, remote_of(r, d)] if {
	some r in external_secrets
	not r.spec.target.template
	target := object.get(r, ["spec", "target", "name"], lib.name(r))
	some d in object.get(r, ["spec", "data"], [])
	is_string(d.secretKey)
}

# The store's own credentials: [namespace, store, "user" | "password"] -> remote value (or a literal user).
store_env := {
	"mongodb": {"user": {"MONGO_INITDB_ROOT_USERNAME", "MONGODB_ROOT_USER"}, "password": {"MONGO_INITDB_ROOT_PASSWORD", "MONGODB_ROOT_PASSWORD"}},
	"rabbitmq": {"user": {"RABBITMQ_DEFAULT_USER", "RABBITMQ_USERNAME"}, "password": {"RABBITMQ_DEFAULT_PASS", "RABBITMQ_PASSWORD"}},
}

store_credentials contains [w.namespace, store, part, source] if {
	some w in lib.workloads
	some store, names in store_env
	w.roles[store]
	some u in w.units
	some ctr in object.get(u.pod_spec, "containers", [])
	some part, vars in names
	some e in object.get(ctr, "env", [])
	vars[e.name]
	some source in env_sources(w.namespace, e)
}

env_sources(ns, e) := {["literal", e.value] | is_string(e.value)} | {source |
	ref := e.valueFrom.secretKeyRef
	some [ns2, name, key, source] in copied_values
	ns2 == ns
	name == ref.name
	key == ref.key
}

# [ExternalSecret index, store, part, remote value, path of its data entry]: what st2 is given,
# read from its st2 config template with string functions (no regular expression per render).
st2_credentials contains [i, store, part, source, path] if {
	some i, r in lib.resources_of_kind("ExternalSecret")
	some text in object.get(r, ["spec", "target", "template", "data"], {})
	is_string(text)
	contains(text, "[database]")
	some [store, part, word] in template_words(text)
	some [source, path] in template_sources(r, word, part, store)
}

# The option values of one section of an st2 config text ({option: value}) that st2 logs in
# with, as oslo.config reads the file (option_value, operations_availability.rego: a comment
# holding "[" hides nothing, the last of a repeated option wins).
section_options(text, section) := {option: v |
	some option in ["username", "password", "url"]
	v := option_value(text, section, option)
}

# The variable a value's Go template starts with ({{ .mongodbPassword }}, {{- .pw | urlquery }}).
template_var(value) := name if {
	startswith(value, "{{")
	inner := trim_left(trim_prefix(value, "{{"), "- ")
	startswith(inner, ".")
	name := split(split(split(substring(inner, 1, -1), " ")[0], "|")[0], "}")[0]
	name != ""
}

# [store, part, word]: a template variable, or the URL's literal RabbitMQ user.
template_words(text) := {[store, part, word] |
	opts := section_options(text, "database")
	some [store, part, option] in [["mongodb", "user", "username"], ["mongodb", "password", "password"]]
	word := template_var(opts[option])
} | {["rabbitmq", "user", substring(userinfo, 0, colon)] |
	userinfo := amqp_userinfo(text)
	colon := indexof(userinfo, ":")
	colon > 0
} | {["rabbitmq", "password", word] |
	userinfo := amqp_userinfo(text)
	colon := indexof(userinfo, ":")
	colon > 0
	word := template_var(substring(userinfo, colon + 1, -1))
}

amqp_userinfo(text) := split(split(section_options(text, "messaging").url, "://")[1], "@")[0]

# A RabbitMQ user written literally in the URL; everything else a template variable's data entry.
template_sources(r, word, part, store) := {[["literal", word], ["spec", "target", "template", "data"]]} if {
	part == "user"
	store == "rabbitmq"
} else := {[remote_of(r, d), ["spec", "data", k]] |
	some k, d in object.get(r, ["spec", "data"], [])
	d.secretKey == word
}

findings contains f if {
	some [i, store, "password", source, path] in st2_credentials
	ns := lib.namespace(input.resources[i])
	some [ns2, store2, "password", theirs] in store_credentials
	ns2 == ns
	store2 == store
	theirs[0] != "literal"
	# st2 logs in as the store's own user.
	some [i2, store3, "user", user, _] in st2_credentials
	i2 == i
	store3 == store
	[ns, store, "user", user] in store_credentials
	source != theirs
	f := lib.finding("ST2-SEC-020", lib.severity_strict, i, path, {"store": store, "st2_reads": concat("/", [source[1], source[2]]), "store_reads": concat("/", [theirs[1], theirs[2]])})
}
