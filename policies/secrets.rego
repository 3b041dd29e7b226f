# Unsafe secrets: the chart's published defaults, placeholder licenses, the
# default SSH and TLS keys, and weak certificates.
#
# Values that wasm cannot inspect (hashes, certificate and key fingerprints,
# self-signed, expiry) arrive precomputed in input.facts.secret_values; the
# known defaults come from data.chart_defaults (policies/chart_defaults/data.json).
# Findings carry the *id* of a default, never the value itself.
package st2.secrets

import data.st2.lib

# --- ST2-SEC-001: chart default literals --------------------------------------

rules["ST2-SEC-001"] := {
	"waivable_in_production": false,
	"title": "Chart default secret literal in the render",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"The stackstorm-ha chart publishes this value in its values.yaml, so anyone can use it.",
		"Generate a new random value, keep it out of Git (sealed or external secret),",
		"and rotate every service that used the default (st2 auth, RabbitMQ, MongoDB, chatops).",
	]),
}

# Every string of every resource, map keys included, is searched in every
# decoded form (base64 wrapped or not, percent-encoding in either case, JSON
# escapes, URL user-info, Basic-auth headers): the TypeScript side does the
# decoding and matches the literals of data.chart_defaults.literals, and
# reports only where and which (input.facts.literal_hits), never the value.
literal_ids contains d.id if some d in data.chart_defaults.literals

findings contains f if {
	some hit in input.facts.literal_hits
	is_object(hit)
	literal_ids[hit.literal]
	f := lib.finding("ST2-SEC-001", lib.severity_strict, hit.resource, hit.path, {
		"literal": hit.literal,
		"in": hit["in"],
		"encoding": hit.encoding,
		"key": hit.key,
	})
}

# Fragments of a published key's base64 body (data.chart_defaults.key_fragments),
# found with whitespace removed: a key split over two values, re-wrapped,
# indented or truncated is still that key. Reported under the key's own rule,
# once per value (fragments of one key share its id), and not again where the
# whole key was fingerprinted.
fragment_keys[d.id] := d if some d in data.chart_defaults.key_fragments

findings contains f if {
	done := fingerprinted
	some hit in input.facts.literal_hits
	is_object(hit)
	d := fragment_keys[hit.literal]
	not done[[hit.resource, hit.path]]
	f := lib.finding(d.rule, lib.severity_strict, hit.resource, hit.path, {"key": hit.key, "default": d.key})
}

# --- ST2-SEC-009: a value the secret search could not finish -----------------

rules["ST2-SEC-009"] := {
	"waivable_in_production": false,
	"title": "Value the secret search cannot search to its end",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"The gate decodes every string under explicit budgets (a stream decompresses to at most 32",
		"times its compressed size, at least 256 KiB; an archive to 512 entries; 4 nested encodings,",
		"32 decoded forms, 4 MiB of decoded text per value, bcrypt hashes up to cost 12, openssl enc keys up to 200000 PBKDF2 rounds); this value needs more, so what it hides was not searched, and a value that",
		"cannot be searched is not passed. Ship the content as plain text (searched at any size),",
		"uncompressed or less deeply encoded, or in the image; secrets belong in the secret store.",
	]),
}

# Reasons the TypeScript side notes (src/policy/search-budget.ts); the value
# itself never leaves it.
search_short_reasons := {
	"decode-budget": "it decompresses or decodes to more than the search budget",
	"depth": "it is still encoded after 4 nested layers",
	"forms": "it decodes to more than 32 distinct forms",
	"hash-cost": "it holds a bcrypt hash or an openssl enc key derivation costlier than the gate verifies (bcrypt cost above 12 or more than 4 in one value, PBKDF2 over 200000 rounds)",
}

findings contains f if {
	some s in input.facts.search_short
	is_object(s)
	why := search_short_reasons[s.reason]
	f := lib.finding("ST2-SEC-009", lib.severity_strict, s.resource, s.path, {"key": s.key, "why": why})
}

# --- ST2-SEC-002: empty or placeholder license ---------------------------------

rules["ST2-SEC-002"] := {
	"title": "Empty or placeholder StackStorm license",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"The license Secret (and the image pull secret built from it) holds an empty or",
		"placeholder value such as the chart CI's fake license, so image pulls fail",
		"or the cluster runs unlicensed. Put the real license in the Secret, from a sealed or external secret.",
	]),
}

