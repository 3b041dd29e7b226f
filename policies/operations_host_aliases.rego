# ST2-OPS-007's hostAliases: an st2 pod's /etc/hosts wins over cluster DNS
# (the kubelet writes hostAliases there, and glibc's "files" comes before
# "dns"), so an alias for a name of the render sends what st2 sends to that
# name (the stores' logins, st2's tokens) to the alias's address. A name of
# the render is judged by its shape, not by a list of store names: a Service
# ("svc", "svc.ns", "svc.ns.svc[.<cluster domain>]") or a pod with a stable
# DNS name under a headless Service ("pod.svc", "pod.svc.ns",
# "pod.svc.ns.svc[.<domain>]"): a StatefulSet's "<name>-<ordinal>" under its
# serviceName, or a pod template's hostname under its subdomain. MongoDB's
# replica-set members (mongodb-0.mongodb) are such names (the twelfth red team).
package st2.operations

import data.st2.lib

findings contains f if {
	some i, w in lib.workloads
	st2_pod(w)
	some u in w.units
	some k, alias in object.get(u.pod_spec, "hostAliases", [])
	some name in object.get(alias, "hostnames", [])
	is_string(name)
	render_host_name(name, w.namespace)
	f := lib.finding("ST2-OPS-007", lib.severity_strict, i, array.concat(u.spec_path, ["hostAliases", k]), {"variable": "hostAliases", "host": name})
}

render_host_name(name, own_ns) if {
	ref := data.st2.exposure.host_ref(name, own_ns)
	service_names[ref]
}

render_host_name(name, own_ns) if {
	labels := split(trim_suffix(lower(name), "."), ".")
	ns := service_form_namespace(labels, own_ns)
	service_names[[ns, labels[0]]]
}

render_host_name(name, own_ns) if {
	labels := split(trim_suffix(lower(name), "."), ".")
	count(labels) > 1
	ns := member_form_namespace(labels, own_ns)
	stable_pod_name(ns, labels[1], labels[0])
}

# "svc" (the pod's own namespace), "svc.ns", "svc.ns.svc..." (the search path
# completes the first two).
service_form_namespace(labels, own_ns) := own_ns if {
	count(labels) == 1
} else := labels[1] if {
	count(labels) == 2
} else := labels[1] if {
	labels[2] == "svc"
}

# "pod.svc", "pod.svc.ns", "pod.svc.ns.svc...".
member_form_namespace(labels, own_ns) := own_ns if {
	count(labels) == 2
} else := labels[2] if {
	count(labels) == 3
} else := labels[2] if {
	labels[3] == "svc"
}

stable_pod_name(ns, svc, pod) if {
	some [sts_ns, sts_svc, sts] in statefulset_members
	sts_ns == ns
	sts_svc == svc
	ordinal := trim_prefix(pod, concat("", [sts, "-"]))
	ordinal != pod
	ordinal != ""
	trim(ordinal, "0123456789") == ""
}

stable_pod_name(ns, svc, pod) if named_pods[[ns, svc, pod]]

# [namespace, governing Service, StatefulSet name]: its pods are <name>-<ordinal>.<service>.
statefulset_members contains [lib.namespace(sts), lower(svc), lower(lib.name(sts))] if {
	some sts in lib.resources_of_kind("StatefulSet")
	svc := sts.spec.serviceName
	is_string(svc)
}

# A pod template's hostname under its subdomain (a headless Service of that name).
named_pods contains [w.namespace, lower(u.pod_spec.subdomain), lower(u.pod_spec.hostname)] if {
	some w in lib.workloads
	some u in w.units
	is_string(u.pod_spec.subdomain)
	is_string(u.pod_spec.hostname)
}
