package st2_test.exposure

import data.st2_test.fixtures as fx

web_selector := {"app": "st2web", "release": "st2"}

svc_index := fx.index_of(fx.baseline, "Service", "st2-st2web")

# st2web behind a NodePort Service and nothing else.
nodeport_only := fx.without(
	fx.replace(fx.baseline, "Service", "st2-st2web", fx.service("st2-st2web", "NodePort", web_selector)),
	"Ingress", "st2-st2web",
)

finding(rule, severity, resource, path, params) := {"rule": rule, "severity": severity, "resource": resource, "path": path, "params": params}

# --- ST2-EXP-001 / 002 ------------------------------------------------------------------

test_exp001_denies_st2web_only_on_nodeport if {
	fs := fx.eval("production", nodeport_only)
	fs == {
		finding("ST2-EXP-001", "deny", svc_index, ["spec", "type"], {"service": "st2-st2web"}),
		finding("ST2-EXP-002", "deny", svc_index, ["spec", "type"], {"service": "st2-st2web"}),
	}
}

test_exp001_denies_in_staging_warns_in_dev if {
	{f.severity | some f in fx.eval("staging", nodeport_only)} == {"deny"}
	{f.severity | some f in fx.eval("dev", nodeport_only)} == {"warn"}
}

test_exp001_denies_selectorless_service_named_st2web if {
	svc := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "st2web", "namespace": "st2"}, "spec": {"type": "NodePort", "ports": [{"port": 443}]}}
	resources := fx.plus(fx.without(fx.baseline, "Ingress", "st2-st2web"), svc)
	fs := fx.eval("production", resources)
	some f in fs
	f.rule == "ST2-EXP-001"
	f.resource == count(resources) - 1
}

test_exp001_allows_nodeport_when_an_ingress_reaches_st2web if {
	resources := fx.replace(fx.baseline, "Service", "st2-st2web", fx.service("st2-st2web", "NodePort", web_selector))
	{f.rule | some f in fx.eval("production", resources)} == {"ST2-EXP-002"}
}

test_exp001_allows_v1beta1_ingress if {
	ing := {"apiVersion": "networking.k8s.io/v1beta1", "kind": "Ingress", "metadata": {"name": "old", "namespace": "st2"}, "spec": {"backend": {"serviceName": "st2-st2web", "servicePort": 80}}}
	# A backend-only Ingress reaches st2web (no ST2-EXP-001), over plain HTTP for any host (ST2-OPS-004).
	{f.rule | some f in fx.eval("production", fx.plus(nodeport_only, ing))} == {"ST2-EXP-002", "ST2-OPS-004"}
}

test_exp001_allows_gateway_httproute if {
	route := {
		"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": {"name": "st2", "namespace": "st2"},
		"spec": {"parentRefs": [{"name": "public"}], "rules": [{"backendRefs": [{"name": "st2-st2web", "port": 80}]}]},
	}
	{f.rule | some f in fx.eval("production", fx.plus(nodeport_only, route))} == {"ST2-EXP-002"}
}

test_exp001_gateway_route_to_other_namespace_does_not_count if {
	route := {
		"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": {"name": "st2", "namespace": "st2"},
		"spec": {"rules": [{"backendRefs": [{"name": "st2-st2web", "namespace": "other", "port": 80}]}]},
	}
	"ST2-EXP-001" in {f.rule | some f in fx.eval("production", fx.plus(nodeport_only, route))}
}

restricted(svc) := json.patch(svc, [{"op": "add", "path": "/spec/loadBalancerSourceRanges", "value": ["10.0.0.0/8"]}])

test_exp001_allows_restricted_loadbalancer if {
	lb := restricted(fx.service("st2-st2web", "LoadBalancer", web_selector))
	resources := fx.without(fx.replace(fx.baseline, "Service", "st2-st2web", lb), "Ingress", "st2-st2web")
	count(fx.eval("production", resources)) == 0
}

test_exp001_allows_restricted_loadbalancer_beside_nodeport if {
	lb := restricted(fx.service("st2web-public", "LoadBalancer", {"app": "st2web"}))
	{f.rule | some f in fx.eval("production", fx.plus(nodeport_only, lb))} == {"ST2-EXP-002"}
}

