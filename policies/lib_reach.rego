# Where a cluster-scoped object acts. A ClusterRoleBinding, an aggregated
# ClusterRole, an admission webhook, a Kyverno ClusterPolicy or a Gatekeeper
# mutation in a dev render acts on st2-prod as much as on st2-dev, and the
# render's own profile says nothing about that. Such an object is judged by
# the strictest environment among the namespaces it can reach: the policy's
# namespace map (data.settings.environments.namespaces) is the list of
# namespaces that matter, and each selector is read against it.
#
# A namespace's labels, as far as the gate can know them, are only
# kubernetes.io/metadata.name (the API server sets it to the name on every
# namespace). A selector reading any other label may match a namespace whose
# labels the gate never sees: it reaches every namespace. So does an empty or
# absent selector (admissionregistration/v1: an empty namespaceSelector
# matches all; Kyverno: a filter without namespaces or namespaceSelector).
# Only the kinds below are read (indexed by kind): the rest of the render
# costs nothing here.
package st2.lib

name_label := "kubernetes.io/metadata.name"

# The namespaces that matter: the map's and the one the render lands in.
known_namespaces := {ns | some ns, _ in namespace_profiles} | {ns |
	ns := input.namespace
	is_string(ns)
	ns != ""
}

selector_keys(sel) := {k | some k, _ in object.get(sel, "matchLabels", {})} | {e.key | some e in object.get(sel, "matchExpressions", [])}

# The known namespaces a namespace LabelSelector can match.
selector_reach(sel) := known_namespaces if {
	not is_object(sel)
} else := known_namespaces if {
	some k in selector_keys(sel)
	k != name_label
} else := {ns | some ns in known_namespaces; label_selector_matches(sel, {name_label: ns})}

# The known namespaces a list of names matches: Kyverno's wildcards (* and ?)
# and Gatekeeper's prefix or suffix globs, read as an anchored RE2 pattern
# (glob.match would add its own compiler to the wasm). A namespace name is
# [a-z0-9-]: any other character a pattern holds can only widen it (the
# strict side).
names_reach(patterns) := {ns |
	some p in patterns
	is_string(p)
	some ns in names_matching(p)
}

names_matching(p) := {p} & known_namespaces if {
	not contains(p, "*")
	not contains(p, "?")
} else := {ns |
	pattern := concat("", ["^", replace(replace(p, "*", ".*"), "?", "."), "$"])
	some ns in known_namespaces
	regex.match(pattern, ns)
}

# --- Kyverno: match / exclude ------------------------------------------------

# One resource filter: its namespaces AND its namespaceSelector.
kyverno_filter_reach(f) := names_part & selector_part if {
	res := object.get(f, "resources", {})
	names_part := kyverno_names_part(res)
	selector_part := kyverno_selector_part(res)
}

kyverno_names_part(res) := names_reach(res.namespaces) if {
	is_array(res.namespaces)
	count(res.namespaces) > 0
} else := known_namespaces

kyverno_selector_part(res) := selector_reach(res.namespaceSelector) if {
	object.get(res, "namespaceSelector", null) != null
} else := known_namespaces

# any: the union; all: the intersection; the older form (match.resources):
# one filter. A match with several of them is read as their union (more reach
# is the strict side).
kyverno_match_reach(m) := known_namespaces if {
	not is_object(m)
} else := (kyverno_any_reach(m) | kyverno_all_reach(m)) | kyverno_legacy_reach(m)

kyverno_any_reach(m) := {ns | some f in m.any; some ns in kyverno_filter_reach(f)} if is_array(m.any) else := set()

kyverno_all_reach(m) := {ns |
	some ns in known_namespaces
	every f in m.all {
		ns in kyverno_filter_reach(f)
	}
} if {
	is_array(m.all)
	count(m.all) > 0
} else := set()

kyverno_legacy_reach(m) := kyverno_filter_reach(m) if {
	not is_array(m.any)
	not is_array(m.all)
} else := set()

# What an exclude takes out for sure: filters that name namespaces and nothing
# else (an exclude that also names kinds, subjects or a selector may leave the
# rule acting there, so it takes nothing out).
kyverno_excluded(x) := {ns |
	some f in array.concat(object.get(x, "any", []), kyverno_single_all(x))
	some ns in kyverno_pure_namespaces(f)
} | kyverno_pure_namespaces(x)

kyverno_single_all(x) := x.all if {
	is_array(x.all)
	count(x.all) == 1
} else := []

