# ST2-OPS-006, continued (the tenth red team): rights that cross the st2
# namespace's boundary in either direction.
#   - Into it: a service account of a namespace that is not st2's (a CI
#     deployer, another team's controller) bound in st2's namespace to read
#     its Secrets, exec into its pods or everything: the stores', datastore and
#     SSH keys leave with whoever runs pods in that other namespace.
#   - Out of it: a ClusterRoleBinding letting the accounts st2 users' code runs
#     as (the action runners', the sensor container's, st2client's) read
#     namespaced objects: every tenant's ConfigMaps, pods and events to any
#     st2 user. The same role in a RoleBinding reads st2's own namespace only.
package st2.operations

import data.st2.lib

# What an account of another namespace may not hold in st2's.
foreign_account_rights := {
	everything,
	"read Secrets",
	"exec, attach or port-forward into pods",
	"impersonate service accounts",
	"mint service account tokens",
}

findings contains f if {
	some [i, b] in rbac_bindings
	b.kind == "RoleBinding"
	st2_home_namespaces[lib.namespace(b)]
	some j, s in object.get(b, "subjects", [])
	acct := subject_account(b, s)
	not st2_namespaces[acct[0]]
	rights := binding_rights(b) & foreign_account_rights
	count(rights) > 0
	f := lib.finding("ST2-OPS-006", lib.severity_reaching(i), i, ["subjects", j], {"role": b.roleRef.name, "subject": concat("/", acct), "right": concat(", ", sort(rights))})
}

other_tenants := "read other tenants' namespaces (a ClusterRoleBinding)"

read_verbs := {"get", "list", "watch", "*"}

# Cluster-scoped kinds a cluster-wide read shows nothing of a tenant's in.
cluster_scoped_reads := {
	"nodes", "namespaces", "persistentvolumes", "storageclasses", "customresourcedefinitions",
	"apiservices", "priorityclasses", "ingressclasses", "runtimeclasses", "csidrivers",
	"csinodes", "volumeattachments", "clusterroles", "clusterrolebindings",
	"selfsubjectaccessreviews", "selfsubjectrulesreviews", "tokenreviews",
}

# The built-in ClusterRoles that read namespaced objects.
builtin_readers := {"view", "edit", "admin", "cluster-admin"}

cluster_reads(b) if {
	b.roleRef.kind == "ClusterRole"
	builtin_readers[b.roleRef.name]
	not rbac_roles[ref_key(b)]
}

cluster_reads(b) if {
	b.roleRef.kind == "ClusterRole"
	some r in lib.resources_of_kind("ClusterRole")
	lib.name(r) == b.roleRef.name
	some rule in object.get(r, "rules", [])
	some v in object.get(rule, "verbs", [])
	read_verbs[v]
	some res in object.get(rule, "resources", [])
	not cluster_scoped_reads[res]
}

findings contains f if {
	some i, b in lib.resources_of_kind("ClusterRoleBinding")
	is_object(b.roleRef)
	some j, s in object.get(b, "subjects", [])
	acct := subject_account(b, s)
	st2_pod_accounts[acct]
	cluster_reads(b)
	f := lib.finding("ST2-OPS-006", lib.severity_reaching(i), i, ["subjects", j], {"role": b.roleRef.name, "subject": concat("/", acct), "right": other_tenants})
}
