# ST2-OPS-071: a service container that never runs its service (the twenty-first attacker's f7
# cases). src/policy/service-replaced.ts reads each long-running pod spec's main containers once:
# an image that gives a service role (st2's services, st2web, the stores) whose command runs an
# idle or exiting program instead (sleep, true, a shell script of nothing else), or the service's
# own program with a flag that prints and exits (oslo.config's --version and --help in every st2
# service, mongod --version). The pod stays Running with nothing serving, or restarts forever.
package st2.operations

import data.st2.lib

rules["ST2-OPS-071"] := {
	"title": "Service container that never runs its service",
	"default_severity": "deny",
	"profiles": "deny in every profile",
	"remediation": concat(" ", [
		"The container's image is a service's (st2api, the engines, st2web, MongoDB, RabbitMQ, etcd,",
		"Redis), but its command replaces the service with a program that idles or exits (sleep,",
		"tail, true, a shell script running only those and builtins such as exit or trap), or runs",
		"the service's own program with a flag that prints and exits (--version or --help: st2's",
		"services parse their arguments with oslo.config). An idle pod looks Running while nothing",
		"serves, and its Service has no backend; an exiting one restarts forever (CrashLoopBackOff).",
		"Run the service's own command (the chart's /opt/stackstorm/st2/bin/<service>",
		"--config-file=...; for the stores, the image's default with options as args), and debug in",
		"a copy whose name and labels do not name the service (no Service selects it), or with",
		"kubectl debug.",
	]),
}

findings contains f if {
	some s in pod_facts("service_replaced")
	claims_role(lib.workloads[s.resource], s.role)
	f := lib.finding("ST2-OPS-071", lib.severity_always, s.resource, s.path, {
		"container": s.container,
		"role": s.role,
		"runs": s.runs,
		"problem": concat("", ["runs ", s.runs, " instead of ", s.role, ": the service never starts"]),
	})
}

# Only a workload that claims the role by its component (app label, else its name) or its name
# loses the service: a mongo-toolbox Deployment sleeping on the mongo image is a shell to exec
# into, st2client's loop on the st2actionrunner tool image a client. A workload renamed away from
# its role is ST2-REP-011's (the component is gone).
claims_role(w, role) if role in lib.label_roles(w.component)

claims_role(w, role) if role in lib.label_roles(w.name)
