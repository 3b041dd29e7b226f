# ST2-OPS-033: admission policies the gate cannot evaluate that decide
# whether st2's pods (or other objects of the render) may be created.
#
# A ValidatingAdmissionPolicy's CEL, a Kyverno validate pattern or CEL policy,
# a Gatekeeper constraint's Rego and a sigstore signature check all run in the
# cluster, on objects the gate never sees as the API server does (defaults,
# mutations, signatures in a registry). One that refuses what st2 needs
# refuses every new st2 pod: the next restart, drain or rollout loses it for
# good (the eighth red team's vap-deny-unlabelled-pods and
# sigstore-policy-blocks-unsigned). So such a policy reaching a staging or
# production namespace is denied unless the bundle's owner, who checked it
# against st2's pods and images, lists it in data.settings.admission.policies:
# "<Kind>/<name>" (a namespaced Kyverno Policy: "Policy/<namespace>/<name>"; a
# ValidatingAdmissionPolicyBinding by its policy's or its own name), or
# "policy.sigstore.dev/include" for opting a namespace into sigstore's
# policy-controller (its no-match policy refuses any image no
# ClusterImagePolicy admits). Only enforcing ones count: Deny among a
# binding's validationActions (the only action when absent: fail closed),
# Kyverno's Enforce (policy- or rule-level, validationFailureActionOverrides
# too), Gatekeeper's deny (the default; scoped with deny), a
# ClusterImagePolicy not in warn mode. Audit, Warn and dryrun pass.
# Where each acts is read as lib_reach.rego reads it (only
# kubernetes.io/metadata.name is believed; a Kyverno exclude naming kinds takes
# nothing out); what each covers: pods, everything, or a kind the render holds.
package st2.operations

import data.st2.lib

listed_admission_policies := {s | some s in data.settings.admission.policies; is_string(s)}

admission_listed(entry) if listed_admission_policies[entry]

# Lower-case plurals of the render's kinds (a resourceRule names resources, not kinds).
render_plurals := {plural_of(lower(k)) | some k, _ in lib.resources_by_kind}

render_kinds := {k | some k, _ in lib.resources_by_kind}

plural_of(k) := concat("", [k, "es"]) if {
	some suffix in ["s", "x", "ch", "sh"]
	endswith(k, suffix)
} else := concat("", [trim_suffix(k, "y"), "ies"]) if {
	endswith(k, "y")
} else := concat("", [k, "s"])

covered_resource(res) if res in {"*", "*/*", "pods"}

covered_resource(res) if render_plurals[res]

# A kind in a Kyverno or Gatekeeper match: Pod, everything, or one the render holds
# (Kyverno's autogen turns a Pod rule into rules on the workloads too).
covered_kind(k) if {
	parts := split(k, "/")
	last := parts[count(parts) - 1]
	covered_kind_name(last)
}

covered_kind_name(k) if k in {"*", "Pod"}

covered_kind_name(k) if render_kinds[k]

constraints_cover(mc) if {
	some rule in object.get(mc, "resourceRules", [])
	some res in object.get(rule, "resources", [])
	covered_resource(res)
	some op in object.get(rule, "operations", ["*"])
	op in {"CREATE", "UPDATE", "*"}
}

# The strictest of the namespaces reached decides: deny when it is staging or production.
reach_severity(reach) := "deny" if {
	some ns in reach
	lib.rank_of(lib.namespace_profiles[ns]) >= 1
} else := lib.severity_strict

admission_finding(i, path, reach, policy, how) := lib.finding("ST2-OPS-033", reach_severity(reach), i, path, {"policy": policy, "how": how}) if {
	count(reach) > 0
}

# --- ValidatingAdmissionPolicy (and Kyverno's CEL policies) ---------------------------

vap_index := {lib.name(r): i | some i, r in lib.resources_of_kind("ValidatingAdmissionPolicy"); not lib.dropped_copies[i]}

denies(actions) if "Deny" in actions

# A binding's policy: the render's (its coverage and reach), else one in the
# cluster the gate cannot see (everything).
binding_policy_reach(pname) := lib.object_reach[j] if {
	j := vap_index[pname]
	constraints_cover(object.get(input.resources[j], ["spec", "matchConstraints"], {}))
} else := set() if {
	vap_index[pname]
} else := lib.known_namespaces

findings contains f if {
	some i, b in lib.resources_of_kind("ValidatingAdmissionPolicyBinding")
	denies(object.get(b, ["spec", "validationActions"], ["Deny"]))
	pname := object.get(b, ["spec", "policyName"], "")
	not admission_listed(concat("/", ["ValidatingAdmissionPolicy", pname]))
	not admission_listed(concat("/", ["ValidatingAdmissionPolicyBinding", lib.name(b)]))
	reach := lib.object_reach[i] & binding_policy_reach(pname)
	f := admission_finding(i, ["spec", "validationActions"], reach, pname, "ValidatingAdmissionPolicy bound with Deny")
}

findings contains f if {
	some kind in {"ValidatingPolicy", "ImageValidatingPolicy"}
	some i, r in lib.resources_of_kind(kind)
	contains(object.get(r, "apiVersion", ""), "kyverno.io/")
	denies(object.get(r, ["spec", "validationActions"], ["Deny"]))
	constraints_cover(object.get(r, ["spec", "matchConstraints"], {}))
	not admission_listed(concat("/", [kind, lib.name(r)]))
	f := admission_finding(i, ["spec"], lib.object_reach[i], lib.name(r), concat(" ", ["Kyverno", kind, "with Deny"]))
}

