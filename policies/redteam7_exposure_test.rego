# The seventh red team's exposure holes and the store operators (test/policy/
# redteam/fresh7-exp.ts): edge routes by store target (ST2-EXP-008), the
# operators' resources (ST2-EXP-006, 002, REP-007), exports (009), admin UIs
# (010), credentials added at the edge (011), plain HTTP beside TLS (OPS-004),
# internal annotations of another cloud (EXP-007).
package st2_test.redteam7_exposure

import data.st2_test.fixtures as fx

rules_of(fs) := {f.rule | some f in fs}

with_all(new) := array.concat(fx.baseline, new)

prod(new) := rules_of(fx.eval("production", with_all(new)))

at(new, profile) := {[f.rule, f.severity] | some f in fx.eval(profile, with_all(new))}

mongo_svc := fx.service("st2-mongodb", "ClusterIP", {"app": "mongodb", "release": "st2"})

cr(api, kind, name, spec) := {"apiVersion": api, "kind": kind, "metadata": {"name": name, "namespace": fx.ns}, "spec": spec}

# --- ST2-EXP-008: every edge's routes -------------------------------------------------------------

test_l4_routes_to_a_store_deny if {
	every r in [
		cr("configuration.konghq.com/v1beta1", "TCPIngress", "db", {"rules": [{"port": 27017, "backend": {"serviceName": "st2-mongodb", "servicePort": 27017}}]}),
		cr("k8s.nginx.org/v1", "TransportServer", "db", {"upstreams": [{"name": "u", "service": "st2-mongodb", "port": 27017}]}),
		cr("getambassador.io/v3alpha1", "TCPMapping", "db", {"port": 27017, "service": "st2-mongodb.st2:27017"}),
		cr("apisix.apache.org/v2", "ApisixRoute", "db", {"stream": [{"backend": {"serviceName": "st2-mongodb", "servicePort": 27017}}]}),
		cr("ingress.v1.haproxy.org/v1", "TCP", "db", [{"name": "db", "service": {"name": "st2-mongodb", "port": 27017}}]),
		fx.config_map("edge-tcp", {"27017": "st2/st2-mongodb:27017"}),
		fx.config_map("ingress-nginx-controller", {"stream-snippet": "server {\n  listen 27017;\n  proxy_pass st2-mongodb-1.st2-mongodb.st2.svc.cluster.local:27017;\n}\n"}),
		fx.config_map("ingress-nginx-controller", {"stream-snippet": "upstream db {\n  server st2-mongodb.st2.svc:27017;\n}\n"}),
	] {
		prod([mongo_svc, r]) == {"ST2-EXP-008"}
	}
}

test_routes_to_other_services_allowed if {
	every r in [
		cr("configuration.konghq.com/v1beta1", "TCPIngress", "syslog", {"rules": [{"port": 514, "backend": {"serviceName": "syslog", "servicePort": 514}}]}),
		cr("getambassador.io/v3alpha1", "Mapping", "web", {"prefix": "/", "service": "st2-st2web.st2:80"}),
		fx.config_map("ingress-nginx-controller", {"stream-snippet": "server {\n  listen 514;\n  proxy_pass syslog.logging:514;\n}\n"}),
		fx.config_map("numbers", {"1": "one", "2": "two"}),
	] {
		prod([mongo_svc, r]) == set()
	}
}

# --- Operators --------------------------------------------------------------------------------

rmq(spec) := cr("rabbitmq.com/v1beta1", "RabbitmqCluster", "bus", spec)

