# Exposure: how StackStorm is reached from outside the cluster.
#
# Staging is judged like production here: a staging cluster is usually
# reachable from the corporate network and holds real credentials, and an
# exposure mistake found only in production is found too late. Dev gets
# warnings so local clusters (kind, minikube) can still use NodePorts.
package st2.exposure

import data.st2.lib

rules["ST2-EXP-001"] := {
	"title": "st2web reachable only through a NodePort Service",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A NodePort opens st2web on every node's address, with no TLS termination, host routing",
		"or access log in front of it (the chart's old default, stackstorm-k8s#6).",
		"Make the st2web Service ClusterIP and expose it through an Ingress or a Gateway API",
		"HTTPRoute with TLS, or a LoadBalancer Service.",
	]),
}

rules["ST2-EXP-002"] := {
	"title": "NodePort Service",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A NodePort opens the port on every node, bypassing Ingress and most NetworkPolicies at",
		"the node address; the chart exposed its etcd coordination store (2379/2380) this way.",
		"Use type ClusterIP, and an Ingress, Gateway route or LoadBalancer for what must be public.",
	]),
}

rules["ST2-EXP-003"] := {
	"title": "Container hostPort",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A hostPort binds the port on the node's address (the chart's kube-registry-proxy used",
		"hostPort 5000) and limits scheduling to one such pod per node. Remove hostPort and",
		"reach the pod through a ClusterIP Service.",
	]),
}

rules["ST2-EXP-004"] := {
	"title": "Pod uses the host network",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"hostNetwork: true exposes every port the pod listens on at the node's address and",
		"bypasses NetworkPolicy. Remove it and use a ClusterIP Service.",
	]),
}

rules["ST2-EXP-005"] := {
	"title": "Service with externalIPs",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"spec.externalIPs makes every node accept traffic for those addresses and forward it to the",
		"Service, outside any Ingress or load balancer control (and lets a namespace claim another's",
		"traffic, CVE-2020-8554). Remove externalIPs; expose through an Ingress or Gateway route.",
	]),
}

rules["ST2-EXP-006"] := {
	# A store reachable from outside the cluster is open for as long as any waiver runs: never
	# waivable in production, nor in staging, which holds real integrations' credentials.
	"waivable_in_production": false,
	"waivable_in_staging": false,
	"title": "LoadBalancer or tailnet Service in front of MongoDB, RabbitMQ, etcd, Redis or ZooKeeper",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"The stores StackStorm depends on hold its credentials, executions and coordination locks;",
		"only the st2 pods in the cluster need them. Make the Service ClusterIP (or headless), without",
		"the Tailscale operator's tailscale.com/expose or tailscale.com/funnel annotation.",
	]),
}

rules["ST2-EXP-007"] := {
	# An open st2web is the st2 login page to the internet: never waivable in production, nor
	# in staging (real integrations' credentials, st2 actions on shared hosts; the tenth red team).
	"waivable_in_production": false,
	"waivable_in_staging": false,
	"title": "st2web, st2auth, st2api or st2stream LoadBalancer open to the internet",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A LoadBalancer for st2web (or st2auth, st2api, st2stream, which speak plain HTTP with",
		"credentials and tokens) is acceptable only when restricted: list the allowed client",
		"networks in spec.loadBalancerSourceRanges (none shorter than /8, or /32 for IPv6, and together no more",
		"public addresses than the policy's limit, a /16 and a /48 by default), or make it an internal",
		"load balancer with your cloud's annotation (and no annotation making it public).",
		"On Azure, azure-allowed-ip-ranges and azure-allowed-service-tags add to those sources (no tag",
		"but VirtualNetwork and AzureLoadBalancer passes). Otherwise use the Ingress with TLS.",
	]),
}

rules["ST2-EXP-008"] := {
	# A store reachable from outside the cluster is open for as long as any waiver runs: never
	# waivable in production, nor in staging.
	"waivable_in_production": false,
	"waivable_in_staging": false,
	"title": "MongoDB, RabbitMQ, etcd, Redis or ZooKeeper routed from outside the cluster",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"An Ingress, Gateway API route, OpenShift Route or ingress-nginx tcp-services entry sends",
		"outside traffic to a store StackStorm depends on (its management UI or its protocol port),",
		"or a ReferenceGrant lets another namespace's routes do so.",
		"Only the st2 pods need the stores: remove the route and reach them from inside the cluster",
		"(kubectl port-forward for administration).",
	]),
}

# --- Services and what reaches them -------------------------------------------

services := lib.resources_of_kind("Service")

service_type(svc) := t if {
	t := svc.spec.type
	is_string(t)
} else := "ClusterIP"

