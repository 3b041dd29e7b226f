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

# The same cluster-wide read given to every authenticated (or unauthenticated)
# user or every service account (the eleventh red team): built-in view, or a
# ClusterRole reading ConfigMaps or pods (tenants' configuration and env) in
# every namespace. A RoleBinding of view in st2's namespace stays st2's choice.
findings contains f if {
	some i, b in lib.resources_of_kind("ClusterRoleBinding")
	is_object(b.roleRef)
	some j, s in object.get(b, "subjects", [])
	broad_subject(s)
	cluster_reads_config(b)
	f := lib.finding("ST2-OPS-006", lib.severity_reaching(i), i, ["subjects", j], {"role": b.roleRef.name, "subject": s.name, "right": other_tenants})
}

cluster_reads_config(b) if {
	b.roleRef.kind == "ClusterRole"
	b.roleRef.name == "view"
	not rbac_roles[ref_key(b)]
}

cluster_reads_config(b) if {
	b.roleRef.kind == "ClusterRole"
	some r in lib.resources_of_kind("ClusterRole")
	lib.name(r) == b.roleRef.name
	some rule in object.get(r, "rules", [])
	some v in object.get(rule, "verbs", [])
	read_verbs[v]
	some g in object.get(rule, "apiGroups", [])
	g in {"", "*"}
	some res in object.get(rule, "resources", [])
	res in {"configmaps", "pods", "pods/log", "*"}
}

# --- The API server's own endpoints (nonResourceURLs) ---------------------------
#
# A ClusterRole's nonResourceURLs reach the API server's /logs (its host's
# /var/log) and /debug/pprof (kubernetes-apiserver.md): given to a broad
# subject or st2's accounts, anonymous users or any st2 user read them. The
# built-in system:public-info-viewer's /healthz, /livez, /readyz and /version
# are harmless. `*` matches everything, a trailing `*` a prefix.
api_server_internals := "read the API server's logs or debug endpoints (nonResourceURLs)"

sensitive_nonresource_paths := ["/logs", "/debug/pprof"]

sensitive_nonresource(url) if url == "*"

sensitive_nonresource(url) if {
	endswith(url, "*")
	prefix := trim_suffix(url, "*")
	some p in sensitive_nonresource_paths
	startswith(p, prefix)
}

sensitive_nonresource(url) if {
	some p in sensitive_nonresource_paths
	startswith(url, p)
}

nonresource_role(name) if {
	some r in lib.resources_of_kind("ClusterRole")
	lib.name(r) == name
	some rule in object.get(r, "rules", [])
	some v in object.get(rule, "verbs", [])
	v in {"get", "*"}
	some url in object.get(rule, "nonResourceURLs", [])
	is_string(url)
	sensitive_nonresource(url)
}

findings contains f if {
	some i, b in lib.resources_of_kind("ClusterRoleBinding")
	is_object(b.roleRef)
	b.roleRef.kind == "ClusterRole"
	nonresource_role(b.roleRef.name)
	some j, s in object.get(b, "subjects", [])
	nonresource_subject(b, s)
	f := lib.finding("ST2-OPS-006", lib.severity_reaching(i), i, ["subjects", j], {"role": b.roleRef.name, "subject": s.name, "right": api_server_internals})
}

nonresource_subject(_, s) if broad_subject(s)

nonresource_subject(b, s) if st2_pod_accounts[subject_account(b, s)]
