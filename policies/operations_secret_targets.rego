# ST2-SEC-035: an ExternalSecret writing the secret store's credentials into an
# object that is not a Secret (the twelfth red team's cfg-secrets-template-cm).
# External Secrets Operator's generic targets (`spec.target.manifest: {apiVersion,
# kind}`, behind the controller's --unsafe-allow-generic-targets) write into a
# ConfigMap or a custom resource: not encrypted at rest, readable by every
# account with `view`. Found in TypeScript (src/policy/eso-targets.ts): what the
# ExternalSecret fetches (a credential-named key, property or template key, or
# dataFrom) decides; a ConfigMap of settings from the store stays allowed.
package st2.operations

import data.st2.lib

rules["ST2-SEC-035"] := {
	"title": "ExternalSecret writing credentials into an object that is not a Secret",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"spec.target.manifest makes External Secrets Operator write what it fetches into another",
		"kind (a ConfigMap, a custom resource): st2's database, message bus or login passwords",
		"there are readable by every account with view on the namespace, unencrypted in etcd and",
		"in every backup (ESO's own guide warns of it). Drop target.manifest so the target is a",
		"Secret, and fetch only settings (hosts, endpoints) into a ConfigMap target.",
	]),
}

findings contains f if {
	some t in object.get(input.facts, "eso_generic_targets", [])
	is_object(t)
	f := lib.finding("ST2-SEC-035", lib.severity_strict, t.resource, t.path, {"kind": t.kind, "writes": t.writes})
}