service_selector(svc) := object.get(svc, ["spec", "selector"], {})

# Roles whose Services the rules look at: st2's HTTP services and the backing stores.
http_roles := {"st2web", "st2auth", "st2api", "st2stream"}

watched_roles := http_roles | lib.backing_roles

# [role, namespace, pod labels] of their pods; copies of one workload collapse.
role_pods contains [role, w.namespace, w.pod_labels] if {
	some w in lib.workloads
	some role in w.roles
	watched_roles[role]
}

# A pod that forwards raw traffic to a store (socat, kubectl port-forward,
# ssh -L... to a store's Service or pod) is that store as far as exposure
# goes: a Service or route in front of it reaches the store.
role_pods contains [role, w.namespace, w.pod_labels] if {
	some w in lib.workloads
	some role in forward_roles(w) | config_forward_roles(w)
}

# A StatefulSet's pods also carry labels the controller adds, which a
# per-pod Service selects (Bitnami's externalAccess does): pod-name and pod-index.
role_pods contains [role, w.namespace, object.union(w.pod_labels, {
	"statefulset.kubernetes.io/pod-name": concat("-", [w.name, format_int(k, 10)]),
	"apps.kubernetes.io/pod-index": format_int(k, 10),
})] if {
	some w in lib.workloads
	w.kind == "StatefulSet"
	some role in w.roles
	watched_roles[role]
	some k in numbers.range(0, min({w.replicas, 16}) - 1)
}

# Distinct Service selectors by [namespace, index pair] (see lib.index_pair).
# Empty selectors select nothing, so they are not filed.
selector_index[[lib.namespace(svc), pair]] contains sel if {
	some svc in services
	sel := service_selector(svc)
	pair := lib.index_pair(sel)
	pair != null
}

# [namespace, selector] of the selectors that pick an st2web pod: each
# distinct pod meets only the selectors filed under one of its labels.
# Complete rules and a whole-rule reference (index), because OPA's Go
# evaluator re-runs a partial rule's body for every keyed lookup into it.
role_selectors := {[role, ns, sel] |
	index := selector_index
	some [role, ns, labels] in role_pods
	some k, v in labels
	some sel in index[[ns, [k, v]]]
	lib.map_selects(sel, labels)
}

# The watched roles each Service fronts: its selector picks their pods in
# the same namespace, or its name says so (for selector-less Services).
service_roles[i] contains role if {
	some i, svc in services
	selectors := role_selectors
	some role in watched_roles
	selectors[[role, lib.namespace(svc), service_selector(svc)]]
}

service_roles[i] contains role if {
	some i, svc in services
	some role in lib.roles(lib.name(svc))
	watched_roles[role]
}

# A selector-less Service fronts what its EndpointSlices or Endpoints point
# at: pods named <statefulset>-<n> of a watched role.
service_roles[i] contains role if {
	some i, svc in services
	count(service_selector(svc)) == 0
	some pod in endpoint_pods[[lib.namespace(svc), lib.name(svc)]]
	some w in lib.workloads
	w.kind == "StatefulSet"
	w.namespace == lib.namespace(svc)
	regex.match(`^[0-9]+$`, trim_prefix(pod, concat("", [w.name, "-"])))
	startswith(pod, concat("", [w.name, "-"]))
	some role in w.roles
	watched_roles[role]
}

endpoint_pods[[lib.namespace(r), svc]] contains ref.name if {
	some r in lib.resources_of_kind("EndpointSlice")
	svc := r.metadata.labels["kubernetes.io/service-name"]
	some e in r.endpoints
	ref := e.targetRef
	object.get(ref, "kind", "Pod") == "Pod"
}

endpoint_pods[[lib.namespace(r), lib.name(r)]] contains a.targetRef.name if {
	some r in lib.resources_of_kind("Endpoints")
	some sub in r.subsets
	some field in ["addresses", "notReadyAddresses"]
	some a in object.get(sub, field, [])
	object.get(a.targetRef, "kind", "Pod") == "Pod"
}

# An ExternalName Service whose name resolves to a store's Service or pod is
# that store (ingress-nginx and Gateway implementations proxy to it).
service_roles[i] contains role if {
	some i, svc in services
	service_type(svc) == "ExternalName"
	targets := store_targets
	ref := host_ref(svc.spec.externalName, lib.namespace(svc))
	some role in targets[ref]
}

# A selector-less Service whose EndpointSlices name a store by DNS
# (addressType FQDN) or whose Endpoints name a store pod by hostname.
service_roles[i] contains role if {
	some i, svc in services
	count(service_selector(svc)) == 0
	hosts := endpoint_hosts
	targets := store_targets
	some ref in hosts[[lib.namespace(svc), lib.name(svc)]]
	some role in targets[ref]
}

