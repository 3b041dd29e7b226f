# st2web's own TLS and where st2's service URLs lead.
#
# ST2-HRD-018: st2web's image serves HTTPS on 443 only when ST2WEB_HTTPS is
# exactly 1 (its entrypoint: `if [ ${ST2WEB_HTTPS} = 1 ]`, else the http
# template on 80). The base sets it to 1; a production st2web setting it to
# anything else (0, true, an empty string) either
# answers nothing on the 443 its Service, Ingress and probes use, or, with them
# moved to 80, carries every login password and token across the cluster
# network in clear.
# ST2-OPS-049: ST2_AUTH_URL, ST2_API_URL and ST2_STREAM_URL (st2web's upstreams,
# the st2 CLI's and actions' endpoints) must lead to that service: the login
# form posted to st2api, or the API called on st2auth, fails for everyone.
package st2.operations

import data.st2.lib

rules["ST2-HRD-018"] := {
	"title": "st2web serving plain HTTP in production",
	"default_severity": "deny",
	"profiles": "deny in production, warn in staging and dev",
	"remediation": concat(" ", [
		"st2web's image serves HTTPS (443, its certificate from /etc/ssl/st2) only when",
		"ST2WEB_HTTPS is exactly \"1\"; anything else (0, true, empty) serves plain HTTP",
		"on 80: the Ingress and probes on 443 find nothing, or, moved to 80, every login password",
		"and token crosses the cluster network in clear. Keep ST2WEB_HTTPS: \"1\" as the base sets it.",
	]),
}

rules["ST2-OPS-049"] := {
	"title": "st2 service URL leading to another st2 service",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"ST2_AUTH_URL must lead to st2auth (9100), ST2_API_URL to st2api (9101), ST2_STREAM_URL to",
		"st2stream (9102): st2web proxies /auth, /api and /stream to them and the st2 CLI and",
		"actions call them. A URL naming another service's Service (the auth URL at st2api)",
		"fails every login or call. Point each at its own Service.",
	]),
}

# --- ST2-HRD-018 ----------------------------------------------------------------------------------

# ST2WEB_HTTPS as the container sets it: its last env entry, a literal or a ConfigMap key of the
# render, else the last envFrom ConfigMap of the render holding it. Undefined when not set
# there: a pod spec without it (test fixtures, other makes of st2web) is not judged.
st2web_https(ctr, ns) := v if {
	values := [e | some e in object.get(ctr, "env", []); e.name == "ST2WEB_HTTPS"]
	count(values) > 0
	v := env_value(values[count(values) - 1], ns)
} else := v if {
	found := [x |
		some e in object.get(ctr, "envFrom", [])
		not e.prefix
		x := configmap_data[[ns, e.configMapRef.name]].ST2WEB_HTTPS
		is_string(x)
	]
	count(found) > 0
	v := found[count(found) - 1]
}

env_value(e, _) := e.value if is_string(e.value)

env_value(e, ns) := v if {
	ref := e.valueFrom.configMapKeyRef
	v := configmap_data[[ns, ref.name]][ref.key]
	is_string(v)
}

st2web_images := {img |
	some img in data.st2.hardening.images
	lib.image_repository(img) == "st2web"
}

findings contains f if {
	count(st2web_images) > 0
	some c in lib.containers
	c.field == "containers"
	c.container.image in st2web_images
	not c.container.command
	v := st2web_https(c.container, lib.namespace(input.resources[c.resource]))
	trim_space(v) != "1"
	f := lib.finding("ST2-HRD-018", lib.severity_production, c.resource, array.concat(c.path, ["env"]), {"variable": "ST2WEB_HTTPS"})
}

# --- ST2-OPS-049 ----------------------------------------------------------------------------------

url_roles := {"ST2_AUTH_URL": "st2auth", "ST2_API_URL": "st2api", "ST2_STREAM_URL": "st2stream"}

url_service_roles := {"st2auth", "st2api", "st2stream", "st2web"}

# The st2 API roles behind a Service: those of the workloads its selector picks, else its
# name's. Looked up only for the Services st2's URLs name (a few per render).
service_api_roles(ns, name) := roles if {
	some svc in lib.resources_of_kind("Service")
	lib.name(svc) == name
	lib.namespace(svc) == ns
	roles := selected_url_roles(svc)
} else := lib.roles(name) & url_service_roles

selected_url_roles(svc) := roles if {
	sel := svc.spec.selector
	is_object(sel)
	count(sel) > 0
	roles := {role |
		some i in lib.workloads_matching(lib.namespace(svc), sel)
		some role in lib.workloads[i].roles
		url_service_roles[role]
	}
	count(roles) > 0
} else := lib.roles(lib.name(svc)) & url_service_roles

# Judged where the URL is written (as ST2-OPS-025 is): a ConfigMap key named after the
# variable (st2-urls, which st2's pods take whole by envFrom), a container's env literal or
# its ConfigMap key. Not per container: every st2 pod takes st2-urls.
url_writes contains [i, ["data", var], var, url, lib.namespace(r)] if {
	some i, r in lib.resources_of_kind("ConfigMap")
	some var, _ in url_roles
	url := r.data[var]
	is_string(url)
}

url_writes contains [c.resource, array.concat(c.path, ["env", k]), e.name, url, ns] if {
	some c in lib.containers
	some k, e in object.get(c.container, "env", [])
	url_roles[e.name]
	ns := lib.namespace(input.resources[c.resource])
	url := env_value(e, ns)
}

findings contains f if {
	some [i, path, var, url, ns] in url_writes
	host := url_host(url)
	cluster_host(host)
	ref := data.st2.exposure.host_ref(host, ns)
	roles := service_api_roles(ref[0], ref[1])
	count(roles) > 0
	not url_roles[var] in roles
	f := lib.finding("ST2-OPS-049", lib.severity_strict, i, path, {"variable": var, "service": ref[1], "leads_to": sort(roles)})
}

