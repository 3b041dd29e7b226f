# ST2-OPS-006: who can get what in st2's namespaces.
#
# Rights that hand over an st2 namespace (its Secrets, a shell in its pods,
# its configuration, its workloads, the power to grant more) are tabled once
# below; each Role and ClusterRole of the render is read against the table,
# and a binding is judged by what its role grants × who it grants it to:
#   - broad subjects: every authenticated or unauthenticated user, anonymous,
#     every service account, or every service account of one namespace
#     (system:serviceaccounts:<ns>: any workload anyone runs there);
#   - st2's own service accounts: st2 actions run as the pods' accounts, so
#     any st2 user gets what they may do, in st2's namespaces;
#   - a ClusterRole labelled to aggregate into view (or edit, admin): every
#     holder of that role in every namespace, whoever binds it later.
# Only RBAC kinds are read (indexed by kind). A cluster-wide object is judged
# by the strictest environment it reaches (lib.severity_reaching).

package st2.operations

import data.st2.lib

# --- The rights --------------------------------------------------------------

grant_verbs := {"create", "update", "patch"}

# in_edit: the built-in edit and admin roles already hold it, so aggregating
# it into them adds nothing. Rights through other controllers (autoscalers,
# workload and route CRDs, any scale subresource): operations_rbac_controllers.rego;
# Ingresses and every route kind, from the list the exposure rules read (lib_routes.rego).
dangerous_rights := array.concat(array.concat(core_rights, controller_rights), route_rights)

