# ST2-OPS-034: a NetworkPolicy that cuts a flow StackStorm needs (DNS, st2 to
# its stores, store members to each other, st2web to the APIs, the ingress
# controller to what an Ingress routes to); the flows and the
# networking.k8s.io/v1 semantics are evaluated in src/policy/network-facts.ts.
# ST2-OPS-035: a CNI's own policy kind over st2's pods (Cilium, Calico, Antrea,
# AdminNetworkPolicy), whose selectors and rules the gate does not evaluate
# fully: one that restricts egress without allowing DNS (port 53) is denied in
# staging and production; any other is denied in production (a warning in
# staging) unless the bundle's owner, who checked it against st2's flows,
# lists it in data.settings.admission.network_policies
# ("<Kind>/<namespace>/<name>", or "<Kind>/<name>" for a cluster-wide one).
package st2.operations

import data.st2.lib

rules["ST2-OPS-034"] := {
	"title": "NetworkPolicy cutting a flow StackStorm needs",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"Once a NetworkPolicy selects a pod for Ingress or Egress, only what some policy allows",
		"reaches it or leaves it. st2 needs DNS (UDP 53 to kube-dns in kube-system), every st2",
		"service needs MongoDB, RabbitMQ and its coordination store, store members need each",
		"other, st2web needs st2api, st2auth and st2stream, and the ingress controller needs",
		"st2web. Pair a default deny with policies allowing those flows (namespaceSelector",
		"kubernetes.io/metadata.name: kube-system plus podSelector k8s-app: kube-dns on port 53;",
		"podSelector release: st2 to the stores' ports).",
	]),
}

rules["ST2-OPS-035"] := {
	"title": "CNI network policy over st2's pods the gate cannot evaluate",
	"default_severity": "deny",
	"profiles": "no DNS allowed: deny in staging and production, warn in dev; otherwise deny in production, warn in staging, unless listed",
	"remediation": concat(" ", [
		"A CiliumNetworkPolicy, Calico or Antrea policy or AdminNetworkPolicy restricting st2's",
		"pods decides which of st2's flows survive by rules the gate does not evaluate; one",
		"restricting egress without a rule allowing port 53 to kube-dns drops every name lookup",
		"(and Cilium's toFQDNs never learns an address). Allow DNS explicitly, prefer Kubernetes",
		"NetworkPolicies (judged by ST2-OPS-034), or have the bundle's owner list the checked",
		"policy in policies/settings/data.json admission.network_policies.",
	]),
}

network_cuts := l if {
	l := input.facts.network_cuts
	is_array(l)
} else := []

cni_policies := l if {
	l := input.facts.cni_policies
	is_array(l)
} else := []

namespace_severity(ns) := "deny" if {
	lib.rank_of(lib.namespace_profiles[ns]) >= 1
} else := lib.severity_strict

findings contains f if {
	some c in network_cuts
	f := lib.finding("ST2-OPS-034", namespace_severity(c.namespace), c.resource, c.path, {
		"from": c.from, "to": c.to, "port": c.port, "protocol": c.protocol, "direction": c.direction,
	})
}

cni_entry(r) := concat("/", [r.kind, lib.name(r)]) if {
	not r.metadata.namespace
} else := concat("/", [r.kind, lib.namespace(r), lib.name(r)])

listed_network_policies := {s | some s in data.settings.admission.network_policies; is_string(s)}

findings contains f if {
	some c in cni_policies
	c.egress
	not c.dns
	f := lib.finding("ST2-OPS-035", namespace_severity(c.namespace), c.resource, c.path, {"pods": c.selects, "why": "restricts egress without allowing DNS (port 53)"})
}

cni_capacity_severity(ns) := "deny" if {
	lib.namespace_profiles[ns] == "production"
} else := "warn" if {
	lib.namespace_profiles[ns] == "staging"
}

findings contains f if {
	some c in cni_policies
	not cni_no_dns(c)
	r := input.resources[c.resource]
	not listed_network_policies[cni_entry(r)]
	severity := cni_capacity_severity(c.namespace)
	f := lib.finding("ST2-OPS-035", severity, c.resource, c.path, {"pods": c.selects, "why": "not listed in admission.network_policies"})
}

cni_no_dns(c) if {
	c.egress
	not c.dns
}
