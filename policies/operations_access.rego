# ST2-OPS-004, 007, 008, 011, 012, 013, 014: who can reach st2 and its stores,
# and where st2's passwords and logins can be sent (RBAC: operations_rbac.rego).

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

# Gateway API: an HTTPRoute or GRPCRoute sending to st2web from a Gateway
# listener of protocol HTTP (no TLS): logins and tokens in clear text. A
# parentRef attaches to the listener its sectionName names, else to those on
# its port, else to every listener; a Gateway outside the render is not seen.
gateways[[lib.namespace(g), lib.name(g)]] := g if {
	some i, g in lib.resources_of_kind("Gateway")
	not lib.dropped_copies[i]
}

attached_listeners(route, ref) := {l |
	object.get(ref, "kind", "Gateway") == "Gateway"
	g := gateways[[object.get(ref, "namespace", lib.namespace(route)), ref.name]]
	some l in object.get(g, ["spec", "listeners"], [])
	listener_attaches(l, ref)
}

listener_attaches(l, ref) if object.get(ref, "sectionName", null) == l.name

listener_attaches(l, ref) if {
	object.get(ref, "sectionName", null) == null
	object.get(ref, "port", l.port) == l.port
}

findings contains f if {
	some kind in {"HTTPRoute", "GRPCRoute"}
	some i, r in lib.resources_of_kind(kind)
	count(gateways) > 0
	some rule in object.get(r, ["spec", "rules"], [])
	some b in object.get(rule, "backendRefs", [])
	object.get(b, "kind", "Service") == "Service"
	st2web_service_refs[[object.get(b, "namespace", lib.namespace(r)), b.name]]
	some k, ref in object.get(r, ["spec", "parentRefs"], [])
	some l in attached_listeners(r, ref)
	upper(object.get(l, "protocol", "")) == "HTTP"
	f := lib.finding("ST2-OPS-004", lib.severity_strict, i, ["spec", "parentRefs", k], {"service": b.name, "host": object.get(l, "hostname", "*"), "listener": object.get(l, "name", "")})
}

# --- ST2-OPS-007: st2web's upstream URLs ----------------------------------------------------------------

st2web_url_vars := {"ST2_AUTH_URL", "ST2_API_URL", "ST2_STREAM_URL"}

# Complete objects, built once: a partial rule looked up by key is evaluated
# again for every lookup by the Rego interpreter (conftest, opa eval), and
# every st2 container looks its URL variables up here (ST2-OPS-025).
# Of copies landing as one, the one Argo CD applies (lib.dropped_copies).
configmap_data := {[lib.namespace(r), lib.name(r)]: d |
	some i, r in lib.resources_of_kind("ConfigMap")
	not lib.dropped_copies[i]
	d := object.get(r, "data", {})
	is_object(d)
}

# A Secret's values as its pods see them (stringData as written, data decoded).
secret_data := {[lib.namespace(r), lib.name(r)]: object.union(
	{k: base64.decode(v) | some k, v in object.get(r, "data", {}); is_string(v); base64.is_valid(v)},
	{k: v | some k, v in object.get(r, "stringData", {}); is_string(v)},
) |
	some i, r in lib.resources_of_kind("Secret")
	not lib.dropped_copies[i]
}

st2web_urls(c, ns) := st2_urls(c, ns, st2web_url_vars)

