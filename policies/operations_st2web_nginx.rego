# ST2-OPS-007, continued: st2web's upstreams in an nginx config mounted over
# the image's. st2web's nginx proxies /auth, /api and /stream, with every
# login password and token, to the URLs its image's template fills in from
# ST2_AUTH_URL, ST2_API_URL and ST2_STREAM_URL (judged in
# operations_access.rego); a ConfigMap or Secret mounted under /etc/nginx
# replaces that template, so its proxy_pass targets and upstream servers are
# judged the same way: a host outside the cluster (or an ExternalName Service
# leading there) is denied. A target in an nginx variable is the template's
# env, judged there.
package st2.operations

import data.st2.lib

findings contains f if {
	some i, w in lib.workloads
	w.roles.st2web
	some u in w.units
	some c in lib.running_with_paths(u)
	some k, m in object.get(c.container, "volumeMounts", [])
	is_string(m.mountPath)
	startswith(m.mountPath, "/etc/nginx")
	some text in nginx_texts(w, m)
	some host in nginx_upstream_hosts(text)
	leads_outside(host, w.namespace)
	f := lib.finding("ST2-OPS-007", lib.severity_strict, i, array.concat(c.path, ["volumeMounts", k]), {"variable": "nginx upstream", "host": host})
}

# The texts a mount puts under /etc/nginx: the subPath key, or every key.
nginx_texts(w, m) := {text |
	some u in w.units
	some vol in object.get(u.pod_spec, "volumes", [])
	vol.name == m.name
	some [kind, name] in lib.volume_sources(vol)
	d := mounted_data(kind, w.namespace, name)
	some key, text in d
	is_string(text)
	object.get(m, "subPath", key) in {key, ""}
}

mounted_data("ConfigMap", ns, name) := configmap_data[[ns, name]]

mounted_data("Secret", ns, name) := secret_data[[ns, name]]

# proxy_pass targets and upstream server addresses, without a port.
nginx_upstream_hosts(text) := {host |
	contains(text, "proxy_pass")
	some m in regex.find_all_string_submatch_n(`(?m)\bproxy_pass\s+([^;\s]+)\s*;`, text, -1)
	not contains(m[1], "$")
	host := nginx_host(m[1])
} | {host |
	contains(text, "upstream")
	some m in regex.find_all_string_submatch_n(`(?m)^\s*server\s+([A-Za-z0-9._-]+)(?::[0-9]+)?(?:\s[^;{]*)?;`, text, -1)
	host := lower(m[1])
}

nginx_host(target) := url_host(target) if contains(target, "://")

# A stream proxy_pass names host:port without a scheme.
nginx_host(target) := lower(split(target, ":")[0]) if not contains(target, "://")
