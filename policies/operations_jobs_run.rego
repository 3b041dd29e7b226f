# ST2-OPS-081: st2's content and RBAC Jobs that never run their program (the
# sixteenth red team's job-* cases). st2-register-content registers the packs
# (actions, rules, sensors) and st2-apply-rbac-definitions loads the roles and
# assignments; a Job that starts no pod leaves a fresh cluster with no actions
# and no permissions, and an upgrade with the old ones. The Job controller
# (pkg/controller/job) starts no pod for a Job that is:
# - suspended (spec.suspend: true), until someone resumes it;
# - at parallelism 0 ("effectively paused until it is increased");
# - at completions 0 (wantActive = completions - succeeded = 0: the Job is
#   complete at once, its hook "succeeds" with nothing run);
# - handed to another controller (spec.managedBy other than
#   kubernetes.io/job-controller): this cluster's Job controller ignores it.
# Short deadlines are ST2-OPS-068's.
package st2.operations

import data.st2.lib

rules["ST2-OPS-081"] := {
	"title": "st2's content or RBAC Job that never starts its pod",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A Job with suspend: true, parallelism 0 or completions 0 starts no pod, and one whose",
		"managedBy names another controller is ignored by the cluster's Job controller: the",
		"st2-register-content Job then never registers the packs (no actions, rules or sensors on",
		"a fresh cluster, no new content on an upgrade) and st2-apply-rbac-definitions never loads",
		"the roles (every non-admin user has no permission). Leave suspend, parallelism,",
		"completions and managedBy unset (or false, 1, 1 and kubernetes.io/job-controller).",
	]),
}

# The st2 tool a Job runs (by its containers' command and args, as ST2-OPS-068 finds it).
st2_job_tools := {"st2-register-content", "st2-apply-rbac-definitions"}

st2_job_tool(r) := concat(", ", sort(tools)) if {
	tools := {tool |
		some ctr in array.concat(object.get(r.spec.template.spec, "containers", []), object.get(r.spec.template.spec, "initContainers", []))
		line := concat(" ", array.concat(object.get(ctr, "command", []), object.get(ctr, "args", [])))
		some tool in st2_job_tools
		contains(line, tool)
	}
	count(tools) > 0
}

# [field, problem] of a Job spec that starts no pod.
job_idle(spec) := ["suspend", "suspend: true: the Job controller starts no pod until it is resumed"] if {
	spec.suspend == true
} else := ["parallelism", "parallelism 0: the Job is paused, no pod starts"] if {
	spec.parallelism == 0
} else := ["completions", "completions 0: the Job counts as complete without starting a pod"] if {
	spec.completions == 0
} else := ["managedBy", "managedBy names another controller: the cluster's Job controller ignores the Job"] if {
	is_string(spec.managedBy)
	spec.managedBy != "kubernetes.io/job-controller"
}

findings contains f if {
	some i, r in lib.resources_of_kind("Job")
	[field, problem] := job_idle(r.spec)
	tool := st2_job_tool(r)
	f := lib.finding("ST2-OPS-081", lib.severity_strict, i, ["spec", field], {"job": lib.name(r), "program": tool, "problem": problem})
}
