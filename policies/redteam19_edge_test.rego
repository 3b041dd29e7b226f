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
