# The tenth red team's st2-config holes (test/policy/redteam/fresh11-cfg.ts):
# what each st2 service's chain of config files says, judged on the service
# it concerns. The facts come from src/policy/st2-option-types.ts,
# st2-chain-extras.ts and st2-transport.ts.
package st2_test.redteam10_cfg

import data.st2_test.fixtures as fx

path := ["spec", "template", "spec", "containers", 0]

at(app) := format_int(fx.index_of(fx.baseline, "Deployment", sprintf("st2-%s", [app])), 10)

chain_of(extra) := object.union({
	"path": path, "rbac": "on", "auth": "on", "rbac_file": "", "auth_file": "",
	"mask_api": "on", "mask_log": "on", "mask_api_file": "", "mask_log_file": "",
	"config_error": null, "loopback": [], "sensor_unpinned": "",
}, extra)

rules_for(profile, facts) := {[f.rule, f.severity] | some f in fx.eval_facts(profile, fx.baseline, facts)}

# --- ST2-HRD-014 and ST2-HRD-019: transport problems, by the services they concern ---------------

transport(app, problem) := {"st2_transport": [{"resource": to_number(at(app)), "path": path, "problem": problem, "detail": "x"}]}

test_transport_problems_by_service if {
	cases := [
		# [profile, service, problem, expected [rule, severity]s]
		["production", "st2api", "datastore-encryption-off", {["ST2-HRD-014", "deny"]}],
		["production", "st2actionrunner", "datastore-encryption-off", {["ST2-HRD-014", "deny"]}],
		# st2auth neither reads the datastore nor is the encryption off its concern.
		["production", "st2auth", "datastore-encryption-off", set()],
		# encryption_key_path written empty (red18): no key loaded, as when missing.
		["production", "st2actionrunner", "datastore-key-empty", {["ST2-HRD-014", "deny"]}],
		["staging", "st2api", "datastore-key-empty", {["ST2-HRD-014", "deny"]}],
		["production", "st2auth", "datastore-key-empty", set()],
		["production", "st2auth", "auth-file-missing", {["ST2-HRD-014", "deny"]}],
		["production", "st2api", "auth-file-missing", set()],
		["staging", "st2scheduler", "port-not-served", {["ST2-HRD-014", "deny"]}],
		["production", "st2workflowengine", "coordination-protocol", {["ST2-HRD-014", "deny"]}],
		# [database] host URIs pymongo refuses, resolves to nothing or pins to one member (red22).
		["production", "st2api", "database-uri-invalid", {["ST2-HRD-014", "deny"]}],
		["staging", "st2scheduler", "srv-record-missing", {["ST2-HRD-014", "deny"]}],
		["staging", "st2workflowengine", "direct-connection-one-member", {["ST2-HRD-014", "deny"]}],
		["dev", "st2api", "direct-connection-one-member", {["ST2-HRD-014", "warn"]}],
		["production", "st2web", "database-uri-invalid", set()],
		# A bus URL (cluster_urls replaces url when set) to the render's RabbitMQ without a password,
		# or at its management port (red22's amqp-cluster-urls).
		["production", "st2api", "messaging-credentials-missing", {["ST2-HRD-014", "deny"]}],
		["staging", "st2scheduler", "messaging-credentials-missing", {["ST2-HRD-014", "deny"]}],
		["dev", "st2api", "messaging-credentials-missing", {["ST2-HRD-014", "warn"]}],
		["production", "st2rulesengine", "port-not-amqp", {["ST2-HRD-014", "deny"]}],
		["production", "st2web", "port-not-amqp", set()],
		["production", "st2web", "messaging-credentials-missing", set()],
		["production", "st2api", "write-unacknowledged", {["ST2-HRD-019", "deny"]}],
		["production", "st2scheduler", "read-not-primary", {["ST2-HRD-019", "deny"]}],
		["staging", "st2scheduler", "write-timeout-tiny", {["ST2-HRD-019", "warn"]}],
		["dev", "st2api", "write-unacknowledged", {["ST2-HRD-019", "warn"]}],
		# st2web connects to no store.
		["production", "st2web", "write-unacknowledged", set()],
	]
	every c in cases {
		found := {r | some r in rules_for(c[0], transport(c[1], c[2])); r[0] in {"ST2-HRD-014", "ST2-HRD-019"}}
		found == c[3]
	}
}

# --- ST2-HRD-010: an API service bound to loopback --------------------------------------------