# --- Kyverno validate and verifyImages in Enforce ------------------------------------------

enforce(v) if lower(v) == "enforce"

kyverno_enforces(_, rule) if enforce(rule.validate.failureAction)

kyverno_enforces(r, rule) if {
	is_object(rule.validate)
	not rule.validate.failureAction
	enforce(object.get(r, ["spec", "validationFailureAction"], "Audit"))
}

kyverno_enforces(_, rule) if {
	some v in rule.verifyImages
	enforce(v.failureAction)
}

kyverno_enforces(r, rule) if {
	some v in rule.verifyImages
	not v.failureAction
	enforce(object.get(r, ["spec", "validationFailureAction"], "Audit"))
}

kyverno_enforces(r, rule) if {
	some kind in ["validate", "verifyImages"]
	rule[kind]
	some o in object.get(r, ["spec", "validationFailureActionOverrides"], [])
	enforce(object.get(o, "action", ""))
}

kyverno_kinds(rule) := {k |
	m := object.get(rule, "match", {})
	some f in array.concat(array.concat(object.get(m, "any", []), object.get(m, "all", [])), [m])
	some k in object.get(f, ["resources", "kinds"], [])
}

kyverno_rule_covers(rule) if {
	some k in kyverno_kinds(rule)
	covered_kind(k)
}

kyverno_policy_reach(r, rule) := lib.kyverno_rule_reach(rule) if {
	r.kind == "ClusterPolicy"
} else := {lib.namespace(r)}

kyverno_entry(r) := concat("/", ["ClusterPolicy", lib.name(r)]) if {
	r.kind == "ClusterPolicy"
} else := concat("/", ["Policy", lib.namespace(r), lib.name(r)])

findings contains f if {
	some kind in {"ClusterPolicy", "Policy"}
	some i, r in lib.resources_of_kind(kind)
	contains(object.get(r, "apiVersion", ""), "kyverno.io/")
	not admission_listed(kyverno_entry(r))
	some k, rule in object.get(r, ["spec", "rules"], [])
	kyverno_enforces(r, rule)
	kyverno_rule_covers(rule)
	f := admission_finding(i, ["spec", "rules", k], kyverno_policy_reach(r, rule), lib.name(r), "Kyverno rule in Enforce")
}

# --- Gatekeeper constraints -------------------------------------------------------------------

gatekeeper_denies(spec) if object.get(spec, "enforcementAction", "deny") == "deny"

gatekeeper_denies(spec) if {
	spec.enforcementAction == "scoped"
	some s in object.get(spec, "scopedEnforcementActions", [])
	s.action == "deny"
}

gatekeeper_covers(m) if not is_array(m.kinds)

gatekeeper_covers(m) if {
	some k in m.kinds
	some kind in object.get(k, "kinds", [])
	covered_kind_name(kind)
}

findings contains f if {
	some i, r in input.resources
	startswith(object.get(r, "apiVersion", ""), "constraints.gatekeeper.sh/")
	spec := object.get(r, "spec", {})
	gatekeeper_denies(spec)
	m := object.get(spec, "match", {})
	gatekeeper_covers(m)
	not admission_listed(concat("/", [r.kind, lib.name(r)]))
	reach := (lib.gatekeeper_names(m) & lib.kyverno_selector_part(m)) - lib.names_reach(object.get(m, "excludedNamespaces", []))
	f := admission_finding(i, ["spec"], reach, lib.name(r), "Gatekeeper constraint with deny")
}

# --- sigstore policy-controller -----------------------------------------------------------------

sigstore_include := "policy.sigstore.dev/include"

findings contains f if {
	some i, r in lib.resources_of_kind("Namespace")
	lower(object.get(lib.labels(r), sigstore_include, "")) == "true"
	not admission_listed(sigstore_include)
	f := admission_finding(i, ["metadata", "labels", sigstore_include], lib.object_reach[i], sigstore_include, "namespace opted into sigstore policy-controller")
}

# A ClusterImagePolicy acts in whatever namespace is opted in, which the
# cluster may have done without this render: every known namespace.
cip_covers_st2(r) if {
	some img in object.get(r, ["spec", "images"], [])
	g := object.get(img, "glob", "")
	some marker in ["**", "*/*", "docker.io", "stackstorm", "mongo", "rabbitmq", "etcd"]
	contains(g, marker)
}

cip_covers_st2(r) if {
	some img in object.get(r, ["spec", "images"], [])
	object.get(img, "glob", "") in {"*", ""}
}

findings contains f if {
	some i, r in lib.resources_of_kind("ClusterImagePolicy")
	startswith(object.get(r, "apiVersion", ""), "policy.sigstore.dev/")
	object.get(r, ["spec", "mode"], "enforce") != "warn"
	cip_covers_st2(r)
	not admission_listed(concat("/", ["ClusterImagePolicy", lib.name(r)]))
	f := admission_finding(i, ["spec", "images"], lib.known_namespaces, lib.name(r), "sigstore ClusterImagePolicy")
}
