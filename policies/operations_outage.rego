# ST2-OPS-022..024: values the API server accepts that stop a workload or a
# store, found by the seventh red team (test/policy/redteam/fresh7-ha.ts).
# The values arrive parsed (input.facts.quantities, store_settings and the
# st2 config chains, src/policy/outage-facts.ts and st2-chains.ts): exactly
# as Kubernetes, etcd, RabbitMQ and oslo.config read them, once, in
# TypeScript. The bounds are the policy bundle's (data.settings.outage).
package st2.operations

import data.st2.lib

outage_bound(key, fallback) := v if {
	v := data.settings.outage[key]
	is_number(v)
} else := fallback

max_cpu_cores := outage_bound("max_cpu_cores", 64)

max_memory_bytes := outage_bound("max_memory_bytes", 549755813888)

min_memory_bytes := outage_bound("min_memory_bytes", 4194304)

min_rabbitmq_watermark_bytes := outage_bound("min_rabbitmq_watermark_bytes", 67108864)

min_etcd_quota_bytes := outage_bound("min_etcd_quota_bytes", 268435456)

# A relative watermark below this share of the node's memory alarms on an idle node
# (the eighth red team's 0.05 of a 1Gi limit).
min_rabbitmq_watermark_relative := outage_bound("min_rabbitmq_watermark_relative", 0.2)

quantity_facts := l if {
	l := input.facts.quantities
	is_array(l)
} else := []

store_setting_facts := l if {
	l := input.facts.store_settings
	is_array(l)
} else := []

# --- ST2-OPS-022: cpu and memory -----------------------------------------------------------------

findings contains f if {
	some q in quantity_facts
	problem := quantity_problem(q)
	f := lib.finding("ST2-OPS-022", lib.severity_strict, q.resource, q.path, {"resource": q.name, "value": q.value, "problem": problem})
}

quantity_problem(q) := "more cores than any node has: the pod never schedules" if {
	q.name == "cpu"
	q.request
	q.value > max_cpu_cores
} else := "more memory than any node has: the pod never schedules" if {
	q.name == "memory"
	q.request
	q.value > max_memory_bytes
} else := "too little memory for any process to start" if {
	q.name == "memory"
	q.value < min_memory_bytes
}

# --- ST2-OPS-023: an st2 process that cannot start ------------------------------------------------

findings contains f if {
	some key, list in object.get(input.facts, "st2_chains", {})
	some c in list
	c.missing_config != ""
	f := lib.finding("ST2-OPS-023", lib.severity_strict, to_number(key), c.path, {"problem": "config file not there", "file": c.missing_config})
}

# A --config-dir that is not there stops the process the same way (oslo.config's
# ConfigDirNotFoundError); st2-config-files.ts says which directories exist.
findings contains f if {
	some key, list in object.get(input.facts, "st2_chains", {})
	some c in list
	object.get(c, "missing_dir", "") != ""
	f := lib.finding("ST2-OPS-023", lib.severity_strict, to_number(key), c.path, {"problem": "config directory not there", "file": c.missing_dir})
}

# An unknown time zone stops the timers engine only; reported where it is written.
findings contains f if {
	some key, list in object.get(input.facts, "st2_chains", {})
	some c in list
	tz := c.bad_timezone
	is_object(tz)
	lib.workloads[to_number(key)].roles.st2timersengine
	[i, path] := timezone_location(to_number(key), c, tz)
	f := lib.finding("ST2-OPS-023", lib.severity_strict, i, path, {"problem": "unknown time zone", "option": "local_timezone", "file": tz.file})
}

timezone_location(i, c, tz) := [tz.source.resource, tz.source.path] if {
	is_object(tz.source)
} else := [i, c.path]

# --- ST2-OPS-024: RabbitMQ's watermark, etcd's quota ------------------------------------------------

findings contains f if {
	some s in store_setting_facts
	problem := setting_problem(s)
	f := lib.finding("ST2-OPS-024", lib.severity_strict, s.resource, s.path, {"setting": s.setting, "problem": problem})
}

setting_problem(s) := "RABBITMQ_USE_LONGNAME is not true (the last entry wins) while RABBITMQ_NODENAME's host has a dot: Erlang refuses the short name and the node never boots" if {
	s.setting == "rabbitmq_short_name_dotted"
} else := "a value the store refuses to start with" if {
	s.value == -1
} else := "below the floor: the NOSPACE alarm trips at once and every write fails" if {
	s.setting == "etcd_quota"
	s.value > 0
	s.value < min_etcd_quota_bytes
} else := "below the floor: the memory alarm stays on and every publisher blocks" if {
	s.setting == "rabbitmq_watermark_absolute"
	s.value < min_rabbitmq_watermark_bytes
} else := "0: the memory alarm stays on and every publisher blocks" if {
	s.setting == "rabbitmq_watermark_relative"
	s.value == 0
} else := "below the floor: the memory alarm stays on and every publisher blocks" if {
	s.setting == "rabbitmq_watermark_relative"
	s.value > 0
	s.value < min_rabbitmq_watermark_relative
} else := "above 1: RabbitMQ may outgrow the node's memory and be killed" if {
	s.setting == "rabbitmq_watermark_relative"
	s.value > 1
} else := "the memory the watermark is taken of (total_memory_available_override_value) puts it below the floor: the memory alarm stays on and every publisher blocks" if {
	s.setting == "rabbitmq_memory_override"
	s.value * override_relative < min_rabbitmq_watermark_bytes
} else := no_headroom if {
	s.setting == "rabbitmq_watermark_absolute"
	s.value >= rabbitmq_memory_limit
} else := no_headroom if {
	s.setting == "rabbitmq_memory_override"
	s.value * override_relative >= rabbitmq_memory_limit
} else := no_headroom if {
	# 1 of the node's memory, or of a total the render does not write as a number (the base's
	# is the container's limit, from the downward API): the alarm sits at or above the limit.
	s.setting == "rabbitmq_watermark_relative"
	s.value == 1
	rabbitmq_memory_limit
	not literal_total_below_limit
}

no_headroom := "at or above the RabbitMQ container's memory limit: the kernel OOM-kills the node before the memory alarm throttles publishers"

# The lowest memory limit of a RabbitMQ node container: where the kernel kills a node. RabbitMQ
# caps an absolute watermark at its total memory (vm_memory_monitor:interpret_limit) and reads
# the node's memory, not the cgroup's (rabbitmq-server#10974).
rabbitmq_memory_limit := min(l) if {
	l := {s.value | some s in store_setting_facts; s.setting == "rabbitmq_memory_limit"}
	count(l) > 0
}

literal_total_below_limit if {
	some s in store_setting_facts
	s.setting == "rabbitmq_memory_override"
	s.value > 0
	s.value < rabbitmq_memory_limit
}

# The relative watermark an override is taken with: the render's (the highest), else RabbitMQ's default 0.4.
override_relative := max(r) if {
	r := {s.value | some s in store_setting_facts; s.setting == "rabbitmq_watermark_relative"; s.value > 0}
	count(r) > 0
} else := 0.4
