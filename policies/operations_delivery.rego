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

# Fleet and k3s's Helm controller put what they fetch in spec.targetNamespace (Fleet also defaultNamespace).
delivery_targets contains [i, ["spec", field], ns] if {
	some kind, group in {"GitRepo": "fleet.cattle.io/", "Bundle": "fleet.cattle.io/", "HelmChart": "helm.cattle.io/"}
	some i, r in lib.resources_of_kind(kind)
	startswith(object.get(r, "apiVersion", ""), group)
	some field in ["targetNamespace", "defaultNamespace"]
	ns := r.spec[field]
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

# Any delivery object whose manifests the gate cannot see, whatever it
# targets: an Application pointing at another namespace today can be pointed
# at st2's tomorrow by whoever owns its source, without this gate. (Inline
# manifests, a Crossplane Object's or a Kyverno generate rule's data, are
# expanded into the input by src/policy/embedded-manifests.ts and judged
# as objects of the render instead.) Kind -> the API group it must come from.
opaque_delivery_kinds := {
	"Application": "argoproj.io/",
	"ApplicationSet": "argoproj.io/",
	"Kustomization": "kustomize.toolkit.fluxcd.io/",
	"HelmRelease": "helm.toolkit.fluxcd.io/",
	"OCIRepository": "source.toolkit.fluxcd.io/",
	"GitRepository": "source.toolkit.fluxcd.io/",
	"ResourceSet": "fluxcd.controlplane.io/",
	"GitRepo": "fleet.cattle.io/",
	"Bundle": "fleet.cattle.io/",
	"HelmOp": "fleet.cattle.io/",
	"HelmChart": "helm.cattle.io/",
	"App": "kappctrl.k14s.io/",
	"PackageInstall": "packaging.carvel.dev/",
	"Release": "helm.crossplane.io/",
}

findings contains f if {
	some kind, group in opaque_delivery_kinds
	some i, r in lib.resources_of_kind(kind)
	startswith(object.get(r, "apiVersion", ""), group)
	not st2_targeted[i]
	f := lib.finding("ST2-OPS-001", lib.severity_strict, i, ["kind"], {"kind": kind, "delivers": "manifests from outside the render"})
}

# Objects already reported above for the st2 namespace they deliver into.
st2_targeted contains i if {
	some [i, _, ns] in delivery_targets
	is_string(ns)
	reaches_st2(ns)
}

# A Kyverno generate rule that clones copies objects the gate never sees
# (st2's Secrets into another namespace, another namespace's objects into st2's).
findings contains f if {
	some kind in {"ClusterPolicy", "Policy"}
	some i, r in lib.resources_of_kind(kind)
	startswith(object.get(r, "apiVersion", ""), "kyverno.io/")
	some j, rule in object.get(r, ["spec", "rules"], [])
	some path in generate_clone_paths(rule, j)
	f := lib.finding("ST2-OPS-001", lib.severity_strict, i, path, {"kind": kind, "delivers": "clones of objects outside the render"})
}

generate_clone_paths(rule, j) := {array.concat(["spec", "rules", j, "generate"], [field]) |
	some field in ["clone", "cloneList"]
	is_object(rule.generate[field])
} | {["spec", "rules", j, "generate", "foreach", k, field] |
	some k, item in object.get(rule, ["generate", "foreach"], [])
	some field in ["clone", "cloneList"]
	is_object(item[field])
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

# OpenKruise's WorkloadSpread patches each pod of a subset at creation (its
# labels, resources or containers): a mutation the gate cannot see, as a
# webhook's. A WorkloadSpread that only spreads (no patch) changes no pod.
findings contains f if {
	some i, r in lib.resources_of_kind("WorkloadSpread")
	startswith(object.get(r, "apiVersion", ""), "apps.kruise.io/")
	some j, s in object.get(r, ["spec", "subsets"], [])
	s.patch
	f := lib.finding("ST2-OPS-002", lib.severity_reaching(i), i, ["spec", "subsets", j, "patch"], {"kind": "WorkloadSpread"})
}

# --- ST2-OPS-003: workloads and what they keep made hooks or force-replaced ------------------------

long_running_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Rollout"}

hook_annotations := {"argocd.argoproj.io/hook", "helm.sh/hook"}

# What Argo CD must never force-replace: the long-running workloads, a
# namespace the render's objects land in (deleting a Namespace deletes every
# object in it, the stores' claims included) and a claim the render's pods
# mount (deleting it loses its data).
kept_objects contains [i, kind] if {
	some kind in long_running_kinds
	some i, _ in lib.resources_of_kind(kind)
}

kept_objects contains [i, "Namespace"] if {
	some i, r in lib.resources_of_kind("Namespace")
	lib.name(r) in render_namespaces
}

kept_objects contains [i, "PersistentVolumeClaim"] if {
	some i, r in lib.resources_of_kind("PersistentVolumeClaim")
	[lib.namespace(r), lib.name(r)] in mounted_claims
}

render_namespaces contains lib.namespace(r) if {
	some kind, objects in lib.resources_by_kind
	kind != "Namespace"
	some r in objects
}

mounted_claims contains [lib.namespace(input.resources[i]), claim] if {
	count(lib.resources_of_kind("PersistentVolumeClaim")) > 0
	some i, w in lib.workloads
	some u in w.units
	some v in object.get(u.pod_spec, "volumes", [])
	claim := v.persistentVolumeClaim.claimName
}

# Hooks on the Namespace and the claims are ST2-OPS-018's (operations_hooks.rego).
findings contains f if {
	some kind in long_running_kinds
	some i, r in lib.resources_of_kind(kind)
	some key in hook_annotations
	hook := annotations(r)[key]
	f := lib.finding("ST2-OPS-003", lib.severity_strict, i, ["metadata", "annotations", key], {"kind": kind, "hook": hook})
}

# Replace=true with Force=true makes every sync delete and recreate the object
# (kubectl delete/create, Argo CD's sync options).
findings contains f if {
	some [i, kind] in kept_objects
	opts := lower(object.get(annotations(input.resources[i]), "argocd.argoproj.io/sync-options", ""))
	contains(opts, "replace=true")
	contains(opts, "force=true")
	f := lib.finding("ST2-OPS-003", lib.severity_strict, i, ["metadata", "annotations", "argocd.argoproj.io/sync-options"], {"kind": kind, "hook": "Replace=true,Force=true"})
}

# --- ST2-OPS-016: workloads that write cluster objects ----------------------------------------
#
# Facts from src/policy/cluster-writes.ts: the kubectl, helm or API-server
# writes each container makes, by resource index (manifests it applies from
# a ConfigMap of the render are judged as objects of the render instead).

cluster_writes := w if {
	w := input.facts.cluster_writes
	is_object(w)
} else := {}

findings contains f if {
	some key, list in cluster_writes
	some w in list
	i := to_number(key)
	f := lib.finding("ST2-OPS-016", lib.severity_strict, i, w.path, {"kind": input.resources[i].kind, "tool": w.tool, "verb": w.verb, "target": w.target})
}
