# ST2-OPS-019: st2's namespace handed to another delivery or tenancy system.
#
# A label or annotation on the Namespace, or an object in it, that lets
# someone else put objects or grant rights there: the gate then no longer
# judges what runs in st2's namespace. The Argo CD operator (OpenShift
# GitOps) gives the Argo CD instance named by argocd.argoproj.io/managed-by
# admin in the namespace (and, with the cluster-argocd labels, reconciles
# Applications created there); a Capsule tenant's owners, a Rancher
# project's members get admin; HNC makes a namespace with a parent inherit
# the parent's Roles and RoleBindings (and whatever else HNCConfiguration
# propagates), and a SubnamespaceAnchor grows a child namespace under st2's
# that inherits st2's (an HNCConfiguration may make that its Secrets).
package st2.operations

import data.st2.lib

# Namespace labels and annotations (key -> where it is written) whose mere presence delegates.
delegating_labels := {
	"argocd.argoproj.io/managed-by",
	"argocd.argoproj.io/managed-by-cluster-argocd",
	"argocd.argoproj.io/applicationset-managed-by-cluster-argocd",
	"capsule.clastix.io/tenant",
	"field.cattle.io/projectId",
	"hnc.x-k8s.io/subnamespace-of",
	"hnc.x-k8s.io/managed-by",
}

findings contains f if {
	some i, r in lib.resources_of_kind("Namespace")
	some field in ["labels", "annotations"]
	some key, value in object.get(r, ["metadata", field], {})
	delegating_labels[key]
	f := lib.finding("ST2-OPS-019", lib.severity_strict, i, ["metadata", field, key], {"kind": "Namespace", "to": shown_value(value)})
}

# HNC's objects: a parent for the namespace, a child namespace under it, or
# the cluster-wide propagation settings.
findings contains f if {
	some i, r in lib.resources_of_kind("HierarchyConfiguration")
	startswith(object.get(r, "apiVersion", ""), "hnc.x-k8s.io/")
	parent := object.get(r, ["spec", "parent"], "")
	parent != ""
	f := lib.finding("ST2-OPS-019", lib.severity_strict, i, ["spec", "parent"], {"kind": r.kind, "to": shown_value(parent)})
}

findings contains f if {
	some kind in {"SubnamespaceAnchor", "HNCConfiguration"}
	some i, r in lib.resources_of_kind(kind)
	startswith(object.get(r, "apiVersion", ""), "hnc.x-k8s.io/")
	f := lib.finding("ST2-OPS-019", lib.severity_strict, i, ["kind"], {"kind": kind, "to": lib.name(r)})
}

# A label value is a name; anything else is not shown.
shown_value(v) := v if {
	is_string(v)
	regex.match(`^[A-Za-z0-9_.:-]{0,63}$`, v)
} else := "a value the gate does not show"