placeholders contains p if {
	some p in data.chart_defaults.license_placeholders
	is_string(p)
}

placeholder_reason(value) := "empty" if {
	trim_space(value) == ""
} else := "placeholder" if {
	trim_space(value) in placeholders
}

is_license_secret(r) if contains(lower(lib.name(r)), "license")

docker_config_keys := {".dockerconfigjson", ".dockercfg"}

# Every key of a license Secret.
findings contains f if {
	some v in lib.text_values
	r := input.resources[v.resource]
	r.kind == "Secret"
	is_license_secret(r)
	not v.key in docker_config_keys
	reason := placeholder_reason(v.text)
	f := lib.finding("ST2-SEC-002", lib.severity_strict, v.resource, [v.field, v.key], {"key": v.key, "reason": reason})
}

# A license Secret with no value at all.
findings contains f if {
	some i, r in lib.resources_of_kind("Secret")
	is_license_secret(r)
	count(lib.object_at(r, ["data"])) + count(lib.object_at(r, ["stringData"])) == 0
	f := lib.finding("ST2-SEC-002", lib.severity_strict, i, ["data"], {"key": "", "reason": "missing"})
}

# Docker config auths: "<license>:<license>" in the chart's pull secret.
# Flagged when the password is a placeholder and either the user is one too or
# the Secret is a license Secret.
findings contains f if {
	some v in lib.text_values
	v.key in docker_config_keys
	r := input.resources[v.resource]
	some cred in docker_credentials(v.text)
	placeholder_reason(cred.password)
	placeholder_user_or_license(cred.username, r)
	f := lib.finding("ST2-SEC-002", lib.severity_strict, v.resource, [v.field, v.key], {"key": v.key, "reason": "placeholder-auth"})
}

placeholder_user_or_license(user, _) if placeholder_reason(user)

placeholder_user_or_license(_, r) if is_license_secret(r)

# {username, password} pairs of a .dockerconfigjson / .dockercfg text.
docker_credentials(text) := {cred |
	json.is_valid(text)
	doc := json.unmarshal(text)
	is_object(doc)
	auths := object.get(doc, "auths", doc)
	is_object(auths)
	some entry in auths
	is_object(entry)
	some cred in entry_credentials(entry)
}

entry_credentials(entry) := {c |
	auth := entry.auth
	is_string(auth)
	base64.is_valid(auth)
	decoded := base64.decode(auth)
	sep := indexof(decoded, ":")
	sep >= 0
	c := {"username": substring(decoded, 0, sep), "password": substring(decoded, sep + 1, -1)}
} | {c |
	is_string(entry.password)
	c := {"username": object.get(entry, "username", ""), "password": entry.password}
}

# --- ST2-SEC-003..006: default keys and certificates (by facts) ----------------

rules["ST2-SEC-003"] := {
	"waivable_in_production": false,
	"title": "Known default SSH private key",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"The key is a published default: the stanley key every stackstorm-ha release shipped up to v0.60.0,",
		"or this repository's dev key. Its private half is public. Generate a new key pair (ssh-keygen -t ed25519),",
		"store it in a sealed or external secret, and replace the public key on every target host.",
	]),
}

rules["ST2-SEC-004"] := {
	"waivable_in_production": false,
	"title": "Known default secret value (matched by SHA-256)",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"The decoded value is byte-for-byte a value the chart publishes.",
		"Replace it with a freshly generated secret kept out of Git.",
	]),
}

rules["ST2-SEC-005"] := {
	"waivable_in_production": false,
	"title": "Known default TLS private key",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"This st2web TLS key is published (the chart's or this repository's dev key), so the traffic",
		"it protects can be decrypted or impersonated. Issue a new key and certificate (e.g. cert-manager)",
		"and terminate TLS at the Ingress or Gateway.",
	]),
}

rules["ST2-SEC-006"] := {
	"waivable_in_production": false,
	"title": "Known default TLS certificate",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"This is a published st2web certificate (the chart's self-signed CN stackstorm one, expired",
		"2019-05-23, or this repository's dev one) whose key is public. Issue a certificate from your CA",
		"or cert-manager.",
	]),
}