test_exp007_denies_open_st2web_loadbalancer if {
	lb := fx.service("st2web-public", "LoadBalancer", {"app": "st2web"})
	fx.only(fx.eval("production", fx.plus(fx.baseline, lb)), "ST2-EXP-007", "deny", fx.next)
	wide := json.patch(lb, [{"op": "add", "path": "/spec/loadBalancerSourceRanges", "value": ["10.0.0.0/8", "0.0.0.0/0"]}])
	fx.only(fx.eval("production", fx.plus(fx.baseline, wide)), "ST2-EXP-007", "deny", fx.next)
}

test_exp007_allows_internal_loadbalancer if {
	lb := json.patch(fx.service("st2web-internal", "LoadBalancer", {"app": "st2web"}), [{"op": "add", "path": "/metadata/annotations", "value": {"networking.gke.io/load-balancer-type": "Internal"}}])
	count(fx.eval("production", fx.plus(fx.baseline, lb))) == 0
}

test_exp007_internal_by_each_clouds_annotation if {
	every key, value in {
		"networking.gke.io/load-balancer-type": "Internal",
		"service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
		"service.beta.kubernetes.io/azure-load-balancer-internal": "true",
		"load-balancer.hetzner.cloud/disable-public-network": "true",
	} {
		lb := json.patch(fx.service("st2web-internal", "LoadBalancer", {"app": "st2web"}), [{"op": "add", "path": "/metadata/annotations", "value": {key: value}}])
		count(fx.eval("production", fx.plus(fx.baseline, lb))) == 0
	}
	public := json.patch(fx.service("st2web-public", "LoadBalancer", {"app": "st2web"}), [{"op": "add", "path": "/metadata/annotations", "value": {"load-balancer.hetzner.cloud/disable-public-network": "false"}}])
	fx.only(fx.eval("production", fx.plus(fx.baseline, public)), "ST2-EXP-007", "deny", fx.next)
}

test_exp005_denies_external_ips if {
	svc := json.patch(fx.service("st2-api-ext", "ClusterIP", {"app": "st2api"}), [{"op": "add", "path": "/spec/externalIPs", "value": ["203.0.113.7"]}])
	fx.only(fx.eval("staging", fx.plus(fx.baseline, svc)), "ST2-EXP-005", "deny", fx.next)
}

test_exp006_denies_loadbalancer_in_front_of_stores if {
	every app in ["mongodb", "rabbitmq", "etcd"] {
		lb := restricted(fx.service(concat("", ["pub-", app]), "LoadBalancer", {"app": app}))
		"ST2-EXP-006" in {f.rule | some f in fx.eval("production", fx.plus(fx.baseline, lb))}
	}
}

test_exp002_denies_any_nodeport if {
	etcd := fx.service("st2-etcd", "NodePort", {"app": "etcd"})
	fs := fx.eval("production", fx.plus(fx.baseline, etcd))
	fs == {finding("ST2-EXP-002", "deny", fx.next, ["spec", "type"], {"service": "st2-etcd"})}
}

test_exp002_warns_in_dev if {
	fs := fx.eval("dev", fx.plus(fx.baseline, fx.service("st2-etcd", "NodePort", {"app": "etcd"})))
	fx.only(fs, "ST2-EXP-002", "warn", fx.next)
}

test_exp002_allows_clusterip_and_headless if {
	headless := json.patch(fx.service("st2-mongodb", "ClusterIP", {"app": "mongodb"}), [{"op": "add", "path": "/spec/clusterIP", "value": "None"}])
	count(fx.eval("production", fx.plus(fx.baseline, headless))) == 0
	count(fx.eval("production", fx.plus(fx.baseline, {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "x", "namespace": "st2"}, "spec": {"selector": {"app": "x"}}}))) == 0
}

# --- ST2-EXP-003 / 004 ----------------------------------------------------------------

proxy(port, host_network) := {
	"apiVersion": "apps/v1", "kind": "DaemonSet",
	"metadata": {"name": "kube-registry-proxy", "namespace": "st2"},
	"spec": {"template": {"metadata": {"labels": {"app": "kube-registry-proxy"}}, "spec": {
		"hostNetwork": host_network,
		"containers": [object.union(fx.container("kube-registry-proxy"), {"ports": [{"name": "http", "containerPort": 80}, port]})],
	}}},
}

