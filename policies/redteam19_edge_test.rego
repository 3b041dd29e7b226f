# The nineteenth attacker's exposure-at-the-edge holes (test/policy/redteam/
# fresh19-edge.ts): Azure's allowed service tags and IP ranges widening a
# LoadBalancer's sources (ST2-EXP-007), and an edge sending st2's requests
# out: a redirect of st2web to an outside host, a snippet proxying to one,
# a Traefik ForwardAuth over plain http to one (ST2-EXP-013).
package st2_test.redteam19_edge

import data.st2_test.fixtures as fx

rules_of(fs) := {f.rule | some f in fs}

add_one(new) := fx.plus(fx.baseline, new)

# --- ST2-EXP-007: Azure ---------------------------------------------------------------------------

lb(spec, annotations) := {
	"apiVersion": "v1", "kind": "Service",
	"metadata": {"name": "st2web-lb", "namespace": fx.ns, "annotations": annotations},
	"spec": object.union({"type": "LoadBalancer", "selector": {"app": "st2web"}, "ports": [{"port": 443}]}, spec),
}

fact(v4, tag) := {"ipv4_bits": v4, "ipv6_bits": -1, "unreadable": false, "public_tag": tag}

lb_eval(svc, f) := fx.eval_facts("production", add_one(svc), {"secret_values": [], "lb_sources": {format_int(count(fx.baseline), 10): f}})

tags := "service.beta.kubernetes.io/azure-allowed-service-tags"

ranges := "service.beta.kubernetes.io/azure-allowed-ip-ranges"

test_azure_tag_beside_narrow_ranges_denies if {
	fs := lb_eval(lb({"loadBalancerSourceRanges": ["10.0.0.0/8"]}, {tags: "Internet"}), fact(-1, true))
	rules_of(fs) == {"ST2-EXP-007"}
	{f.path | some f in fs} == {["metadata", "annotations", tags]}
	rules_of(lb_eval(lb({"loadBalancerSourceRanges": ["10.0.0.0/8"]}, {tags: "VirtualNetwork"}), fact(-1, false))) == set()
}

test_azure_annotations_alone_restrict if {
	every case in [
		[{ranges: "10.0.0.0/8"}, fact(-1, false), set()],
		[{tags: "VirtualNetwork, AzureLoadBalancer"}, fact(-1, false), set()],
		[{ranges: "0.0.0.0/0"}, fact(31.8, false), {"ST2-EXP-007"}],
		[{ranges: "10.0.0.0/8", tags: "Internet"}, fact(-1, true), {"ST2-EXP-007"}],
		[{tags: "AzureFrontDoor.Backend"}, fact(-1, true), {"ST2-EXP-007"}],
		[{ranges: ""}, fact(-1, false), {"ST2-EXP-007"}],
		# Another cloud's controller ignores Azure's annotations.
		[{ranges: "10.0.0.0/8", "service.beta.kubernetes.io/aws-load-balancer-type": "nlb"}, fact(-1, false), {"ST2-EXP-007"}],
	] {
		rules_of(lb_eval(lb({}, case[0]), case[1])) == case[2]
	}
}

test_azure_ranges_widen_the_annotation if {
	fs := lb_eval(lb({}, {"service.beta.kubernetes.io/load-balancer-source-ranges": "10.0.0.0/8", ranges: "0.0.0.0/0"}), fact(31.8, false))
	{f.path | some f in fs} == {["metadata", "annotations", "service.beta.kubernetes.io/load-balancer-source-ranges"]}
	fs2 := lb_eval(lb({}, {ranges: "1.0.0.0/8,2.0.0.0/8"}), fact(25, false))
	{f.path | some f in fs2} == {["metadata", "annotations", ranges]}
	fs3 := lb_eval(lb({}, {ranges: "0.0.0.0/1,128.0.0.0/1"}), fact(31.8, false))
	{f.path | some f in fs3} == {["spec", "type"]}
}

# --- ST2-EXP-013: redirects, snippets, Traefik ForwardAuth ----------------------------------------

prod(resources) := rules_of(fx.eval("production", resources))

edge(annotations) := object.union(fx.ingress("st2-st2web"), {"metadata": {"name": "st2-edge", "namespace": fx.ns, "annotations": annotations}})

nginx(k) := concat("", ["nginx.ingress.kubernetes.io/", k])

test_redirect_outside_denies if {
	every case in [
		[{nginx("permanent-redirect"): "https://st2-login.example.net/"}, {"ST2-EXP-013"}],
		[{nginx("temporal-redirect"): "http://203.0.113.9/login"}, {"ST2-EXP-013"}],
		[{nginx("permanent-redirect"): "https://st2.example.test/new"}, set()],
		[{nginx("permanent-redirect"): "https://$host/new"}, set()],
		[{nginx("permanent-redirect"): "http://st2-st2web.st2.svc.cluster.local/"}, set()],
		[{nginx("permanent-redirect"): "/relative"}, set()],
	] {
		prod(add_one(edge(case[0]))) == case[1]
	}

	# A host under the environment's domains is st2's.
	moved := edge({nginx("permanent-redirect"): "https://st2-new.example.test/"})
	prod(add_one(moved)) == {"ST2-EXP-013"}
	prod(add_one(moved)) == set() with data.settings.exposure.host_suffixes as ["example.test"]
}

test_snippet_proxy_outside_denies if {
	every case in [
		[{nginx("configuration-snippet"): "mirror /m;", nginx("server-snippet"): "location = /m { internal; proxy_pass https://collector.example.net$request_uri; }"}, {"ST2-EXP-013"}],
		[{nginx("server-snippet"): "location /x {\n  proxy_pass http://198.51.100.4:8080;\n}"}, {"ST2-EXP-013"}],
		[{nginx("server-snippet"): "location /x { proxy_pass http://st2-st2web.st2.svc:80; }"}, set()],
		[{nginx("server-snippet"): "location /x { proxy_pass http://$upstream; }"}, set()],
		[{nginx("server-snippet"): "add_header X-Frame-Options DENY;"}, set()],
	] {
		prod(add_one(edge(case[0]))) == case[1]
	}
}

middleware(name, address) := {
	"apiVersion": "traefik.io/v1alpha1", "kind": "Middleware",
	"metadata": {"name": name, "namespace": fx.ns},
	"spec": {"forwardAuth": {"address": address, "trustForwardHeader": true}},
}

test_traefik_forward_auth_like_auth_url if {
	ref := {"traefik.ingress.kubernetes.io/router.middlewares": concat("", [fx.ns, "-auth@kubernetescrd"])}
	every case in [
		["http://auth.example.net/check", ref, {"ST2-EXP-013"}],
		["http://203.0.113.7/auth", ref, {"ST2-EXP-013"}],
		# https to an outside identity provider is trusted, as an https auth-url is.
		["https://auth.example.net/check", ref, set()],
		["http://oauth2-proxy.st2.svc:4180/oauth2/auth", ref, set()],
		# Not on an st2 route.
		["http://auth.example.net/check", {}, set()],
	] {
		prod(fx.plus(add_one(edge(case[1])), middleware("auth", case[0]))) == case[2]
	}
}
