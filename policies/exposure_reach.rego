# ST2-EXP-009, 010, 011: reaching the stores or st2 without a route to their
# own Service: exporting a store to other clusters, a store's admin UI
# published, an edge that logs every caller in as someone.
package st2.exposure

import data.st2.lib

rules["ST2-EXP-009"] := {
	# A store reachable from outside the cluster is open for as long as any waiver runs: never waivable in production.
	"waivable_in_production": false,
	"title": "MongoDB, RabbitMQ, etcd, Redis or ZooKeeper exported to other clusters",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A Multi-Cluster Services ServiceExport, a Cilium global Service, a Linkerd exported",
		"Service, a Skupper proxy or a Consul ExportedServices entry makes the store reachable from",
		"every cluster of the set, outside this namespace's NetworkPolicies. Only the st2 pods in",
		"this cluster need it: remove the export.",
	]),
}

rules["ST2-EXP-010"] := {
	# A store reachable from outside the cluster is open for as long as any waiver runs: never waivable in production.
	"waivable_in_production": false,
	"title": "Admin UI of MongoDB, Redis, etcd or ZooKeeper reachable from outside the cluster",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"mongo-express, Adminer, RedisInsight, redis-commander, etcdkeeper, ZooNavigator and the like",
		"hold the store's admin credentials and give whoever reaches them the whole store. Keep",
		"them on a ClusterIP Service and reach them with kubectl port-forward, or behind a",
		"LoadBalancer restricted to your networks (loadBalancerSourceRanges or an internal",
		"load balancer); not behind an Ingress or route.",
	]),
}

rules["ST2-EXP-011"] := {
	# An edge adding a key to every request is st2 auth off: never waivable in production.
	"waivable_in_production": false,
	"title": "Edge proxy adding st2 credentials to every request",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A route, snippet or middleware that sets St2-Api-Key or X-Auth-Token (or an Authorization",
		"header on the way to st2web, st2auth, st2api or st2stream, or the key in the query string)",
		"logs every caller in as that key's user: st2 authentication is off in effect. Remove the",
		"header; clients send their own token or API key.",
	]),
}

# --- ST2-EXP-009: exports ------------------------------------------------------------------

# [resource, path, namespace, Service name] of each exported Service.
exported_services contains [i, ["metadata", "name"], lib.namespace(r), lib.name(r)] if {
	some i, r in lib.resources_of_kind("ServiceExport")
}

# Cilium Cluster Mesh global Services, Linkerd multicluster, Skupper.
export_marks := {
	"annotations": {
		"service.cilium.io/global": {"true"},
		"io.cilium/global-service": {"true"},
		"skupper.io/proxy": {"tcp", "http", "http2"},
	},
	"labels": {"mirror.linkerd.io/exported": {"true", "remote-discovery"}},
}

exported_services contains [i, ["metadata", field, key], lib.namespace(svc), lib.name(svc)] if {
	some field, marks in export_marks
	some i, svc in services
	some key, values in marks
	v := svc.metadata[field][key]
	is_string(v)
	values[lower(trim_space(v))]
}

# Skupper also exposes a workload annotated skupper.io/proxy.
exported_workloads contains [i, ["metadata", "annotations", "skupper.io/proxy"], role] if {
	some i, w in lib.workloads
	r := input.resources[i]
	is_string(r.metadata.annotations["skupper.io/proxy"])
	some role in w.roles
	lib.backing_roles[role]
}

# Consul ExportedServices: spec.services[].name (a Service of any namespace the
# mesh registered by that name).
exported_names contains [i, ["spec", "services", k], s.name] if {
	some i, r in lib.resources_of_kind("ExportedServices")
	some k, s in object.get(r, ["spec", "services"], [])
	is_string(s.name)
}

findings contains f if {
	targets := store_targets
	some [i, path, ns, name] in exported_services
	some role in targets[[ns, name]] | service_roles_by_ref(ns, name)
	lib.backing_roles[role]
	f := lib.finding("ST2-EXP-009", lib.severity_strict, i, path, {"service": name, "component": role})
}