# [variable, value, path] of each of `vars` (URL variables) a container gets: literal
# env, env from a ConfigMap key, and envFrom a whole ConfigMap of the render.
st2_urls(c, ns, vars) := {[e.name, e.value, array.concat(c.path, ["env", k])] |
	some k, e in object.get(c.container, "env", [])
	vars[e.name]
	is_string(e.value)
} | {[e.name, v, array.concat(c.path, ["env", k])] |
	some k, e in object.get(c.container, "env", [])
	vars[e.name]
	ref := e.valueFrom.configMapKeyRef
	v := configmap_data[[ns, ref.name]][ref.key]
	is_string(v)
} | {[e.name, v, array.concat(c.path, ["env", k])] |
	some k, e in object.get(c.container, "env", [])
	vars[e.name]
	ref := e.valueFrom.secretKeyRef
	v := secret_data[[ns, ref.name]][ref.key]
	is_string(v)
} | {[var, v, array.concat(c.path, ["envFrom", k])] |
	some k, e in object.get(c.container, "envFrom", [])
	d := configmap_data[[ns, e.configMapRef.name]]
	some var in vars
	v := d[concat("", [object.get(e, "prefix", ""), var])]
	is_string(v)
} | {[var, v, array.concat(c.path, ["envFrom", k])] |
	some k, e in object.get(c.container, "envFrom", [])
	d := secret_data[[ns, e.secretRef.name]]
	some var in vars
	v := d[concat("", [object.get(e, "prefix", ""), var])]
	is_string(v)
}

# An in-cluster name that is an ExternalName Service leads where that one points.
external_names[[lib.namespace(svc), lib.name(svc)]] := lower(svc.spec.externalName) if {
	some i, svc in lib.resources_of_kind("Service")
	not lib.dropped_copies[i]
	svc.spec.type == "ExternalName"
	is_string(svc.spec.externalName)
}

leads_outside(host, _) if not cluster_host(host)

leads_outside(host, ns) if {
	count(external_names) > 0
	ref := data.st2.exposure.host_ref(host, ns)
	target := external_names[ref]
	not cluster_host(target)
}

# An in-cluster address, read without a regular expression: one label (a
# Service, or localhost); name.X or pod.svc.X where X is a namespace of the
# render or the policy's map, or a Service or StatefulSet of the render (a
# headless Service's member "mongodb-0.mongodb"); anything under .svc (any cluster
# domain); loopback. "example.net" is outside: "net" is neither.
cluster_host(host) if {
	not contains(host, ".")
	not contains(host, ":")
}

cluster_host(host) if {
	labels := split(trim_suffix(host, "."), ".")
	count(labels) < 4
	cluster_name(labels[count(labels) - 1])
}

cluster_host(host) if contains(concat("", [trim_suffix(host, "."), "."]), ".svc.")

cluster_host(host) if startswith(host, "127.")

cluster_host("[::1]")

cluster_name(label) if st2_namespaces[label]

cluster_name(label) if render_service_names[label]

render_service_names contains lib.name(svc) if some svc in lib.resources_of_kind("Service")

# A StatefulSet's pods resolve under its governing Service, rendered or not.
render_service_names contains name if {
	some sts in lib.resources_of_kind("StatefulSet")
	some name in {lib.name(sts), object.get(sts, ["spec", "serviceName"], "")}
}

# `^\s*[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#]*@)?(\[[^\]]*\]|[^:/?#@\s]+)`, group 1,
# read with string functions (lib_patterns.rego): no RE2 compile per evaluation.
url_host(url) := lower(lib.scheme_url_host(url))

# A host as findings show it: a DNS name or an address, else not shown at
# all (whatever else it is could be part of a credential).
shown_host(host) := host if {
	regex.match(`^([a-z0-9_.-]+|\[[0-9a-f:.]+\])$`, host)
} else := "an address the gate cannot read"

findings contains f if {
	some c in lib.containers
	w := lib.workloads[c.resource]
	w.roles.st2web
	some [var, url, path] in st2web_urls(c, w.namespace)
	host := url_host(url)
	leads_outside(host, w.namespace)
	f := lib.finding("ST2-OPS-007", lib.severity_strict, c.resource, path, {"variable": var, "host": shown_host(host)})
}

# An st2 pod whose names resolve where the manifest says: hostAliases
# (operations_host_aliases.rego), and dnsPolicy None with its own nameservers.
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
	u.pod_spec.dnsPolicy == "None"
	count(object.get(u.pod_spec, ["dnsConfig", "nameservers"], [])) > 0
	f := lib.finding("ST2-OPS-007", lib.severity_strict, i, array.concat(u.spec_path, ["dnsConfig", "nameservers"]), {"variable": "dnsConfig", "host": concat(",", u.pod_spec.dnsConfig.nameservers)})
}

