# ST2-SEC-021: private key material committed in the render. A PEM or OpenSSH
# private key block (parsable or not, in any encoding the secret search
# decodes: base64, escapes, nested layers; src/policy/secret-facts.ts and
# string-facts.ts) in a Secret, ConfigMap, template or any other string is in
# Git's history for good: everyone who can read the repository holds the key.
# gitleaks' rule, in production: keys come from the secret store
# (ExternalSecret) or a SealedSecret, whose ciphertext holds no key block.
# A fresh password, keyfile or datastore key stays the owner's choice (the
# seventh red team's sec-safe-* cases); a private key is not: the public half
# sits on every host the runners reach. Known published keys are ST2-SEC-003
# and -005, denied everywhere.
package st2.secrets

import data.st2.lib

rules["ST2-SEC-021"] := {
	"title": "Private key committed in the render",
	"default_severity": "deny",
	"profiles": "deny in production, warn in staging, not checked in dev",
	"remediation": concat(" ", [
		"A private key in a manifest is in the repository's history for good: everyone who can",
		"read it holds the key that opens every host trusting its public half (st2's SSH runner",
		"key) or impersonates the service (a TLS key). Keep the key in the secret store and bring",
		"it in with an ExternalSecret (as components/external-secrets does for st2-ssh) or a",
		"SealedSecret; rotate the committed one.",
	]),
}

findings contains f if {
	some sv in secret_values
	sv.private_block == true
	not fingerprinted[[sv.resource, sv.path]]
	f := lib.finding("ST2-SEC-021", lib.severity_capacity, sv.resource, location(sv), {"key": sv.key})
}
