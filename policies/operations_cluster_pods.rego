# ST2-OPS-043..045: volumes, sizes and placements of the render's pods that
# harm the nodes or other tenants, or leave st2's own stores without a quorum
# (the ninth red team, test/policy/redteam/fresh9-cluster.ts). The pod-level
# hostPath ban (ST2-HRD-006) and Pod Security never see a PersistentVolume:
# a hostPath PV bound to a claim the runners mount is the node's root all the
# same. Node labels and taints are the well-known ones of Kubernetes and the
# clouds; what the cluster has beyond them is the bundle's to say
# (data.settings.cluster: max_workload_pods, topology_domains). The pod specs
# are read once through lib.workloads.
package st2.operations

import data.st2.lib

rules["ST2-OPS-043"] := {
	"title": "Volume from a node's filesystem or another tenant's storage",
	"default_severity": "deny",
	"profiles": "deny in every environment",
	"remediation": concat(" ", [
		"A hostPath or local PersistentVolume is a directory of a node the cluster shares with",
		"every other tenant: bound to a claim st2's pods mount, any st2 action reads and writes it",
		"(the pod-level hostPath ban does not see PVs). A claim pre-bound by volumeName to a",
		"volume the render does not define, or cloned from a data source in another namespace,",
		"takes another team's data. Use claims with a storageClassName (dynamic provisioning);",
		"bind by volumeName only to a PersistentVolume of the render that is not on a node.",
	]),
}

rules["ST2-OPS-044"] := {
	"title": "Workload the cluster cannot hold",
	"default_severity": "deny",
	"profiles": "deny in every environment (pods that can never all be placed: deny in staging and production, warn in dev)",
	"remediation": concat(" ", [
		"More pods at once than settings.cluster.max_workload_pods (default 100) in one workload,",
		"Job (parallelism) or autoscaler (maxReplicas, maxReplicaCount) floods the scheduler and",
		"takes the free capacity of every tenant. A required pod anti-affinity over a topology",
		"with fewer domains than replicas (settings.cluster.topology_domains: one region by",
		"default) leaves the other replicas Pending. Run load tests outside the shared cluster or",
		"in bounded batches; spread HA replicas over hostnames or zones.",
	]),
}

rules["ST2-OPS-045"] := {
	"title": "Pod placed on the control plane, everywhere, or a store on spot capacity or in one zone",
	"default_severity": "deny",
	"profiles": "control plane and tolerating every taint: deny in every environment; a store on spot or preemptible nodes or in one zone: deny in production, warn in staging; quorum store members that may share a node: deny in production",
	"remediation": concat(" ", [
		"A toleration of every taint (operator Exists without a key), of the control-plane",
		"taint, or a node selector or required affinity for control-plane nodes runs st2's pods",
		"(root user code in the action runners) beside etcd and the API server, or on every",
		"tenant's dedicated nodes. Tolerate only the taint of st2's own node pool. MongoDB,",
		"RabbitMQ, etcd, Redis or ZooKeeper pinned to spot or preemptible capacity lose several",
		"members in one reclaim wave: keep the stores on on-demand nodes. A quorum store whose",
		"members are all required in one zone loses them all with that zone: spread them (or set",
		"settings.cluster.topology_domains to one zone when the cluster has only one). In production",
		"MongoDB, etcd or ZooKeeper of 3 or more needs a required pod anti-affinity over its own pods (or a",
		"DoNotSchedule spread over hostnames with maxSkew 1): preferred lets two members share a node.",
	]),
}

# --- ST2-OPS-043: node filesystems and other tenants' volumes ------------------------------------

node_volume_sources := {"hostPath", "local"}

findings contains f if {
	some i, r in lib.resources_of_kind("PersistentVolume")
	some source in node_volume_sources
	is_object(r.spec[source])
	f := lib.finding("ST2-OPS-043", lib.severity_always, i, ["spec", source], {"volume": lib.name(r), "problem": "a directory of a node shared with every tenant"})
}