endpoint_hosts[[lib.namespace(r), svc]] contains host_ref(address, lib.namespace(r)) if {
	some r in lib.resources_of_kind("EndpointSlice")
	svc := r.metadata.labels["kubernetes.io/service-name"]
	some e in r.endpoints
	some address in e.addresses
	is_string(address)
}

endpoint_hosts[[lib.namespace(r), lib.name(r)]] contains [lib.namespace(r), a.hostname] if {
	some r in lib.resources_of_kind("Endpoints")
	some sub in r.subsets
	some field in ["addresses", "notReadyAddresses"]
	some a in object.get(sub, field, [])
	is_string(a.hostname)
}

# --- Stores by address ------------------------------------------------------
#
# [namespace, name] -> roles of what a DNS name or a kubectl target can
# reach: a store workload (and its StatefulSet pods <name>-<n>), and the
# Services whose selector picks a store's pods or whose name says so.

store_pods contains [role, w.namespace, w.pod_labels] if {
	some w in lib.workloads
	some role in w.roles
	lib.backing_roles[role]
}

store_selectors := {[role, ns, sel] |
	index := selector_index
	some [role, ns, labels] in store_pods
	some k, v in labels
	some sel in index[[ns, [k, v]]]
	lib.map_selects(sel, labels)
}

store_targets[[w.namespace, w.name]] contains role if {
	some w in lib.workloads
	some role in w.roles
	lib.backing_roles[role]
}

store_targets[[w.namespace, concat("-", [w.name, format_int(k, 10)])]] contains role if {
	some w in lib.workloads
	w.kind == "StatefulSet"
	some role in w.roles
	lib.backing_roles[role]
	some k in numbers.range(0, min({max({w.replicas, 1}), 16}) - 1)
}

store_targets[[lib.namespace(svc), lib.name(svc)]] contains role if {
	selectors := store_selectors
	some svc in services
	some role in lib.backing_roles
	selectors[[role, lib.namespace(svc), service_selector(svc)]]
}

store_targets[[lib.namespace(svc), lib.name(svc)]] contains role if {
	some svc in services
	some role in lib.roles(lib.name(svc))
	lib.backing_roles[role]
}

# [namespace, name] of a host in a URL, a socat address (TCP:host:port), a
# kubectl target (svc/name, pod/name) or a bare DNS name: "name",
# "name.ns", "name.ns.svc...", or a pod's "pod.service.ns.svc...". The host is
# lib_patterns.rego's host_word_host (its pattern, without a compile per evaluation).
host_ref(word, own_ns) := [ns, name] if {
	h := lib.host_word_host(word)
	labels := split(lower(h), ".")
	name := labels[0]
	ns := host_namespace_of(labels, own_ns)
}

# host_ref, and a headless Service's member in short form ("mongodb-0.mongodb",
# as st2's own config names the replica set, or "pod.service.ns"): that Service.
host_refs(word, own_ns) := {host_ref(word, own_ns)} | {[ns, labels[1]] |
	h := lib.host_word_host(word)
	labels := split(lower(h), ".")
	count(labels) > 1
	ns := member_namespace_of(labels, own_ns)
}

member_namespace_of(labels, own_ns) := labels[2] if {
	count(labels) > 2
} else := own_ns

host_namespace_of(labels, own_ns) := labels[2] if {
	count(labels) > 3
	labels[3] == "svc"
} else := labels[1] if {
	count(labels) > 1
} else := own_ns

# Programs that forward raw connections, by the program a container runs or
# its image (alpine/socat with args only).
# Tunnel agents (cloudflared, ngrok, bore, inlets, zrok, tailscale serve and
# funnel) forward too, and publish outside the cluster (ST2-OPS-008).
forwarder_programs := {"socat", "kubectl", "nc", "ncat", "netcat", "ssh", "stunnel", "ghostunnel", "rinetd", "redir", "chisel", "gost", "frpc", "sshuttle", "websockify", "rathole", "sslh", "cloudflared", "ngrok", "bore", "inlets", "inlets-pro", "zrok", "tailscale", "wstunnel", "localtunnel", "lt", "pagekite", "pagekite.py"}

forwarder(ctr) if {
	is_string(ctr.image)
	forwarder_programs[lib.image_repository(ctr.image)]
}

forwarder(ctr) if program_forwards(ctr, lib.program(ctr))

# The program is worked out once for both ways it can forward.
program_forwards(_, prog) if forwarder_programs[prog]