kyverno_pure_namespaces(f) := names_reach(f.resources.namespaces) if {
	is_object(f)
	object.keys(f) == {"resources"}
	object.keys(f.resources) == {"namespaces"}
	is_array(f.resources.namespaces)
} else := set()

kyverno_rule_reach(rule) := kyverno_match_reach(object.get(rule, "match", null)) - kyverno_excluded(object.get(rule, "exclude", {}))

kyverno_cluster_kinds := {"ClusterPolicy", "ClusterCleanupPolicy"}

# policies.kyverno.io's CEL policies select like a ValidatingAdmissionPolicy.
kyverno_constraint_kinds := {"ValidatingPolicy", "MutatingPolicy", "GeneratingPolicy", "DeletingPolicy", "ImageValidatingPolicy"}

# --- Reach of each cluster-scoped object, by its index -------------------------

object_reach[i] := known_namespaces if {
	some kind in {"ClusterRoleBinding"}
	some i, _ in resources_of_kind(kind)
}

# A ClusterRole joined to view, edit or admin by a label: every holder of those
# roles, in every namespace.
object_reach[i] := known_namespaces if {
	some i, r in resources_of_kind("ClusterRole")
	some k, _ in labels(r)
	startswith(k, "rbac.authorization.k8s.io/aggregate-to-")
}

object_reach[i] := {ns | some h in object.get(r, "webhooks", []); some ns in selector_reach(object.get(h, "namespaceSelector", null))} if {
	some kind in {"ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"}
	some i, r in resources_of_kind(kind)
}

object_reach[i] := {ns | some rule in object.get(r, ["spec", "rules"], []); some ns in kyverno_rule_reach(rule)} if {
	some i, r in resources_of_kind("ClusterPolicy")
	contains(object.get(r, "apiVersion", ""), "kyverno.io/")
}

object_reach[i] := kyverno_match_reach(object.get(r, ["spec", "match"], null)) - kyverno_excluded(object.get(r, ["spec", "exclude"], {})) if {
	some i, r in resources_of_kind("ClusterCleanupPolicy")
	contains(object.get(r, "apiVersion", ""), "kyverno.io/")
}

object_reach[i] := selector_reach(object.get(r, ["spec", "matchConstraints", "namespaceSelector"], null)) if {
	some kind in kyverno_constraint_kinds
	some i, r in resources_of_kind(kind)
	contains(object.get(r, "apiVersion", ""), "kyverno.io/")
}

object_reach[i] := selector_reach(object.get(r, ["spec", "matchConstraints", "namespaceSelector"], null)) if {
	some kind in {"MutatingAdmissionPolicy", "ValidatingAdmissionPolicy"}
	some i, r in resources_of_kind(kind)
}

object_reach[i] := selector_reach(object.get(r, ["spec", "matchResources", "namespaceSelector"], null)) if {
	some kind in {"MutatingAdmissionPolicyBinding", "ValidatingAdmissionPolicyBinding"}
	some i, r in resources_of_kind(kind)
}

# Gatekeeper mutations: spec.match.namespaces (all when absent) and its
# namespaceSelector, less excludedNamespaces.
object_reach[i] := (gatekeeper_names(m) & kyverno_selector_part(m)) - names_reach(object.get(m, "excludedNamespaces", [])) if {
	some kind in {"Assign", "AssignMetadata", "ModifySet", "AssignImage"}
	some i, r in resources_of_kind(kind)
	startswith(object.get(r, "apiVersion", ""), "mutations.gatekeeper.sh/")
	m := object.get(r, ["spec", "match"], {})
}

gatekeeper_names(m) := names_reach(m.namespaces) if {
	is_array(m.namespaces)
	count(m.namespaces) > 0
} else := known_namespaces

# A Namespace object acts on the namespace it names.
object_reach[i] := {lib_name} if {
	some i, r in resources_of_kind("Namespace")
	lib_name := name(r)
}

# The strictest environment an object reaches, as a rank (-1: none mapped).
reach_rank(i) := max({rank_of(p) | some ns in object_reach[i]; p := namespace_profiles[ns]} | {-1})

# The namespace that makes it so, for findings.
reach_namespace(i) := ns if {
	r := reach_rank(i)
	ns := min({n | some n in object_reach[i]; rank_of(namespace_profiles[n]) == r})
} else := ""

# Severity of a strict rule on object i: deny when it reaches staging or
# production, whatever the render is judged by; else the render's.
severity_reaching(i) := "deny" if {
	reach_rank(i) >= 1
} else := severity_strict