rendered_volumes := {lib.name(r) | some r in lib.resources_of_kind("PersistentVolume")}

# [resource, path to a claim spec] of every claim the render makes: PVCs,
# StatefulSet claim templates, ephemeral volumes of pod specs.
claim_specs contains [i, ["spec"]] if some i, _ in lib.resources_of_kind("PersistentVolumeClaim")

claim_specs contains [i, ["spec", "volumeClaimTemplates", k, "spec"]] if {
	some i, r in lib.resources_of_kind("StatefulSet")
	some k, _ in object.get(r, ["spec", "volumeClaimTemplates"], [])
}

claim_specs contains [i, array.concat(u.spec_path, ["volumes", k, "ephemeral", "volumeClaimTemplate", "spec"])] if {
	some i, w in lib.workloads
	some u in w.units
	some k, v in object.get(u.pod_spec, "volumes", [])
	is_object(v.ephemeral)
}

findings contains f if {
	some [i, path] in claim_specs
	spec := lib.object_at(input.resources[i], path)
	vol := spec.volumeName
	is_string(vol)
	vol != ""
	not rendered_volumes[vol]
	f := lib.finding("ST2-OPS-043", lib.severity_always, i, array.concat(path, ["volumeName"]), {"volume": vol, "problem": "pre-bound to a volume the render does not define"})
}

findings contains f if {
	some [i, path] in claim_specs
	spec := lib.object_at(input.resources[i], path)
	ns := spec.dataSourceRef.namespace
	is_string(ns)
	ns != lib.namespace(input.resources[i])
	f := lib.finding("ST2-OPS-043", lib.severity_always, i, array.concat(path, ["dataSourceRef", "namespace"]), {"volume": object.get(spec.dataSourceRef, "name", ""), "problem": "cloned from another namespace's data"})
}

# --- ST2-OPS-044: pods beyond the cluster's means ------------------------------------------------

max_workload_pods := v if {
	v := cluster_setting("max_workload_pods", 100)
	is_number(v)
} else := 100

findings contains f if {
	some i, w in lib.workloads
	some u in w.units
	u.count > max_workload_pods
	f := lib.finding("ST2-OPS-044", lib.severity_always, i, array.slice(u.spec_path, 0, count(u.spec_path) - 1), {"workload": w.name, "pods": u.count, "limit": max_workload_pods})
}

# Jobs count one in lib.workloads: their parallelism is how many pods run at once.
job_parallelism_paths := {"Job": ["spec", "parallelism"], "CronJob": ["spec", "jobTemplate", "spec", "parallelism"]}

findings contains f if {
	some kind, path in job_parallelism_paths
	some i, r in lib.resources_of_kind(kind)
	n := object.get(r, path, 1)
	is_number(n)
	n > max_workload_pods
	f := lib.finding("ST2-OPS-044", lib.severity_always, i, path, {"workload": lib.name(r), "pods": n, "limit": max_workload_pods})
}

scaler_max_fields := {"HorizontalPodAutoscaler": "maxReplicas", "ScaledObject": "maxReplicaCount", "ScaledJob": "maxReplicaCount"}

findings contains f if {
	some kind, field in scaler_max_fields
	some i, r in lib.resources_of_kind(kind)
	n := object.get(r, ["spec", field], 0)
	is_number(n)
	n > max_workload_pods
	f := lib.finding("ST2-OPS-044", lib.severity_always, i, ["spec", field], {"workload": lib.name(r), "pods": n, "limit": max_workload_pods})
}

# Topology keys with a known, small number of domains in the cluster.
topology_domains := d if {
	d := cluster_setting("topology_domains", {"topology.kubernetes.io/region": 1, "failure-domain.beta.kubernetes.io/region": 1})
	is_object(d)
} else := {"topology.kubernetes.io/region": 1}