# A shell running one: the program's name in its script.
program_forwards(ctr, prog) if {
	lib.shells[prog]
	some text in lib.command_texts(ctr)
	some needle in forwarder_needles
	contains(text, needle)
}

# "socat ", "kubectl ", ...: built once per evaluation, not once per container and text.
forwarder_needles := [concat("", [p, " "]) | some p in forwarder_programs; count(p) > 2]

forward_words(text) := split(strings.replace_n(forward_separators, text), " ")

# A rule of its own: the wasm engine builds the map once per evaluation.
forward_separators := {"\n": " ", "\t": " ", ";": " ", "&": " ", "|": " ", "'": " ", "\"": " ", ",": " ", "=": " "}

# The stores a workload's mounted proxy configuration leads to: nginx
# (proxy_pass host:port, or a stream server), HAProxy (server name host:port),
# Envoy (address: host), Caddy (reverse_proxy [matcher] host:port, or `to`
# in its block), cloudflared's ingress rules (service: URL), a
# Tailscale serve config ("Proxy" or "TCPForward"), each distinct config text
# read once.
config_forward_roles(w) := {role |
	hosts := proxied_hosts
	count(hosts) > 0
	targets := store_targets
	some u in w.units
	some v in object.get(u.pod_spec, "volumes", [])
	some src in lib.volume_sources(v)
	some host in hosts[src]
	some ref in host_refs(host, w.namespace)
	some role in targets[ref]
}

proxied_hosts[[r.kind, lib.name(r)]] contains host if {
	facts := proxy_host_facts
	hosts := proxied_text_hosts
	some k, v in lib.text_values
	some host in text_value_hosts(facts, hosts, k, v.text)
	r := input.resources[v.resource]
}

# The render's ConfigMap data and Secret stringData texts come with their
# hosts worked out, by text_values key (src/policy/proxy-hosts.ts, the same
# reading); any other text is read here.
text_value_hosts(facts, _, k, _) := facts[k]

text_value_hosts(facts, hosts, k, text) := object.get(hosts, text, []) if not facts[k]

proxy_host_facts := {[c.resource, c.field, c.key]: c.hosts |
	some c in object.get(input, ["facts", "proxy_hosts"], [])
}

# The hosts each distinct text the facts do not cover proxies to, each text read once.
proxied_text_hosts[text] := hosts if {
	facts := proxy_host_facts
	some k, v in lib.text_values
	not facts[k]
	text := v.text
	proxy_marked(text)
	not lib.st2_config_texts[text]

	# HAProxy's `server NAME HOST:PORT` names the server first; nginx's
	# `server HOST:PORT;` doesn't, so a name must end in a blank (not eat "etc" of etcd:2379).
	plain := {m[1] | some m in regex.find_all_string_submatch_n(`(?m)(?:proxy_pass|^\s*server(?:\s+[A-Za-z0-9_.-]+\s)?|^\s*connect\s*=|address:|\bservice"?\s*:|"(?:Proxy|TCPForward)"\s*:|\breverse_proxy(?:\s+[/@*]\S*)?|^\s*to\s)\s*"?([A-Za-z0-9][A-Za-z0-9.-]*:[0-9]+|[A-Za-z][A-Za-z0-9+.-]*://[^\s;"]+)`, text, -1)}

	# Envoy's socket_address: host and port_value in two fields.
	hosts := plain | envoy_hosts(text)
	count(hosts) > 0
}

envoy_hosts(text) := {concat(":", [m[1], m[2]]) | some m in regex.find_all_string_submatch_n(`"?\baddress"?\s*:\s*"?([A-Za-z0-9][A-Za-z0-9.-]*)"?\s*,?\s*"?port_value"?\s*:\s*([0-9]+)`, text, -1)} if {
	contains(text, "port_value")
} else := set()

proxy_marked(text) if {
	some marker in ["proxy_pass", "server ", "connect", "address:", "service:", "service\":", "\"Proxy\"", "\"TCPForward\"", "reverse_proxy", "port_value"]
	contains(text, marker)
}

# The stores a workload's forwarders lead to.
forward_roles(w) := {role |
	targets := store_targets
	some u in w.units
	some ctr in u.running
	forwarder(ctr)
	some text in lib.command_texts(ctr)
	some word in forward_words(text)
	word != ""
	some ref in host_refs(word, w.namespace)
	some role in targets[ref]
} | relay_roles(w)

