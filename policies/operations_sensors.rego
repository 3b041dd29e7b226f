# ST2-OPS-036: sensor partitions that leave sensors running nowhere (the ninth
# red team's sensor-partition-overlap class, its gap case). Each sensor
# container's partition is read from its own chain in TypeScript
# (src/policy/st2-sensor-partition.ts); overlaps are ST2-REP-003's.
package st2.operations

import data.st2.lib

rules["ST2-OPS-036"] := {
	"title": "Sensor hash partitions leave part of the hash space to no sensor container",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"st2's hash partitioner runs a sensor on the container whose hash_ranges hold the hash of",
		"its ref (0 to 2^32, MIN..MAX). When the ranges of all sensor containers together leave a",
		"gap, every sensor hashing into it runs nowhere, silently: no triggers, no rules fired.",
		"Make the ranges meet end to end from MIN to MAX (MIN..2147483648 and 2147483648..MAX).",
	]),
}

findings contains f if {
	some s in object.get(input.facts, "sensor_partitions", [])
	s.gap == true
	f := lib.finding("ST2-OPS-036", lib.severity_strict, s.resource, s.path, {"provider": s.provider})
}
