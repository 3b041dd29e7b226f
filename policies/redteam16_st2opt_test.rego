# The sixteenth red team's st2opt and cookie classes (test/policy/redteam/fresh16-st2opt.ts):
# st2 options st2 accepts but cannot work with (ST2-HRD-009) or that weaken its auth-token
# cookie (ST2-HRD-030), judged by the bundle's option_bounds on the service reading them, and
# st2actionrunner pods given no time to stop (ST2-OPS-079).
package st2_test.redteam16_st2opt

import data.st2_test.fixtures as fx

path := ["spec", "template", "spec", "containers", 0]

at(app) := format_int(fx.index_of(fx.baseline, "Deployment", sprintf("st2-%s", [app])), 10)

chain_of(words) := {
	"path": path, "rbac": "on", "auth": "on", "rbac_file": "", "auth_file": "",
	"mask_api": "on", "mask_log": "on", "mask_api_file": "", "mask_log_file": "",
	"config_error": null, "loopback": [], "sensor_unpinned": "",
	"option_words": words,
}

word(option, value) := {"option": option, "value": value, "file": "/etc/st2/st2.user.conf", "source": null}

found(profile, app, option, value) := {[f.rule, f.severity] |
	some f in fx.eval_facts(profile, fx.baseline, {"st2_chains": {at(app): [chain_of([word(option, value)])]}})
	f.rule in {"ST2-HRD-009", "ST2-HRD-030"}
}

test_option_bounds_by_value_and_service if {
	cases := [
		# [profile, service, option, value, expected [rule, severity]s]
		["production", "st2auth", "auth.token_ttl", 0, {["ST2-HRD-009", "deny"]}],
		["production", "st2auth", "auth.token_ttl", -5, {["ST2-HRD-009", "deny"]}],
		["staging", "st2auth", "auth.token_ttl", 59, {["ST2-HRD-009", "deny"]}],
		["dev", "st2auth", "auth.token_ttl", 0, {["ST2-HRD-009", "warn"]}],
		["production", "st2auth", "auth.token_ttl", 60, set()],
		["production", "st2auth", "auth.token_ttl", 3600, set()],
		# st2api issues no login token.
		["production", "st2api", "auth.token_ttl", 0, set()],
		["production", "st2actionrunner", "auth.service_token_ttl", 1, {["ST2-HRD-009", "deny"]}],
		["production", "st2sensorcontainer", "auth.service_token_ttl", -1, {["ST2-HRD-009", "deny"]}],
		# 0 is no TTL to create_token: the token takes token_ttl.
		["production", "st2actionrunner", "auth.service_token_ttl", 0, set()],
		["production", "st2actionrunner", "auth.service_token_ttl", 7200, set()],
		["production", "st2auth", "auth.service_token_ttl", 1, set()],
		# Every st2 service opens the database.
		["production", "st2api", "database.connection_timeout", 1, {["ST2-HRD-009", "deny"]}],
		["staging", "st2scheduler", "database.connection_timeout", 0, {["ST2-HRD-009", "deny"]}],
		["production", "st2api", "database.connection_timeout", 100, set()],
		["production", "st2api", "database.connection_timeout", 10000, set()],
		["production", "st2api", "api.auth_cookie_same_site", "none", {["ST2-HRD-030", "deny"]}],
		["staging", "st2stream", "api.auth_cookie_same_site", "unset", {["ST2-HRD-030", "deny"]}],
		["dev", "st2api", "api.auth_cookie_same_site", "none", {["ST2-HRD-030", "warn"]}],
		["production", "st2api", "api.auth_cookie_same_site", "lax", set()],
		["production", "st2api", "api.auth_cookie_same_site", "strict", set()],
		# The runners set no cookie.
		["production", "st2actionrunner", "api.auth_cookie_same_site", "none", set()],
		["production", "st2api", "api.auth_cookie_secure", false, {["ST2-HRD-030", "deny"]}],
		["production", "st2api", "api.auth_cookie_secure", true, set()],
	]
	every c in cases {
		found(c[0], c[1], c[2], c[3]) == c[4]
	}
}

test_the_finding_names_the_option_and_value if {
	fs := fx.eval_facts("production", fx.baseline, {"st2_chains": {at("st2auth"): [chain_of([word("auth.token_ttl", 0)])]}})
	some f in fs
	f.rule == "ST2-HRD-009"
	startswith(f.params.why, "[auth] token_ttl = 0: ")
}

test_a_bound_the_bundle_drops_is_not_judged if {
	fs := fx.eval_facts("production", fx.baseline, {"st2_chains": {at("st2api"): [chain_of([word("api.auth_cookie_secure", false)])]}}) with data.settings.st2_config.option_bounds as {}
	count({f | some f in fs; f.rule == "ST2-HRD-030"}) == 0
}

# --- ST2-OPS-079 -----------------------------------------------------------------------------

with_grace(app, seconds) := fx.replace(fx.baseline, "Deployment", sprintf("st2-%s", [app]), object.union(fx.base("Deployment", sprintf("st2-%s", [app])), {"spec": {"template": {"spec": {"terminationGracePeriodSeconds": seconds}}}}))

grace_rules(profile, app, seconds) := {[f.rule, f.severity] | some f in fx.eval(profile, with_grace(app, seconds)); f.rule == "ST2-OPS-079"}

test_runner_grace_floor if {
	cases := [
		["production", "st2actionrunner", 0, {["ST2-OPS-079", "deny"]}],
		["staging", "st2actionrunner", 5, {["ST2-OPS-079", "deny"]}],
		["dev", "st2actionrunner", 0, {["ST2-OPS-079", "warn"]}],
		["production", "st2actionrunner", 10, set()],
		["production", "st2actionrunner", 600, set()],
		# Other services stop without executions in hand.
		["production", "st2api", 0, set()],
	]
	every c in cases {
		grace_rules(c[0], c[1], c[2]) == c[3]
	}
}

test_runner_grace_unset_is_kubernetes_default if {
	count({f | some f in fx.eval("production", fx.baseline); f.rule == "ST2-OPS-079"}) == 0
}
