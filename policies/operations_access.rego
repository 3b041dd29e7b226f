# ST2-OPS-004, 006, 007, 008, 011, 012: who can reach st2 and its stores, and
# where st2's passwords and logins can be sent.

package st2.operations

import data.st2.lib

# --- ST2-OPS-004: st2web Ingress without TLS --------------------------------------------------------

st2web_service_refs contains [lib.namespace(svc), lib.name(svc)] if {
	some i in data.st2.exposure.http_services
	svc := input.resources[i]
}

tls_hosts(r) := {h | some t in object.get(r, ["spec", "tls"], []); some h in object.get(t, "hosts", [])}

tls_covers(r, host) if tls_hosts(r)[host]

tls_covers(r, host) if {
	some pattern in tls_hosts(r)
	startswith(pattern, "*.")
	parts := split(host, ".")
	concat(".", array.slice(parts, 1, count(parts))) == substring(pattern, 2, -1)
}

findings contains f if {
	some i, r in lib.resources_of_kind("Ingress")
	some j, rule in object.get(r, ["spec", "rules"], [])
	some p in object.get(rule, ["http", "paths"], [])
	svc := object.get(p, ["backend", "service", "name"], object.get(p, ["backend", "serviceName"], ""))
	st2web_service_refs[[lib.namespace(r), svc]]
	host := object.get(rule, "host", "")
	not tls_covers(r, host)
	f := lib.finding("ST2-OPS-004", lib.severity_strict, i, ["spec", "rules", j], {"service": svc, "host": host})
}

# --- ST2-OPS-006: RBAC for everyone ----------------------------------------------------------------

broad_subject(s) if {
	s.kind == "Group"
	some g in {"system:authenticated", "system:unauthenticated", "system:serviceaccounts"}
	s.name == g
}

broad_subject(s) if {
	s.kind == "Group"
	startswith(s.name, "system:serviceaccounts:")
	st2_namespaces[trim_prefix(s.name, "system:serviceaccounts:")]
}

broad_subject(s) if {
	s.kind == "User"
	s.name == "system:anonymous"
}

powerful_cluster_roles := {"cluster-admin", "admin", "edit"}

secret_verbs := {"get", "list", "watch", "*"}

# A role of the render that reads Secrets (or everything).
secret_reader_roles contains [r.kind, lib.name(r)] if {
	some kind in {"Role", "ClusterRole"}
	some r in lib.resources_of_kind(kind)
	some rule in object.get(r, "rules", [])
	some res in object.get(rule, "resources", [])
	some res_name in {"secrets", "*"}
	res == res_name
	some verb in object.get(rule, "verbs", [])
	secret_verbs[verb]
}

dangerous_role(ref) if {
	ref.kind == "ClusterRole"
	powerful_cluster_roles[ref.name]
}

dangerous_role(ref) if secret_reader_roles[[ref.kind, ref.name]]

# An aggregated ClusterRole holds the rules of every ClusterRole its selectors match.
dangerous_role(ref) if {
	ref.kind == "ClusterRole"
	some agg in lib.resources_of_kind("ClusterRole")
	lib.name(agg) == ref.name
	some sel in object.get(agg, ["aggregationRule", "clusterRoleSelectors"], [])
	some part in lib.resources_of_kind("ClusterRole")
	secret_reader_roles[["ClusterRole", lib.name(part)]]
	lib.map_selects(object.get(sel, "matchLabels", {}), lib.labels(part))
}

findings contains f if {
	some kind in {"RoleBinding", "ClusterRoleBinding"}
	some i, b in lib.resources_of_kind(kind)
	dangerous_role(b.roleRef)
	some j, s in object.get(b, "subjects", [])
	broad_subject(s)
	f := lib.finding("ST2-OPS-006", lib.severity_strict, i, ["subjects", j], {"role": b.roleRef.name, "subject": s.name})
}

# st2 actions run as the pods' service accounts: any st2 user gets what those may do.
findings contains f if {
	some kind in {"RoleBinding", "ClusterRoleBinding"}
	some i, b in lib.resources_of_kind(kind)
	dangerous_role(b.roleRef)
	some j, s in object.get(b, "subjects", [])
	s.kind == "ServiceAccount"
	st2_namespaces[object.get(s, "namespace", "")]
	f := lib.finding("ST2-OPS-006", lib.severity_strict, i, ["subjects", j], {"role": b.roleRef.name, "subject": s.name})
}

# --- ST2-OPS-007: st2web's upstream URLs ----------------------------------------------------------------

st2web_url_vars := {"ST2_AUTH_URL", "ST2_API_URL", "ST2_STREAM_URL"}

