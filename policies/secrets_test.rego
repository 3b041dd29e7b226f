package st2_test.secrets

import data.st2_test.fixtures as fx

long_literals := [lit | some lit in fx.chart_defaults.literals; count(lit.value) >= 8]

sec001(resource, path, literal, where, key) := {
	"rule": "ST2-SEC-001",
	"severity": "deny",
	"resource": resource,
	"path": path,
	"params": {"literal": literal, "where": where, "key": key},
}

env_deployment(name, value) := d if {
	base := fx.deployment("st2auth", 2)
	ctr := object.union(fx.container("st2auth"), {"env": [
		{"name": "ST2_AUTH_USERNAME", "value": "st2admin"},
		{"name": name, "value": value},
	]})
	d := json.patch(base, [{"op": "replace", "path": "/spec/template/spec/containers/0", "value": ctr}])
}

with_env(name, value) := fx.replace(fx.baseline, "Deployment", "st2-st2auth", env_deployment(name, value))

auth_index := fx.index_of(fx.baseline, "Deployment", "st2-st2auth")

env_path := ["spec", "template", "spec", "containers", 0, "env", 1, "value"]

# --- ST2-SEC-001: literal hits found by the TypeScript string search ---------------------
#
# The search itself (every string, every decoding) is TypeScript; its hits
# arrive as input.facts.literal_hits. Here: each hit becomes one finding with
# the policy's severity, unknown literal ids are ignored, and nothing but
# ids and paths reaches the finding.

hit(resource, path, literal) := {"resource": resource, "path": path, "literal": literal, "in": "value", "encoding": "base64", "key": "value"}

eval_hits(profile, hits) := fx.eval_facts(profile, fx.plus(fx.baseline, fx.config_map("c", {"k": "v"})), {"secret_values": [], "literal_hits": hits})

test_sec001_denies_every_known_literal_hit if {
	every lit in fx.chart_defaults.literals {
		fs := eval_hits("production", [hit(fx.next, ["data", "value"], lit.id)])
		fs == {{"rule": "ST2-SEC-001", "severity": "deny", "resource": fx.next, "path": ["data", "value"], "params": {"literal": lit.id, "in": "value", "encoding": "base64", "key": "value"}}}
	}
}

test_sec001_hit_anywhere_in_any_object if {
	path := ["spec", "template", "metadata", "annotations", "x"]
	fs := eval_hits("staging", [hit(fx.next, path, "st2-password")])
	fx.only(fs, "ST2-SEC-001", "deny", fx.next)
}

test_sec001_warns_in_dev if {
	fx.only(eval_hits("dev", [hit(fx.next, ["data", "k"], "st2-password")]), "ST2-SEC-001", "warn", fx.next)
}

test_sec001_ignores_unknown_literal_ids if {
	count(eval_hits("production", [hit(fx.next, ["data", "k"], "not-a-default")])) == 0
}

test_sec001_no_hits_no_findings if {
	count(eval_hits("production", [])) == 0
}

# --- ST2-SEC-002: license -------------------------------------------------------------------

license_index := fx.index_of(fx.baseline, "Secret", "st2-license")

with_license(d) := fx.replace(fx.baseline, "Secret", "st2-license", fx.secret_string_data("st2-license", d))

test_sec002_denies_empty_license if {
	fs := fx.eval("production", with_license({"st2_license": ""}))
	fs == {{"rule": "ST2-SEC-002", "severity": "deny", "resource": license_index, "path": ["stringData", "st2_license"], "params": {"key": "st2_license", "reason": "empty"}}}
}

test_sec002_denies_placeholder_license if {
	fs := fx.eval("staging", with_license({"st2_license": "123asd456fake\n"}))
	fs == {{"rule": "ST2-SEC-002", "severity": "deny", "resource": license_index, "path": ["stringData", "st2_license"], "params": {"key": "st2_license", "reason": "placeholder"}}}
}

test_sec002_denies_placeholder_license_in_data if {
	s := fx.secret_data("st2-license", {"st2_license": base64.encode("123asd456fake")})
	fs := fx.eval("production", fx.replace(fx.baseline, "Secret", "st2-license", s))
	fx.only(fs, "ST2-SEC-002", "deny", license_index)
}

test_sec002_denies_license_secret_without_values if {
	s := {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "st2-license", "namespace": "st2"}}
	fs := fx.eval("production", fx.replace(fx.baseline, "Secret", "st2-license", s))
	fs == {{"rule": "ST2-SEC-002", "severity": "deny", "resource": license_index, "path": ["data"], "params": {"key": "", "reason": "missing"}}}
}

docker_secret(name, auth) := {
	"apiVersion": "v1", "kind": "Secret", "metadata": {"name": name, "namespace": "st2"},
	"type": "kubernetes.io/dockerconfigjson",
	"data": {".dockerconfigjson": base64.encode(json.marshal({"auths": {"registry.example.test": {"auth": base64.encode(auth)}}}))},
}

