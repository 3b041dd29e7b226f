# ST2-SEC-013 and ST2-SEC-014: credentials the repository itself holds (the
# ninth red team's plaintext-credential-in-git and weak-or-published-password
# classes), found in TypeScript (src/policy/committed-credentials.ts): only
# resource indexes, paths, key names and kinds arrive, never a value.
package st2.secrets

import data.st2.lib

rules["ST2-SEC-013"] := {
	"title": "Credential written into git where the secret store's value belongs",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev; a credential of production outside the store: deny in production only",
	"remediation": concat(" ", [
		"In production every credential comes from the secret store: a Secret pods read written",
		"in git (a secretGenerator in place of the ExternalSecret), a credential env literal",
		"(ST2_API_KEY, *_PASSWORD) or the same variable loaded from a ConfigMap key (envFrom,",
		"with its prefix, or configMapKeyRef), a password in a pack config or another ConfigMap file",
		"(the user-info of an st2 option's URL too: [database] host, [messaging] url), a",
		"MongoDB or RabbitMQ user created with a literal password (a backdoor account) are",
		"credentials in git history, as is a secret store with ESO's fake provider (its values",
		"are in its spec).",
		"An ExternalSecret template exists to write values from the secret store: a literal",
		"password in it (a template data key named like a credential, [database] password, the",
		"password of [messaging] url, LDAP's bind_password) is a credential in git history,",
		"readable by everyone with the repository. A provider-issued key (an AWS access key, a",
		"GitHub, GitLab, Slack or Google token, an st2 API key) in a ConfigMap, a template, an env",
		"literal or any object's annotations or labels is readable by everyone with view on the",
		"namespace too. Put the value in the store and",
		"reference it ({{ .key }} with spec.data), or st2's datastore ({{ st2kv.system.x | decrypt_kv }}),",
		"and rotate the exposed credential.",
	]),
}

rules["ST2-SEC-014"] := {
	# A guessable password is as good as a published one: never waivable in production.
	"waivable_in_production": false,
	"title": "Weak or published password",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"The value is one of the most guessed passwords (Password1, admin, changeme...) or",
		"StackStorm's published test login: whoever tries it first logs in. Generate a random",
		"password of at least 16 characters in the secret store.",
	]),
}

findings contains f if {
	some c in object.get(input.facts, "committed_credentials", [])
	f := lib.finding("ST2-SEC-013", lib.severity_strict, c.resource, c.path, {"key": c.key, "kind": c.kind})
}

# The tenth red team's secret-committed class (src/policy/store-credentials.ts):
# production takes every credential from the store (dev and staging may commit theirs).
findings contains f if {
	lib.profile == "production"
	some c in object.get(input.facts, "store_credentials", [])
	f := lib.finding("ST2-SEC-013", "deny", c.resource, c.path, {"key": c.key, "kind": c.kind})
}

findings contains f if {
	some c in object.get(input.facts, "weak_credentials", [])
	f := lib.finding("ST2-SEC-014", lib.severity_strict, c.resource, c.path, {"key": c.key})
}

# A secret store with ESO's `fake` provider serves the values written in its spec: every
# ExternalSecret reading it gets credentials from git. A store the bundle maps to staging or
# production (environments.secret_stores) is denied whatever render defines it.
findings contains f if {
	some kind in {"ClusterSecretStore", "SecretStore"}
	some i, r in lib.resources_of_kind(kind)
	is_object(r.spec.provider.fake)
	f := lib.finding("ST2-SEC-013", fake_store_severity(lib.name(r)), i, ["spec", "provider", "fake"], {"key": "spec.provider.fake", "kind": kind})
}

fake_store_severity(name) := "deny" if {
	data.settings.environments.secret_stores[name] in {"staging", "production"}
} else := lib.severity_strict
