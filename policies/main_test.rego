package st2_test.main

import data.st2_test.fixtures as fx

rule_ids := {
	"ST2-SEC-001", "ST2-SEC-002", "ST2-SEC-003", "ST2-SEC-004", "ST2-SEC-005", "ST2-SEC-006", "ST2-SEC-007", "ST2-SEC-008",
	"ST2-SEC-009", "ST2-SEC-010", "ST2-SEC-011",
	"ST2-EXP-001", "ST2-EXP-002", "ST2-EXP-003", "ST2-EXP-004", "ST2-EXP-005", "ST2-EXP-006", "ST2-EXP-007", "ST2-EXP-008",
	"ST2-EXP-009", "ST2-EXP-010", "ST2-EXP-011", "ST2-EXP-013", "ST2-EXP-014", "ST2-EXP-015",
	"ST2-SEC-016", "ST2-SEC-017", "ST2-OPS-046", "ST2-OPS-047",
	"ST2-REP-001", "ST2-REP-002", "ST2-REP-003", "ST2-REP-004", "ST2-REP-005",
	"ST2-REP-006", "ST2-REP-007", "ST2-REP-008", "ST2-REP-009", "ST2-REP-010",
	"ST2-REP-011", "ST2-REP-012", "ST2-REP-013", "ST2-REP-016",
	"ST2-HRD-001", "ST2-HRD-002", "ST2-HRD-003", "ST2-HRD-004", "ST2-HRD-005", "ST2-HRD-006", "ST2-HRD-007",
	"ST2-HRD-008", "ST2-HRD-009", "ST2-HRD-010", "ST2-SEC-012",
	"ST2-OPS-001", "ST2-OPS-002", "ST2-OPS-003", "ST2-OPS-004", "ST2-OPS-005", "ST2-OPS-006",
	"ST2-OPS-007", "ST2-OPS-008", "ST2-OPS-009", "ST2-OPS-010", "ST2-OPS-011", "ST2-OPS-012",
	"ST2-OPS-013", "ST2-OPS-014", "ST2-OPS-015", "ST2-OPS-016", "ST2-OPS-017",
	"ST2-OPS-018", "ST2-OPS-019", "ST2-OPS-020", "ST2-OPS-021", "ST2-OPS-025", "ST2-OPS-026",
	"ST2-REP-014", "ST2-REP-015", "ST2-OPS-022", "ST2-OPS-023", "ST2-OPS-024",
	"ST2-OPS-028", "ST2-OPS-029", "ST2-OPS-030", "ST2-OPS-031", "ST2-REP-018",
	"ST2-OPS-032", "ST2-OPS-033", "ST2-OPS-034", "ST2-OPS-035", "ST2-EXP-012", "ST2-REP-019", "ST2-REP-020",
	"ST2-REP-021", "ST2-REP-022", "ST2-REP-023", "ST2-REP-024", "ST2-REP-025", "ST2-OPS-038", "ST2-OPS-039",
	"ST2-OPS-040", "ST2-OPS-041", "ST2-OPS-042", "ST2-OPS-043", "ST2-OPS-044", "ST2-OPS-045", "ST2-SEC-015",
	"ST2-HRD-011", "ST2-HRD-012", "ST2-HRD-013", "ST2-HRD-014", "ST2-SEC-013", "ST2-SEC-014", "ST2-OPS-036",
	"ST2-HRD-015", "ST2-HRD-016", "ST2-OPS-048", "ST2-HRD-017", "ST2-HRD-018", "ST2-SEC-018", "ST2-SEC-019",
	"ST2-OPS-049", "ST2-SEC-020", "ST2-SEC-021", "ST2-HRD-019", "ST2-OPS-050",
	"ST2-OPS-062", "ST2-OPS-063", "ST2-OPS-064", "ST2-OPS-065", "ST2-OPS-066", "ST2-REP-031",
	"ST2-OPS-067", "ST2-OPS-068", "ST2-OPS-069", "ST2-OPS-070", "ST2-OPS-071", "ST2-OPS-081", "ST2-OPS-082",
	"ST2-REP-026", "ST2-OPS-055", "ST2-OPS-056",
	"ST2-EXP-016", "ST2-HRD-023", "ST2-SEC-022", "ST2-SEC-023", "ST2-SEC-024", "ST2-SEC-030",
	"ST2-SEC-025", "ST2-SEC-026", "ST2-HRD-027",
	"ST2-EXP-017", "ST2-SEC-039", "ST2-SEC-040",
	"ST2-SEC-035", "ST2-SEC-036",
	"ST2-SEC-048", "ST2-SEC-049",
	"ST2-HRD-030", "ST2-OPS-079",
	"ST2-OPS-072",
}

