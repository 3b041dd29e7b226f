# ST2-OPS-079: st2actionrunner pods given no time to stop (the sixteenth red team's
# st2opt-graceful-off-grace0). On SIGTERM st2actionrunner stops taking work and, while
# other runners are registered, waits for the executions it runs (polling every
# [actionrunner] still_active_check_interval, 2 s, up to exit_still_active_check, 300 s),
# then abandons the ones still running (st2actions/worker.py shutdown). A pod's
# terminationGracePeriodSeconds is how long the kubelet waits before SIGKILL; 0 is "stop
# immediately via the kill signal, no opportunity to shut down" (Kubernetes PodSpec). A
# runner killed first leaves its executions 'running' for ever: never abandoned, the
# workflows waiting on them hang. The chart gives runners 300 s, Kubernetes 30 s by
# default (what the base runs with); the floor (data.settings.st2_config.
# min_actionrunner_grace_seconds, 10 s) is well below both, so only a grace too short for
# even one round of checks and the abandon is denied.
package st2.operations

import data.st2.lib

rules["ST2-OPS-079"] := {
	"title": "st2actionrunner killed before it can finish or abandon its executions",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"On SIGTERM st2actionrunner waits for its running executions and abandons the rest;",
		"terminationGracePeriodSeconds is all the time it gets before SIGKILL. Killed at once,",
		"every execution it ran stays 'running' for ever and the workflows waiting on it hang.",
		"Leave the field unset (30 s) or give runners the chart's 300 s",
		"([actionrunner] exit_still_active_check); the bundle's floor is",
		"settings.st2_config.min_actionrunner_grace_seconds.",
	]),
}

runner_grace_floor := n if {
	n := data.settings.st2_config.min_actionrunner_grace_seconds
	is_number(n)
} else := 10

findings contains f if {
	some i, w in lib.workloads
	some k, u in w.units
	grace := u.pod_spec.terminationGracePeriodSeconds
	is_number(grace)
	grace < runner_grace_floor
	some rs in w.unit_roles[k]
	"st2actionrunner" in rs
	f := lib.finding("ST2-OPS-079", lib.severity_strict, i, array.concat(u.spec_path, ["terminationGracePeriodSeconds"]), {
		"seconds": grace,
		"floor": runner_grace_floor,
	})
}