configmap_data[[lib.namespace(r), lib.name(r)]] := d if {
	some r in lib.resources_of_kind("ConfigMap")
	d := object.get(r, "data", {})
	is_object(d)
}

# A Secret's values as its pods see them (stringData as written, data decoded).
secret_data[[lib.namespace(r), lib.name(r)]] := object.union(
	{k: base64.decode(v) | some k, v in object.get(r, "data", {}); is_string(v); base64.is_valid(v)},
	{k: v | some k, v in object.get(r, "stringData", {}); is_string(v)},
) if {
	some r in lib.resources_of_kind("Secret")
}

# [variable, value, path] of each st2web upstream URL a container gets: literal
# env, env from a ConfigMap key, and envFrom a whole ConfigMap of the render.
st2web_urls(c, ns) := {[e.name, e.value, array.concat(c.path, ["env", k])] |
	some k, e in object.get(c.container, "env", [])
	st2web_url_vars[e.name]
	is_string(e.value)
} | {[e.name, v, array.concat(c.path, ["env", k])] |
	some k, e in object.get(c.container, "env", [])
	st2web_url_vars[e.name]
	ref := e.valueFrom.configMapKeyRef
	v := configmap_data[[ns, ref.name]][ref.key]
	is_string(v)
} | {[e.name, v, array.concat(c.path, ["env", k])] |
	some k, e in object.get(c.container, "env", [])
	st2web_url_vars[e.name]
	ref := e.valueFrom.secretKeyRef
	v := secret_data[[ns, ref.name]][ref.key]
	is_string(v)
} | {[var, v, array.concat(c.path, ["envFrom", k])] |
	some k, e in object.get(c.container, "envFrom", [])
	d := configmap_data[[ns, e.configMapRef.name]]
	some var in st2web_url_vars
	v := d[concat("", [object.get(e, "prefix", ""), var])]
	is_string(v)
} | {[var, v, array.concat(c.path, ["envFrom", k])] |
	some k, e in object.get(c.container, "envFrom", [])
	d := secret_data[[ns, e.secretRef.name]]
	some var in st2web_url_vars
	v := d[concat("", [object.get(e, "prefix", ""), var])]
	is_string(v)
}

# An in-cluster name that is an ExternalName Service leads where that one points.
external_names[[lib.namespace(svc), lib.name(svc)]] := lower(svc.spec.externalName) if {
	some svc in lib.resources_of_kind("Service")
	svc.spec.type == "ExternalName"
	is_string(svc.spec.externalName)
}

leads_outside(host, _) if not in_cluster_host(host)

leads_outside(host, ns) if {
	ref := data.st2.exposure.host_ref(host, ns)
	target := external_names[ref]
	not in_cluster_host(target)
}

# An in-cluster address: a Service name, name.namespace, or ….svc[.cluster.local].
in_cluster_host(host) if regex.match(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)?$`, host)

in_cluster_host(host) if regex.match(`^[a-z0-9.-]+\.svc(\.cluster\.local)?\.?$`, host)

url_host(url) := lower(m[1]) if {
	m := regex.find_all_string_submatch_n(`^\s*[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#\s]+)`, url, 1)[0]
}

findings contains f if {
	some c in lib.containers
	w := lib.workloads[c.resource]
	w.roles.st2web
	some [var, url, path] in st2web_urls(c, w.namespace)
	host := url_host(url)
	leads_outside(host, w.namespace)
	f := lib.finding("ST2-OPS-007", lib.severity_strict, c.resource, path, {"variable": var, "host": host})
}

# An st2 pod whose names resolve where the manifest says: hostAliases for a
# Service name (the stores, st2's own APIs) send st2's passwords and tokens to
# that address; dnsPolicy None with its own nameservers lets them say so.
st2_client_roles := {
	"st2web", "st2auth", "st2api", "st2stream", "st2rulesengine", "st2timersengine",
	"st2workflowengine", "st2notifier", "st2sensorcontainer", "st2actionrunner",
	"st2garbagecollector", "st2client", "st2scheduler",
}

st2_pod(w) if {
	some role in w.roles
	st2_client_roles[role]
}

service_names contains [lib.namespace(svc), lib.name(svc)] if some svc in lib.resources_of_kind("Service")

findings contains f if {
	some i, w in lib.workloads
	st2_pod(w)
	some u in w.units
	some k, alias in object.get(u.pod_spec, "hostAliases", [])
	some name in object.get(alias, "hostnames", [])
	ref := data.st2.exposure.host_ref(name, w.namespace)
	service_names[ref]
	f := lib.finding("ST2-OPS-007", lib.severity_strict, i, array.concat(u.spec_path, ["hostAliases", k]), {"variable": "hostAliases", "host": name})
}

