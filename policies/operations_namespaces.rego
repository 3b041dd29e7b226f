# ST2-OPS-015: objects outside st2's namespaces. The render of an st2 overlay
# may put namespaced objects only in the namespaces the policy data's
# environment map knows (st2's) and those the bundle's owner lists in
# settings.delivery.namespaces. Anything else (argocd's RBAC or CMP plugin
# ConfigMaps, kube-system's CoreDNS, another team's namespace) is refused in
# every environment: a dev render that rewrites argocd is as dangerous as
# production's. Objects without a namespace land where the caller (the Argo
# CD Application's destination) puts them, so only explicit namespaces, the
# names of Namespace objects and the namespaces delivery objects target are
# judged.
package st2.operations

import data.st2.lib

allowed_namespaces := {ns | some ns, _ in lib.namespace_profiles} | {ns |
	some ns in listed_namespaces
	is_string(ns)
}

listed_namespaces := l if {
	l := data.settings.delivery.namespaces
	is_array(l)
} else := []

# Namespaces of the render outside the allowed ones: in a render that stays
# in st2's namespaces (the usual case) this is empty and nothing below runs.
foreign_namespaces := lib.render_namespaces - allowed_namespaces

# Kinds the API server keeps outside any namespace (a metadata.namespace on
# them is ignored): Namespace objects are judged by their name instead.
cluster_scoped_kinds := {
	"Namespace", "Node", "PersistentVolume", "StorageClass", "ClusterRole", "ClusterRoleBinding",
	"CustomResourceDefinition", "APIService", "PriorityClass", "RuntimeClass", "IngressClass",
	"ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy",
	"ValidatingAdmissionPolicyBinding", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding",
	"CSIDriver", "CSINode", "VolumeSnapshotClass", "CertificateSigningRequest", "FlowSchema",
	"PriorityLevelConfiguration", "GatewayClass", "ClusterIssuer", "ClusterSecretStore",
	"ClusterExternalSecret", "ClusterPushSecret", "ClusterPolicy", "ClusterCleanupPolicy",
	"ClusterWorkflowTemplate", "ConstraintTemplate", "PodSecurityPolicy",
}

findings contains f if {
	count(foreign_namespaces) > 0
	some i, r in input.resources
	ns := r.metadata.namespace
	foreign_namespaces[ns]
	not cluster_scoped_kinds[r.kind]
	not st2_backup(r)
	f := lib.finding("ST2-OPS-015", lib.severity_always, i, ["metadata", "namespace"], {"kind": r.kind, "namespace": ns})
}

# A Namespace object makes the render own that namespace (its labels, its Pod Security level).
findings contains f if {
	some i, r in lib.resources_of_kind("Namespace")
	ns := lib.name(r)
	not allowed_namespaces[ns]
	f := lib.finding("ST2-OPS-015", lib.severity_always, i, ["metadata", "name"], {"kind": "Namespace", "namespace": ns})
}

# What a delivery object deploys lands in its target namespace (a templated one is judged by ST2-OPS-001).
findings contains f if {
	some [i, path, ns] in delivery_targets
	is_string(ns)
	ns != ""
	not contains(ns, "{{")
	not allowed_namespaces[ns]
	f := lib.finding("ST2-OPS-015", lib.severity_always, i, path, {"kind": input.resources[i].kind, "namespace": ns})
}

# Backups of st2 live in the backup tool's namespace (velero). A Velero
# Schedule or Backup may be there when it only copies the render's own
# namespaces to a backup location the bundle's owner lists
# (settings.delivery.backup_locations; none named is the cluster's default
# location) and runs no hooks (commands Velero execs in st2's pods). The
# location receives st2's Secrets: which one is the bundle owner's call,
# never the repository's. A Restore (objects written into st2's namespace
# that no one judged), a BackupStorageLocation (where the Secrets go) or
# anything else there is still refused.
backup_locations := {l | some l in data.settings.delivery.backup_locations; is_string(l)}

st2_backup(r) if {
	r.kind in {"Schedule", "Backup"}
	startswith(object.get(r, "apiVersion", ""), "velero.io/")
	spec := backup_spec(r)
	included := object.get(spec, "includedNamespaces", [])
	is_array(included)
	count(included) > 0
	every ns in included {
		lib.render_namespaces[ns]
		lib.namespace_profiles[ns]
	}
	backup_location_listed(object.get(spec, "storageLocation", ""))
	count(object.get(spec, "hooks", {})) == 0
}

backup_spec(r) := object.get(r, ["spec", "template"], {}) if r.kind == "Schedule" else := object.get(r, "spec", {})

backup_location_listed("")

backup_location_listed(l) if backup_locations[l]
