# ST2-OPS-001..003: objects that deploy or rewrite manifests the gate never
# sees, and Argo CD hook semantics that delete long-running workloads.

package st2.operations

import data.st2.lib

# --- ST2-OPS-001: nested delivery -----------------------------------------------------------

delivery_targets contains [i, ["spec", "destination", "namespace"], ns] if {
	some i, r in lib.resources_of_kind("Application")
	startswith(object.get(r, "apiVersion", ""), "argoproj.io/")
	ns := object.get(r, ["spec", "destination", "namespace"], "")
}

delivery_targets contains [i, ["spec", "template", "spec", "destination", "namespace"], ns] if {
	some i, r in lib.resources_of_kind("ApplicationSet")
	startswith(object.get(r, "apiVersion", ""), "argoproj.io/")
	ns := object.get(r, ["spec", "template", "spec", "destination", "namespace"], "")
}

delivery_targets contains [i, ["spec", "targetNamespace"], ns] if {
	some kind in {"Kustomization", "HelmRelease"}
	some i, r in lib.resources_of_kind(kind)
	contains(object.get(r, "apiVersion", ""), "toolkit.fluxcd.io/")
	ns := object.get(r, ["spec", "targetNamespace"], lib.namespace(r))
}

# A kustomize namespace override in the Application's source(s) moves what it syncs there.
delivery_targets contains [i, array.concat(path, ["kustomize", "namespace"]), ns] if {
	some i, r in lib.resources_of_kind("Application")
	startswith(object.get(r, "apiVersion", ""), "argoproj.io/")
	some path in {["spec", "source"]} | {["spec", "sources", k] | some k, _ in object.get(r, ["spec", "sources"], [])}
	ns := object.get(r, array.concat(path, ["kustomize", "namespace"]), "")
	ns != ""
}

# A templated destination ("{{namespace}}") can be any namespace.
reaches_st2(ns) if st2_namespaces[ns]

reaches_st2(ns) if contains(ns, "{{")

findings contains f if {
	some [i, path, ns] in delivery_targets
	is_string(ns)
	reaches_st2(ns)
	f := lib.finding("ST2-OPS-001", lib.severity_strict, i, path, {"kind": input.resources[i].kind, "namespace": ns})
}

# --- ST2-OPS-002: admission mutation -----------------------------------------------------------

# Cluster-wide: judged by the strictest environment it reaches (lib_reach.rego),
# so a dev render's webhook or ClusterPolicy selecting st2-prod is denied.

mutating_kinds := {"MutatingWebhookConfiguration", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding"}

gatekeeper_mutations := {"Assign", "AssignMetadata", "ModifySet", "AssignImage"}

findings contains f if {
	some kind in mutating_kinds
	some i, r in lib.resources_of_kind(kind)
	startswith(object.get(r, "apiVersion", ""), "admissionregistration.k8s.io/")
	f := lib.finding("ST2-OPS-002", lib.severity_reaching(i), i, ["kind"], {"kind": kind})
}

findings contains f if {
	some kind in gatekeeper_mutations
	some i, r in lib.resources_of_kind(kind)
	startswith(object.get(r, "apiVersion", ""), "mutations.gatekeeper.sh/")
	f := lib.finding("ST2-OPS-002", lib.severity_reaching(i), i, ["kind"], {"kind": kind})
}

# Kyverno's newer policy types (policies.kyverno.io) and its cleanup policies,
# which delete matching resources on a schedule.
kyverno_acting_kinds := {"MutatingPolicy", "ClusterCleanupPolicy", "CleanupPolicy", "DeletingPolicy", "GeneratingPolicy"}

findings contains f if {
	some kind in kyverno_acting_kinds
	some i, r in lib.resources_of_kind(kind)
	contains(object.get(r, "apiVersion", ""), "kyverno.io/")
	f := lib.finding("ST2-OPS-002", lib.severity_reaching(i), i, ["kind"], {"kind": kind})
}

findings contains f if {
	some kind in {"ClusterPolicy", "Policy"}
	some i, r in lib.resources_of_kind(kind)
	startswith(object.get(r, "apiVersion", ""), "kyverno.io/")
	some j, rule in object.get(r, ["spec", "rules"], [])
	is_object(rule.mutate)
	f := lib.finding("ST2-OPS-002", lib.severity_reaching(i), i, ["spec", "rules", j, "mutate"], {"kind": kind})
}

# --- ST2-OPS-003: workloads made hooks ------------------------------------------------------------

long_running_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Rollout"}

hook_annotations := {"argocd.argoproj.io/hook", "helm.sh/hook"}

findings contains f if {
	some kind in long_running_kinds
	some i, r in lib.resources_of_kind(kind)
	some key in hook_annotations
	hook := annotations(r)[key]
	f := lib.finding("ST2-OPS-003", lib.severity_strict, i, ["metadata", "annotations", key], {"kind": kind, "hook": hook})
}

# Replace=true with Force=true makes every sync delete and recreate the workload.
findings contains f if {
	some kind in long_running_kinds
	some i, r in lib.resources_of_kind(kind)
	opts := lower(object.get(annotations(r), "argocd.argoproj.io/sync-options", ""))
	contains(opts, "replace=true")
	contains(opts, "force=true")
	f := lib.finding("ST2-OPS-003", lib.severity_strict, i, ["metadata", "annotations", "argocd.argoproj.io/sync-options"], {"kind": kind, "hook": "Replace=true,Force=true"})
}