# A relay of any make (websockify, gost, a home-grown proxy): a workload
# that runs neither st2 nor a store and whose arguments or env name a
# store's host:port ("mongodb-0.mongodb:27017", gost's
# "tcp://:5672/rabbitmq:5672"). An address with credentials (user@host) is a
# client logging in, not a relay. A Service or route in front of it reaches
# the store.
relay_roles(w) := {role |
	count(w.roles) == 0
	targets := store_targets
	some u in w.units
	some ctr in u.running
	some text in array.concat(lib.command_texts(ctr), [v.value | some v in object.get(ctr, "env", []); is_string(v.value)])
	contains(text, ":")
	some token in split(strings.replace_n(relay_token_separators, text), " ")
	not contains(token, "@")
	some part in split(strings.replace_n(relay_part_separators, token), " ")
	host_port(part)
	some ref in host_refs(part, w.namespace)
	some role in targets[ref]
}

# Tokens are whitespace- or shell-separated; a token with credentials
# (mongodb://user@a:27017,b:27017/st2) is a client's connection string and
# is skipped whole. Its parts: list items, flag values, URL path segments.
relay_token_separators := {"\n": " ", "\t": " ", ";": " ", "&": " ", "|": " ", "'": " ", "\"": " "}

relay_part_separators := {",": " ", "=": " ", "/": " "}

host_port(word) if {
	parts := split(word, ":")
	count(parts) == 2
	parts[0] != ""
	parts[1] != ""
	trim(parts[1], "0123456789") == ""
}

st2web_services contains i if {
	some i, roles in service_roles
	roles.st2web
}

http_services contains i if {
	some i, roles in service_roles
	some role in roles
	http_roles[role]
}

# [namespace, service name] of every Service named as a backend by an
# Ingress, a Gateway API route, an OpenShift Route, or an ingress-nginx
# tcp-services / udp-services entry ("namespace/service:port").
routed_services contains [ns, name] if some [_, ns, name] in route_backends

# [route resource index, namespace, service name].
route_backends contains [i, lib.namespace(r), name] if {
	some i, r in lib.resources_of_kind("Ingress")
	some b in ingress_backends(r)
	name := ingress_backend_service(b)
}

route_backends contains [i, ns, ref.name] if {
	some kind in lib.route_readers.gateway
	some i, r in lib.resources_of_kind(kind)
	some rule in r.spec.rules
	some ref in rule.backendRefs
	object.get(ref, "kind", "Service") == "Service"
	object.get(ref, "group", "") == ""
	ns := object.get(ref, "namespace", lib.namespace(r))
}

# A RequestMirror filter sends a copy of every request to its backend.
route_backends contains [i, ns, ref.name] if {
	some kind in lib.route_readers.gateway_mirror
	some i, r in lib.resources_of_kind(kind)
	some rule in r.spec.rules
	some filter in array.concat(object.get(rule, "filters", []), [f | some b in object.get(rule, "backendRefs", []); some f in object.get(b, "filters", [])])
	ref := filter.requestMirror.backendRef
	object.get(ref, "kind", "Service") == "Service"
	ns := object.get(ref, "namespace", lib.namespace(r))
}

# Ingress snippets (ingress-nginx's *-snippet, NGINX Inc's nginx.org/*-snippets)
# proxy wherever they say (proxy_pass, grpc_pass...).
route_backends contains [i, ref[0], ref[1]] if {
	some i, r in lib.resources_of_kind("Ingress")
	some key, text in object.get(r, ["metadata", "annotations"], {})
	contains(key, "snippet")
	is_string(text)
	some m in regex.find_all_string_submatch_n(`(?:proxy|grpc|uwsgi|fastcgi|scgi)_pass\s+([^;\s]+)`, text, -1)
	ref := host_ref(m[1], lib.namespace(r))
}

route_backends contains [i, lib.namespace(r), to.name] if {
	some kind in lib.route_readers.openshift
	some i, r in lib.resources_of_kind(kind)
	some to in array.concat([object.get(r, ["spec", "to"], {})], object.get(r, ["spec", "alternateBackends"], []))
	object.get(to, "kind", "Service") == "Service"
}

# Istio VirtualService destinations (host "name", "name.ns" or "name.ns.svc...").
route_backends contains [i, ns, name] if {
	some kind in lib.route_readers.istio
	some i, r in lib.resources_of_kind(kind)
	some section in ["http", "tcp", "tls"]
	some rt in object.get(r, ["spec", section], [])
	some d in rt.route
	labels := split(d.destination.host, ".")
	name := labels[0]
	ns := host_namespace(labels, r)
}

host_namespace(labels, r) := labels[1] if {
	count(labels) > 1
} else := lib.namespace(r)

