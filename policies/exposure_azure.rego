# ST2-EXP-007 on Azure: cloud-provider-azure writes the LoadBalancer's network
# security group from spec.loadBalancerSourceRanges (or the
# load-balancer-source-ranges annotation) and its own annotations,
# azure-allowed-ip-ranges and azure-allowed-service-tags, as a union
# (pkg/provider/loadbalancer/accesscontrol.go). src/policy/azure-sources.ts
# adds them to input.facts.lb_sources, so a Service restricted by its ranges
# and opened by a tag (Internet) or by wider Azure ranges is too wide there.
# Here: Azure's annotations alone restrict a Service only Azure serves, when
# every range is narrow and every tag is the VNet's or the health probe's.
package st2.exposure

azure_private_tags := {"virtualnetwork", "azureloadbalancer"}

restricted_lb(svc) if {
	count(object.get(svc, ["spec", "loadBalancerSourceRanges"], [])) == 0
	not is_string(object.get(svc, ["metadata", "annotations", "service.beta.kubernetes.io/load-balancer-source-ranges"], null))
	lb_clouds(svc) == {"azure"}
	ranges := azure_items(svc, "service.beta.kubernetes.io/azure-allowed-ip-ranges")
	tags := azure_items(svc, "service.beta.kubernetes.io/azure-allowed-service-tags")
	count(ranges) + count(tags) > 0
	every r in ranges {
		not open_range(r)
	}
	every t in tags {
		azure_private_tags[lower(t)]
	}
}

azure_items(svc, key) := [t |
	text := object.get(svc, ["metadata", "annotations", key], "")
	is_string(text)
	some part in split(text, ",")
	t := trim_space(part)
	t != ""
]
