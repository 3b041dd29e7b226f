# ST2-REP-019: a controller outside the render that sets a workload's replicas
# below what the HA floors and singleton rules require; ST2-REP-020: a
# VerticalPodAutoscaler that caps a container's memory below what the render
# gives it. The gate judges spec.replicas and the resources it renders; these
# controllers change both after the sync:
#
# - kube-downscaler (hjacobs/kube-downscaler, caas-team/py-kube-downscaler)
#   reads downscaler/uptime, downscaler/downtime, downscaler/downscale-period
#   and downscaler/force-downtime on a workload or its Namespace (the
#   workload's own annotation wins) and, outside uptime, scales the workload
#   to downscaler/downtime-replicas (the workload's, else the Namespace's,
#   else its default 0). downscaler/exclude: "true" on either leaves the
#   workload alone; uptime "always" and downtime "never" mean no downtime.
#   A downtime count below a role's floor is judged like spec.replicas: a
#   singleton (timers engine, garbage collector, sensor container) or the
#   action runners at 0 stop StackStorm's work, an active-active service
#   below 2 loses its HA, a quorum store below 3 its quorum. st2client (an
#   operator's shell) may go to 0.
# - KEDA's autoscaling.keda.sh/paused-replicas is read as the scaler's floor
#   (replicas.rego scalers), so ST2-REP-005/007 judge it.
# - OpenKruise's UnitedDeployment runs spec.replicas over its subsets and
#   SidecarSet injects its containers into every pod it selects: counted in
#   src/policy/pod-templates.ts.
package st2.replicas

import data.st2.lib

rules["ST2-REP-019"] := {
	"title": "A controller scales an st2 service or store below its floor outside the render",
	"default_severity": "deny",
	"profiles": "deny in production, warn in staging, not checked in dev",
	"remediation": concat(" ", [
		"kube-downscaler annotations (downscaler/uptime, downtime, downscale-period,",
		"force-downtime, on the workload or its Namespace) scale the workload to",
		"downscaler/downtime-replicas (default 0) outside uptime: the timers engine, sensor",
		"container, garbage collector or action runners stop, HA services drop below 2 and",
		"stores below their quorum of 3. Remove the annotations, set downscaler/exclude: \"true\"",
		"on st2's workloads, or give them downtime-replicas at their floor.",
	]),
}

rules["ST2-REP-020"] := {
	"title": "VerticalPodAutoscaler caps a container's memory below what the render requests",
	"default_severity": "deny",
	"profiles": "deny in production, warn in staging, not checked in dev",
	"remediation": concat(" ", [
		"A VPA in Auto, Recreate, InPlaceOrRecreate or Initial mode sets each new pod's requests",
		"within resourcePolicy maxAllowed, and its limits in proportion (controlledValues",
		"RequestsAndLimits, the default): a cap below the memory the render requests shrinks",
		"the container under its working set and every replica it evicts comes back OOMKilled.",
		"Raise maxAllowed.memory to at least the container's request, or use updateMode Off.",
	]),
}

downscaler_keys := {"downscaler/uptime", "downscaler/downtime", "downscaler/downscale-period", "downscaler/force-downtime"}

# Namespace name -> its annotations, for the rendered Namespaces.
namespace_annotations[lib.name(r)] := object.get(r, ["metadata", "annotations"], {}) if {
	some i, r in lib.resources_of_kind("Namespace")
	not lib.dropped_copies[i]
}

downscaler_excluded(a) if lower(object.get(a, "downscaler/exclude", "")) == "true"

# A downtime is configured when uptime is not "always", downtime not "never",
# or a period or forced downtime is set (the workload's key wins over the Namespace's).
downscaler_effective(wa, na, key) := wa[key] if {
	is_string(wa[key])
} else := na[key] if {
	is_string(na[key])
}

downscaler_active(wa, na) if lower(downscaler_effective(wa, na, "downscaler/uptime")) != "always"

downscaler_active(wa, na) if lower(downscaler_effective(wa, na, "downscaler/downtime")) != "never"

downscaler_active(wa, na) if downscaler_effective(wa, na, "downscaler/downscale-period")

downscaler_active(wa, na) if lower(downscaler_effective(wa, na, "downscaler/force-downtime")) == "true"

downtime_replicas(wa, na) := n if {
	n := to_number(downscaler_effective(wa, na, "downscaler/downtime-replicas"))
} else := 0

# The fewest replicas each role may run: 1 for the singletons (0 stops the
# work), 2 for the active-active services and the action runners (ST2-REP-005's
# floor), 3 for the quorum stores.
downscale_floor(role) := 1 if role in {"st2timersengine", "st2garbagecollector", "st2sensorcontainer"}

downscale_floor(role) := 2 if active_active[role]

downscale_floor(role) := 3 if role in {"mongodb", "rabbitmq", "etcd", "zookeeper"}

# Only workloads whose own or Namespace annotations name a downscaler key are
# looked at (the Namespace's apply to every workload in it).
downscaled[i] := n if {
	some i, w in lib.workloads
	w.scalable
	r := input.resources[i]
	wa := object.get(r, ["metadata", "annotations"], {})
	na := object.get(namespace_annotations, w.namespace, {})
	some key in downscaler_keys
	downscaler_effective(wa, na, key)
	not downscaler_excluded(wa)
	not downscaler_excluded(na)
	downscaler_active(wa, na)
	n := downtime_replicas(wa, na)
}

findings contains f if {
	severity := lib.severity_capacity
	some i, n in downscaled
	w := lib.workloads[i]
	some role in w.roles
	floor := downscale_floor(role)
	n < floor
	f := lib.finding("ST2-REP-019", severity, i, ["metadata", "annotations"], {"component": role, "replicas": n, "floor": floor, "controller": "kube-downscaler"})
}

# --- ST2-REP-020: VPA memory caps (src/policy/admission-facts.ts) ----------------------------

vpa_caps := l if {
	l := input.facts.vpa_caps
	is_array(l)
} else := []

findings contains f if {
	severity := lib.severity_capacity
	some c in vpa_caps
	f := lib.finding("ST2-REP-020", severity, c.resource, c.path, {"container": c.container, "workload": c.workload, "cap_bytes": c.cap, "request_bytes": c.request})
}