core_rights := [
	{"right": "read Secrets", "groups": {""}, "resources": {"secrets"}, "verbs": {"get", "list", "watch"}, "in_edit": true},
	{"right": "write Secrets", "groups": {""}, "resources": {"secrets"}, "verbs": grant_verbs, "in_edit": true},
	{"right": "exec, attach or port-forward into pods", "groups": {""}, "resources": {"pods/exec", "pods/attach", "pods/portforward", "pods/proxy", "services/proxy"}, "verbs": {"create", "get"}, "in_edit": true},
	{"right": "write ConfigMaps", "groups": {""}, "resources": {"configmaps"}, "verbs": grant_verbs, "in_edit": true},
	{"right": "run or change pods", "groups": {""}, "resources": {"pods", "pods/ephemeralcontainers", "replicationcontrollers"}, "verbs": grant_verbs, "in_edit": true},
	{"right": "run or change workloads", "groups": {"apps"}, "resources": {"deployments", "statefulsets", "daemonsets", "replicasets"}, "verbs": grant_verbs, "in_edit": true},
	{"right": "run or change workloads", "groups": {"batch"}, "resources": {"jobs", "cronjobs"}, "verbs": grant_verbs, "in_edit": true},
	{"right": "run or change workloads", "groups": {"argoproj.io"}, "resources": {"rollouts", "workflows", "cronworkflows"}, "verbs": grant_verbs, "in_edit": true},
	{"right": "impersonate service accounts", "groups": {""}, "resources": {"serviceaccounts"}, "verbs": {"impersonate"}, "in_edit": true},
	{"right": "mint service account tokens", "groups": {""}, "resources": {"serviceaccounts/token"}, "verbs": {"create"}, "in_edit": false},
	{"right": "impersonate users or groups", "groups": {"", "authentication.k8s.io"}, "resources": {"users", "groups", "uids", "userextras/scopes"}, "verbs": {"impersonate"}, "in_edit": false},
	{"right": "bind or escalate roles", "groups": {"rbac.authorization.k8s.io"}, "resources": {"roles", "clusterroles"}, "verbs": {"bind", "escalate"}, "in_edit": false},
	{"right": "reach the kubelet (nodes/proxy)", "groups": {""}, "resources": {"nodes/proxy"}, "verbs": {"get", "create"}, "in_edit": false, "scope": "cluster"},
	# Rights that change what st2's namespace serves or keeps, behind the gate's
	# back (the ninth red team): a scale subresource runs a second timers engine
	# or takes MongoDB to 0; Services and endpoints redirect logins; PDBs and
	# PVCs hold HA and data; ExternalSecrets pull any key of st2's store and
	# PushSecrets copy st2's Secrets out. Endpoints and EndpointSlices left edit
	# in Kubernetes 1.22 (CVE-2021-25740); the External Secrets chart aggregates
	# its kinds into edit.
	{"right": "scale workloads", "groups": {"", "apps", "argoproj.io"}, "resources": {"deployments/scale", "statefulsets/scale", "replicasets/scale", "replicationcontrollers/scale", "rollouts/scale"}, "verbs": grant_verbs, "in_edit": true},
	{"right": "delete pods or workloads", "groups": {"", "apps", "batch", "argoproj.io"}, "resources": {"pods", "replicationcontrollers", "deployments", "statefulsets", "daemonsets", "replicasets", "jobs", "cronjobs", "rollouts"}, "verbs": delete_verbs, "in_edit": true},
	{"right": "write Services", "groups": {""}, "resources": {"services", "services/status"}, "verbs": write_verbs, "in_edit": true},
	{"right": "write endpoints", "groups": {"", "discovery.k8s.io"}, "resources": {"endpoints", "endpointslices"}, "verbs": write_verbs, "in_edit": false},
	{"right": "write or delete disruption budgets", "groups": {"policy"}, "resources": {"poddisruptionbudgets"}, "verbs": write_verbs, "in_edit": true},
	{"right": "delete volume claims", "groups": {""}, "resources": {"persistentvolumeclaims"}, "verbs": delete_verbs, "in_edit": true},
	{"right": "create secret-store objects", "groups": {"external-secrets.io"}, "resources": {"externalsecrets", "pushsecrets", "secretstores"}, "verbs": grant_verbs, "in_edit": true},
	# NetworkPolicies are the namespace's isolation: an account that writes them
	# (st2's runners: any st2 user) removes it (the tenth red team). The built-in
	# edit holds networking.k8s.io's; the CNIs' own kinds it does not.
	{"right": "change NetworkPolicies", "groups": {"networking.k8s.io"}, "resources": {"networkpolicies"}, "verbs": write_verbs, "in_edit": true},
	{"right": "change NetworkPolicies", "groups": {"crd.projectcalico.org", "projectcalico.org", "cilium.io"}, "resources": {"networkpolicies", "ciliumnetworkpolicies", "ciliumclusterwidenetworkpolicies", "globalnetworkpolicies", "stagednetworkpolicies"}, "verbs": write_verbs, "in_edit": false},
	{"right": "exempt pods from cluster policies", "groups": {"kyverno.io", "policies.kyverno.io"}, "resources": {"policyexceptions", "policies", "cleanuppolicies"}, "verbs": write_verbs, "in_edit": false},
	# Cluster-scoped rights: only a ClusterRoleBinding grants them (a
	# RoleBinding of the same ClusterRole grants nothing on cluster objects).
	# Given to st2's runners they are every st2 user's, in every cluster
	# tenant's life: cordon or delete nodes, switch the policy engine off,
	# replace an API, bind a hostPath volume, take the default classes.
	{"right": "change or delete nodes", "groups": {""}, "resources": {"nodes", "nodes/status"}, "verbs": write_verbs, "in_edit": false, "scope": "cluster"},
	{"right": "change admission control", "groups": {"admissionregistration.k8s.io"}, "resources": {"validatingwebhookconfigurations", "mutatingwebhookconfigurations", "validatingadmissionpolicies", "validatingadmissionpolicybindings", "mutatingadmissionpolicies", "mutatingadmissionpolicybindings"}, "verbs": write_verbs, "in_edit": false, "scope": "cluster"},
	{"right": "change admission control", "groups": {"kyverno.io", "policies.kyverno.io"}, "resources": {"clusterpolicies", "clustercleanuppolicies", "validatingpolicies", "mutatingpolicies", "generatingpolicies", "deletingpolicies", "imagevalidatingpolicies"}, "verbs": write_verbs, "in_edit": false, "scope": "cluster"},
	{"right": "change admission control", "groups": {"templates.gatekeeper.sh", "constraints.gatekeeper.sh", "config.gatekeeper.sh", "mutations.gatekeeper.sh"}, "resources": {"*"}, "whole_group": true, "verbs": write_verbs, "in_edit": false, "scope": "cluster"},
	{"right": "change cluster APIs", "groups": {"apiextensions.k8s.io", "apiregistration.k8s.io", "flowcontrol.apiserver.k8s.io"}, "resources": {"customresourcedefinitions", "apiservices", "flowschemas", "prioritylevelconfigurations"}, "verbs": write_verbs, "in_edit": false, "scope": "cluster"},
	{"right": "change storage or PersistentVolumes", "groups": {"", "storage.k8s.io"}, "resources": {"persistentvolumes", "storageclasses", "csidrivers", "volumeattachments"}, "verbs": write_verbs, "in_edit": false, "scope": "cluster"},
	{"right": "change or delete namespaces", "groups": {""}, "resources": {"namespaces"}, "verbs": {"update", "patch", "delete", "deletecollection"}, "in_edit": false, "scope": "cluster"},
	{"right": "change scheduling or default classes", "groups": {"scheduling.k8s.io", "networking.k8s.io", "node.k8s.io"}, "resources": {"priorityclasses", "ingressclasses", "runtimeclasses"}, "verbs": write_verbs, "in_edit": false, "scope": "cluster"},
	{"right": "approve certificate requests", "groups": {"certificates.k8s.io"}, "resources": {"certificatesigningrequests/approval", "signers"}, "verbs": {"update", "patch", "approve", "sign"}, "in_edit": false, "scope": "cluster"},
	{"right": "change cluster RBAC", "groups": {"rbac.authorization.k8s.io"}, "resources": {"clusterroles", "clusterrolebindings"}, "verbs": write_verbs, "in_edit": false, "scope": "cluster"},
	{"right": "create cluster secret stores", "groups": {"external-secrets.io"}, "resources": {"clustersecretstores", "clusterexternalsecrets", "clusterpushsecrets"}, "verbs": grant_verbs, "in_edit": false, "scope": "cluster"},
]