findings contains f if {
	some [i, path, role] in exported_workloads
	f := lib.finding("ST2-EXP-009", lib.severity_strict, i, path, {"service": lib.name(input.resources[i]), "component": role})
}

findings contains f if {
	targets := store_targets
	some [i, path, name] in exported_names
	some [_, target_name], roles in targets
	target_name == name
	some role in roles
	f := lib.finding("ST2-EXP-009", lib.severity_strict, i, path, {"service": name, "component": role})
}

service_roles_by_ref(ns, name) := {role |
	some i, svc in services
	lib.name(svc) == name
	lib.namespace(svc) == ns
	some role in service_roles[i]
}

# --- ST2-EXP-010: store admin UIs ---------------------------------------------------------------

# Image repositories (last path segment) of the stores' web admin UIs.
admin_ui_images := {
	"mongo-express": "mongodb", "adminer": "mongodb", "mongoku": "mongodb", "nosqlclient": "mongodb",
	"mongoclient": "mongodb", "adminmongo": "mongodb", "mongo-gui": "mongodb",
	"redis-commander": "redis", "redisinsight": "redis", "phpredisadmin": "redis", "p3x-redis-ui": "redis",
	"etcdkeeper": "etcd", "etcd-browser": "etcd", "etcd-workbench": "etcd",
	"zoonavigator": "zookeeper", "zoonavigator-web": "zookeeper", "zkui": "zookeeper",
}

# [role, namespace, pod labels] of every unit running an admin UI.
admin_pods contains [role, w.namespace, u.labels] if {
	some w in lib.workloads
	some u in w.units
	some ctr in u.running
	is_string(ctr.image)
	role := admin_ui_images[lib.image_repository(ctr.image)]
}

# [namespace, Service name] -> the store roles of the admin UIs it fronts.
admin_targets[[lib.namespace(svc), lib.name(svc)]] contains role if {
	count(admin_pods) > 0
	index := selector_index
	some [role, ns, labels] in admin_pods
	some k, v in labels
	some sel in index[[ns, [k, v]]]
	lib.map_selects(sel, labels)
	some svc in services
	lib.namespace(svc) == ns
	service_selector(svc) == sel
}

findings contains f if {
	targets := admin_targets
	count(targets) > 0
	some [r, ns, name] in route_backends
	some role in targets[[ns, name]]
	f := lib.finding("ST2-EXP-010", lib.severity_strict, r, ["spec"], {"route": lib.name(input.resources[r]), "service": name, "component": role})
}

findings contains f if {
	targets := admin_targets
	count(targets) > 0
	some [r, ref] in route_hosts
	some role in targets[ref]
	f := lib.finding("ST2-EXP-010", lib.severity_strict, r, ["spec"], {"route": lib.name(input.resources[r]), "service": ref[1], "component": role})
}

findings contains f if {
	targets := admin_targets
	count(targets) > 0
	some i, svc in services
	service_type(svc) == "LoadBalancer"
	some role in targets[[lib.namespace(svc), lib.name(svc)]]
	not restricted_lb(svc)
	f := lib.finding("ST2-EXP-010", lib.severity_strict, i, ["spec", "type"], {"route": "LoadBalancer", "service": lib.name(svc), "component": role})
}

# A tailnet Service published on the internet (Funnel) in front of one.
findings contains f if {
	targets := admin_targets
	count(targets) > 0
	some i, svc in services
	lower(trim_space(object.get(svc, ["metadata", "annotations", "tailscale.com/funnel"], ""))) == "true"
	some role in targets[[lib.namespace(svc), lib.name(svc)]]
	f := lib.finding("ST2-EXP-010", lib.severity_strict, i, ["metadata", "annotations", "tailscale.com/funnel"], {"route": "Tailscale Funnel", "service": lib.name(svc), "component": role})
}
