# The sixteenth red team's pods that render and never run, never serve or are evicted at start
# (test/policy/redteam/fresh16-runs.ts). Facts checked upstream:
# - a pod is Ready only when every readinessGates condition is True, set by a controller (k8s
#   pod lifecycle, Pod readiness gate); a pod with schedulingGates is not scheduled until a
#   controller removes them all (k8s Pod Scheduling Readiness): gates nothing handles are
#   ST2-OPS-028 (operations_pods.rego judges the references, this file knows the controllers);
# - a failed postStart hook kills the container (k8s container lifecycle hooks): a hook that
#   always fails restarts it forever (ST2-OPS-066);
# - the kubelet refuses to start a container whose env names a key its ConfigMap lacks, unless
#   optional, and does not mount a configMap volume whose items name a missing key (k8s
#   ConfigMap docs); runc cannot chdir into a workingDir that is a file; the kubelet evicts a pod
#   whose emptyDir holds more than its sizeLimit, and st2's system packs alone are 214,200
#   bytes (ST2-OPS-062).
package st2.operations

import data.st2.lib

# --- ST2-OPS-028: gates -----------------------------------------------------------------------

gate_prefixes := {"readiness_gate": readiness_gate_prefixes, "scheduling_gate": scheduling_gate_prefixes}

# Readiness gates: the pod is Ready only once a controller sets each condition True (k8s pod
# lifecycle, Pod readiness gate). Only load balancer controllers set well-known ones, and only
# for pods behind their own objects: the AWS Load Balancer Controller's
# target-health.elbv2.k8s.aws/<TargetGroupBinding> (its ALB Ingresses and NLB Services make
# TargetGroupBindings of generated names), the older ALB ingress controller's
# target-health.alb.ingress.k8s.aws/<ingress>_<service>_<port>, GKE's NEG controller's
# cloud.google.com/load-balancer-neg-ready. Anything else the bundle must list.
known_readiness_gates := {s | some s in cluster_setting("readiness_gates", []); not endswith(s, "/")} | {concat("", ["target-health.elbv2.k8s.aws/", lib.name(r)]) | some r in lib.resources_of_kind("TargetGroupBinding")}

readiness_gate_prefixes contains s if {
	some s in cluster_setting("readiness_gates", [])
	endswith(s, "/")
}

readiness_gate_prefixes contains "target-health.elbv2.k8s.aws/" if aws_lb_controller_objects

readiness_gate_prefixes contains "target-health.alb.ingress.k8s.aws/" if alb_ingress

readiness_gate_prefixes contains "cloud.google.com/load-balancer-neg-ready" if gke_neg_objects

ingress_class(r) := c if {
	c := r.spec.ingressClassName
	is_string(c)
} else := c if {
	c := annotations(r)["kubernetes.io/ingress.class"]
	is_string(c)
} else := ""

alb_ingress if {
	some r in lib.resources_of_kind("Ingress")
	ingress_class(r) == "alb"
}

aws_lb_controller_objects if alb_ingress

aws_lb_controller_objects if {
	some r in lib.resources_of_kind("Service")
	aws_lb_controller_service(r)
}

aws_lb_controller_service(r) if startswith(object.get(r.spec, "loadBalancerClass", ""), "service.k8s.aws/")

aws_lb_controller_service(r) if annotations(r)["service.beta.kubernetes.io/aws-load-balancer-type"] in {"external", "nlb-ip"}

gke_neg_objects if {
	some r in lib.resources_of_kind("Service")
	annotations(r)["cloud.google.com/neg"]
}

gke_neg_objects if {
	some r in lib.resources_of_kind("Ingress")
	ingress_class(r) in {"gce", "gce-internal"}
}

# Scheduling gates: only the bundle can say which controller of the cluster removes which.
known_scheduling_gates := {s | some s in cluster_setting("scheduling_gates", []); not endswith(s, "/")}

scheduling_gate_prefixes contains s if {
	some s in cluster_setting("scheduling_gates", [])
	endswith(s, "/")
}

# --- ST2-OPS-066: postStart hooks -------------------------------------------------------------