test_exp003_denies_host_port if {
	fs := fx.eval("production", fx.plus(fx.baseline, proxy({"containerPort": 80, "hostPort": 5000}, false)))
	fs == {finding("ST2-EXP-003", "deny", fx.next, ["spec", "template", "spec", "containers", 0, "ports", 1, "hostPort"], {"container": "kube-registry-proxy", "host_port": 5000})}
}

test_exp003_warns_in_dev if {
	fs := fx.eval("dev", fx.plus(fx.baseline, proxy({"containerPort": 80, "hostPort": 5000}, false)))
	fx.only(fs, "ST2-EXP-003", "warn", fx.next)
}

test_exp003_allows_container_port_only if {
	count(fx.eval("production", fx.plus(fx.baseline, proxy({"containerPort": 5000}, false)))) == 0
}

test_exp004_denies_host_network if {
	fs := fx.eval("production", fx.plus(fx.baseline, proxy({"containerPort": 5000}, true)))
	fs == {finding("ST2-EXP-004", "deny", fx.next, ["spec", "template", "spec", "hostNetwork"], {"component": "kube-registry-proxy"})}
}

test_exp001_allows_openshift_route if {
	route := {"apiVersion": "route.openshift.io/v1", "kind": "Route", "metadata": {"name": "st2", "namespace": "st2"}, "spec": {"to": {"kind": "Service", "name": "st2-st2web"}, "tls": {"termination": "edge"}}}
	{f.rule | some f in fx.eval("production", fx.plus(nodeport_only, route))} == {"ST2-EXP-002"}
}

# --- st2web Services by selector (the selector index) ------------------------------------

# A Service named without a role, so only its selector can make it st2web's.
frontend(name, namespace, selector) := json.patch(fx.service(name, "ClusterIP", selector), [{"op": "replace", "path": "/metadata/namespace", "value": namespace}])

# Names of the added Services that front st2web.
st2web_services_of(services) := {r.metadata.name |
	resources := array.concat(fx.baseline, services)
	some i in data.st2.exposure.st2web_services with input as {"resources": resources}
	r := resources[i]
	r.metadata.name != "st2-st2web"
}

test_st2web_services_only_in_the_pods_namespace if {
	st2web_services_of([frontend("front-a", "st2", web_selector), frontend("front-b", "other", web_selector)]) == {"front-a"}
}

test_st2web_services_match_every_selector_key if {
	# Filed under "release" (the smallest key); "tier" must match as well.
	st2web_services_of([
		frontend("front-a", "st2", {"release": "st2", "tier": "backend"}),
		frontend("front-b", "st2", {"release": "st2", "tier": "frontend"}),
		frontend("front-c", "st2", {"tier": "backend", "zone": "a"}),
	]) == {"front-a"}
}

test_st2web_services_ignore_empty_selectors if {
	st2web_services_of([frontend("front-a", "st2", {}), frontend("front-b", "st2", "app=st2web")]) == set()
}

test_exp001_copies_of_st2web_each_flagged if {
	resources := fx.plus(nodeport_only, fx.service("st2-st2web-copy", "NodePort", web_selector))
	{f.resource | some f in fx.eval("production", resources); f.rule == "ST2-EXP-001"} == {svc_index, count(resources) - 1}
}

# A text's proxied hosts come from the fact where it covers the text's place
# (src/policy/proxy-hosts.ts); any other text is read here.
test_proxied_hosts_read_the_fact_then_the_text if {
	cms := [
		{"kind": "ConfigMap", "metadata": {"name": "a", "namespace": "st2"}, "data": {"k": "proxy_pass mongodb:27017;"}},
		{"kind": "ConfigMap", "metadata": {"name": "b", "namespace": "st2"}, "data": {"k": "proxy_pass rabbitmq:5672;"}},
	]
	facts := {"proxy_hosts": [{"resource": 0, "field": "data", "key": "k", "hosts": ["etcd:2379"]}]}
	hosts := data.st2.exposure.proxied_hosts with input as {"resources": cms, "facts": facts}
	hosts == {["ConfigMap", "a"]: {"etcd:2379"}, ["ConfigMap", "b"]: {"rabbitmq:5672"}}
	data.st2.exposure.proxied_hosts == {["ConfigMap", "a"]: {"mongodb:27017"}, ["ConfigMap", "b"]: {"rabbitmq:5672"}} with input as {"resources": cms, "facts": {}}
}