test_operator_member_floors if {
	prod([rmq({"replicas": 3})]) == set()
	prod([rmq({"replicas": 1})]) == {"ST2-REP-007"}
	prod([rmq({})]) == {"ST2-REP-007"}
	prod([cr("mongodbcommunity.mongodb.com/v1", "MongoDBCommunity", "db", {"members": 3, "type": "ReplicaSet"})]) == set()
	prod([cr("mongodbcommunity.mongodb.com/v1", "MongoDBCommunity", "db", {"members": 1, "type": "ReplicaSet"})]) == {"ST2-REP-007"}
	prod([cr("mongodbcommunity.mongodb.com/v1", "MongoDBCommunity", "db", {"members": 3, "arbiters": 1})]) == {"ST2-REP-007"}
	prod([cr("psmdb.percona.com/v1", "PerconaServerMongoDB", "db", {"replsets": [{"name": "rs0"}]})]) == set()
	prod([cr("psmdb.percona.com/v1", "PerconaServerMongoDB", "db", {"replsets": [{"name": "rs0", "size": 1}]})]) == {"ST2-REP-007"}
	prod([cr("etcd.database.coreos.com/v1beta2", "EtcdCluster", "coord", {"size": 4})]) == {"ST2-REP-007"}
	prod([cr("mongodb.com/v1", "MongoDB", "db", {"type": "Standalone"})]) == {"ST2-REP-007"}
}

test_operator_floors_by_profile if {
	at([rmq({"replicas": 1})], "staging") == {["ST2-REP-007", "warn"]}
	at([rmq({"replicas": 1})], "dev") == set()
}

test_operator_service_types if {
	prod([rmq({"replicas": 3, "service": {"type": "LoadBalancer"}})]) == {"ST2-EXP-006"}
	prod([rmq({"replicas": 3, "override": {"service": {"spec": {"type": "LoadBalancer"}}}})]) == {"ST2-EXP-006"}
	prod([rmq({"replicas": 3, "service": {"type": "NodePort"}})]) == {"ST2-EXP-002"}
	prod([cr("psmdb.percona.com/v1", "PerconaServerMongoDB", "db", {"replsets": [{"name": "rs0", "expose": {"enabled": true, "exposeType": "LoadBalancer"}}]})]) == {"ST2-EXP-006"}
	prod([cr("psmdb.percona.com/v1", "PerconaServerMongoDB", "db", {"replsets": [{"name": "rs0", "expose": {"enabled": false, "exposeType": "LoadBalancer"}}]})]) == set()
	prod([cr("psmdb.percona.com/v1", "PerconaServerMongoDB", "db", {"replsets": [{"name": "rs0", "expose": {"enabled": true, "type": "ClusterIP"}}]})]) == set()
	prod([cr("mongodb.com/v1", "MongoDB", "db", {"type": "ReplicaSet", "members": 3, "exposedExternally": true})]) == {"ST2-EXP-002"}
	at([rmq({"replicas": 3, "service": {"type": "LoadBalancer"}})], "dev") == {["ST2-EXP-006", "warn"]}
}

# The operator's Services and pods are store targets: routes, exports and Services selecting its pods.
test_operator_services_are_stores if {
	ing := json.patch(fx.ingress("bus"), [{"op": "replace", "path": "/metadata/name", "value": "bus-ui"}])
	prod([rmq({"replicas": 3}), ing]) == {"ST2-EXP-008"}
	lb := json.patch(fx.service("bus-edge", "LoadBalancer", {"app.kubernetes.io/name": "bus"}), [{"op": "add", "path": "/spec/loadBalancerSourceRanges", "value": ["10.0.0.0/8"]}])
	prod([rmq({"replicas": 3}), lb]) == {"ST2-EXP-006"}
	prod([rmq({"replicas": 3}), cr("multicluster.x-k8s.io/v1alpha1", "ServiceExport", "bus-nodes", {})]) == {"ST2-EXP-009"}
}

# --- ST2-EXP-009: exports ---------------------------------------------------------------------

test_exports_of_stores if {
	export := {"apiVersion": "multicluster.x-k8s.io/v1alpha1", "kind": "ServiceExport", "metadata": {"name": "st2-mongodb", "namespace": fx.ns}}
	prod([mongo_svc, export]) == {"ST2-EXP-009"}
	cilium := json.patch(mongo_svc, [{"op": "add", "path": "/metadata/annotations", "value": {"service.cilium.io/global": "true"}}])
	prod([cilium]) == {"ST2-EXP-009"}
	linkerd := json.patch(mongo_svc, [{"op": "add", "path": "/metadata/labels", "value": {"mirror.linkerd.io/exported": "remote-discovery"}}])
	prod([linkerd]) == {"ST2-EXP-009"}
	not_exported := json.patch(mongo_svc, [{"op": "add", "path": "/metadata/labels", "value": {"mirror.linkerd.io/exported": "false"}}])
	prod([not_exported]) == set()
	consul := cr("consul.hashicorp.com/v1alpha1", "ExportedServices", "default", {"services": [{"name": "st2-mongodb"}]})
	prod([mongo_svc, consul]) == {"ST2-EXP-009"}
	web_export := {"apiVersion": "multicluster.x-k8s.io/v1alpha1", "kind": "ServiceExport", "metadata": {"name": "st2-st2web", "namespace": fx.ns}}
	prod([web_export]) == set()
}

