# ST2-OPS-072: a Secret written twice, by the render (Argo CD) and by an
# ExternalSecret of the same namespace whose target it is (the twenty-first red
# team's f4-staging-planted*-secret: a committed `rabbitmq` Secret beside the
# ExternalSecret that fills it). External Secrets Operator's reconciler
# (pkg/controllers/externalsecret/externalsecret_controller.go) updates an
# existing target with createOrUpdateSecret under creationPolicy Owner (the
# default) and Orphan, and force-applies its keys under Merge (patchSecret); it
# watches Secrets by target name, so every Argo CD sync (or self-heal) that
# writes the git values back is overwritten again. The live value alternates:
# RabbitMQ members that restart at different times read different Erlang
# cookies and passwords, and st2 logins follow whichever value won last.
# Not judged: creationPolicy None (ESO writes nothing), Merge whose keys the
# Secret does not write, or whose keys are not known (dataFrom, a template):
# git's keys and the store's side by side is Merge's documented use;
# refreshPolicy CreatedOnce (ESO leaves an existing Secret alone).
package st2.operations

import data.st2.lib

rules["ST2-OPS-072"] := {
	"title": "A Secret the render writes that an ExternalSecret also writes",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"External Secrets Operator overwrites its target Secret on every refresh and every",
		"change to it, and Argo CD writes the render's copy back on every sync: the value",
		"flips between git's and the secret store's, and pods read whichever was live when",
		"they started (RabbitMQ members with different Erlang cookies never cluster). Keep one",
		"writer: drop the Secret from the render and let the ExternalSecret own it, or give",
		"the ExternalSecret creationPolicy Merge with keys the Secret does not hold.",
	]),
}

findings contains f if {
	some e in eso_writers
	some i, s in lib.resources_of_kind("Secret")
	lib.name(s) == e.target
	lib.namespace(s) == e.namespace
	some key in written_twice(s, e)
	f := lib.finding("ST2-OPS-072", lib.severity_strict, i, ["metadata", "name"], {"external_secret": e.name, "key": key})
}

# The ExternalSecrets that write a Secret target (eso_target_name, eso_keys:
# operations_pod_never.rego), with the keys they write when under Merge.
eso_writers contains {"name": lib.name(r), "namespace": lib.namespace(r), "target": eso_target_name(r), "merge": policy == "Merge", "keys": merged_keys(spec)} if {
	some r in lib.resources_of_kind("ExternalSecret")
	spec := r.spec
	is_object(spec)
	not spec.target.manifest
	policy := object.get(spec, ["target", "creationPolicy"], "Owner")
	policy in {"Owner", "Orphan", "Merge"}
	object.get(spec, "refreshPolicy", "") != "CreatedOnce"
}

# The keys a Merge writes, known only without dataFrom or templateFrom.
merged_keys(spec) := eso_keys(spec) if {
	count(object.get(spec, "dataFrom", [])) == 0
	count(object.get(spec, ["target", "template", "templateFrom"], [])) == 0
} else := set()

# The keys the Secret and the ExternalSecret both write ("*": the whole Secret,
# which ESO replaces under Owner and Orphan).
written_twice(s, e) := {"*"} if {
	not e.merge
} else := {k |
	some field in ["data", "stringData"]
	some k, _ in object.get(s, field, {})
	k in e.keys
}