# --- ST2-OPS-008: tunnels to the stores ----------------------------------------------------------------

# Agents that publish what they forward outside the cluster whatever their
# arguments (tailscale serve on the tailnet, tailscale funnel on the
# internet), and those that do with one (a remote forward). What they
# forward: their command's targets, or the rules of a config file they mount
# (cloudflared's ingress: services, a Tailscale serve config).
# localtunnel (lt), pagekite and inlets-pro publish on a public service or
# exit server by design, rathole's client on its server; a rathole server
# (--server) only receives.
tunnel_agents := {"cloudflared", "ngrok", "bore", "inlets", "inlets-pro", "zrok", "frpc", "tailscale", "localtunnel", "lt", "pagekite", "pagekite.py", "rathole"}

# Agents found by name in a script: "lt " would match "default ".
tunnel_needles := [concat("", [a, " "]) | some a in tunnel_agents; count(a) > 2]

tunnel_ctr(ctr) if {
	tunnel_agents[lib.program(ctr)]
	not rathole_server(ctr)
}

tunnel_ctr(ctr) if {
	is_string(ctr.image)
	tunnel_agents[lib.image_repository(ctr.image)]
	not rathole_server(ctr)
}

tunnel_ctr(ctr) if {
	some text in lib.command_texts(ctr)
	some needle in tunnel_needles
	contains(text, needle)
	not rathole_server(ctr)
}

# npx/npm exec with the agent as its own argv word ("npx -y localtunnel --port").
tunnel_ctr(ctr) if {
	some text in lib.command_texts(ctr)
	tunnel_agents[text]
}

tunnel_ctr(ctr) if forwards_remote(ctr, "ssh")

# chisel (R:), gost (rtcp://, rudp://) and wstunnel (-R) ask their server to
# listen and forward back: a publication when that server is outside the
# cluster (a chisel server in another namespace only relays inside it).
tunnel_ctr(ctr) if {
	some prog in {"chisel", "gost", "wstunnel"}
	forwards_remote(ctr, prog)
	remote_server_outside(ctr)
}

rathole_server(ctr) if {
	some text in lib.command_texts(ctr)
	some flag in {"--server", "-s"}
	contains(concat("", [" ", text, " "]), concat("", [" ", flag, " "]))
}

# Command and args read as one line: "-R" and its forward are separate words.
# The program by its name in the command, or by its image (jpillora/chisel runs /app/bin).
forwards_remote(ctr, prog) if {
	data.st2.exposure.forwarder(ctr)
	text := concat(" ", lib.command_texts(ctr))
	runs_program(ctr, text, prog)
	regex.match(`(^|\s)(-R\s*\S|--remote-to-local\S*\s*\S|R:)|\br(tcp|udp)://`, text)
}

runs_program(_, text, prog) if contains(text, prog)

runs_program(ctr, _, prog) if {
	is_string(ctr.image)
	lib.image_repository(ctr.image) == prog
}

# A server named by a public host: a URL's or host:port's host that is a DNS
# name or an address, neither loopback, the wildcard nor a cluster name.
remote_server_outside(ctr) if {
	some text in lib.command_texts(ctr)
	some word in data.st2.exposure.forward_words(text)
	contains(word, ".")
	host := data.st2.exposure.url_host(word)
	regex.match(`^([a-z0-9][a-z0-9-]*\.)+[a-z][a-z0-9-]*$|^[0-9]+(\.[0-9]+){3}$`, host)
	host != "0.0.0.0"
	not cluster_host(host)
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
	some role in (data.st2.exposure.forward_roles(w) | forward_spec_roles(w, ctr)) | (data.st2.exposure.config_forward_roles(w) | pod_store_roles(w))
	f := lib.finding("ST2-OPS-008", lib.severity_strict, i, u.spec_path, {"component": w.component, "store": role})
}