secret_values contains sv if {
	some sv in input.facts.secret_values
	is_object(sv)
}

location(sv) := sv.path

findings contains f if {
	some sv in secret_values
	some d in data.chart_defaults.ssh_key_fingerprints
	sv.private_key.ssh_fingerprint == d.fingerprint
	f := lib.finding("ST2-SEC-003", lib.severity_strict, sv.resource, location(sv), {"key": sv.key, "default": d.id})
}

findings contains f if {
	some sv in secret_values
	some d in data.chart_defaults.tls_key_fingerprints
	lower(sv.private_key.spki_sha256) == lower(d.spki_sha256)
	f := lib.finding("ST2-SEC-005", lib.severity_strict, sv.resource, location(sv), {"key": sv.key, "default": d.id})
}

findings contains f if {
	some sv in secret_values
	some n, cert in sv.certificates
	some d in data.chart_defaults.tls_certificate_fingerprints
	upper(cert.fingerprint) == upper(d.fingerprint)
	f := lib.finding("ST2-SEC-006", lib.severity_strict, sv.resource, location(sv), {"key": sv.key, "default": d.id, "certificate": n})
}

# A value already identified by a key or certificate fingerprint is not
# reported a second time by its hash.
fingerprinted contains [sv.resource, sv.path] if {
	some sv in secret_values
	some d in data.chart_defaults.ssh_key_fingerprints
	sv.private_key.ssh_fingerprint == d.fingerprint
}

fingerprinted contains [sv.resource, sv.path] if {
	some sv in secret_values
	some d in data.chart_defaults.tls_key_fingerprints
	lower(sv.private_key.spki_sha256) == lower(d.spki_sha256)
}

fingerprinted contains [sv.resource, sv.path] if {
	some sv in secret_values
	some cert in sv.certificates
	some d in data.chart_defaults.tls_certificate_fingerprints
	upper(cert.fingerprint) == upper(d.fingerprint)
}

findings contains f if {
	done := fingerprinted
	some sv in secret_values
	some d in data.chart_defaults.value_sha256
	lower(sv.sha256) == lower(d.sha256)
	not done[[sv.resource, sv.path]]
	f := lib.finding("ST2-SEC-004", lib.severity_strict, sv.resource, location(sv), {"key": sv.key, "default": d.id})
}

# --- ST2-SEC-007: self-signed or expired certificates --------------------------

rules["ST2-SEC-007"] := {
	"title": "Self-signed or expired TLS certificate",
	"default_severity": "deny",
	"profiles": "deny in production, warn in staging and dev",
	"remediation": concat(" ", [
		"Clients cannot verify a self-signed certificate and stop trusting an expired one,",
		"which trains users to click through warnings. Issue the certificate from a trusted CA",
		"(cert-manager with ACME or your internal CA) and let it renew automatically.",
	]),
}

serving_certificate(_, cert) if cert.served == true

serving_certificate(sv, cert) if {
	cert.ca != true
	not ca_bundle_key(sv.key)
}

# Trust-anchor keys legitimately hold self-signed root certificates.
ca_bundle_key(key) if {
	k := lower(key)
	regex.match(`^(ca|cacert|ca-bundle|ca_bundle|trusted-ca|root-ca|rootca)([._-].*)?$`, k)
}

# A self-signed CA certificate that nothing serves is a trust anchor (a CA
# bundle under any key name), not a server's certificate: it is judged only
# when served (its key in the same resource, or under tls.crt/ssl_certificate).
findings contains f if {
	some sv in secret_values
	cert := sv.certificates[0]
	cert.self_signed == true
	serving_certificate(sv, cert)
	f := lib.finding("ST2-SEC-007", lib.severity_production, sv.resource, location(sv), {"key": sv.key, "problem": "self-signed", "certificate": 0})
}

findings contains f if {
	some sv in secret_values
	some n, cert in sv.certificates
	cert.expired == true
	f := lib.finding("ST2-SEC-007", lib.severity_production, sv.resource, location(sv), {"key": sv.key, "problem": "expired", "certificate": n})
}

# --- ST2-SEC-008: RabbitMQ's guest/guest reachable over the network ------------