findings contains f if {
	some i, w in lib.workloads
	some u in w.units
	some k, term in object.get(u.pod_spec, ["affinity", "podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution"], [])
	domains := topology_domains[term.topologyKey]
	is_number(domains)
	more_than(u.count, domains)
	lib.label_selector_matches(term.labelSelector, u.labels)
	f := lib.finding("ST2-OPS-044", lib.severity_strict, i, array.concat(u.spec_path, ["affinity", "podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution", k, "topologyKey"]), {"workload": w.name, "pods": u.count, "topology_key": term.topologyKey, "domains": domains})
}

# -1 copies: one per node or unbounded.
more_than(n, _) if n < 0

more_than(n, m) if n > m

# --- ST2-OPS-045: placement ----------------------------------------------------------------------

control_plane_labels := {"node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master"}

findings contains f if {
	some i, w in lib.workloads
	some u in w.units
	some k, t in object.get(u.pod_spec, "tolerations", [])
	problem := toleration_problem(t)
	f := lib.finding("ST2-OPS-045", lib.severity_always, i, array.concat(u.spec_path, ["tolerations", k]), {"workload": w.name, "problem": problem})
}

toleration_problem(t) := "tolerates every taint: runs on the control plane and every tenant's dedicated nodes" if {
	t.operator == "Exists"
	object.get(t, "key", "") == ""
} else := "tolerates the control-plane taint" if {
	control_plane_labels[t.key]
}

findings contains f if {
	some i, w in lib.workloads
	some u in w.units
	some [path, key, _] in node_requirements(u)
	control_plane_labels[key]
	f := lib.finding("ST2-OPS-045", lib.severity_always, i, path, {"workload": w.name, "problem": "selects control-plane nodes"})
}

# Node labels that mark spot or preemptible capacity, with the values that do
# (true: Exists, for a label only such nodes carry).
spot_labels := {
	"eks.amazonaws.com/capacityType": {"SPOT"},
	"karpenter.sh/capacity-type": {"spot"},
	"cloud.google.com/gke-spot": {"true", true},
	"cloud.google.com/gke-preemptible": {"true", true},
	"cloud.google.com/gke-provisioning": {"spot", "preemptible"},
	"kubernetes.azure.com/scalesetpriority": {"spot"},
	"node.kubernetes.io/lifecycle": {"spot"},
}

findings contains f if {
	some i, w in lib.workloads
	some role in w.roles
	lib.backing_roles[role]
	some u in w.units
	some [path, key, value] in node_requirements(u)
	spot := spot_labels[key]
	spot_value(spot, value)
	severity := lib.severity_capacity
	f := lib.finding("ST2-OPS-045", severity, i, path, {"workload": w.name, "problem": concat("", [role, " pinned to spot or preemptible nodes"])})
}

spot_value(spot, value) if spot[value]

# A quorum store's members all required into one zone (a nodeSelector, or every
# required term naming the same single zone): one zone outage takes every member.
# Not judged when the bundle says the cluster has one zone (topology_domains).
zone_labels := {"topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone"}

single_zone_cluster if {
	some key in zone_labels
	topology_domains[key] == 1
}

findings contains f if {
	not single_zone_cluster
	some i, w in lib.workloads
	some role in w.roles
	role in {"mongodb", "etcd", "rabbitmq", "zookeeper"}
	w.replicas > 1
	some u in w.units
	[path, zone] := one_zone(u)
	f := lib.finding("ST2-OPS-045", lib.severity_capacity, i, path, {"workload": w.name, "zone": zone, "problem": concat("", [role, " members all required in one zone"])})
}

# A majority-voting store of 3 or more in production whose members may share a node: no
# required pod anti-affinity term (any topology key) over its own pods, and no DoNotSchedule
# spread over hostnames with maxSkew 1. Two members on one node lose the majority with it.
# RabbitMQ is not judged here: whether it needs a majority depends on its partition handling.
findings contains f if {
	lib.profile == "production"
	some i, w in lib.workloads
	some role in w.roles
	role in {"mongodb", "etcd", "zookeeper"}
	w.replicas >= 3
	some u in w.units
	not one_per_node(u)
	f := lib.finding("ST2-OPS-045", lib.severity_capacity, i, array.concat(u.spec_path, ["affinity"]), {"workload": w.name, "problem": concat("", [role, " members not required onto different nodes: two on one node lose the majority with it"])})
}

