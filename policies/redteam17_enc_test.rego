# The seventeenth red team's encoded defaults (test/policy/redteam/fresh17-enc.ts):
# the secret search (src/policy/literal-encodings.ts, number-bytes.ts) reports a
# default found in a keyless form a tool turns back (ROT47, Atbash, base58,
# base36, base64 reversed; 8-bit binary and 16-bit words as byte-list) as a
# literal hit with that encoding. ST2-SEC-001 takes them as any other: deny in
# production, warn in dev, and the finding names the default's id, never the value.
package st2_test.redteam17_enc

import data.st2_test.fixtures as fx

encodings := ["rot47", "atbash", "base58", "base36", "reversed-base64"]

secret := {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "login-enc", "namespace": fx.ns}, "stringData": {"encoded": "(encoded)"}}

hit(id, encoding) := {"resource": count(fx.baseline), "path": ["stringData", "encoded"], "literal": id, "in": "value", "encoding": encoding, "key": "encoded"}

findings(profile, id, encoding) := fx.eval_facts(profile, array.concat(fx.baseline, [secret]), {"secret_values": [], "literal_hits": [hit(id, encoding)]})

sec001(fs) := [f | some f in fs; f.rule == "ST2-SEC-001"]

test_every_keyless_encoding_denies_in_production if {
	every encoding in encodings {
		some f in sec001(findings("production", "st2-password", encoding))
		f.severity == "deny"
		f.params.encoding == encoding
		f.params.literal == "st2-password"
	}
}

test_every_keyless_encoding_warns_in_dev if {
	every encoding in encodings {
		some f in sec001(findings("dev", "mongodb-password", encoding))
		f.severity == "warn"
	}
}

test_no_hit_no_finding if {
	fs := fx.eval_facts("production", array.concat(fx.baseline, [secret]), {"secret_values": [], "literal_hits": []})
	count(sec001(fs)) == 0
}