findings contains f if {
	some i, w in lib.workloads
	st2_pod(w)
	some u in w.units
	u.pod_spec.dnsPolicy == "None"
	count(object.get(u.pod_spec, ["dnsConfig", "nameservers"], [])) > 0
	f := lib.finding("ST2-OPS-007", lib.severity_strict, i, array.concat(u.spec_path, ["dnsConfig", "nameservers"]), {"variable": "dnsConfig", "host": concat(",", u.pod_spec.dnsConfig.nameservers)})
}

# --- ST2-OPS-008: tunnels to the stores ----------------------------------------------------------------

# Agents that publish what they forward outside the cluster whatever their
# arguments, and those that do with one (a remote forward).
tunnel_agents := {"cloudflared", "ngrok", "bore", "inlets", "zrok", "frpc"}

tunnel_ctr(ctr) if tunnel_agents[lib.program(ctr)]

tunnel_ctr(ctr) if {
	is_string(ctr.image)
	tunnel_agents[lib.image_repository(ctr.image)]
}

tunnel_ctr(ctr) if {
	some text in lib.command_texts(ctr)
	some agent in tunnel_agents
	contains(text, concat("", [agent, " "]))
}

tunnel_ctr(ctr) if {
	some prog in {"ssh", "chisel"}
	forwards_remote(ctr, prog)
}

# Command and args read as one line: "-R" and its forward are separate words.
forwards_remote(ctr, prog) if {
	data.st2.exposure.forwarder(ctr)
	text := concat(" ", lib.command_texts(ctr))
	contains(text, prog)
	regex.match(`(^|\s)(-R\s*\S|R:)`, text)
}

# The stores an ssh or chisel forward spec ([bind:]port:host:hostport) leads to.
forward_spec_roles(w, ctr) := {role |
	targets := data.st2.exposure.store_targets
	text := concat(" ", lib.command_texts(ctr))
	some m in regex.find_all_string_submatch_n(`(?:^|[\s:])[0-9]+:([A-Za-z][A-Za-z0-9.-]*):[0-9]+`, text, -1)
	some ref in data.st2.exposure.host_refs(m[1], w.namespace)
	some role in targets[ref]
}

findings contains f if {
	some i, w in lib.workloads
	some u in w.units
	some ctr in lib.running_containers(u.pod_spec)
	# Every tunnel agent is a forwarder: the cheap test first.
	data.st2.exposure.forwarder(ctr)
	tunnel_ctr(ctr)
	some role in data.st2.exposure.forward_roles(w) | forward_spec_roles(w, ctr)
	f := lib.finding("ST2-OPS-008", lib.severity_strict, i, u.spec_path, {"component": w.component, "store": role})
}

# --- ST2-OPS-012: reaching into a stricter environment -----------------------------------------------

# A namespace the policy maps to a stricter environment than the one this
# render is judged by (a dev overlay forwarding to st2-prod's MongoDB).
stricter_namespace(ns) if lib.rank_of(lib.namespace_profiles[ns]) > lib.rank_of(lib.profile)

findings contains f if {
	some i, w in lib.workloads
	some u in w.units
	some ctr in lib.running_containers(u.pod_spec)
	data.st2.exposure.forwarder(ctr)
	some text in lib.command_texts(ctr)
	some word in data.st2.exposure.forward_words(text)
	contains(word, ".")
	some ref in data.st2.exposure.host_refs(word, w.namespace)
	stricter_namespace(ref[0])
	f := lib.finding("ST2-OPS-012", "deny", i, u.spec_path, {"component": w.component, "namespace": ref[0]})
}

findings contains f if {
	some i, svc in lib.resources_of_kind("Service")
	svc.spec.type == "ExternalName"
	ref := data.st2.exposure.host_ref(svc.spec.externalName, lib.namespace(svc))
	stricter_namespace(ref[0])
	f := lib.finding("ST2-OPS-012", "deny", i, ["spec", "externalName"], {"component": lib.name(svc), "namespace": ref[0]})
}

# --- ST2-OPS-011: mounts in st2web's web root -------------------------------------------------------------

findings contains f if {
	some c in lib.containers
	lib.workloads[c.resource].roles.st2web
	some k, m in object.get(c.container, "volumeMounts", [])
	is_string(m.mountPath)
	startswith(m.mountPath, "/opt/stackstorm/static")
	lib.container_roles(c.container).st2web
	f := lib.finding("ST2-OPS-011", lib.severity_strict, c.resource, array.concat(c.path, ["volumeMounts", k, "mountPath"]), {"mount": m.mountPath})
}