# --- ST2-EXP-010: admin UIs -------------------------------------------------------------------

admin_ui(image) := json.patch(fx.deployment("dbui", 1), [
	{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": image},
	{"op": "replace", "path": "/metadata/name", "value": "dbui"},
])

dbui_svc(type) := fx.service("dbui", type, {"app": "dbui", "release": "st2"})

dbui_ingress := json.patch(fx.ingress("dbui"), [{"op": "replace", "path": "/metadata/name", "value": "dbui"}])

test_admin_ui_behind_route_or_open_lb if {
	every image in ["mongo-express:1.0.2", "registry.example/tools/redisinsight:2.60", "elkozmon/zoonavigator:1.1.3", "adminer:4.8.1"] {
		prod([admin_ui(image), dbui_svc("ClusterIP"), dbui_ingress]) == {"ST2-EXP-010"}
		prod([admin_ui(image), dbui_svc("LoadBalancer")]) == {"ST2-EXP-010"}
		prod([admin_ui(image), dbui_svc("ClusterIP")]) == set()
	}
	restricted := json.patch(dbui_svc("LoadBalancer"), [{"op": "add", "path": "/spec/loadBalancerSourceRanges", "value": ["10.1.0.0/16"]}])
	prod([admin_ui("mongo-express:1.0.2"), restricted]) == set()

	# An nginx behind the same Ingress is no admin UI.
	prod([admin_ui("nginx:1.27.3"), dbui_svc("ClusterIP"), dbui_ingress]) == set()
}

# --- ST2-EXP-011: credentials added at the edge --------------------------------------------------

snippet(text) := json.patch(fx.ingress("st2-st2web"), [{"op": "add", "path": "/metadata/annotations", "value": {"nginx.ingress.kubernetes.io/configuration-snippet": text}}])

test_snippet_credentials if {
	every text in [
		"proxy_set_header St2-Api-Key \"k1\";",
		"proxy_set_header x-auth-token t1;",
		"more_set_input_headers \"X-Auth-Token: t1\";",
		"more_set_input_headers -t 'text/html' 'St2-Api-Key: k1';",
		"set $args \"$args&st2-api-key=k1\";",
		"proxy_set_header Authorization \"Basic b3BzOng=\";",
	] {
		prod([snippet(text)]) == {"ST2-EXP-011"}
	}
}

test_snippet_without_credentials if {
	every text in [
		"more_set_headers \"X-Frame-Options: DENY\";",
		"proxy_set_header Authorization \"\";",
		"if ($http_x_auth_token = \"\") { return 401; }",
	] {
		prod([snippet(text)]) == set()
	}
}

test_authorization_only_towards_st2 if {
	other := json.patch(snippet("proxy_set_header Authorization \"Basic b3BzOng=\";"), [{"op": "replace", "path": "/spec/rules/0/http/paths/0/backend/service/name", "value": "grafana"}])
	prod([other]) == set()
}

test_header_settings_of_other_proxies if {
	every r in [
		cr("gateway.networking.k8s.io/v1", "HTTPRoute", "web", {"rules": [{"filters": [{"type": "RequestHeaderModifier", "requestHeaderModifier": {"set": [{"name": "St2-Api-Key", "value": "k1"}]}}], "backendRefs": [{"name": "st2-st2web", "port": 80}]}]}),
		cr("traefik.io/v1alpha1", "Middleware", "key", {"headers": {"customRequestHeaders": {"X-Auth-Token": "t1"}}}),
		cr("networking.istio.io/v1", "VirtualService", "web", {"http": [{"headers": {"request": {"add": {"st2-api-key": "k1"}}}, "route": [{"destination": {"host": "st2-st2web"}}]}]}),
		cr("projectcontour.io/v1", "HTTPProxy", "web", {"routes": [{"requestHeadersPolicy": {"set": [{"name": "X-Auth-Token", "value": "t1"}]}, "services": [{"name": "st2-st2web", "port": 80}]}]}),
		cr("getambassador.io/v3alpha1", "Mapping", "web", {"prefix": "/", "service": "st2-st2web", "add_request_headers": {"St2-Api-Key": "k1"}}),
		object.union(cr("configuration.konghq.com/v1", "KongPlugin", "key", {}), {"plugin": "request-transformer", "config": {"add": {"headers": ["St2-Api-Key:k1"]}}}),
	] {
		prod([r]) == {"ST2-EXP-011"}
	}
	harmless := cr("traefik.io/v1alpha1", "Middleware", "h", {"headers": {"customRequestHeaders": {"X-Auth-Token": "", "X-Forwarded-Proto": "https"}}})
	prod([harmless]) == set()
}

# --- ST2-OPS-004: plain HTTP beside TLS ------------------------------------------------------------

annotated_ingress(a) := json.patch(fx.ingress("st2-st2web"), [{"op": "add", "path": "/metadata/annotations", "value": a}])

test_ssl_redirect_off if {
	every v in ["false", "0", "False", "f"] {
		prod([annotated_ingress({"nginx.ingress.kubernetes.io/ssl-redirect": v})]) == {"ST2-OPS-004"}
	}
}

test_ssl_redirect_on if {
	prod([annotated_ingress({"nginx.ingress.kubernetes.io/ssl-redirect": "true"})]) == set()
	prod([annotated_ingress({"nginx.ingress.kubernetes.io/force-ssl-redirect": "false"})]) == set()
	at([annotated_ingress({"nginx.ingress.kubernetes.io/ssl-redirect": "false"})], "dev") == {["ST2-OPS-004", "warn"]}
}

test_ssl_redirect_off_controller_wide if {
	# The controller's ConfigMap, unless the Ingress turns the redirect back on.
	cm := fx.config_map("ingress-nginx-controller", {"ssl-redirect": "false"})
	prod([cm]) == {"ST2-OPS-004"}
	on := fx.replace(fx.baseline, "Ingress", "st2-st2web", annotated_ingress({"nginx.ingress.kubernetes.io/ssl-redirect": "true"}))
	rules_of(fx.eval("production", array.concat(on, [cm]))) == set()
}

route(tls) := cr("route.openshift.io/v1", "Route", "st2", object.union({"to": {"kind": "Service", "name": "st2-st2web"}}, tls))

test_routes_serving_plain_http if {
	prod([route({})]) == {"ST2-OPS-004"}
	prod([route({"tls": {"termination": "edge", "insecureEdgeTerminationPolicy": "Allow"}})]) == {"ST2-OPS-004"}
	prod([route({"tls": {"termination": "edge", "insecureEdgeTerminationPolicy": "Redirect"}})]) == set()
	proxy := cr("projectcontour.io/v1", "HTTPProxy", "st2", {"virtualhost": {"fqdn": "st2.example.test", "tls": {"secretName": "t"}}, "routes": [{"permitInsecure": true, "services": [{"name": "st2-st2web", "port": 80}]}]})
	prod([proxy]) == {"ST2-OPS-004"}
}

# --- ST2-EXP-007: an internal annotation counts on its own cloud only ---------------------------------

web_lb(annotations, spec) := json.patch(fx.service("st2web-lb", "LoadBalancer", {"app": "st2web"}), [
	{"op": "add", "path": "/metadata/annotations", "value": annotations},
	{"op": "add", "path": "/spec", "value": object.union({"type": "LoadBalancer", "selector": {"app": "st2web"}, "ports": [{"port": 443}]}, spec)},
])

test_internal_annotation_of_another_cloud if {
	# Each cloud's own internal annotation, beside another annotation of the same cloud: internal.
	every a in [
		{"service.beta.kubernetes.io/aws-load-balancer-type": "nlb", "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal"},
		{"service.beta.kubernetes.io/azure-load-balancer-internal": "true", "service.beta.kubernetes.io/azure-load-balancer-internal-subnet": "s"},
		{"networking.gke.io/load-balancer-type": "Internal", "networking.gke.io/internal-load-balancer-allow-global-access": "true"},
		{"load-balancer.hetzner.cloud/disable-public-network": "true", "load-balancer.hetzner.cloud/location": "fsn1"},
	] {
		prod([web_lb(a, {})]) == set()
	}

	# Another cloud's internal annotation on a Service of this cloud: open.
	every a in [
		{"service.beta.kubernetes.io/aws-load-balancer-type": "nlb", "service.beta.kubernetes.io/azure-load-balancer-internal": "true"},
		{"service.beta.kubernetes.io/azure-load-balancer-resource-group": "rg", "service.beta.kubernetes.io/aws-load-balancer-internal": "true"},
		{"load-balancer.hetzner.cloud/location": "fsn1", "networking.gke.io/load-balancer-type": "Internal"},
	] {
		prod([web_lb(a, {})]) == {"ST2-EXP-007"}
	}

	# The loadBalancerClass says which controller serves it.
	prod([web_lb({"networking.gke.io/load-balancer-type": "Internal"}, {"loadBalancerClass": "service.k8s.aws/nlb"})]) == {"ST2-EXP-007"}
	prod([web_lb({"service.beta.kubernetes.io/aws-load-balancer-scheme": "internal"}, {"loadBalancerClass": "service.k8s.aws/nlb"})]) == set()
	prod([web_lb({"service.beta.kubernetes.io/aws-load-balancer-internal": "true"}, {"loadBalancerClass": "io.cilium/bgp-control-plane"})]) == {"ST2-EXP-007"}
}

test_proxy_set_headers_map if {
	headers := fx.config_map("st2-headers", {"X-Forwarded-Proto": "https", "St2-Api-Key": "k1"})
	harmless := fx.config_map("st2-headers", {"X-Forwarded-Proto": "https"})
	prod([headers, annotated_ingress({"nginx.ingress.kubernetes.io/proxy-set-headers": "st2/st2-headers"})]) == {"ST2-EXP-011"}
	prod([harmless, annotated_ingress({"nginx.ingress.kubernetes.io/proxy-set-headers": "st2/st2-headers"})]) == set()
	prod([headers, fx.config_map("ingress-nginx-controller", {"proxy-set-headers": "st2/st2-headers"})]) == {"ST2-EXP-011"}
}

istio_gw(servers) := {"apiVersion": "networking.istio.io/v1", "kind": "Gateway", "metadata": {"name": "public", "namespace": fx.ns}, "spec": {"servers": servers}}

istio_vs := cr("networking.istio.io/v1", "VirtualService", "web", {"gateways": ["public"], "http": [{"route": [{"destination": {"host": "st2-st2web"}}]}]})

test_istio_gateway_plain_http if {
	https := {"port": {"number": 443, "name": "https", "protocol": "HTTPS"}, "hosts": ["*"], "tls": {"mode": "SIMPLE", "credentialName": "t"}}
	plain := {"port": {"number": 80, "name": "http", "protocol": "HTTP"}, "hosts": ["*"]}
	redirect := object.union(plain, {"tls": {"httpsRedirect": true}})
	prod([istio_gw([https, plain]), istio_vs]) == {"ST2-OPS-004"}
	prod([istio_gw([https, redirect]), istio_vs]) == set()
	prod([istio_gw([https]), istio_vs]) == set()
}

test_auth_response_headers if {
	prod([annotated_ingress({"nginx.ingress.kubernetes.io/auth-url": "http://authz.st2.svc/check", "nginx.ingress.kubernetes.io/auth-response-headers": "X-User, St2-Api-Key"})]) == {"ST2-EXP-011"}
	prod([annotated_ingress({"nginx.ingress.kubernetes.io/auth-url": "http://authz.st2.svc/check", "nginx.ingress.kubernetes.io/auth-response-headers": "X-User, Authorization"})]) == set()
	prod([cr("traefik.io/v1alpha1", "Middleware", "fa", {"forwardAuth": {"address": "http://authz.st2.svc/check", "authResponseHeaders": ["X-Auth-Token"]}})]) == {"ST2-EXP-011"}
}
