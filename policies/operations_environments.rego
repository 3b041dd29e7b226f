# Environments stay apart, whichever way the reach goes, and st2's Services
# lead to st2's pods.
#
# ST2-OPS-012 denies a lenient render reaching into a stricter environment.
# The reverse is as bad for the stricter one: production's st2 sending its
# API calls and tokens to staging's services (ST2-OPS-025), or production's
# ExternalSecrets filled from staging's secret store, so staging's store
# administrators set (and read) production's passwords (ST2-SEC-011).
# ST2-OPS-026: a hand-written EndpointSlice or Endpoints attached to one of
# st2's Services (or the Service stripped of its selector) sends st2's
# traffic wherever the slice says; Argo CD excludes both kinds by default,
# so under Argo CD the Service may have no endpoints at all.
package st2.operations

import data.st2.lib

# The environment of a namespace: the policy's map, or the render's own.
env_of(ns) := lib.namespace_profiles[ns] if {
	lib.namespace_profiles[ns]
} else := lib.profile

# --- ST2-OPS-025: st2 wired to another environment's services --------------------------------------

# st2's own URL variables (st2web's upstreams and the st2 CLI's, which actions and sensors use too).
st2_url_vars := st2web_url_vars | {"ST2_BASE_URL"}

# A namespace of the policy's map in another environment than `ns`'s, named by host.
other_env_namespace(host, ns) := ref[0] if {
	ref := data.st2.exposure.host_ref(host, ns)
	p := lib.namespace_profiles[ref[0]]
	p != env_of(ns)
}

# Judged where the URL is written, whether or not a pod reads it (a key named
# after the variable in a ConfigMap or Secret, an env value), and where a pod
# maps another key or a prefix onto the variable: no container looks up every
# ConfigMap of the render.
findings contains f if {
	some i, r in lib.resources_of_kind("ConfigMap")
	some var in st2_url_vars
	url := r.data[var]
	is_string(url)
	other := other_env_namespace(url_host(url), lib.namespace(r))
	f := lib.finding("ST2-OPS-025", "deny", i, ["data", var], {"option": var, "namespace": other})
}

findings contains f if {
	some i, r in lib.resources_of_kind("Secret")
	some var in st2_url_vars
	some [field, url] in secret_urls(r, var)
	other := other_env_namespace(url_host(url), lib.namespace(r))
	f := lib.finding("ST2-OPS-025", "deny", i, [field, var], {"option": var, "namespace": other})
}

secret_urls(r, var) := {["stringData", v] | v := r.stringData[var]; is_string(v)} | {["data", base64.decode(v)] |
	v := r.data[var]
	is_string(v)
	base64.is_valid(v)
}

findings contains f if {
	some c in lib.containers
	some k, e in object.get(c.container, "env", [])
	st2_url_vars[e.name]
	url := env_url(e, lib.namespace(input.resources[c.resource]))
	other := other_env_namespace(url_host(url), lib.namespace(input.resources[c.resource]))
	f := lib.finding("ST2-OPS-025", "deny", c.resource, array.concat(c.path, ["env", k]), {"option": e.name, "namespace": other})
}

env_url(e, ns) := e.value if {
	is_string(e.value)
} else := v if {
	ref := e.valueFrom.configMapKeyRef
	v := configmap_data[[ns, ref.name]][ref.key]
	is_string(v)
} else := v if {
	ref := e.valueFrom.secretKeyRef
	v := secret_data[[ns, ref.name]][ref.key]
	is_string(v)
}

# envFrom with a prefix maps other keys onto the variables.
findings contains f if {
	some c in lib.containers
	some k, e in object.get(c.container, "envFrom", [])
	prefix := e.prefix
	prefix != ""
	ns := lib.namespace(input.resources[c.resource])
	some var in st2_url_vars
	startswith(var, prefix)
	key := substring(var, count(prefix), -1)
	some d in {configmap_data[[ns, object.get(e, ["configMapRef", "name"], "")]], secret_data[[ns, object.get(e, ["secretRef", "name"], "")]]}
	url := d[key]
	is_string(url)
	other := other_env_namespace(url_host(url), ns)
	f := lib.finding("ST2-OPS-025", "deny", c.resource, array.concat(c.path, ["envFrom", k]), {"option": var, "namespace": other})
}