test_sec002_denies_placeholder_docker_auth if {
	fs := fx.eval("production", fx.plus(fx.baseline, docker_secret("st2-license-pull", "123asd456fake:123asd456fake")))
	fs == {{"rule": "ST2-SEC-002", "severity": "deny", "resource": fx.next, "path": ["data", ".dockerconfigjson"], "params": {"key": ".dockerconfigjson", "reason": "placeholder-auth"}}}
}

test_sec002_denies_empty_docker_auth_in_any_pull_secret if {
	fs := fx.eval("production", fx.plus(fx.baseline, docker_secret("regcred", ":")))
	fx.only(fs, "ST2-SEC-002", "deny", fx.next)
}

test_sec002_allows_real_docker_auth if {
	count(fx.eval("production", fx.plus(fx.baseline, docker_secret("st2-license-pull", "a1b2c3-real:a1b2c3-real")))) == 0
	count(fx.eval("production", fx.plus(fx.baseline, docker_secret("regcred", "robot:")))) == 0
}

test_sec002_warns_in_dev if {
	fs := fx.eval("dev", with_license({"st2_license": ""}))
	fx.only(fs, "ST2-SEC-002", "warn", license_index)
}

test_sec002_allows_real_license if {
	count(fx.eval("production", with_license({"st2_license": "a1b2c3-real-license-key"}))) == 0
}

# --- ST2-SEC-003..007: facts about keys and certificates -------------------------------------

tls_secret := fx.secret_string_data("st2-st2web", {"tls.crt": "pem", "tls.key": "pem", "ca.crt": "pem"})

with_tls := fx.plus(fx.baseline, tls_secret)

fact(key, extra) := object.union(
	{"resource": fx.next, "path": ["stringData", key], "key": key, "sha256": "00", "empty": false, "certificates": [], "private_key": null},
	extra,
)

cert(fp, self_signed, expired) := {"fingerprint": fp, "self_signed": self_signed, "expired": expired, "ca": false, "served": false, "spki_sha256": "00"}

ca_cert(fp, served) := {"fingerprint": fp, "self_signed": true, "expired": false, "ca": true, "served": served, "spki_sha256": "00"}

good_cert := cert("AA:BB", false, false)

eval_facts(profile, facts) := fx.eval_facts(profile, with_tls, {"secret_values": facts})

test_sec003_denies_default_ssh_key_by_fingerprint if {
	fs := eval_facts("production", [fact("tls.key", {
		"sha256": "b1ab98385af71423da42176c9c6e4b4bb0c003a081338093aa1ac89e8be7b9ee",
		"private_key": {"ssh_fingerprint": "SHA256:cazRXw0aYmtYDXIpOkaE7uymUXDgB64Vasq2kduwmxk", "spki_sha256": "ff"},
	})])

	# The hash matches too, but the fingerprint finding is enough.
	fs == {{"rule": "ST2-SEC-003", "severity": "deny", "resource": fx.next, "path": ["stringData", "tls.key"], "params": {"key": "tls.key", "default": "chart-ssh-key"}}}
}

test_sec003_allows_other_ssh_key if {
	count(eval_facts("production", [fact("tls.key", {"private_key": {"ssh_fingerprint": "SHA256:other", "spki_sha256": "ff"}})])) == 0
}

test_sec003_warns_in_dev if {
	fs := eval_facts("dev", [fact("tls.key", {"private_key": {"ssh_fingerprint": "SHA256:cazRXw0aYmtYDXIpOkaE7uymUXDgB64Vasq2kduwmxk", "spki_sha256": "ff"}})])
	fx.only(fs, "ST2-SEC-003", "warn", fx.next)
}

test_sec004_denies_default_value_by_hash if {
	fs := eval_facts("production", [fact("tls.key", {"sha256": "B1AB98385AF71423DA42176C9C6E4B4BB0C003A081338093AA1AC89E8BE7B9EE"})])
	fs == {{"rule": "ST2-SEC-004", "severity": "deny", "resource": fx.next, "path": ["stringData", "tls.key"], "params": {"key": "tls.key", "default": "chart-ssh-key-file"}}}
}

test_sec004_allows_other_hash if {
	count(eval_facts("production", [fact("tls.key", {"sha256": "b1ab"})])) == 0
}

test_sec005_denies_default_tls_key if {
	fs := eval_facts("production", [fact("tls.key", {"private_key": {"ssh_fingerprint": "SHA256:x", "spki_sha256": "0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C4B5A69788796A5B4C3D2E1F0"}})])
	fs == {{"rule": "ST2-SEC-005", "severity": "deny", "resource": fx.next, "path": ["stringData", "tls.key"], "params": {"key": "tls.key", "default": "chart-st2web-key"}}}
}

