# The route kinds: one list for the rules that read a route's objects and
# for the rules that judge who may write them.
#   - The exposure rules read each kind's backends by its shape ("reads":
#     route_readers[shape], exposure.rego, exposure_routes.rego,
#     exposure_edge.rego). Objects are matched by kind alone, so Istio's and
#     Gloo's VirtualService are read by both shapes.
#   - ST2-OPS-006 judges an account that may create, update or patch the
#     group's resource (route_rights, operations_rbac_controllers.rego): the
#     controller publishes whatever the route names. Rows without a kind are
#     rights only: a kind no shape reads (a Gateway, an EnvoyFilter) or a
#     subresource (OpenShift's routes/custom-host).
# in_edit: the built-in edit and admin roles already hold it (Ingresses,
# and OpenShift's edit holds routes).

package st2.lib

route_kinds := [
	{"group": "networking.k8s.io", "resource": "ingresses", "kind": "Ingress", "reads": set(), "in_edit": true},
	{"group": "gateway.networking.k8s.io", "resource": "gateways", "kind": "", "reads": set(), "in_edit": true},
	{"group": "gateway.networking.k8s.io", "resource": "httproutes", "kind": "HTTPRoute", "reads": {"gateway", "gateway_mirror"}, "in_edit": true},
	{"group": "gateway.networking.k8s.io", "resource": "grpcroutes", "kind": "GRPCRoute", "reads": {"gateway", "gateway_mirror"}, "in_edit": true},
	{"group": "gateway.networking.k8s.io", "resource": "tlsroutes", "kind": "TLSRoute", "reads": {"gateway"}, "in_edit": true},
	{"group": "gateway.networking.k8s.io", "resource": "tcproutes", "kind": "TCPRoute", "reads": {"gateway"}, "in_edit": true},
	{"group": "gateway.networking.k8s.io", "resource": "udproutes", "kind": "UDPRoute", "reads": {"gateway"}, "in_edit": true},
	{"group": "route.openshift.io", "resource": "routes", "kind": "Route", "reads": {"openshift"}, "in_edit": true},
	{"group": "route.openshift.io", "resource": "routes/custom-host", "kind": "", "reads": set(), "in_edit": true},
	{"group": "networking.istio.io", "resource": "virtualservices", "kind": "VirtualService", "reads": {"istio"}, "in_edit": false},
	{"group": "networking.istio.io", "resource": "gateways", "kind": "", "reads": set(), "in_edit": false},
	{"group": "networking.istio.io", "resource": "envoyfilters", "kind": "", "reads": set(), "in_edit": false},
	{"group": "gateway.solo.io", "resource": "virtualservices", "kind": "VirtualService", "reads": {"gloo"}, "in_edit": false},
	{"group": "gateway.solo.io", "resource": "routetables", "kind": "RouteTable", "reads": {"gloo"}, "in_edit": false},
	{"group": "gloo.solo.io", "resource": "upstreams", "kind": "Upstream", "reads": {"gloo_upstream"}, "in_edit": false},
	{"group": "traefik.io", "resource": "ingressroutes", "kind": "IngressRoute", "reads": {"route_services"}, "in_edit": false},
	{"group": "traefik.io", "resource": "ingressroutetcps", "kind": "IngressRouteTCP", "reads": {"route_services"}, "in_edit": false},
	{"group": "traefik.io", "resource": "ingressrouteudps", "kind": "IngressRouteUDP", "reads": {"route_services"}, "in_edit": false},
	{"group": "traefik.io", "resource": "traefikservices", "kind": "TraefikService", "reads": {"traefik_service"}, "in_edit": false},
	{"group": "traefik.containo.us", "resource": "ingressroutes", "kind": "IngressRoute", "reads": {"route_services"}, "in_edit": false},
	{"group": "traefik.containo.us", "resource": "ingressroutetcps", "kind": "IngressRouteTCP", "reads": {"route_services"}, "in_edit": false},
	{"group": "traefik.containo.us", "resource": "ingressrouteudps", "kind": "IngressRouteUDP", "reads": {"route_services"}, "in_edit": false},
	{"group": "traefik.containo.us", "resource": "traefikservices", "kind": "TraefikService", "reads": {"traefik_service"}, "in_edit": false},
	{"group": "projectcontour.io", "resource": "httpproxies", "kind": "HTTPProxy", "reads": {"route_services"}, "in_edit": false},
	{"group": "getambassador.io", "resource": "mappings", "kind": "Mapping", "reads": {"emissary"}, "in_edit": false},
	{"group": "getambassador.io", "resource": "tcpmappings", "kind": "TCPMapping", "reads": {"emissary"}, "in_edit": false},
	{"group": "configuration.konghq.com", "resource": "tcpingresses", "kind": "TCPIngress", "reads": {"kong_l4"}, "in_edit": false},
	{"group": "configuration.konghq.com", "resource": "udpingresses", "kind": "UDPIngress", "reads": {"kong_l4"}, "in_edit": false},
	{"group": "configuration.konghq.com", "resource": "kongingresses", "kind": "", "reads": set(), "in_edit": false},
	{"group": "k8s.nginx.org", "resource": "transportservers", "kind": "TransportServer", "reads": {"nginx"}, "in_edit": false},
	{"group": "k8s.nginx.org", "resource": "virtualservers", "kind": "VirtualServer", "reads": {"nginx"}, "in_edit": false},
	{"group": "k8s.nginx.org", "resource": "virtualserverroutes", "kind": "VirtualServerRoute", "reads": {"nginx"}, "in_edit": false},
	{"group": "apisix.apache.org", "resource": "apisixroutes", "kind": "ApisixRoute", "reads": {"apisix"}, "in_edit": false},
	{"group": "ingress.v1.haproxy.org", "resource": "tcps", "kind": "TCP", "reads": {"haproxy_tcp"}, "in_edit": false},
	{"group": "zalando.org", "resource": "routegroups", "kind": "RouteGroup", "reads": {"skipper"}, "in_edit": false},
	{"group": "elbv2.k8s.aws", "resource": "targetgroupbindings", "kind": "TargetGroupBinding", "reads": {"aws_target_group"}, "in_edit": false},
]

# shape -> the kinds read by it.
route_readers[shape] contains row.kind if {
	some row in route_kinds
	some shape in row.reads
}