loopback(app, options) := {"st2_chains": {at(app): [chain_of({"loopback": options})]}}

test_loopback_binds_only_on_the_service_that_listens if {
	cases := [
		["st2api", ["api.host"], {"api.host"}],
		["st2auth", ["auth.host"], {"auth.host"}],
		["st2stream", ["stream.host"], {"stream.host"}],
		# st2api does not bind by [auth] host; a runner binds nothing.
		["st2api", ["auth.host"], set()],
		["st2actionrunner", ["api.host", "auth.host"], set()],
		["st2api", [], set()],
	]
	every c in cases {
		found := {f.params.option | some f in fx.eval_facts("production", fx.baseline, loopback(c[0], c[1])); f.rule == "ST2-HRD-010"}
		found == c[2]
	}
}

# --- ST2-HRD-009: single-sensor mode without a sensor ref, values st2 cannot load ------------------

unpinned(app) := {"st2_chains": {at(app): [chain_of({"sensor_unpinned": "/etc/st2/st2.user.conf"})]}}

test_single_sensor_mode_only_stops_the_sensor_container if {
	["ST2-HRD-009", "deny"] in rules_for("production", unpinned("st2sensorcontainer"))
	not ["ST2-HRD-009", "deny"] in rules_for("production", unpinned("st2api"))
	not ["ST2-HRD-009", "deny"] in rules_for("production", {"st2_chains": {at("st2sensorcontainer"): [chain_of({})]}})
}

test_a_value_st2_cannot_load_is_reported_where_it_is_written if {
	error := {"file": "/etc/st2/st2.user.conf", "line": 0, "why": "[scheduler] sleep_interval is a FloatOpt: its value does not convert", "source": null}
	fs := fx.eval_facts("staging", fx.baseline, {"st2_chains": {at("st2scheduler"): [chain_of({"config_error": error})]}})
	some f in fs
	f.rule == "ST2-HRD-009"
	f.severity == "deny"
	f.params.why == error.why
}

# --- ST2-OPS-050: an Ingress backend the Service cannot serve ----------------------------------

st2web_ingress(port, class, annotations) := object.union(fx.ingress("st2-st2web"), {
	"metadata": {"annotations": annotations},
	"spec": {"ingressClassName": class, "rules": [{"host": "st2.example.test", "http": {"paths": [{
		"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "st2-st2web", "port": port}},
	}]}}]},
})

ops050(ingress) := {f.params.problem |
	some f in fx.eval_facts("production", fx.replace(fx.baseline, "Ingress", "st2-st2web", ingress), {})
	f.rule == "ST2-OPS-050"
}

test_ingress_backends_table if {
	https := {"nginx.ingress.kubernetes.io/backend-protocol": "HTTPS"}
	cases := [
		# [port, class, annotations, problems]
		[{"number": 80}, "nginx", https, set()],
		[{"number": 8443}, "nginx", https, {"the Service has no such port"}],
		[{"name": "http"}, "traefik", {}, {"the Service has no such port"}],
		# The fixture Service's port 80 targets st2web's 443: TLS, so nginx must speak HTTPS.
		[{"number": 80}, "nginx", {}, {"plain HTTP to st2web's TLS port (no backend-protocol: HTTPS)"}],
		[{"number": 80}, "nginx", {"nginx.ingress.kubernetes.io/backend-protocol": "HTTP"}, {"plain HTTP to st2web's TLS port (no backend-protocol: HTTPS)"}],
		# Another controller's protocol settings are not judged here.
		[{"number": 80}, "traefik", {}, set()],
	]
	every c in cases {
		ops050(st2web_ingress(c[0], c[1], c[2])) == c[3]
	}
}

# --- ST2-OPS-049: a URL's port ----------------------------------------------------------------------

test_url_port_table if {
	cases := [
		["http://st2api:9101/", 9101],
		["http://st2api/", 80],
		["https://st2api", 443],
		["http://user@st2api:9102/x?y", 9102],
	]
	every c in cases {
		data.st2.operations.url_port(c[0]) == c[1]
	}
	not data.st2.operations.url_port("http://st2api:{{ port }}/")
}

test_datastore_key_split_concerns_datastore_readers if {
	["ST2-HRD-014", "deny"] in rules_for("production", transport("st2actionrunner", "datastore-key-split"))
	not ["ST2-HRD-014", "deny"] in rules_for("production", transport("st2web", "datastore-key-split"))
}