# A tunnel agent beside a store in its pod reaches it on localhost.
pod_store_roles(w) := {role | some role in w.roles; lib.backing_roles[role]}

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

# A proxy configuration a workload mounts (nginx, HAProxy, Envoy, cloudflared,
# Tailscale serve) naming a host in a stricter environment's namespace.
findings contains f if {
	# Nothing is stricter than production: the cheap test first.
	lib.rank_of(lib.profile) < 2
	hosts := data.st2.exposure.proxied_hosts
	count(hosts) > 0
	some i, w in lib.workloads
	some u in w.units
	some v in object.get(u.pod_spec, "volumes", [])
	some src in lib.volume_sources(v)
	some host in hosts[src]
	contains(host, ".")
	some ref in data.st2.exposure.host_refs(host, w.namespace)
	stricter_namespace(ref[0])
	f := lib.finding("ST2-OPS-012", "deny", i, u.spec_path, {"component": w.component, "namespace": ref[0]})
}

# An ExternalSecret or PushSecret of a leniently judged render using a secret
# store the policy maps to a stricter environment
# (data.settings.environments.secret_stores: st2-production → production):
# production's passwords copied into dev, or dev's values written over them.
store_profiles := m if {
	m := data.settings.environments.secret_stores
	is_object(m)
} else := {}

secret_store_refs(r) := {[["spec", "secretStoreRef"], r.spec.secretStoreRef.name] | is_string(r.spec.secretStoreRef.name)} | {[["spec", field, k], d.sourceRef.storeRef.name] |
	some field in ["data", "dataFrom"]
	some k, d in object.get(r, ["spec", field], [])
	is_string(d.sourceRef.storeRef.name)
} | {[["spec", "secretStoreRefs", k], ref.name] |
	some k, ref in object.get(r, ["spec", "secretStoreRefs"], [])
	is_string(ref.name)
} | {[["spec", "externalSecretSpec", "secretStoreRef"], r.spec.externalSecretSpec.secretStoreRef.name] | is_string(r.spec.externalSecretSpec.secretStoreRef.name)}

findings contains f if {
	lib.rank_of(lib.profile) < 2
	count(store_profiles) > 0
	some kind in {"ExternalSecret", "PushSecret", "ClusterExternalSecret"}
	some i, r in lib.resources_of_kind(kind)
	some [path, name] in secret_store_refs(r)
	lib.rank_of(store_profiles[name]) > lib.rank_of(lib.profile)
	f := lib.finding("ST2-OPS-012", "deny", i, path, {"component": lib.name(r), "namespace": concat("", ["secret store ", name])})
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
	lib.container_roles_at(c.resource, c.path, c.container).st2web
	not public_web_file(c, m)
	f := lib.finding("ST2-OPS-011", lib.severity_strict, c.resource, array.concat(c.path, ["volumeMounts", k, "mountPath"]), {"mount": m.mountPath})
}

# st2web's documented customisation (StackStorm docs, install/config/webui;
# stackstorm-k8s mounts st2web.config the same way): one file of a ConfigMap
# the render holds (content from git, public by nature), mounted by subPath
# as a web asset under a web asset's name. A Secret, a projected or any other
# volume, a whole directory or a key renamed by `items` stays denied.
public_web_file(c, m) if {
	is_string(m.subPath)
	web_asset(m.subPath)
	web_asset(m.mountPath)
	pod_spec := object.get(input.resources[c.resource], array.slice(c.path, 0, count(c.path) - 2), {})
	some v in object.get(pod_spec, "volumes", [])
	v.name == m.name
	is_string(v.configMap.name)
	not v.configMap.items
	some cm in lib.resources_of_kind("ConfigMap")
	lib.name(cm) == v.configMap.name
	lib.namespace(cm) == lib.namespace(input.resources[c.resource])
	is_string(cm.data[m.subPath])
}

web_asset(path) if {
	parts := split(path, ".")
	count(parts) > 1
	{"js", "css", "html", "htm", "svg", "png", "ico", "txt"}[lower(parts[count(parts) - 1])]
}

