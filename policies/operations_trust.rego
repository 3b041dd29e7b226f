# ST2-OPS-020: a leniently judged render acting on a stricter environment
# through cluster-scoped objects.
#
# What a render is judged by (lib.profile) binds the namespaces it lands in;
# a cluster-scoped object lands in none of them and acts wherever its
# selectors reach (lib_reach.rego). A dev or staging render may not own the
# Namespace object of a stricter environment (its Application would relabel
# it, or prune it and everything in it), install admission control or policy
# that selects a stricter environment's namespaces, or grant rights of the
# table in operations_rbac.rego in every namespace (a ClusterRoleBinding).
# Only those kinds are read, and nothing at all in a production render.

package st2.operations

import data.st2.lib

lenient_rank := lib.rank_of(lib.profile)

findings contains f if {
	lenient_rank < 2
	some i, r in lib.resources_of_kind("Namespace")
	p := lib.namespace_profiles[lib.name(r)]
	lib.rank_of(p) > lenient_rank
	f := lib.finding("ST2-OPS-020", "deny", i, ["metadata", "name"], {"kind": "Namespace", "namespace": lib.name(r), "environment": p, "judged": lib.profile})
}

# Admission control and policy engines: what their selectors reach.
findings contains f if {
	lenient_rank < 2
	some i, _ in lib.object_reach
	r := input.resources[i]
	not r.kind in {"Namespace", "ClusterRoleBinding", "ClusterRole"}
	lib.reach_rank(i) > lenient_rank
	ns := lib.reach_namespace(i)
	f := lib.finding("ST2-OPS-020", "deny", i, ["kind"], {"kind": r.kind, "namespace": ns, "environment": lib.namespace_profiles[ns], "judged": lib.profile})
}

# A ClusterRoleBinding grants in every namespace, the stricter ones included.
findings contains f if {
	lenient_rank < 2
	some i, b in lib.resources_of_kind("ClusterRoleBinding")
	is_object(b.roleRef)
	rights := binding_rights(b) - {unseen}
	count(rights) > 0
	lib.reach_rank(i) > lenient_rank
	ns := lib.reach_namespace(i)
	f := lib.finding("ST2-OPS-020", "deny", i, ["roleRef"], {"kind": "ClusterRoleBinding", "namespace": ns, "environment": lib.namespace_profiles[ns], "judged": lib.profile, "right": concat(", ", sort(rights))})
}

# Cluster-wide objects a stricter environment depends on (the eleventh red team):
# the ClusterSecretStore the bundle maps to a stricter environment
# (environments.secret_stores: its ExternalSecrets then fill production's
# passwords from whatever the lenient render defines), and the ClusterIssuer
# production's st2web certificate names (exposure.tls_issuers): Argo CD's
# lenient Application takes the shared object over.
findings contains f if {
	lenient_rank < 2
	some i, r in lib.resources_of_kind("ClusterSecretStore")
	p := data.settings.environments.secret_stores[lib.name(r)]
	lib.rank_of(p) > lenient_rank
	f := lib.finding("ST2-OPS-020", "deny", i, ["metadata", "name"], {"kind": "ClusterSecretStore", "namespace": lib.name(r), "environment": p, "judged": lib.profile})
}

findings contains f if {
	lenient_rank < 2
	some i, r in lib.resources_of_kind("ClusterIssuer")
	startswith(object.get(r, "apiVersion", ""), "cert-manager.io/")
	concat("/", ["ClusterIssuer", lib.name(r)]) in listed_issuers
	f := lib.finding("ST2-OPS-020", "deny", i, ["metadata", "name"], {"kind": "ClusterIssuer", "namespace": lib.name(r), "environment": "production", "judged": lib.profile})
}