delete_verbs := {"delete", "deletecollection"}

write_verbs := grant_verbs | delete_verbs

# Rights on cluster-scoped objects: a RoleBinding never grants them.
cluster_right_names := {r.right | some r in dangerous_rights; object.get(r, "scope", "") == "cluster"}

everything := "everything (cluster-admin, admin or edit)"

unseen := "rights the gate cannot see (a role outside the render, or aggregated)"

# Built-in ClusterRoles a render may bind without defining them.
powerful_cluster_roles := {"cluster-admin", "admin", "edit"}

harmless_cluster_roles := {"view", "system:discovery", "system:basic-user", "system:public-info-viewer"}

rule_grants(rule, right) if {
	not right.any_group
	group_matches(rule, right)
	resource_matches(rule, right)
	verb_matches(rule, right)
}

group_matches(rule, _) if {
	some g in object.get(rule, "apiGroups", [])
	g == "*"
}

group_matches(rule, right) if {
	some g in object.get(rule, "apiGroups", [])
	right.groups[g]
}

resource_matches(rule, _) if {
	some r in object.get(rule, "resources", [])
	r == "*"
}

resource_matches(rule, right) if {
	some r in object.get(rule, "resources", [])
	right.resources[r]
}

# Every kind of the right's groups (Gatekeeper's constraint kinds are one per
# template; a future kind of the operator), but not a subresource: these
# groups are CustomResourceDefinitions, which serve only /status and /scale.
# A write to /status changes only the object's status, never the spec its
# controller runs (a CRD's /status ignores every other stanza), and any
# /scale is "scale workloads" (operations_rbac_controllers.rego). Nor the
# group's cluster-scoped kinds, judged as such (right.cluster_kinds: a Role,
# or a ClusterRole bound by a RoleBinding, grants nothing on them).
resource_matches(rule, right) if {
	right.whole_group
	some g in object.get(rule, "apiGroups", [])
	right.groups[g]
	some r in object.get(rule, "resources", [])
	is_string(r)
	not contains(r, "/")
	not object.get(right, "cluster_kinds", set())[r]
}

# RBAC's "*/exec": that subresource of every resource.
resource_matches(rule, right) if {
	some r in object.get(rule, "resources", [])
	is_string(r)
	startswith(r, "*/")
	some want in right.resources
	endswith(want, substring(r, 1, -1))
}

verb_matches(rule, _) if {
	some v in object.get(rule, "verbs", [])
	v == "*"
}

verb_matches(rule, right) if {
	some v in object.get(rule, "verbs", [])
	right.verbs[v]
}

# --- What each role grants ---------------------------------------------------

role_key(r) := ["Role", lib.namespace(r), lib.name(r)] if r.kind == "Role" else := ["ClusterRole", "", lib.name(r)]

rbac_roles contains role_key(r) if {
	some kind in {"Role", "ClusterRole"}
	some r in lib.resources_of_kind(kind)
}