test_sec005_allows_other_tls_key if {
	count(eval_facts("production", [fact("tls.key", {"private_key": {"ssh_fingerprint": "SHA256:x", "spki_sha256": "1234"}})])) == 0
}

test_sec006_denies_default_certificate if {
	fp := "f1:9a:2f:51:97:e3:61:6d:c1:b4:c9:db:27:b8:eb:6d:4d:58:7e:e9:79:02:4e:fb:1f:59:73:5e:b4:a8:4f:e4"
	fs := eval_facts("staging", [fact("tls.crt", {"certificates": [good_cert, cert(fp, false, false)]})])
	fs == {{"rule": "ST2-SEC-006", "severity": "deny", "resource": fx.next, "path": ["stringData", "tls.crt"], "params": {"key": "tls.crt", "default": "chart-st2web-certificate", "certificate": 1}}}
}

test_sec006_allows_other_certificate if {
	count(eval_facts("production", [fact("tls.crt", {"certificates": [good_cert]})])) == 0
}

test_sec007_denies_self_signed_in_production if {
	fs := eval_facts("production", [fact("tls.crt", {"certificates": [cert("AA", true, false)]})])
	fs == {{"rule": "ST2-SEC-007", "severity": "deny", "resource": fx.next, "path": ["stringData", "tls.crt"], "params": {"key": "tls.crt", "problem": "self-signed", "certificate": 0}}}
}

test_sec007_warns_self_signed_in_staging_and_dev if {
	facts := [fact("tls.crt", {"certificates": [cert("AA", true, false)]})]
	fx.only(eval_facts("staging", facts), "ST2-SEC-007", "warn", fx.next)
	fx.only(eval_facts("dev", facts), "ST2-SEC-007", "warn", fx.next)
}

test_sec007_denies_expired_anywhere_in_chain if {
	fs := eval_facts("production", [fact("tls.crt", {"certificates": [good_cert, cert("CC", false, true)]})])
	fs == {{"rule": "ST2-SEC-007", "severity": "deny", "resource": fx.next, "path": ["stringData", "tls.crt"], "params": {"key": "tls.crt", "problem": "expired", "certificate": 1}}}
}

test_sec007_allows_self_signed_root_in_chain_and_ca_bundle if {
	count(eval_facts("production", [fact("tls.crt", {"certificates": [good_cert, cert("RR", true, false)]})])) == 0
	count(eval_facts("production", [fact("ca.crt", {"certificates": [cert("RR", true, false)]})])) == 0
}

test_sec007_allows_valid_certificate if {
	count(eval_facts("production", [fact("tls.crt", {"certificates": [good_cert]})])) == 0
}

test_facts_absent_are_tolerated if {
	fs := data.st2.findings with input as {"profile": "production", "resources": fx.baseline}
		with data.chart_defaults as fx.chart_defaults
		with data.settings.delivery.namespaces as fx.listed_namespaces
		with data.settings.delivery.singleton_names as fx.singleton_names
	count(fs) == 0
}

test_sec002_denies_placeholder_password_in_license_pull_secret if {
	fx.only(fx.eval("production", fx.plus(fx.baseline, docker_secret("st2-license", "robot:123asd456fake"))), "ST2-SEC-002", "deny", fx.next)
	count(fx.eval("production", fx.plus(fx.baseline, docker_secret("regcred", "robot:123asd456fake")))) == 0
}

test_sec004_not_repeated_for_fingerprinted_certificate_or_key if {
	hash := "b1ab98385af71423da42176c9c6e4b4bb0c003a081338093aa1ac89e8be7b9ee"
	fp := "F1:9A:2F:51:97:E3:61:6D:C1:B4:C9:DB:27:B8:EB:6D:4D:58:7E:E9:79:02:4E:FB:1F:59:73:5E:B4:A8:4F:E4"
	fs := eval_facts("production", [
		fact("tls.crt", {"sha256": hash, "certificates": [cert(fp, false, false)]}),
		fact("tls.key", {"sha256": hash, "private_key": {"ssh_fingerprint": "SHA256:x", "spki_sha256": "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"}}),
	])
	{f.rule | some f in fs} == {"ST2-SEC-005", "ST2-SEC-006"}
	count(fs) == 2
}

test_sec007_allows_a_self_signed_ca_under_any_key_name if {
	count(eval_facts("production", [fact("corporate-root.pem", {"certificates": [ca_cert("RR", false)]})])) == 0
}

test_sec007_denies_a_self_signed_ca_that_is_served if {
	fs := eval_facts("production", [fact("server.pem", {"certificates": [ca_cert("RR", true)]})])
	fx.only(fs, "ST2-SEC-007", "deny", fx.next)
}
