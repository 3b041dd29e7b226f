# ST2-OPS-082: two objects of the render that land as one object of the
# cluster (the eighteenth red team's bad-dup-resource). A namespaced object
# without metadata.namespace lands in the destination namespace, where the
# render may already hold its group, kind and name; kustomize keeps both.
# Argo CD v3.2.6 keys an Application's manifests by group, kind, landed
# namespace and name, applies only the LAST of each key and raises a
# RepeatedResourceWarning condition, a warning that does not stop the sync
# (controller/state.go DeduplicateTargetObjects). The gate judged both copies;
# the cluster runs one, and a rule reading the object by name may have read
# the other. Copies equal after landing are no fact (landing-duplicates.ts).
package st2.operations

import data.st2.lib

rules["ST2-OPS-082"] := {
	"title": "Two objects land as one",
	"default_severity": "deny",
	"profiles": "deny in every environment",
	"remediation": concat(" ", [
		"Two objects of the render differ but land as one object of the cluster (same group,",
		"kind, namespace and name once a resource without metadata.namespace takes the",
		"destination namespace). kustomize keeps both; Argo CD applies only the last of them and",
		"reports RepeatedResourceWarning (argo-cd v3.2.6 controller/state.go",
		"DeduplicateTargetObjects), so what the gate judged is not what runs. Remove one copy,",
		"or give it a namespace or a name of its own.",
	]),
}

findings contains f if {
	some d in object.get(input.facts, "landing_duplicates", [])
	d.differ
	n := count(d.resources)
	some k, i in d.resources
	f := lib.finding("ST2-OPS-082", lib.severity_always, i, ["metadata", "name"], {
		"object": landed_object(d),
		"copy": concat(" of ", [format_int(k + 1, 10), format_int(n, 10)]),
		"argo_cd": argo_cd_applies(k, n),
	})
}

landed_object(d) := concat("", [d.kind, " ", d.name]) if d.namespace == ""

landed_object(d) := concat("", [d.kind, " ", d.namespace, "/", d.name]) if d.namespace != ""

argo_cd_applies(k, n) := "applies this copy" if k == n - 1

argo_cd_applies(k, n) := "drops this copy" if k != n - 1