# A postStart hook that fails kills the container (k8s container lifecycle hooks): one that
# always fails restarts it forever. Only the certain failures: a hook's other commands may
# well succeed.
findings contains f if {
	some c in lib.containers
	argv := c.container.lifecycle.postStart.exec.command
	is_array(argv)
	always_fails(probe_script(argv))
	f := lib.finding("ST2-OPS-066", lib.severity_strict, c.resource, array.concat(c.path, ["lifecycle", "postStart", "exec", "command"]), {"container": c.name, "probe": "postStart hook", "problem": "runs false: it always fails, and the kubelet kills the container after a failed postStart hook"})
}

# A hook that only reads a file st2's image does not have and nothing in the pod provides
# (one command: no `||`, `;`, pipe or negation that could turn the failure into success).
findings contains f if {
	some c in lib.containers
	argv := c.container.lifecycle.postStart.exec.command
	is_array(argv)
	script := probe_script(argv)
	path := hook_reads_missing(c, script)
	f := lib.finding("ST2-OPS-066", lib.severity_strict, c.resource, array.concat(c.path, ["lifecycle", "postStart", "exec", "command"]), {"container": c.name, "probe": "postStart hook", "problem": concat("", ["reads ", path, ", which neither st2's image nor the pod provides: it always fails, and the kubelet kills the container"])})
}

# The first such file (a function has one value: two missing files are one finding).
hook_reads_missing(c, script) := min(paths) if {
	st2_python_image(c.container.image)
	not contains(script, "|")
	not contains(script, ";")
	not contains(script, "!")
	not contains(script, "&")
	not creates_files(script)
	words := split(script, " ")
	reading_programs[words[0]]
	paths := {path |
		some w in words
		path := trim(w, "\"'")
		missing_from_st2_image(path)
		not provided_by_mount(c.container, path)
		not named_elsewhere_in_the_pod(c, path)
	}
	count(paths) > 0
}

reading_programs := {"test", "[", "cat", "ls", "stat", "head", "tail", "grep", "/bin/cat", "/bin/ls", "/usr/bin/test", "/usr/bin/stat"}

missing_from_st2_image(path) if startswith(path, "/tmp/")

# /etc/st2 of st2's images (the st2 package and st2-dockerfiles): st2.conf, htpasswd, the
# logging.*.conf and syslog.*.conf files, st2.docker.conf, st2.user.conf and the keys directory.
missing_from_st2_image(path) if {
	startswith(path, "/etc/st2/")
	name := substring(path, count("/etc/st2/"), -1)
	name != ""
	not contains(name, "/")
	not name in {"st2.conf", "htpasswd", "st2.docker.conf", "st2.user.conf", "keys"}
	not startswith(name, "logging.")
	not startswith(name, "syslog.")
}

# Another container's command or hooks, or this container's command, may create the file.
named_elsewhere_in_the_pod(c, path) if {
	pod_spec := spec_of(c)
	some field in ["containers", "initContainers"]
	some other in object.get(pod_spec, field, [])
	some text in command_or_other_hooks(other, c.container)
	contains(text, path)
}

command_or_other_hooks(other, ctr) := array.concat(lib.command_texts(other), lib.lifecycle_texts(other)) if {
	other.name != ctr.name
} else := lib.command_texts(other)

# --- ST2-OPS-062: what the kubelet refuses or evicts --------------------------------------------

# The system packs of st2 3.8.1's images: 214,200 bytes in 169 files (core, packs, linux, chatops,
# default; st2-packages debian/install, no .pyc) and 36 directories. The kubelet counts an
# emptyDir's blocks (du), and ext4, XFS and tmpfs give each non-empty file at least one 4 KiB
# block: the files alone take 724,992 bytes there (about 852 KiB on ext4 with the directories).
# A sizeLimit below that evicts the pod at every start; the image's virtualenvs directory is empty.
min_packs_volume := n if {
	n := data.settings.outage.min_st2_packs_volume_bytes
	is_number(n)
} else := 724992

findings contains f if {
	some v in pod_facts("packs_volumes")
	v.bytes < min_packs_volume
	f := lib.finding("ST2-OPS-062", lib.severity_strict, v.resource, v.path, {"volume": v.volume, "size_limit": v.bytes, "minimum": min_packs_volume, "problem": "an emptyDir sizeLimit below the st2 packs its init container copies in: the kubelet evicts the pod at every start"})
}