# ST2WEB_HTTPS unset: the entrypoint's `[ ${ST2WEB_HTTPS} = 1 ]` is false, so nginx serves the
# http template on 80 only. Judged when the container itself expects HTTPS (a 443 port or an
# HTTPS probe) and nothing the gate cannot read may set the variable.
findings contains f if {
	count(st2web_images) > 0
	some c in lib.containers
	c.field == "containers"
	c.container.image in st2web_images
	not c.container.command
	ns := lib.namespace(input.resources[c.resource])
	not st2web_https(c.container, ns)
	not https_may_be_set(c.container, ns)
	expects_https(c.container)
	f := lib.finding("ST2-HRD-018", lib.severity_production, c.resource, c.path, {"variable": "ST2WEB_HTTPS"})
}

https_may_be_set(ctr, _) if {
	some e in object.get(ctr, "env", [])
	e.name == "ST2WEB_HTTPS"
}

https_may_be_set(ctr, _) if {
	some e in object.get(ctr, "envFrom", [])
	not e.configMapRef
}

https_may_be_set(ctr, ns) if {
	some e in object.get(ctr, "envFrom", [])
	not configmap_data[[ns, e.configMapRef.name]]
	not e.configMapRef.optional == true
}

expects_https(ctr) if {
	some p in object.get(ctr, "ports", [])
	p.containerPort == 443
}

expects_https(ctr) if {
	some probe in ["readinessProbe", "livenessProbe", "startupProbe"]
	upper(ctr[probe].httpGet.scheme) == "HTTPS"
}

# With HTTPS on, nginx's https template reads /etc/ssl/st2/st2.crt and st2.key (st2's
# conf/nginx/st2.conf): a certificate volume at /etc/ssl/st2 that lacks either (an item
# renamed, a Secret of the render without the key) stops nginx: st2web crash-loops.
st2web_tls_files := ["st2.crt", "st2.key"]

findings contains f if {
	count(st2web_images) > 0
	some c in lib.containers
	c.field == "containers"
	c.container.image in st2web_images
	not c.container.command
	ns := lib.namespace(input.resources[c.resource])
	trim_space(st2web_https(c.container, ns)) == "1"
	spec := object.get(input.resources[c.resource], array.slice(c.path, 0, count(c.path) - 2), {})
	some file in st2web_tls_files
	tls_file_missing(spec, c.container, ns, file)
	f := lib.finding("ST2-HRD-018", lib.severity_production, c.resource, c.path, {"variable": "ST2WEB_HTTPS", "missing": concat("/", ["/etc/ssl/st2", file])})
}

tls_file_missing(spec, ctr, ns, file) if {
	some m in object.get(ctr, "volumeMounts", [])
	trim_suffix(m.mountPath, "/") == "/etc/ssl/st2"
	not m.subPath
	some v in object.get(spec, "volumes", [])
	v.name == m.name
	is_object(v.secret)
	not secret_volume_has(v.secret, ns, file)
	not tls_file_mounted(ctr, file)
}

tls_file_mounted(ctr, file) if {
	some m in object.get(ctr, "volumeMounts", [])
	m.mountPath == concat("/", ["/etc/ssl/st2", file])
}

secret_volume_has(s, _, file) if {
	some item in s.items
	item.path == file
}

# Without items the files are the Secret's keys: judged only when the render says which they are.
secret_volume_has(s, ns, _) if {
	not s.items
	not known_secret_keys(ns, s.secretName)
}

secret_volume_has(s, ns, file) if {
	not s.items
	file in known_secret_keys(ns, s.secretName)
}

known_secret_keys(ns, name) := object.keys(secret_data[[ns, name]])

known_secret_keys(ns, name) := keys if {
	some r in lib.resources_of_kind("ExternalSecret")
	lib.namespace(r) == ns
	object.get(r.spec, ["target", "name"], lib.name(r)) == name
	not r.spec.dataFrom
	keys := {d.secretKey | some d in object.get(r.spec, "data", [])} | object.keys(object.get(r.spec, ["target", "template", "data"], {}))
}

# --- ST2-OPS-049: a URL's port the named Service does not have -------------------------------------
#
# ST2_API_URL on st2api's Service but st2stream's port (9102): nothing listens there, so every
# call st2web proxies (or the CLI makes) fails.

findings contains f if {
	some [i, path, var, url, ns] in url_writes
	host := url_host(url)
	cluster_host(host)
	ref := data.st2.exposure.host_ref(host, ns)
	ports := service_port_numbers(ref[0], ref[1])
	count(ports) > 0
	port := url_port(url)
	not port in ports
	f := lib.finding("ST2-OPS-049", lib.severity_strict, i, path, {"variable": var, "service": ref[1], "port": port, "leads_to": []})
}

service_port_numbers(ns, name) := {p.port |
	some svc in lib.resources_of_kind("Service")
	lib.name(svc) == name
	lib.namespace(svc) == ns
	some p in object.get(svc.spec, "ports", [])
	is_number(p.port)
}

# The URL's port: written, else its scheme's.
url_port(url) := p if {
	hp := url_host_port(url)
	count(hp) == 2
	p := to_number(hp[1])
} else := 80 if {
	count(url_host_port(url)) == 1
	startswith(lower(trim_space(url)), "http://")
} else := 443 if {
	count(url_host_port(url)) == 1
	startswith(lower(trim_space(url)), "https://")
}

url_host_port(url) := split(at[count(at) - 1], ":") if {
	parts := split(trim_space(url), "://")
	count(parts) == 2
	authority := split(split(split(parts[1], "/")[0], "?")[0], "#")[0]
	at := split(authority, "@")
}