test_rules_describe_every_rule if {
	object.keys(data.st2.rules) == rule_ids
	every id, r in data.st2.rules {
		object.keys(r) - {"waivable_in_production", "waivable_in_staging", "waivable_in_dev"} == {"title", "remediation", "default_severity", "profiles"}
		r.default_severity in {"deny", "warn"}
		count(r.title) > 0
		count(r.remediation) > 40
		count(r.profiles) > 0
		regex.match(`^ST2-(SEC|EXP|REP|HRD|OPS)-[0-9]{3}$`, id)
	}
}

# A render with many defects at once.
broken := array.concat(fx.baseline, [
	fx.secret_data("leak", {"a": base64.encode("Ch@ngeMe"), "b": base64.encode("amqp://admin:9jS+w1u07NbHtZke1m+jW4Cj@mq")}),
	fx.config_map("leak", {"st2.docker.conf": "[database]\npassword = XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK\n[messaging]\nurl = amqp://admin:8MrqQdCQ6AQ8U3MacSubHE5RqkSfvNaRHzvxuFcG@mq"}),
	fx.secret_string_data("st2-chatops", {"HUBOT_SLACK_TOKEN": "xoxb-CHANGE-ME-PLEASE", "k": "82PItDpqroti5RngOA7UqbHH7c6bFUwy 8fAzdnksdzPFUWm4a68EfY7nMhBPaa"}),
	fx.service("st2-etcd", "NodePort", {"app": "etcd"}),
	fx.deployment("st2timersengine", 3),
	json.patch(fx.deployment("st2auth", 1), [{"op": "add", "path": "/spec/template/spec/containers/0/env", "value": [{"name": "PW", "value": "st2pw"}]}]),
])

hits := [{"resource": count(fx.baseline), "path": ["data", "a"], "literal": lit.id, "in": "value", "encoding": "plain", "key": "a"} |
	some lit in fx.chart_defaults.literals
]

eval_broken := fx.eval_facts("production", broken, {"secret_values": [], "literal_hits": hits})

test_every_finding_has_the_contract_shape if {
	fs := eval_broken
	count(fs) > 10
	every f in fs {
		object.keys(f) == {"rule", "severity", "resource", "path", "params"}
		f.rule in rule_ids
		f.severity in {"deny", "warn"}
		is_number(f.resource)
		f.resource >= -1
		f.resource < count(broken)
		is_array(f.path)
		every p in f.path {
			valid_path_element(p)
		}
		is_object(f.params)
	}
}

valid_path_element(p) if is_string(p)

valid_path_element(p) if is_number(p)

# Canary: no literal value ever appears in a finding (params, path or ids).
test_no_secret_value_in_findings if {
	text := json.marshal(eval_broken)
	every lit in fx.chart_defaults.literals {
		not contains(text, lit.value)
	}
}

test_every_literal_found_in_broken_render if {
	fs := eval_broken
	{f.params.literal | some f in fs; f.rule == "ST2-SEC-001"} == {lit.id | some lit in fx.chart_defaults.literals}
}

test_findings_is_a_set_even_when_empty if {
	fs := fx.eval("production", [])
	fs == set()
}