# An st2 config text naming a host in another environment's namespace in an
# option's value (a comment is not a value). The namespaces are looked for
# first, as plain strings: most texts name none.
findings contains f if {
	some [i, path, text] in st2_conf_texts
	ns := lib.namespace(input.resources[i])
	some other, p in lib.namespace_profiles
	p != env_of(ns)
	contains(text, concat("", [".", other]))
	m := regex.find_all_string_submatch_n(concat("", [`(?m)^[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*[=:][^\n]*[@/,=. \t]([A-Za-z0-9-]+\.`, other, `)(?:[.:/,?\s]|$)`]), text, 1)[0]
	f := lib.finding("ST2-OPS-025", "deny", i, path, {"option": m[1], "namespace": other})
}

# --- ST2-SEC-011: secrets from a more lenient environment's store -----------------------------------

# Judged by the environment of the namespace the object is in (staging's own
# ExternalSecrets in a staging render declared production read staging's store).

findings contains f if {
	lib.rank_of(lib.profile) > 0
	count(store_profiles) > 0
	some kind in {"ExternalSecret", "PushSecret", "ClusterExternalSecret"}
	some i, r in lib.resources_of_kind(kind)
	some [path, name] in secret_store_refs(r)
	lib.rank_of(store_profiles[name]) < lib.rank_of(env_of(lib.namespace(r)))
	f := lib.finding("ST2-SEC-011", "deny", i, path, {"kind": kind, "store": name, "environment": store_profiles[name]})
}

# ESO's kubernetes provider reads the Secrets of remoteNamespace: one of a
# more lenient environment is that environment's secrets.
findings contains f if {
	some kind in {"SecretStore", "ClusterSecretStore"}
	some i, r in lib.resources_of_kind(kind)
	remote := r.spec.provider.kubernetes.remoteNamespace
	is_string(remote)
	p := lib.namespace_profiles[remote]
	lib.rank_of(p) < lib.rank_of(env_of(lib.namespace(r)))
	f := lib.finding("ST2-SEC-011", "deny", i, ["spec", "provider", "kubernetes", "remoteNamespace"], {"kind": kind, "store": remote, "environment": p})
}

# --- ST2-OPS-026: st2's Services with hand-written endpoints ----------------------------------------

# A Service is st2's when its name names an st2 service or store (st2auth, mongodb, st2-prod-rabbitmq).
st2_service_name(name) if {
	is_string(name)
	count(lib.roles(name)) > 0
}

findings contains f if {
	some i, r in lib.resources_of_kind("EndpointSlice")
	name := object.get(r, ["metadata", "labels", "kubernetes.io/service-name"], "")
	st2_service_name(name)
	f := lib.finding("ST2-OPS-026", lib.severity_strict, i, ["metadata", "labels", "kubernetes.io/service-name"], {"kind": "EndpointSlice", "service": name})
}

findings contains f if {
	some i, r in lib.resources_of_kind("Endpoints")
	st2_service_name(lib.name(r))
	f := lib.finding("ST2-OPS-026", lib.severity_strict, i, ["metadata", "name"], {"kind": "Endpoints", "service": lib.name(r)})
}

findings contains f if {
	some i, svc in lib.resources_of_kind("Service")
	object.get(svc, ["spec", "type"], "ClusterIP") != "ExternalName"
	no_selector(object.get(svc, ["spec", "selector"], null))
	st2_service_name(lib.name(svc))
	f := lib.finding("ST2-OPS-026", lib.severity_strict, i, ["spec", "selector"], {"kind": "Service", "service": lib.name(svc)})
}

no_selector(s) if not is_object(s)

no_selector(s) if count(s) == 0
