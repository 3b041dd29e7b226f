# The thirteenth red team's encoded defaults (test/policy/redteam/fresh14-enc.ts):
# the secret search (src/policy/literal-transforms.ts, number-bytes.ts,
# uuencode.ts, substitutions.ts) reports a default found case-swapped,
# reversed, as blank-separated byte numbers, one big integer, uuencoded or
# fixed up by a script's substitution as a literal hit with that encoding.
# ST2-SEC-001 takes every encoding alike: deny in production, warn in dev, and
# the finding names the default's id and the key, never the value.
package st2_test.redteam13_enc

import data.st2_test.fixtures as fx

encodings := ["swapcase", "reversed", "byte-list", "big-integer", "uuencode", "substituted"]

cm := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "hint", "namespace": fx.ns}, "data": {"h.txt": "(encoded)"}}

hit(id, encoding) := {"resource": count(fx.baseline), "path": ["data", "h.txt"], "literal": id, "in": "value", "encoding": encoding, "key": "h.txt"}

findings(profile, id, encoding) := fx.eval_facts(profile, array.concat(fx.baseline, [cm]), {"secret_values": [], "literal_hits": [hit(id, encoding)]})

sec001(fs) := [f | some f in fs; f.rule == "ST2-SEC-001"]

test_every_new_encoding_denies_in_production if {
	every encoding in encodings {
		some f in sec001(findings("production", "rabbitmq-erlang-cookie", encoding))
		f.severity == "deny"
		f.params.encoding == encoding
		f.params.literal == "rabbitmq-erlang-cookie"
		f.params.key == "h.txt"
	}
}

test_every_new_encoding_warns_in_dev if {
	every encoding in encodings {
		some f in sec001(findings("dev", "st2-password", encoding))
		f.severity == "warn"
	}
}

test_the_finding_carries_no_value if {
	some f in sec001(findings("production", "mongodb-password", "swapcase"))
	text := json.marshal(f)
	not contains(text, "XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK")
	not contains(lower(text), lower("XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK"))
}

test_no_hit_no_finding if {
	fs := fx.eval_facts("production", array.concat(fx.baseline, [cm]), {"secret_values": [], "literal_hits": []})
	count(sec001(fs)) == 0
}

test_an_unknown_id_is_no_finding if {
	count(sec001(findings("production", "not-a-default", "uuencode"))) == 0
}
