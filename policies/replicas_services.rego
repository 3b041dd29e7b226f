# ST2-REP-018: a Service st2 or its stores are reached through that reaches
# no pod, or not across nodes (the eighth red team, fresh8-pod.ts). Whatever
# the replica counts, st2 then has none: the name resolves to nothing (a
# selector matching no pod template), the connection lands on a port the
# process does not serve (a targetPort that is not the role's port, or a
# named one no selected pod declares), or is dropped on every node without a
# local endpoint (internalTrafficPolicy: Local). Workloads are looked up by
# label through lib.workloads_matching (one index, built once).
package st2.replicas

import data.st2.lib
import data.st2.operations

rules["ST2-REP-018"] := {
	"title": "Service that reaches none of st2's pods",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A Service in st2's namespace must select the pods it fronts (its selector must match a",
		"pod template of the render), forward each port to the port the selected process listens",
		"on (a named targetPort must be one of those pods' container ports; etcd's client port is",
		"not its peer port), and keep internalTrafficPolicy Cluster: with Local, st2 pods on nodes",
		"without an endpoint have their connections dropped. Services for pods an operator creates",
		"belong next to the operator's resource.",
	]),
}

# Namespaces where st2 or its stores run (by what the workloads run, not their names).
st2_namespaces contains w.namespace if {
	some w in lib.workloads
	some role in w.roles
	lib.known_roles[role]
}

selector_services contains [i, r] if {
	some i, r in lib.resources_of_kind("Service")
	sel := r.spec.selector
	is_object(sel)
	count(sel) > 0
	object.get(r.spec, "type", "ClusterIP") != "ExternalName"
	st2_namespaces[lib.namespace(r)]
	selected(r)
}

# Labels controllers give pods themselves (one StatefulSet member, a ReplicaSet, a Job):
# not in the template, so a selector holding them is matched on the rest.
controller_labels := {
	"statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index", "pod-template-hash",
	"controller-revision-hash", "batch.kubernetes.io/job-name", "job-name",
	"batch.kubernetes.io/controller-uid", "controller-uid",
}

template_selector(r) := {k: v | some k, v in r.spec.selector; not controller_labels[k]}

selected(r) := lib.workloads_matching(lib.namespace(r), template_selector(r)) if {
	count(template_selector(r)) > 0
} else := lib.workloads_called(lib.namespace(r), member_of(r.spec.selector["statefulset.kubernetes.io/pod-name"]))

# "mongodb-0" is a member of StatefulSet "mongodb".
member_of(pod) := concat("-", array.slice(parts, 0, count(parts) - 1)) if {
	is_string(pod)
	parts := split(pod, "-")
	count(parts) > 1
}

# Roles that run in each namespace, indexed once.
namespace_roles contains [w.namespace, role] if {
	some w in lib.workloads
	some role in w.roles
}

# What a Service is for, by its name's parts (rabbitmq, rabbitmq-discovery, etcd-headless) or its app label.
service_roles(r) := {role |
	some part in split(lower(lib.name(r)), "-")
	role := object.get(lib.role_aliases, part, part)
	lib.known_roles[role]
} | lib.label_roles(object.get(r.spec.selector, "app", ""))

# A Service selecting nothing is judged when what it is for runs in its namespace
# (a typo, or a selector replaced); one for pods the render does not hold is not.
findings contains f if {
	some [i, r] in selector_services
	count(selected(r)) == 0
	some role in service_roles(r)
	[lib.namespace(r), role] in namespace_roles
	f := lib.finding("ST2-REP-018", lib.severity_strict, i, ["spec", "selector"], {"service": lib.name(r), "problem": "the selector matches no pod of the render: the Service has no endpoints"})
}

# What the selected pods listen on, for those whose containers say: the ports of the roles
# the table knows, and the declared ports of any other container (a sidecar exporter). A pod
# with a container of no known role and no declared port is not judged.
selected_known(r) := {j: ports |
	some j in selected(r)
	w := lib.workloads[j]
	not opaque(w)
	known := operations.ports_of_roles(w.roles) | operations.configured_ports(j, w.roles)
	ports := known | other_ports(w)
}

known_container(roles) if operations.ports_of_roles(roles)

other_ports(w) := {p.containerPort |
	some k, u in w.units
	some idx, e in lib.running_with_paths(u)
	not known_container(w.unit_roles[k][idx])
	some p in object.get(e.container, "ports", [])
}

opaque(w) if {
	some k, u in w.units
	some idx, e in lib.running_with_paths(u)
	not known_container(w.unit_roles[k][idx])
	count(object.get(e.container, "ports", [])) == 0
}

container_port_names(w) := {p.name |
	some u in w.units
	some e in lib.running_with_paths(u)
	some p in object.get(e.container, "ports", [])
	is_string(p.name)
}

findings contains f if {
	some [i, r] in selector_services
	some k, sp in object.get(r.spec, "ports", [])
	is_string(sp.targetPort)
	sel := selected(r)
	count(sel) > 0
	every j in sel {
		not sp.targetPort in container_port_names(lib.workloads[j])
	}
	f := lib.finding("ST2-REP-018", lib.severity_strict, i, ["spec", "ports", k, "targetPort"], {"service": lib.name(r), "port": sp.targetPort, "problem": "no selected pod has a container port of this name: the port has no endpoints"})
}

findings contains f if {
	some [i, r] in selector_services
	known := selected_known(r)
	some k, sp in object.get(r.spec, "ports", [])
	target := object.get(sp, "targetPort", sp.port)
	is_number(target)
	some j, ports in known
	problem := port_problem(sp.port, target, ports, lib.workloads[j].roles)
	f := lib.finding("ST2-REP-018", lib.severity_strict, i, ["spec", "ports", k], {"service": lib.name(r), "port": sp.port, "target": target, "workload": lib.workloads[j].name, "listens_on": sort([x | some x in ports]), "problem": problem})
}

# A store's ports speak different protocols (etcd's client and peer ports, RabbitMQ's AMQP and
# management ports): a Service port named after one forwarded to another reaches the wrong
# listener. st2web's 80 and 443 are both its HTTP server, so only stores are held to this.
port_problem(port, target, ports, roles) := "the selected process never listens on the target port" if {
	not target in ports
} else := "the Service's port is one of the store's ports but is forwarded to another of them" if {
	port in ports
	port != target
	every role in roles {
		lib.backing_roles[role]
	}
}

findings contains f if {
	some [i, r] in selector_services
	r.spec.internalTrafficPolicy == "Local"
	some j in selected(r)
	w := lib.workloads[j]
	w.kind != "DaemonSet"
	some role in w.roles
	lib.known_roles[role]
	f := lib.finding("ST2-REP-018", lib.severity_strict, i, ["spec", "internalTrafficPolicy"], {"service": lib.name(r), "workload": w.name, "problem": "internalTrafficPolicy Local: st2 pods on nodes without one of its pods have their connections dropped"})
}