rules["ST2-SEC-008"] := {
	"waivable_in_production": false,
	"title": "RabbitMQ's default guest/guest account reachable over the network",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"RabbitMQ creates guest with password guest unless a default user replaces it, and",
		"loopback_users decides whether guest may log in from other hosts. With loopback_users",
		"opened and guest kept (the default user set to guest, or no default user at all), or a",
		"client logging in as guest:guest over the network, anyone on the cluster network owns the",
		"message bus. Keep RABBITMQ_DEFAULT_USER (or default_user) set to a user of your own with a",
		"generated password, and never connect as guest.",
	]),
}

guest_clues[c.clue] contains c if {
	some c in input.facts.rabbitmq_guest
	is_object(c)
}

# guest:guest used in a URL, a Basic-auth login or a definitions entry.
findings contains f if {
	some c in guest_clues.credentials
	f := lib.finding("ST2-SEC-008", lib.severity_strict, c.resource, c.path, {"key": c.key, "problem": "guest-credentials"})
}

# loopback opened while guest stays the default user, by name or for want of
# another. Judged per RabbitMQ cluster: each workload running RabbitMQ with
# what it reads (its own resource, and the ConfigMaps and Secrets its pods
# mount or take env from), so a second cluster cannot keep guest because the
# first one set a user of its own. A clue no cluster reads (a custom
# resource's inline config) is judged against the whole render, as before.
findings contains f if {
	some c in guest_clues["loopback-open"]
	clusters := clusters_reading(c.resource)
	count(clusters) > 0
	some i in clusters
	cluster_keeps_guest(i)
	f := lib.finding("ST2-SEC-008", lib.severity_strict, c.resource, c.path, {"key": c.key, "problem": "loopback-open-guest-kept"})
}

findings contains f if {
	some c in guest_clues["loopback-open"]
	count(clusters_reading(c.resource)) == 0
	guest_kept
	f := lib.finding("ST2-SEC-008", lib.severity_strict, c.resource, c.path, {"key": c.key, "problem": "loopback-open-guest-kept"})
}

guest_kept if count(object.get(guest_clues, "default-guest", set())) > 0

guest_kept if count(object.get(guest_clues, "default-user-set", set())) == 0

# Each RabbitMQ workload (by index) and the resources its settings come from.
rabbitmq_reads[i] := {i} | {j |
	some u in w.units
	some ref in pod_refs(u.pod_spec)
	j := config_index[[w.namespace, ref[0], ref[1]]]
} if {
	some i, w in lib.workloads
	"rabbitmq" in w.roles
}

clusters_reading(resource) := {i | some i, reads in rabbitmq_reads; reads[resource]}

cluster_keeps_guest(i) if {
	some c in object.get(guest_clues, "default-guest", set())
	rabbitmq_reads[i][c.resource]
}

cluster_keeps_guest(i) if {
	rabbitmq_reads[i]
	not cluster_sets_user(i)
}

cluster_sets_user(i) if {
	some c in object.get(guest_clues, "default-user-set", set())
	rabbitmq_reads[i][c.resource]
}

# [namespace, kind, name] -> index of the render's ConfigMaps and Secrets (of copies
# landing as one, the one Argo CD applies: lib.dropped_copies).
config_index[[lib.namespace(r), kind, lib.name(r)]] := i if {
	some kind in ["ConfigMap", "Secret"]
	some i, r in lib.resources_of_kind(kind)
	not lib.dropped_copies[i]
}

# The [kind, name] of every ConfigMap and Secret a pod mounts or takes env from.
pod_refs(pod_spec) := {ref |
	some v in object.get(pod_spec, "volumes", [])
	some ref in lib.volume_sources(v)
} | {ref |
	some field in ["containers", "initContainers"]
	some ctr in object.get(pod_spec, field, [])
	some ref in container_refs(ctr)
}

container_refs(ctr) := {[kind, n] |
	some e in object.get(ctr, "envFrom", [])
	some field, kind in {"configMapRef": "ConfigMap", "secretRef": "Secret"}
	n := e[field].name
	is_string(n)
} | {[kind, n] |
	some e in object.get(ctr, "env", [])
	some field, kind in {"configMapKeyRef": "ConfigMap", "secretKeyRef": "Secret"}
	n := e.valueFrom[field].name
	is_string(n)
}