one_per_node(u) if {
	some term in u.pod_spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution
	is_string(term.topologyKey)
	selects_own_pods(term.labelSelector, u.labels)
}

one_per_node(u) if {
	some c in u.pod_spec.topologySpreadConstraints
	c.topologyKey == "kubernetes.io/hostname"
	c.whenUnsatisfiable == "DoNotSchedule"
	c.maxSkew == 1
	selects_own_pods(c.labelSelector, u.labels)
}

selects_own_pods(sel, labels) if {
	is_object(sel)
	count(object.get(sel, "matchLabels", {})) + count(object.get(sel, "matchExpressions", [])) > 0
	lib.label_selector_matches(sel, labels)
}

one_zone(u) := [array.concat(u.spec_path, ["nodeSelector", key]), zone] if {
	some key in zone_labels
	zone := u.pod_spec.nodeSelector[key]
} else := [array.concat(u.spec_path, ["affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution"]), zone] if {
	terms := u.pod_spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms
	count(terms) > 0
	per_term := [zones |
		some term in terms
		zones := {v |
			some e in object.get(term, "matchExpressions", [])
			zone_labels[e.key]
			e.operator == "In"
			some v in e.values
		}
	]
	every zones in per_term {
		count(zones) > 0
	}
	all_zones := {z | some zones in per_term; some z in zones}
	count(all_zones) == 1
	some zone in all_zones
}

# [path, label key, value] for each requirement a pod puts on its node: the
# nodeSelector's entries, and required node affinity terms' In values (and
# Exists as true). A term is one of alternatives: each counts.
node_requirements(u) := {[array.concat(u.spec_path, ["nodeSelector", key]), key, value] |
	some key, value in object.get(u.pod_spec, "nodeSelector", {})
} | {[array.concat(u.spec_path, ["affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms", t, "matchExpressions", e]), expr.key, value] |
	some t, term in object.get(u.pod_spec, ["affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms"], [])
	some e, expr in object.get(term, "matchExpressions", [])
	some value in requirement_values(expr)
}

requirement_values(expr) := {v | some v in object.get(expr, "values", [])} if {
	expr.operator == "In"
} else := {true} if {
	expr.operator == "Exists"
} else := set()

# The PodNodeSelector and PodTolerationRestriction admission plugins read a
# Namespace's annotations and add to every pod created in it: a node selector
# (`key=value,key2=value2`) and default tolerations (a JSON list). Set on a
# namespace of the render they place its pods as their own specs would.
namespace_node_selector := "scheduler.alpha.kubernetes.io/node-selector"

namespace_tolerations := "scheduler.alpha.kubernetes.io/defaultTolerations"

findings contains f if {
	some i, ns in lib.resources_of_kind("Namespace")
	selector := object.get(ns, ["metadata", "annotations"], {})[namespace_node_selector]
	is_string(selector)
	some term in split(selector, ",")
	control_plane_labels[trim_space(split(term, "=")[0])]
	f := lib.finding("ST2-OPS-045", lib.severity_always, i, ["metadata", "annotations", namespace_node_selector], {"workload": lib.name(ns), "problem": "selects control-plane nodes for every pod of the namespace"})
}

findings contains f if {
	some i, ns in lib.resources_of_kind("Namespace")
	text := object.get(ns, ["metadata", "annotations"], {})[namespace_tolerations]
	is_string(text)
	json.is_valid(text)
	some t in json.unmarshal(text)
	is_object(t)
	problem := toleration_problem(t)
	f := lib.finding("ST2-OPS-045", lib.severity_always, i, ["metadata", "annotations", namespace_tolerations], {"workload": lib.name(ns), "problem": concat("", [problem, " (every pod of the namespace)"])})
}