# Traefik IngressRoute(TCP/UDP) and Contour HTTPProxy services.
route_backends contains [i, object.get(s, "namespace", lib.namespace(r)), s.name] if {
	some kind in lib.route_readers.route_services
	some i, r in lib.resources_of_kind(kind)
	some rt in array.concat(object.get(r, ["spec", "routes"], []), [object.get(r, ["spec", "tcpproxy"], {})])
	some s in object.get(rt, "services", [])
	is_string(s.name)
}

route_backends contains [i, parts[0], svc] if {
	some i, r in lib.resources_of_kind("ConfigMap")
	lib.name(r) in {"tcp-services", "udp-services"}
	some value in lib.object_at(r, ["data"])
	is_string(value)
	parts := split(split(value, ":")[0], "/")
	count(parts) == 2
	svc := parts[1]
}

ingress_backends(r) := {b |
	some field in ["defaultBackend", "backend"]
	b := r.spec[field]
} | {b |
	some rule in r.spec.rules
	some p in rule.http.paths
	b := p.backend
}

# networking.k8s.io/v1 and the older v1beta1 shape.
ingress_backend_service(b) := b.service.name

ingress_backend_service(b) := b.serviceName

st2web_reached if {
	routed := routed_services
	some i in st2web_services
	routed[[lib.namespace(services[i]), lib.name(services[i])]]
}

st2web_reached if {
	some i in st2web_services
	service_type(services[i]) == "LoadBalancer"
}

# --- LoadBalancers ---------------------------------------------------------------
#
# A LoadBalancer for st2web is acceptable only when it is not open to the
# internet: spec.loadBalancerSourceRanges lists sources and none of them is
# 0.0.0.0/0 or ::/0, or the cloud is told to make it internal.
internal_lb_annotations := {
	"service.beta.kubernetes.io/aws-load-balancer-internal": {"true", "0.0.0.0/0"},
	"service.beta.kubernetes.io/aws-load-balancer-scheme": {"internal"},
	"service.beta.kubernetes.io/azure-load-balancer-internal": {"true"},
	"networking.gke.io/load-balancer-type": {"Internal"},
	"cloud.google.com/load-balancer-type": {"Internal"},
	"service.beta.kubernetes.io/openstack-internal-load-balancer": {"true"},
	"service.beta.kubernetes.io/oci-load-balancer-internal": {"true"},
	# hcloud-cloud-controller-manager: all traffic over the private network.
	"load-balancer.hetzner.cloud/disable-public-network": {"true"},
}

open_ranges := {"0.0.0.0/0", "::/0", "0::0/0"}

restricted_lb(svc) if {
	ranges := svc.spec.loadBalancerSourceRanges
	is_array(ranges)
	count(ranges) > 0
	every r in ranges {
		is_string(r)
		not open_range(trim_space(r))
	}
}

# Without spec.loadBalancerSourceRanges, Kubernetes reads the same list from
# this annotation (comma-separated).
restricted_lb(svc) if {
	count(object.get(svc, ["spec", "loadBalancerSourceRanges"], [])) == 0
	text := svc.metadata.annotations["service.beta.kubernetes.io/load-balancer-source-ranges"]
	is_string(text)
	trim_space(text) != ""
	every r in split(text, ",") {
		not open_range(trim_space(r))
	}
}

restricted_lb(svc) if internal_lb(svc)

internal_lb(svc) if {
	some key, values in internal_lb_annotations
	v := svc.metadata.annotations[key]
	values[v]
	not made_public(svc)
	every cloud in lb_clouds(svc) {
		cloud_internal(svc, cloud)
	}
}

# An internal annotation counts only on the cloud that reads it: each cloud's
# controller ignores the others' annotations, so Azure's "internal" on a
# Service the AWS controllers serve (aws-load-balancer-* annotations, or a
# loadBalancerClass of service.k8s.aws/) leaves an internet-facing NLB. The
# clouds a Service speaks to, by its annotations' prefixes and its
# loadBalancerClass; each must be told internal by its own annotation. A
# loadBalancerClass of no cloud listed here (MetalLB, Cilium, a vendor's)
# means no cloud controller serves it, so no cloud annotation counts: only
# source ranges restrict it.
lb_cloud_prefixes := {
	"service.beta.kubernetes.io/aws-load-balancer-": "aws",
	"service.beta.kubernetes.io/azure-": "azure",
	"networking.gke.io/": "gcp",
	"cloud.google.com/": "gcp",
	"service.beta.kubernetes.io/openstack-": "openstack",
	"loadbalancer.openstack.org/": "openstack",
	"service.beta.kubernetes.io/oci-": "oci",
	"oci.oraclecloud.com/": "oci",
	"load-balancer.hetzner.cloud/": "hetzner",
}