# A workingDir that is a file mounted from a ConfigMap or Secret key (subPath), or below one.
findings contains f if {
	some c in lib.containers
	dir := c.container.workingDir
	is_string(dir)
	some m in object.get(c.container, "volumeMounts", [])
	object.get(m, "subPath", "") != ""
	at := trim_right(m.mountPath, "/")
	file_or_below(dir, at)
	key_volume(spec_of(c), m.name)
	f := lib.finding("ST2-OPS-062", lib.severity_strict, c.resource, array.concat(c.path, ["workingDir"]), {"container": c.name, "problem": concat("", ["workingDir ", dir, " is a file mounted from a key: the runtime cannot chdir into it and the container is never created"])})
}

file_or_below(dir, at) if trim_right(dir, "/") == at

file_or_below(dir, at) if startswith(dir, concat("", [at, "/"]))

key_volume(pod_spec, name) if {
	some v in object.get(pod_spec, "volumes", [])
	v.name == name
	some kind in ["configMap", "secret"]
	is_object(v[kind])
}

# A configMapKeyRef naming a key the rendered ConfigMap lacks: the kubelet's
# makeEnvironmentVariables (pkg/kubelet/kubelet_pods.go) reads configMap.Data[key] only, and
# fails a non-optional miss ("couldn't find key X in ConfigMap"): CreateContainerConfigError.
# A binaryData key does not count there.
findings contains f if {
	some c in lib.containers
	some k, e in object.get(c.container, "env", [])
	ref := e.valueFrom.configMapKeyRef
	not ref.optional == true
	missing_key(lib.namespace(input.resources[c.resource]), ref.name, ref.key, ["data"])
	f := lib.finding("ST2-OPS-062", lib.severity_strict, c.resource, array.concat(c.path, ["env", k, "valueFrom", "configMapKeyRef"]), {"container": c.name, "problem": concat("", ["ConfigMap ", ref.name, " has no key ", ref.key, ": the kubelet refuses the container (CreateContainerConfigError)"])})
}

# A configMap or secret volume, or a projected volume's configMap or secret source, whose items
# name a key the source lacks: the kubelet's MakePayload (pkg/volume/configmap/configmap.go:
# "configmap references non-existent config key"; pkg/volume/secret/secret.go: "references
# non-existent secret key"; pkg/volume/projected/projected.go calls both per source) fails the
# volume's SetUp unless that source is optional, where a missing key is skipped. ConfigMap keys are
# data and binaryData; Secret keys as for secretKeyRef below (a closed key set, else unjudged).
findings contains f if {
	some i, w in lib.workloads
	some u in w.units
	some k, v in object.get(u.pod_spec, "volumes", [])
	some s in keyed_volume_sources(v)
	not s.source.optional == true
	some item in s.source.items
	source_missing_key(s.kind, w.namespace, s.name, item.key)
	f := lib.finding("ST2-OPS-062", lib.severity_strict, i, array.concat(array.concat(u.spec_path, ["volumes", k]), s.path), {"volume": v.name, "problem": concat("", [s.kind, " ", s.name, " has no key ", item.key, ": the kubelet never mounts the volume and the pod stays in ContainerCreating"])})
}

# The sources of a volume that list items: [kind, name, the source, its path in the volume].
keyed_volume_sources(v) := array.concat(
	array.concat(
		[{"kind": "ConfigMap", "name": v.configMap.name, "source": v.configMap, "path": ["configMap", "items"]} | is_array(v.configMap.items)],
		[{"kind": "Secret", "name": v.secret.secretName, "source": v.secret, "path": ["secret", "items"]} | is_array(v.secret.items)],
	),
	[{"kind": kind, "name": p[field].name, "source": p[field], "path": ["projected", "sources", j, field, "items"]} |
		some j, p in object.get(v, ["projected", "sources"], [])
		some field, kind in {"configMap": "ConfigMap", "secret": "Secret"}
		is_array(p[field].items)
	],
)

source_missing_key("ConfigMap", ns, name, key) if missing_key(ns, name, key, ["data", "binaryData"])

source_missing_key("Secret", ns, name, key) if secret_missing_key(ns, name, key)

