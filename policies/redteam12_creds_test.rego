# The twelfth red team's credential misses (test/policy/redteam/fresh13-creds.ts):
# ExternalSecrets writing credentials into other kinds (ST2-SEC-035), token
# lifetimes past the bundle's maxima (ST2-SEC-036), st2's API services logging at
# DEBUG in production (ST2-SEC-017), and SEC-013's new kinds (a credential
# variable from a ConfigMap key, an st2 API key by its form). Facts as
# src/policy/eso-targets.ts, st2-token-exposure.ts, configmap-env-credentials.ts
# and committed-credentials.ts report them.
package st2_test.redteam12_creds

import data.st2_test.fixtures as fx

path := ["spec", "template", "spec", "containers", 0]

at(app) := format_int(fx.index_of(fx.baseline, "Deployment", sprintf("st2-%s", [app])), 10)

chain_of(extra) := object.union({
	"path": path, "rbac": "on", "auth": "on", "rbac_file": "", "auth_file": "",
	"mask_api": "on", "mask_log": "on", "mask_api_file": "", "mask_log_file": "",
	"config_error": null, "loopback": [], "sensor_unpinned": "", "role_problems": [],
	"token_ttls": [], "debug_log": null,
}, extra)

severities(profile, rule, facts) := {f.severity | some f in fx.eval_facts(profile, fx.baseline, facts); f.rule == rule}

ttl(option, seconds) := {"option": option, "seconds": seconds, "file": "/etc/st2/st2.user.conf", "source": null}

ttl_facts(app, t) := {"st2_chains": {at(app): [chain_of({"token_ttls": [t]})]}}

# --- ST2-SEC-036 ---------------------------------------------------------------------------

test_token_ttls_by_service_and_maximum if {
	cases := [
		# [profile, container's service, option, seconds, severities]
		["production", "st2auth", "auth.token_ttl", 315360000, {"deny"}],
		["staging", "st2auth", "auth.token_ttl", 604801, {"deny"}],
		["dev", "st2auth", "auth.token_ttl", 2592000, {"warn"}],
		["production", "st2actionrunner", "auth.service_token_ttl", 31536000, {"deny"}],
		["production", "st2sensorcontainer", "auth.service_token_ttl", 2592001, {"deny"}],
		# At or under the maxima (a week, 30 days), st2's default of a day.
		["production", "st2auth", "auth.token_ttl", 604800, set()],
		["production", "st2auth", "auth.token_ttl", 86400, set()],
		["production", "st2actionrunner", "auth.service_token_ttl", 2592000, set()],
		# Read by a service that issues no such token.
		["production", "st2rulesengine", "auth.token_ttl", 315360000, set()],
		["production", "st2api", "auth.service_token_ttl", 315360000, set()],
	]
	every c in cases {
		severities(c[0], "ST2-SEC-036", ttl_facts(c[1], ttl(c[2], c[3]))) == c[4]
	}
}

test_token_ttl_maximum_from_settings if {
	fs := fx.eval_facts("production", fx.baseline, ttl_facts("st2auth", ttl("auth.token_ttl", 172800))) with data.settings.st2_config.max_token_ttl_seconds as 86400
	# Two days: under the bundle's week, over this bundle's day.
	"ST2-SEC-036" in {f.rule | some f in fs}
	not "ST2-SEC-036" in {f.rule | some f in fx.eval_facts("production", fx.baseline, ttl_facts("st2auth", ttl("auth.token_ttl", 172800)))}
}

# --- ST2-SEC-017: DEBUG logging in production ------------------------------------------------

debug_facts(app) := {"st2_chains": {at(app): [chain_of({"debug_log": {"option": "system.debug", "file": "/etc/st2/st2.user.conf", "source": null}})]}}

test_debug_logging_in_api_services_in_production_only if {
	cases := [
		["production", "st2api", {"deny"}],
		["production", "st2auth", {"deny"}],
		["production", "st2stream", {"deny"}],
		["staging", "st2api", set()],
		["dev", "st2api", set()],
		# A service whose router does not log request URLs.
		["production", "st2rulesengine", set()],
	]
	every c in cases {
		severities(c[0], "ST2-SEC-017", debug_facts(c[1])) == c[2]
	}
}

test_no_debug_no_finding if {
	severities("production", "ST2-SEC-017", {"st2_chains": {at("st2api"): [chain_of({})]}}) == set()
}

# --- ST2-SEC-035 ---------------------------------------------------------------------------

eso_fact := {"resource": 0, "path": ["spec", "target", "manifest"], "kind": "ConfigMap", "writes": "credential-key password"}

test_eso_generic_target_by_profile if {
	severities("production", "ST2-SEC-035", {"eso_generic_targets": [eso_fact]}) == {"deny"}
	severities("staging", "ST2-SEC-035", {"eso_generic_targets": [eso_fact]}) == {"deny"}
	severities("dev", "ST2-SEC-035", {"eso_generic_targets": [eso_fact]}) == {"warn"}
	severities("production", "ST2-SEC-035", {"eso_generic_targets": []}) == set()
}

# --- ST2-SEC-013's new kinds ---------------------------------------------------------------

cm_env := {"resource": 0, "path": ["data", "ST2_AUTH_PASSWORD"], "key": "ST2_AUTH_PASSWORD", "kind": "env-configmap"}

api_key := {"resource": 0, "path": ["metadata", "annotations", "st2-api-key"], "key": "st2-api-key", "kind": "provider-token (st2-api-key)"}

test_configmap_env_credential_production_only if {
	severities("production", "ST2-SEC-013", {"secret_values": [], "store_credentials": [cm_env]}) == {"deny"}
	severities("staging", "ST2-SEC-013", {"secret_values": [], "store_credentials": [cm_env]}) == set()
}

test_st2_api_key_committed if {
	severities("production", "ST2-SEC-013", {"secret_values": [], "committed_credentials": [api_key]}) == {"deny"}
	severities("dev", "ST2-SEC-013", {"secret_values": [], "committed_credentials": [api_key]}) == {"warn"}
}