internal_annotation_cloud := {
	"service.beta.kubernetes.io/aws-load-balancer-internal": "aws",
	"service.beta.kubernetes.io/aws-load-balancer-scheme": "aws",
	"service.beta.kubernetes.io/azure-load-balancer-internal": "azure",
	"networking.gke.io/load-balancer-type": "gcp",
	"cloud.google.com/load-balancer-type": "gcp",
	"service.beta.kubernetes.io/openstack-internal-load-balancer": "openstack",
	"service.beta.kubernetes.io/oci-load-balancer-internal": "oci",
	"load-balancer.hetzner.cloud/disable-public-network": "hetzner",
}

lb_class_clouds := {"service.k8s.aws/": "aws", "eks.amazonaws.com/": "aws"}

lb_clouds(svc) := {cloud |
	some key, _ in object.get(svc, ["metadata", "annotations"], {})
	some prefix, cloud in lb_cloud_prefixes
	startswith(key, prefix)
} | {cloud |
	class := svc.spec.loadBalancerClass
	is_string(class)
	some prefix, cloud in lb_class_clouds
	startswith(class, prefix)
} | {"unknown" |
	class := svc.spec.loadBalancerClass
	is_string(class)
	not cloud_class(class)
}

cloud_class(class) if {
	some prefix, _ in lb_class_clouds
	startswith(class, prefix)
}

cloud_internal(svc, cloud) if {
	some key, values in internal_lb_annotations
	internal_annotation_cloud[key] == cloud
	values[svc.metadata.annotations[key]]
}

# The AWS Load Balancer Controller reads aws-load-balancer-scheme before the
# legacy internal annotation: internet-facing wins.
made_public(svc) if {
	v := svc.metadata.annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"]
	v != "internal"
}

# A source range that covers much of the internet: 0.0.0.0/0 and ::/0 in any
# spelling, and halves or quarters of it (0.0.0.0/1 + 128.0.0.0/1): any IPv4
# prefix shorter than /8 or IPv6 prefix shorter than /32. An unreadable
# prefix counts as open (fail closed).
open_range(r) if open_ranges[r]

open_range(r) if {
	parts := split(r, "/")
	count(parts) == 2
	not short_enough(parts[0], parts[1])
}

open_range(r) if count(split(r, "/")) > 2

short_enough(addr, prefix) if {
	regex.match(`^[0-9]{1,3}$`, prefix)
	n := to_number(prefix)
	not contains(addr, ":")
	n >= 8
}

short_enough(addr, prefix) if {
	regex.match(`^[0-9]{1,3}$`, prefix)
	n := to_number(prefix)
	contains(addr, ":")
	not contains(addr, ".")
	n >= 32
}

# An IPv4-mapped IPv6 range (::ffff:0.0.0.0/96) is its IPv4 range (/0 here).
short_enough(addr, prefix) if {
	regex.match(`^[0-9]{1,3}$`, prefix)
	n := to_number(prefix)
	contains(addr, ":")
	contains(addr, ".")
	n - 96 >= 8
}

# The ranges as a whole (input.facts.lb_sources, src/policy/source-ranges.ts):
# each range may be narrow while together they are the internet (all 256 /8s,
# 2000::/3 in pieces). The merged ranges may cover at most as many public
# addresses (private and special-purpose space does not count) as one range
# of the bundle's prefix length: /16 for IPv4 and /48 for IPv6 unless
# data.settings.exposure.load_balancer_sources says otherwise. A range the
# gate cannot read counts as open.
default_lb_prefixes := {"ipv4": 16, "ipv6": 48}

family_width := {"ipv4": 32, "ipv6": 128}

lb_max_prefix(family) := n if {
	n := data.settings.exposure.load_balancer_sources[concat("", ["max_public_", family, "_prefix"])]
	is_number(n)
	n == floor(n)
	n >= 0
	n <= family_width[family]
} else := default_lb_prefixes[family]

# [family, prefix] of each family whose public addresses exceed the limit.
lb_sources_too_wide(i) := {[family, lb_max_prefix(family)] |
	fact := input.facts.lb_sources[format_int(i, 10)]
	some family, width in family_width
	fact[concat("", [family, "_bits"])] > width - lb_max_prefix(family)
} | {["unreadable", 0] | input.facts.lb_sources[format_int(i, 10)].unreadable == true} | {["azure service tag", 0] | input.facts.lb_sources[format_int(i, 10)].public_tag == true}

# Where the finding points: Azure's tag annotation for a tag, else the list that was measured.
sources_path(_, "azure service tag") := ["metadata", "annotations", "service.beta.kubernetes.io/azure-allowed-service-tags"]