# A ConfigMap a container takes whole (envFrom, a volume) that neither the render holds in the
# pod's namespace nor the cluster makes there (kube-root-ca.crt, every namespace since 1.21; or
# settings.cluster.config_maps: a name for any namespace, or namespace/name). The kubelet refuses
# a non-optional envFrom source it cannot get (CreateContainerConfigError) and never mounts a
# non-optional configMap volume (the pod stays in ContainerCreating).
findings contains f if {
	some c in lib.containers
	some k, e in object.get(c.container, "envFrom", [])
	ref := e.configMapRef
	not ref.optional == true
	unknown_config_map(lib.namespace(input.resources[c.resource]), ref.name)
	f := lib.finding("ST2-OPS-062", lib.severity_strict, c.resource, array.concat(c.path, ["envFrom", k, "configMapRef"]), {"container": c.name, "problem": concat("", ["no ConfigMap ", ref.name, " in the namespace: the kubelet refuses the container (CreateContainerConfigError)"])})
}

findings contains f if {
	some i, w in lib.workloads
	some u in w.units
	some k, v in object.get(u.pod_spec, "volumes", [])
	src := v.configMap
	not src.optional == true
	unknown_config_map(w.namespace, src.name)
	f := lib.finding("ST2-OPS-062", lib.severity_strict, i, array.concat(u.spec_path, ["volumes", k, "configMap"]), {"volume": v.name, "problem": concat("", ["no ConfigMap ", src.name, " in the namespace: the kubelet never mounts the volume and the pod stays in ContainerCreating"])})
}

# The same ConfigMap as one source of a projected volume (kubelet pkg/volume/projected:
# each configMap source is read as a configMap volume is, and a missing non-optional one
# fails the mount), or as the ConfigMap of one env value (configMapKeyRef: the kubelet's
# makeEnvironmentVariables gets it, and fails the container when it cannot).
findings contains f if {
	some i, w in lib.workloads
	some u in w.units
	some k, v in object.get(u.pod_spec, "volumes", [])
	some s, source in object.get(v, ["projected", "sources"], [])
	src := source.configMap
	not src.optional == true
	unknown_config_map(w.namespace, src.name)
	f := lib.finding("ST2-OPS-062", lib.severity_strict, i, array.concat(u.spec_path, ["volumes", k, "projected", "sources", s, "configMap"]), {"volume": v.name, "problem": concat("", ["no ConfigMap ", src.name, " in the namespace: the kubelet never mounts the projected volume and the pod stays in ContainerCreating"])})
}

findings contains f if {
	some c in lib.containers
	some k, e in object.get(c.container, "env", [])
	ref := e.valueFrom.configMapKeyRef
	not ref.optional == true
	unknown_config_map(lib.namespace(input.resources[c.resource]), ref.name)
	f := lib.finding("ST2-OPS-062", lib.severity_strict, c.resource, array.concat(c.path, ["env", k, "valueFrom", "configMapKeyRef"]), {"container": c.name, "problem": concat("", ["no ConfigMap ", ref.name, " in the namespace: the kubelet refuses the container (CreateContainerConfigError)"])})
}

unknown_config_map(ns, name) if {
	is_string(name)
	name != "kube-root-ca.crt"
	not config_map_listed(ns, name)
	not config_map_rendered(ns, name)
}

config_map_listed(ns, name) if {
	some s in cluster_setting("config_maps", [])
	s in {name, concat("/", [ns, name])}
}

config_map_rendered(ns, name) if {
	some r in lib.resources_of_kind("ConfigMap")
	lib.name(r) == name
	lib.namespace(r) == ns
}

# Only ConfigMaps the render holds in that namespace: their keys (in these fields) are all there is.
missing_key(ns, name, key, fields) if {
	is_string(name)
	is_string(key)
	cms := [r | some r in lib.resources_of_kind("ConfigMap"); lib.name(r) == name; lib.namespace(r) == ns]
	count(cms) > 0
	every r in cms {
		every field in fields {
			not object.get(r, field, {})[key]
		}
	}
}

# --- ST2-OPS-028: required pod affinity to pods nobody runs -----------------------------------

