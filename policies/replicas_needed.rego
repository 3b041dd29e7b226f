# ST2-REP-011, continued: a component st2 3.8 needs, gone from a staging or
# production render (the eleventh red team's `$patch: delete` cases). Argo CD
# prunes what the render no longer holds, so a render without st2api, the
# scheduler or MongoDB takes it out of the cluster. Components are judged by
# what runs (lib.workloads' roles: image and command, not names), so a rename
# keeps the component; a store an operator runs (a RabbitmqCluster, a
# MongoDBCommunity) counts as that store. st2chatops, st2client and the
# garbage collector are not needed to run actions (the collector purges
# nothing with st2's default TTLs) and may go.
#
# The Services st2 connects through are judged by the hosts its config names
# (src/policy/st2-transport.ts: the bus, the database members, the
# coordination backend, [auth] api_url), resolved as cluster DNS resolves a
# short name, `pod.service`, `service.namespace` or `…svc…`: a host in the
# render's namespace must name a Service the render holds (or one an operator
# creates). Hosts outside the cluster are not judged.
package st2.replicas

import data.st2.lib

needed_roles := {
	"st2web", "st2auth", "st2api", "st2stream", "st2rulesengine", "st2timersengine",
	"st2workflowengine", "st2scheduler", "st2notifier", "st2sensorcontainer", "st2actionrunner",
	"mongodb", "rabbitmq",
}

# tooz's driver schemes and the store each needs.
coordination_roles := {
	"etcd": "etcd", "etcd3": "etcd", "etcd3+http": "etcd",
	"redis": "redis", "zookeeper": "zookeeper", "kazoo": "zookeeper",
}

needed_here contains role if some role in needed_roles

needed_here contains coordination_roles[s] if some s in coordination_schemes

# The staging and production namespaces (settings' environment map) the render
# holds st2 config in: a dev timers engine added beside them is not judged here.
judged_namespaces contains ns if {
	input.profile in {"staging", "production"}
	some r in lib.resources_of_kind("ConfigMap")
	ns := lib.namespace(r)
	data.settings.environments.namespaces[ns] in {"staging", "production"}
	some text in object.get(r, "data", {})
	lib.st2_config_texts[text]
}

# A namespace whose st2 config kustomize dropped as local configuration
# (config.kubernetes.io/local-config; src/policy/local-config-facts.ts) is
# judged as well: Argo CD prunes what that render no longer holds.
judged_namespaces contains ns if {
	input.profile in {"staging", "production"}
	some ns in object.get(input.facts, "local_config_st2_namespaces", [])
	data.settings.environments.namespaces[ns] in {"staging", "production"}
}

operator_roles contains [s.namespace, s.role] if {
	some s in data.st2.exposure.operator_stores
	is_number(s.members)
	s.members > 0
}

runs_here(role, ns) if object.get(totals, [role, ns], 0) > 0

runs_here(role, ns) if [ns, role] in operator_roles

# A workload named or labelled for the role whose image the gate does not know
# (mongod from percona/percona-server-mongodb) is taken at its word: only a
# component gone from the render is judged here.
runs_here(role, ns) if labelled_here[[ns, role]]

# [namespace, role] of the running workloads' component names, built once per
# evaluation: runs_here is asked for every needed role of every namespace. Only
# where no container's image is one the gate maps to a role: there what runs
# decides (lib.workloads' roles), and an st2api Deployment whose command is
# `sleep infinity` is no st2api, whatever its name.
labelled_here contains [w.namespace, role] if {
	some w in lib.workloads
	w.replicas > 0
	not image_known(w)
	some role in lib.label_roles(w.component)
}

image_known(w) if {
	some u in w.units
	some ctr in object.get(u.pod_spec, "containers", [])
	count(lib.image_roles(ctr)) > 0
}

image_known(w) if {
	some l in w.loose
	count(lib.image_roles(l.container)) > 0
}

findings contains f if {
	some ns in judged_namespaces
	some role in needed_here
	not runs_here(role, ns)
	f := lib.finding("ST2-REP-011", lib.severity_always, -1, [], {"component": role, "namespace": ns, "problem": "not in the render: Argo CD removes it"})
}

# The Namespace itself: the namespaces whose Namespace object the repository renders (settings'
# delivery.namespace_objects: Argo CD tracks it) must keep it. A render without it (a `$patch:
# delete`) has Argo CD prune it, and deleting a Namespace deletes everything in it, the stores'
# claims included (Kubernetes: namespace deletion; the fifteenth red team's nsprune cases).
namespace_objects contains lib.name(r) if some r in lib.resources_of_kind("Namespace")

findings contains f if {
	some ns in object.get(data.settings, ["delivery", "namespace_objects"], [])
	judged_namespaces[ns]
	not namespace_objects[ns]
	f := lib.finding("ST2-REP-011", lib.severity_always, -1, [], {"component": "Namespace", "namespace": ns, "problem": "not in the render: Argo CD prunes it with everything in it"})
}

# An empty staging or production render holds nothing of st2 at all: Argo CD prunes every
# object the Application tracked, the stores' StatefulSets with them. Argo CD's own guard
# (automated sync's allowEmpty, false by default) covers automated syncs only; a manual sync
# with pruning, or allowEmpty, takes production down. Retiring an environment is deleting
# its Application, not syncing it empty.
findings contains f if {
	input.profile in {"staging", "production"}
	count(input.resources) == 0
	f := lib.finding("ST2-REP-011", lib.severity_always, -1, [], {"component": "StackStorm", "namespace": input.namespace, "problem": "the render is empty: Argo CD prunes everything the Application holds"})
}

# --- The Services st2 connects through ---------------------------------------------------

service_names contains [lib.namespace(r), lib.name(r)] if some r in lib.resources_of_kind("Service")

service_names contains [s.namespace, name] if {
	some s in data.st2.exposure.operator_stores
	some name in object.get(s, "services", set())
}

# Where cluster DNS looks a host up from a pod in ns: [namespace, service] candidates.
host_services(host, ns) := {[ns, host]} if {
	not contains(host, ".")
} else := {[ns, parts[1]]} if {
	# A StatefulSet member through its headless Service: mongodb-0.mongodb.
	parts := split(host, ".")
	count(parts) == 2
	startswith(parts[0], concat("", [parts[1], "-"]))
} else := {[parts[1], parts[0]]} if {
	parts := split(host, ".")
	count(parts) == 2
} else := {[parts[k - 1], parts[k - 2]]} if {
	parts := split(host, ".")
	some k, label in parts
	label == "svc"
	k >= 2
}

st2_hosts contains [i, c.path, host] if {
	some key, cs in object.get(input.facts, "st2_chains", {})
	i := to_number(key)
	w := lib.workloads[i]
	count(w.roles & needed_roles) > 0
	some c in cs
	some host in object.get(c, ["transport", "hosts"], [])
}

findings contains f if {
	some [i, path, host] in st2_hosts
	ns := lib.workloads[i].namespace
	judged_namespaces[ns]
	candidates := host_services(host, ns)
	count(candidates) > 0
	every c in candidates {
		c[0] == ns
	}
	not resolves(candidates)
	f := lib.finding("ST2-REP-011", lib.severity_always, i, path, {"component": host, "namespace": ns, "problem": "st2 connects to a Service the render does not hold: the name never resolves"})
}

resolves(candidates) if {
	some c in candidates
	c in service_names
}