sources_path(svc, family) := source_ranges_path(svc) if family != "azure service tag"

source_ranges_path(svc) := ["spec", "loadBalancerSourceRanges"] if {
	count(object.get(svc, ["spec", "loadBalancerSourceRanges"], [])) > 0
} else := ["metadata", "annotations", "service.beta.kubernetes.io/load-balancer-source-ranges"] if {
	is_string(svc.metadata.annotations["service.beta.kubernetes.io/load-balancer-source-ranges"])
} else := ["metadata", "annotations", "service.beta.kubernetes.io/azure-allowed-ip-ranges"]

# --- Tailscale ------------------------------------------------------------------
#
# The Tailscale operator publishes a Service on the tailnet when it is
# annotated tailscale.com/expose (or of loadBalancerClass tailscale: a
# LoadBalancer, judged as one), and on the internet with tailscale.com/funnel.
tailnet_annotations := ["tailscale.com/expose", "tailscale.com/funnel"]

tailnet_exposed(svc) := key if {
	some key in tailnet_annotations
	v := object.get(svc, ["metadata", "annotations", key], "")
	is_string(v)
	lower(trim_space(v)) == "true"
}

# --- Findings -------------------------------------------------------------------

findings contains f if {
	not st2web_reached
	some i in st2web_services
	service_type(services[i]) == "NodePort"
	f := lib.finding("ST2-EXP-001", lib.severity_strict, i, ["spec", "type"], {"service": lib.name(services[i])})
}

findings contains f if {
	some i, svc in services
	service_type(svc) == "NodePort"
	f := lib.finding("ST2-EXP-002", lib.severity_strict, i, ["spec", "type"], {"service": lib.name(svc)})
}

findings contains f if {
	some c in lib.all_containers
	ports := object.get(c.container, "ports", [])
	is_array(ports)
	some k, port in ports
	is_number(port.hostPort)
	port.hostPort > 0
	f := lib.finding("ST2-EXP-003", lib.severity_strict, c.resource, array.concat(c.path, ["ports", k, "hostPort"]), {
		"container": c.name,
		"host_port": port.hostPort,
	})
}

findings contains f if {
	some i, w in lib.workloads
	some level in lib.pod_levels(w)
	level.spec.hostNetwork == true
	f := lib.finding("ST2-EXP-004", lib.severity_strict, i, array.concat(level.path, ["hostNetwork"]), {"component": w.component})
}

findings contains f if {
	some i, svc in services
	ips := svc.spec.externalIPs
	is_array(ips)
	count(ips) > 0
	f := lib.finding("ST2-EXP-005", lib.severity_strict, i, ["spec", "externalIPs"], {"service": lib.name(svc)})
}

findings contains f if {
	some i, roles in service_roles
	svc := services[i]
	service_type(svc) == "LoadBalancer"
	some role in roles
	lib.backing_roles[role]
	f := lib.finding("ST2-EXP-006", lib.severity_strict, i, ["spec", "type"], {"service": lib.name(svc), "component": role})
}

findings contains f if {
	some i in http_services
	svc := services[i]
	service_type(svc) == "LoadBalancer"
	not restricted_lb(svc)
	f := lib.finding("ST2-EXP-007", lib.severity_strict, i, ["spec", "type"], {"service": lib.name(svc)})
}

# Restricted range by range, open as a whole.
findings contains f if {
	some i in http_services
	svc := services[i]
	service_type(svc) == "LoadBalancer"
	restricted_lb(svc)
	not internal_lb(svc)
	some [family, prefix] in lb_sources_too_wide(i)
	f := lib.finding("ST2-EXP-007", lib.severity_strict, i, sources_path(svc, family), {"service": lib.name(svc), "sources": family, "limit": concat("", ["/", format_int(prefix, 10)])})
}

# A store on the tailnet (or on the internet through Funnel).
findings contains f if {
	some i, roles in service_roles
	svc := services[i]
	key := tailnet_exposed(svc)
	some role in roles
	lib.backing_roles[role]
	f := lib.finding("ST2-EXP-006", lib.severity_strict, i, ["metadata", "annotations", key], {"service": lib.name(svc), "component": role})
}

# Routes to a backing store's Service.
findings contains f if {
	some [r, ns, name] in route_backends
	some i, svc in services
	lib.name(svc) == name
	lib.namespace(svc) == ns
	some role in service_roles[i]
	lib.backing_roles[role]
	f := lib.finding("ST2-EXP-008", lib.severity_strict, r, ["spec"], {"route": lib.name(input.resources[r]), "service": name, "component": role})
}