# [role key, index of the role, right] for each dangerous right a role of the render writes down.
role_rights contains [role_key(r), i, right] if {
	some kind in {"Role", "ClusterRole"}
	some i, r in lib.resources_of_kind(kind)
	some rule in object.get(r, "rules", [])
	some right in dangerous_rights
	rule_grants(rule, right)
}

# An aggregated ClusterRole holds the rules of every ClusterRole its selectors
# match: those of the render, edit's or admin's own pieces when a selector
# picks them (an empty one picks everything), and whatever ClusterRole anyone
# labels so later (unseen).
aggregated_rights(name) := {right.right |
	some agg in lib.resources_of_kind("ClusterRole")
	lib.name(agg) == name
	some sel in object.get(agg, ["aggregationRule", "clusterRoleSelectors"], [])
	some part in lib.resources_of_kind("ClusterRole")
	lib.name(part) != name
	lib.label_selector_matches(sel, lib.labels(part))
	some [key, _, right] in role_rights
	key == role_key(part)
} | {everything |
	some agg in lib.resources_of_kind("ClusterRole")
	lib.name(agg) == name
	some sel in object.get(agg, ["aggregationRule", "clusterRoleSelectors"], [])
	some builtin in {"rbac.authorization.k8s.io/aggregate-to-edit", "rbac.authorization.k8s.io/aggregate-to-admin"}
	lib.label_selector_matches(sel, {builtin: "true"})
} | {unseen |
	some agg in lib.resources_of_kind("ClusterRole")
	lib.name(agg) == name
	is_object(agg.aggregationRule)
}

ref_key(b) := ["Role", lib.namespace(b), b.roleRef.name] if b.roleRef.kind == "Role" else := ["ClusterRole", "", b.roleRef.name]

# What a binding's role grants: the render's role read against the table, a
# built-in ClusterRole by name, else unseen.
binding_rights(b) := scoped_rights(b, {right.right | some [key, _, right] in role_rights; key == ref_key(b)} | aggregated_rights(b.roleRef.name)) if {
	rbac_roles[ref_key(b)]
	b.roleRef.kind == "ClusterRole"
} else := {right.right | some [key, _, right] in role_rights; key == ref_key(b)} - cluster_right_names if {
	rbac_roles[ref_key(b)]
} else := {everything} if {
	b.roleRef.kind == "ClusterRole"
	powerful_cluster_roles[b.roleRef.name]
} else := set() if {
	b.roleRef.kind == "ClusterRole"
	harmless_cluster_roles[b.roleRef.name]
} else := {everything} if {
	b.roleRef.kind == "ClusterRole"
	builtin_edit_parts[b.roleRef.name]
} else := {builtin_controller} if {
	b.roleRef.kind == "ClusterRole"
	builtin_controller_role(b.roleRef.name)
} else := {unseen}

# The pieces edit and admin are aggregated from hold what they hold.
builtin_edit_parts := {"system:aggregate-to-edit", "system:aggregate-to-admin"}

# The built-in roles of the control plane's own components: the node
# lifecycle controller deletes nodes, the kubelet's role reads every Secret its
# pods use, the controller manager's creates tokens for any service account.
builtin_controller := "a built-in controller or node role (system:controller:*, system:kube-*, system:node)"

builtin_controller_role(name) if startswith(name, "system:controller:")

builtin_controller_role(name) if {
	name in {"system:kube-controller-manager", "system:kube-scheduler", "system:node", "system:node-proxier", "system:persistent-volume-provisioner", "system:volume-scheduler"}
}

scoped_rights(b, rights) := rights if {
	b.kind == "ClusterRoleBinding"
} else := rights - cluster_right_names

# --- Who gets it -------------------------------------------------------------

broad_groups := {"system:authenticated", "system:unauthenticated", "system:serviceaccounts"}

broad_subject(s) if {
	s.kind == "Group"
	broad_groups[s.name]
}

# Every service account of one namespace: whatever anyone runs there.
broad_subject(s) if {
	s.kind == "Group"
	is_string(s.name)
	startswith(s.name, "system:serviceaccounts:")
}

broad_subject(s) if {
	s.kind == "User"
	s.name == "system:anonymous"
}

# Namespaces a binding grants in: a RoleBinding's own, every one for a
# ClusterRoleBinding. st2's: the namespace map's, the one the render lands
# in, and those st2's pods run in (a RoleBinding in another application's
# namespace, letting st2 restart its Deployments, is that application's).
st2_home_namespaces := lib.known_namespaces | {w.namespace | some w in lib.workloads; st2_pod(w)}