# --- ST2-OPS-013: st2's stores and RabbitMQ's auth service outside the cluster -------------------------
#
# st2's [messaging] url / cluster_urls and [database] host carry the stores'
# passwords and every action parameter and result; [coordination] url holds its locks. A managed RabbitMQ or
# MongoDB outside the cluster is legitimate, so its host must be listed in
# the bundle's data.settings.exposure.external_stores (exact, or "*.domain");
# and outside the cluster it must use TLS (amqps://, [messaging] ssl = True;
# [database] ssl = True, ssl=true or tls=true in the URI, mongodb+srv://),
# listed or not. RabbitMQ delegating its logins to an HTTP service
# (rabbitmq_auth_backend_http) sends every client's password there: the
# same holds for its auth_http.*_path URLs. Every st2 config text of the
# render is judged, whether or not a process reads it (fail closed).

external_store_hosts := {lower(trim_space(h)) | some h in data.settings.exposure.external_stores; is_string(h)}

listed_store(host) if external_store_hosts[host]

listed_store(host) if {
	some pattern in external_store_hosts
	startswith(pattern, "*.")
	endswith(host, substring(pattern, 1, -1))
}

# A host outside the cluster (cluster_host above), or an in-cluster name
# that is an ExternalName leading outside. A template placeholder is the
# secret store's to fill, not the repository's.
store_host_outside(host, ns) if {
	not contains(host, "{{")
	leads_outside(host, ns)
}

# The hosts of an address option: a URL, a mongodb URI's host list, or
# comma-separated hosts or URLs ([messaging] cluster_urls).
address_hosts(value) := {lower(h) |
	some item in split(value, ",")
	# `^\s*(?:[A-Za-z][A-Za-z0-9+.-]*://)?(?:[^/?#]*@)?(\[[^\]]*\]|[^:/?#@\s]+)`, group 1 (lib_patterns.rego).
	h := lib.address_host(item)
	h != ""
}

# [coordination] url too: every lock st2 takes (scheduler policies, workflow task
# completions) goes there, and whoever runs it decides who holds each one.
store_options := [["messaging", "url"], ["messaging", "cluster_urls"], ["database", "host"], ["coordination", "url"]]

true_words := {"true", "1", "yes", "on"}

store_tls(text, section, _) if true_words[lower(trim(option_value(text, section, "ssl"), "'\""))]

store_tls(_, _, value) if regex.match(`^\s*(?i:amqps|mongodb\+srv)://`, value)

store_tls(_, "database", value) if regex.match(`(?i)[?&](ssl|tls)=true`, value)

# tooz: redis over TLS (rediss://, ?ssl=true), etcd's HTTP API over https (?protocol=https).
store_tls(_, "coordination", value) if regex.match(`^\s*(?i:rediss|etcd3\+https)://|(?i)[?&](ssl=true|protocol=https)`, value)

tls_state(text, section, value) := true if store_tls(text, section, value) else := false

store_exit_reason(host, tls) := "not listed in the policy's external_stores and without TLS" if {
	not listed_store(host)
	not tls
} else := "not listed in the policy's external_stores" if {
	not listed_store(host)
} else := "without TLS" if not tls

findings contains f if {
	some [i, path, text] in st2_conf_texts
	some [section, option] in store_options
	value := option_value(text, section, option)
	ns := lib.namespace(input.resources[i])
	some host in address_hosts(value)
	store_host_outside(host, ns)
	tls := tls_state(text, section, value)
	reason := store_exit_reason(host, tls)
	f := lib.finding("ST2-OPS-013", lib.severity_strict, i, path, {"option": concat(".", [section, option]), "host": shown_host(host), "why": reason})
}

# RabbitMQ's HTTP auth backend: rabbitmq.conf (auth_http.user_path = URL)
# or the classic Erlang terms ({user_path, "URL"}).
rabbitmq_auth_urls contains [v.resource, [v.field, v.key], m[1]] if {
	some v in lib.text_values
	contains(v.text, "auth_http.")
	some m in regex.find_all_string_submatch_n(`(?m)^\s*auth_http\.(?:user|vhost|resource|topic)_path\s*=\s*(\S+)`, v.text, -1)
}

