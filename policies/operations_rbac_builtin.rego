# ST2-OPS-006, continued (the fourteenth red team): the cluster's built-in
# roles and bindings redefined by the render.
#
# Kubernetes creates cluster-admin, admin, edit and view, and every ClusterRole
# and ClusterRoleBinding whose name starts with "system:" (system:basic-user is
# bound to every authenticated user, system:public-info-viewer to anonymous ones
# too). A render that applies an object of one of those names replaces it, and
# with the annotation rbac.authorization.kubernetes.io/autoupdate: "false" the
# API server no longer restores it at start (kubernetes.io, "Using RBAC
# Authorization": auto-reconciliation). Whatever it then grants, it grants to
# everyone already bound to it, in every namespace, st2's included: no
# environment of one application may redefine them, so this denies everywhere.

package st2.operations

import data.st2.lib

builtin_rbac_names := {"cluster-admin", "admin", "edit", "view"}

builtin_rbac_name(name) if builtin_rbac_names[name]

builtin_rbac_name(name) if startswith(name, "system:")

findings contains f if {
	some kind in ["ClusterRole", "ClusterRoleBinding"]
	some i, r in lib.resources_of_kind(kind)
	builtin_rbac_name(lib.name(r))
	f := lib.finding("ST2-OPS-006", "deny", i, ["metadata", "name"], {"role": lib.name(r), "subject": "everyone the cluster binds it to", "right": concat("", ["redefines the built-in ", kind])})
}
