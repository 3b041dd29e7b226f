# The seventeenth red team's cfg-silent-break, rabbit-conf and etcd-flags classes
# (test/policy/redteam/fresh17-cfg.ts): a scheduler sleep above the bundle's ceiling and
# action triggers off (ST2-HRD-009, option_bounds), RabbitMQ's consumer_timeout under a
# minute (ST2-REP-016), --enable-v2 beside a v2 deprecation etcd 3.5 refuses (ST2-REP-012).
package st2_test.redteam17_cfg

import data.st2_test.fixtures as fx
import data.st2_test.redteam11_stores as stores
import data.st2_test.redteam16_st2opt as opt
import data.st2_test.replicas as rp

test_scheduler_sleep_ceiling_and_action_sensor if {
	cases := [
		# [profile, service, option, value, expected [rule, severity]s]
		["production", "st2scheduler", "scheduler.sleep_interval", 3600, {["ST2-HRD-009", "deny"]}],
		["staging", "st2scheduler", "scheduler.sleep_interval", 600, {["ST2-HRD-009", "deny"]}],
		["production", "st2scheduler", "scheduler.sleep_interval", 5.25, {["ST2-HRD-009", "deny"]}],
		["dev", "st2scheduler", "scheduler.sleep_interval", 3600, {["ST2-HRD-009", "warn"]}],
		["production", "st2scheduler", "scheduler.sleep_interval", 5, set()],
		["production", "st2scheduler", "scheduler.sleep_interval", 0.1, set()],
		["production", "st2scheduler", "scheduler.sleep_interval", 0, set()],
		# Only st2scheduler runs the loop.
		["production", "st2api", "scheduler.sleep_interval", 3600, set()],
		["production", "st2notifier", "action_sensor.enable", false, {["ST2-HRD-009", "deny"]}],
		["staging", "st2notifier", "action_sensor.enable", false, {["ST2-HRD-009", "deny"]}],
		["production", "st2notifier", "action_sensor.enable", true, set()],
		# Only st2notifier posts the action trigger.
		["production", "st2api", "action_sensor.enable", false, set()],
	]
	every c in cases {
		opt.found(c[0], c[1], c[2], c[3]) == c[4]
	}
}

test_the_finding_prints_a_fraction if {
	fs := fx.eval_facts("production", fx.baseline, {"st2_chains": {opt.at("st2scheduler"): [opt.chain_of([opt.word("scheduler.sleep_interval", 7.5)])]}})
	some f in fs
	f.rule == "ST2-HRD-009"
	startswith(f.params.why, "[scheduler] sleep_interval = 7.5: ")
}

test_rabbitmq_consumer_timeout_floor if {
	every v in [0, 1, 1000, 59999] {
		"ST2-REP-016" in stores.rules_for(stores.fact("st2-rabbitmq", "rabbitmq", "consumer_timeout", v))
	}
	every v in [60000, 1800000, 3600000] {
		not "ST2-REP-016" in stores.rules_for(stores.fact("st2-rabbitmq", "rabbitmq", "consumer_timeout", v))
	}
}

test_rabbitmq_consumer_timeout_floor_from_the_bundle if {
	not "ST2-REP-016" in stores.rules_for(stores.fact("st2-rabbitmq", "rabbitmq", "consumer_timeout", 1000)) with data.settings.outage.min_rabbitmq_consumer_timeout_ms as 500
}

test_rep012_denies_v2_with_a_refusing_deprecation if {
	fs := fx.of_rule(fx.eval_facts("dev", rp.with_etcd(rp.etcd_sts("bitnamilegacy/etcd:3.5.17", ["--enable-v2=true", "--v2-deprecation=write-only"], "/health")), rp.v2_fact(2)), "ST2-REP-012")
	count(fs) == 1
	some f in fs
	f.resource == rp.etcd_idx
	f.path == ["spec", "template", "spec", "containers", 0]
	contains(f.params.problem, "v2-deprecation")
}

test_rep012_a_refused_v2_is_not_judged_without_etcd_coordination if {
	resources := fx.plus(fx.plus(rp.with_conf("[coordination]\nurl = redis://redis:6379\n"), fx.statefulset("etcd", 3)), fx.pdb("etcd"))
	not "ST2-REP-012" in rp.rules_of(fx.eval_facts("production", resources, rp.v2_fact(2)))
}