rabbitmq_auth_urls contains [v.resource, [v.field, v.key], m[1]] if {
	some v in lib.text_values
	contains(v.text, "rabbitmq_auth_backend_http")
	some m in regex.find_all_string_submatch_n(`\{\s*(?:user|vhost|resource|topic)_path\s*,\s*"([^"]+)"`, v.text, -1)
}

findings contains f if {
	some [i, path, url] in rabbitmq_auth_urls
	host := url_host(url)
	store_host_outside(host, lib.namespace(input.resources[i]))
	tls := startswith(lower(url), "https://")
	reason := store_exit_reason(host, tls)
	f := lib.finding("ST2-OPS-013", lib.severity_strict, i, path, {"option": "rabbitmq auth_http", "host": shown_host(host), "why": reason})
}

# --- ST2-OPS-014: PushSecret copying st2's Secrets out -------------------------------------------------
#
# An External Secrets PushSecret writes a Secret of the cluster into a secret
# store: pointed at a store its owner does not control (a webhook store, an
# attacker's vault) it copies st2's passwords and keys out. A PushSecret of
# a Secret st2 or its stores use (or of whatever a label selector picks) is
# allowed only into stores named in data.settings.exposure.push_secret_stores.

push_stores := {s | some s in data.settings.exposure.push_secret_stores; is_string(s)}

# [namespace, name] of the Secrets the render's StackStorm and store pods use,
# the render's own Secrets and those its ExternalSecrets write.
st2_secrets contains [w.namespace, name] if {
	some w in lib.workloads
	count(w.roles) > 0
	some u in w.units
	some name in pod_secret_names(u.pod_spec)
}

st2_secrets contains [lib.namespace(r), lib.name(r)] if some r in lib.resources_of_kind("Secret")

st2_secrets contains [lib.namespace(r), object.get(r, ["spec", "target", "name"], lib.name(r))] if some r in lib.resources_of_kind("ExternalSecret")

pod_secret_names(spec) := {v.secret.secretName | some v in object.get(spec, "volumes", []); is_string(v.secret.secretName)} | {p.secret.name |
	some v in object.get(spec, "volumes", [])
	some p in object.get(v, ["projected", "sources"], [])
	is_string(p.secret.name)
} | {e.valueFrom.secretKeyRef.name |
	some field in ["containers", "initContainers"]
	some c in object.get(spec, field, [])
	some e in object.get(c, "env", [])
	is_string(e.valueFrom.secretKeyRef.name)
} | {e.secretRef.name |
	some field in ["containers", "initContainers"]
	some c in object.get(spec, field, [])
	some e in object.get(c, "envFrom", [])
	is_string(e.secretRef.name)
}

# What a PushSecret pushes: a named Secret, or "*" for a label selector.
pushed_secret(r) := name if {
	name := r.spec.selector.secret.name
	is_string(name)
} else := "*" if {
	object.get(r, ["spec", "selector", "secret"], null) != null
}

pushes_st2_secret(r) if {
	pushed_secret(r) == "*"
}

pushes_st2_secret(r) if st2_secrets[[lib.namespace(r), pushed_secret(r)]]

unlisted_push_store(r) := "a store chosen by labels" if {
	some ref in object.get(r, ["spec", "secretStoreRefs"], [])
	not is_string(object.get(ref, "name", null))
} else := name if {
	some ref in object.get(r, ["spec", "secretStoreRefs"], [])
	name := ref.name
	not push_stores[name]
}

findings contains f if {
	some i, r in lib.resources_of_kind("PushSecret")
	pushes_st2_secret(r)
	store := unlisted_push_store(r)
	f := lib.finding("ST2-OPS-014", lib.severity_strict, i, ["spec", "selector"], {"secret": pushed_secret(r), "store": store})
}