grants_in_st2(b) if b.kind == "ClusterRoleBinding"

grants_in_st2(b) if {
	b.kind == "RoleBinding"
	st2_home_namespaces[lib.namespace(b)]
}

rbac_bindings contains [i, b] if {
	some kind in {"RoleBinding", "ClusterRoleBinding"}
	some i, b in lib.resources_of_kind(kind)
	is_object(b.roleRef)
}

findings contains f if {
	some [i, b] in rbac_bindings
	some j, s in object.get(b, "subjects", [])
	broad_subject(s)
	rights := binding_rights(b)
	count(rights) > 0
	f := lib.finding("ST2-OPS-006", lib.severity_reaching(i), i, ["subjects", j], {"role": b.roleRef.name, "subject": s.name, "right": concat(", ", sort(rights))})
}

# st2 actions run as the pods' service accounts: any st2 user gets what those
# may do in st2's namespaces, so the accounts of the pods where users' code and
# commands run (action runners, the sensor container with pack sensors, the
# st2 client pod; serviceAccountName, "default" when unset) may hold none of
# the table. Any other account of an st2 namespace (a PostSync Job's
# restarter) may not hold Secrets or everything: whatever runs in the
# namespace can mount it. A role the gate cannot see is not presumed for either.
user_code_roles := {"st2actionrunner", "st2sensorcontainer", "st2client"}

st2_pod_accounts contains [w.namespace, object.get(u.pod_spec, "serviceAccountName", object.get(u.pod_spec, "serviceAccount", "default"))] if {
	some w in lib.workloads
	some role in w.roles
	user_code_roles[role]
	some u in w.units
}

namespace_wide_rights := {everything, "read Secrets"}

account_rights(b, acct) := binding_rights(b) - {unseen} if {
	st2_pod_accounts[acct]
} else := binding_rights(b) & namespace_wide_rights

# [namespace, name] of a service account subject; a User named
# system:serviceaccount:<namespace>:<name> is that account (its token's user name).
subject_account(b, s) := [object.get(s, "namespace", lib.namespace(b)), s.name] if {
	s.kind == "ServiceAccount"
} else := [parts[2], parts[3]] if {
	s.kind == "User"
	is_string(s.name)
	startswith(s.name, "system:serviceaccount:")
	parts := split(s.name, ":")
	count(parts) == 4
}

findings contains f if {
	some [i, b] in rbac_bindings
	grants_in_st2(b)
	some j, s in object.get(b, "subjects", [])
	acct := subject_account(b, s)
	st2_namespaces[acct[0]]
	rights := account_rights(b, acct)
	count(rights) > 0
	f := lib.finding("ST2-OPS-006", lib.severity_reaching(i), i, ["subjects", j], {"role": b.roleRef.name, "subject": s.name, "right": concat(", ", sort(rights))})
}

# Aggregation labels are a subject too: every holder of view (or edit, admin),
# in every namespace, now and later, gets the rules. Into edit and admin only
# what those roles lack counts.
aggregation_labels := {
	"rbac.authorization.k8s.io/aggregate-to-view": "view",
	"rbac.authorization.k8s.io/aggregate-to-edit": "edit",
	"rbac.authorization.k8s.io/aggregate-to-admin": "admin",
}

aggregation_target(key) := aggregation_labels[key] if {
	aggregation_labels[key]
} else := substring(key, count("rbac.authorization.k8s.io/aggregate-to-"), -1) if {
	startswith(key, "rbac.authorization.k8s.io/aggregate-to-")
}

adds_to(target, _) if {
	not target in {"edit", "admin"}
}

adds_to(target, right) if {
	target in {"edit", "admin"}
	not right.in_edit
}

findings contains f if {
	some i, r in lib.resources_of_kind("ClusterRole")
	some key, value in lib.labels(r)
	value == "true"
	target := aggregation_target(key)
	rights := {right.right | some [rk, _, right] in role_rights; rk == role_key(r); adds_to(target, right)}
	count(rights) > 0
	f := lib.finding("ST2-OPS-006", lib.severity_reaching(i), i, ["metadata", "labels", key], {"role": lib.name(r), "subject": concat("", ["every holder of ", target]), "right": concat(", ", sort(rights))})
}