# A required podAffinity term is a hard filter: with no pod matching it in its namespaces no node
# qualifies (the first pod may only go ahead when it matches its own term). Judged where the
# render holds every namespace the term looks in (its own by default; no namespaceSelector).
findings contains f if {
	some i, w in lib.workloads
	some u in w.units
	some k, term in object.get(u.pod_spec, ["affinity", "podAffinity", "requiredDuringSchedulingIgnoredDuringExecution"], [])
	sel := term.labelSelector
	is_object(sel)
	not term.namespaceSelector
	not term.matchLabelKeys
	namespaces := affinity_namespaces(term, w.namespace)
	every ns in namespaces {
		lib.known_namespaces[ns]
	}
	not selected_by_a_rendered_pod(sel, namespaces)
	f := lib.finding("ST2-OPS-028", lib.severity_strict, i, array.concat(u.spec_path, ["affinity", "podAffinity", "requiredDuringSchedulingIgnoredDuringExecution", k]), {"reference": "pod_affinity", "value": json.marshal(sel), "problem": "a required pod affinity to pods no workload of the render runs: no node qualifies, the pod stays Pending"})
}

affinity_namespaces(term, own) := {ns | some ns in term.namespaces} if {
	count(object.get(term, "namespaces", [])) > 0
} else := {own}

selected_by_a_rendered_pod(sel, namespaces) if {
	some w in lib.workloads
	w.namespace in namespaces
	some u in w.units
	lib.label_selector_matches(sel, u.labels)
}

# --- ST2-OPS-062: a secretKeyRef naming a key the rendered Secret (or its ExternalSecret) lacks ---
# The kubelet's makeEnvironmentVariables (pkg/kubelet/kubelet_pods.go) fails a non-optional
# secretKeyRef whose key the Secret lacks: the container stays in CreateContainerConfigError.
# Key names only, never values.
findings contains f if {
	some c in lib.containers
	some k, e in object.get(c.container, "env", [])
	ref := e.valueFrom.secretKeyRef
	not ref.optional == true
	secret_missing_key(lib.namespace(input.resources[c.resource]), ref.name, ref.key)
	f := lib.finding("ST2-OPS-062", lib.severity_strict, c.resource, array.concat(c.path, ["env", k, "valueFrom", "secretKeyRef"]), {"container": c.name, "problem": concat("", ["Secret ", ref.name, " has no key ", ref.key, ": the kubelet refuses the container (CreateContainerConfigError)"])})
}

# Judged only where every source of that Secret in the namespace has a closed key set: rendered
# Secrets (data and stringData) and ExternalSecrets (data[].secretKey and target.template.data;
# dataFrom, templateFrom, mergePolicy Merge or creationPolicy Merge leave it open). A
# service-account-token Secret is open: the token controller fills it (token, ca.crt, namespace in
# pkg/controller/serviceaccount/tokens_controller.go; some distributions add more).
secret_missing_key(ns, name, key) if {
	is_string(name)
	is_string(key)
	srcs := secret_key_sources(ns, name)
	count(srcs) > 0
	every s in srcs {
		s.closed
		not key in s.keys
	}
	not cluster_external_secret_writes(name)
}

secret_key_sources(ns, name) := array.concat(
	[{"closed": object.get(r, "type", "Opaque") != "kubernetes.io/service-account-token", "keys": object.keys(object.get(r, "data", {})) | object.keys(object.get(r, "stringData", {}))} |
		some r in lib.resources_of_kind("Secret")
		lib.name(r) == name
		lib.namespace(r) == ns
	],
	[{"closed": eso_closed(r.spec), "keys": eso_keys(r.spec)} |
		some r in lib.resources_of_kind("ExternalSecret")
		lib.namespace(r) == ns
		eso_target_name(r) == name
	],
)

eso_target_name(r) := n if {
	n := r.spec.target.name
	is_string(n)
} else := lib.name(r)

eso_closed(spec) := true if {
	count(object.get(spec, "dataFrom", [])) == 0
	count(object.get(spec, ["target", "template", "templateFrom"], [])) == 0
	object.get(spec, ["target", "template", "mergePolicy"], "Replace") != "Merge"
	object.get(spec, ["target", "creationPolicy"], "Owner") in {"Owner", "Orphan"}
	not spec.target.manifest
} else := false

eso_keys(spec) := {d.secretKey | some d in object.get(spec, "data", []); is_string(d.secretKey)} | {k | some k, _ in object.get(spec, ["target", "template", "data"], {})}

cluster_external_secret_writes(name) if {
	some r in lib.resources_of_kind("ClusterExternalSecret")
	object.get(r.spec, ["externalSecretSpec", "target", "name"], lib.name(r)) == name
}
