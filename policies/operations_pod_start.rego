# ST2-OPS-062..066, ST2-REP-031: pods that render and apply fine but never run,
# or changes the cluster refuses (the tenth red team's pods piece,
# test/policy/redteam/fresh11-pods.ts). Each is a fact of Kubernetes or of
# st2's images, checked upstream:
# - the kubelet's verifyRunAsNonRoot: with runAsNonRoot it refuses uid 0, an
#   image whose user is a name (st2's images: USER st2; st2actionrunner: USER
#   root) unless runAsUser gives a number, and an image without USER (st2web's
#   nginx) as root: CreateContainerConfigError;
# - imagePullPolicy Never: ErrImageNeverPull on any node without the image;
# - a paused Deployment never rolls out a template change;
# - a ReadWriteOnce volume attaches to one node: pods elsewhere stay in
#   ContainerCreating (Multi-Attach error); ReadWriteOncePod to one pod;
# - a directory mounted over st2's virtualenv hides /opt/stackstorm/st2/bin;
# - an exec probe running `false` or reading a file nothing creates fails forever, as does a
#   store's exec probe that always quits non-zero or asks another node (probe-never.ts);
# - spec.selector of a Deployment, StatefulSet, DaemonSet or ReplicaSet is
#   immutable: the API server refuses the change.
package st2.operations

import data.st2.lib

rules["ST2-OPS-062"] := {
	"title": "Container the kubelet never starts",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"With runAsNonRoot the kubelet refuses a container that would run as uid 0 (runAsUser: 0,",
		"or an image without a USER, like st2web's nginx) and one whose image names its user",
		"(st2's images: USER st2, st2actionrunner USER root) without a numeric runAsUser: the pod",
		"sits in CreateContainerConfigError. Set runAsUser: 1000 (st2's uid) with runAsNonRoot, or",
		"leave runAsNonRoot off for images that start as root. st2web's image must run as root: its",
		"start command writes /etc/nginx/conf.d/st2.conf and nginx its pid file under /var/run, both",
		"root's directories, so under any other runAsUser it exits at once. imagePullPolicy: Never starts the",
		"container only on nodes that already hold the image (ErrImageNeverPull everywhere else):",
		"use IfNotPresent. An env configMapKeyRef or a configMap volume item (plain or projected) naming",
		"a key the rendered ConfigMap lacks is refused unless optional: add the key or mark it optional; so is",
		"a secretKeyRef or a secret volume item (plain or projected) naming a key the rendered Secret or",
		"its ExternalSecret's fixed keys lack, and a",
		"ConfigMap taken whole (envFrom, a volume) that the namespace does not hold (list ones made",
		"outside the render in settings.cluster.config_maps). A",
		"workingDir that is a file mounted from a key cannot be entered: use a directory. An",
		"emptyDir whose sizeLimit is below the st2 packs its init container copies in",
		"(settings.outage.min_st2_packs_volume_bytes: st2 3.8.1's 169 files take 724,992 bytes in 4 KiB blocks) gets the pod",
		"evicted at every start: drop the limit or give it megabytes. An image whose registry no",
		"longer serves its tag (settings.images.gone_tags: Docker Hub's bitnami/ versioned tags, moved",
		"to bitnamilegacy/ on 2025-08-28) never pulls: use the legacy repository or your registry's copy.",
	]),
}

rules["ST2-OPS-063"] := {
	"title": "Paused Deployment in production",
	"default_severity": "deny",
	"profiles": "deny in production, warn in staging and dev",
	"remediation": concat(" ", [
		"A paused Deployment (or Argo Rollout) never rolls out a change of its pod template: Argo CD",
		"applies every later image, config checksum or Secret rotation and reports it synced, while",
		"the old pods keep running the old configuration. Remove spec.paused; pause by hand",
		"(kubectl rollout pause) for the length of a maintenance, not in Git.",
	]),
}

rules["ST2-OPS-064"] := {
	"title": "ReadWriteOnce volume shared by more than one pod",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A ReadWriteOnce claim attaches to one node (ReadWriteOncePod to one pod): every pod of the",
		"workloads mounting it that lands on another node stays in ContainerCreating (Multi-Attach",
		"error), so most replicas never start. Use a ReadWriteMany claim (the packs volume the",
		"chart shares is RWX) or one claim per pod (a StatefulSet's volumeClaimTemplates).",
	]),
}

rules["ST2-OPS-065"] := {
	"title": "Volume mounted over the programs the image runs",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A directory volume mounted at /opt/stackstorm/st2 (st2's virtualenv), a parent of it or a",
		"directory inside it, or over /, /bin, /usr, /lib and the like, hides what the image",
		"installed there: the container's program no longer exists and it never starts. Mount",
		"elsewhere (packs at /opt/stackstorm/packs, virtualenvs at /opt/stackstorm/virtualenvs), or",
		"mount a single file with subPath.",
	]),
}

rules["ST2-OPS-066"] := {
	"title": "Exec probe or postStart hook that can never succeed",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"The probe runs false (or exit 1), or reads a file under /tmp that no container of the pod",
		"creates and no volume provides, in an st2 image that does not create it: a liveness or",
		"startup probe restarts the container forever, a readiness probe keeps it out of every",
		"Service and stalls each rollout. A postStart hook running false (or exit with another code",
		"than 0), or only reading a file neither st2's image nor the pod provides, fails at every",
		"start, and the kubelet kills a container whose postStart hook fails:",
		"CrashLoopBackOff. Probe what the service does (st2api's tcpSocket on 9101, an engine's",
		"process) or create the file the probe reads; drop the hook or make it succeed. A mongo shell",
		"probe whose --eval always quits with a non-zero code (quit(1)), or rabbitmqctl or",
		"rabbitmq-diagnostics -n naming a node the pod does not run, fails the same way: quit(0) on",
		"success (db.adminCommand('ping').ok ? quit(0) : quit(1)), and leave out -n or name the pod's",
		"own node (RABBITMQ_NODENAME).",
	]),
}

rules["ST2-REP-031"] := {
	"title": "Workload selector changed from the base's",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"spec.selector of a Deployment, StatefulSet, DaemonSet or ReplicaSet is immutable: the API",
		"server refuses the changed workloads (the sync fails for each), while the Services' new",
		"selectors apply and match none of the running pods, which carry the old labels: every",
		"Service loses its endpoints. commonLabels, and labels with includeSelectors, rewrite",
		"selectors: use labels without includeSelectors (metadata, or includeTemplates for pods).",
		"A selector change is a new workload: delete the old one in the same change.",
	]),
}

# --- ST2-OPS-062: what the kubelet refuses ----------------------------------------------------------

# A container's effective security context value (the container's, else the pod's).
effective_sc(pod_spec, ctr, field) := v if {
	v := ctr.securityContext[field]
} else := v if {
	v := pod_spec.securityContext[field]
}

# The user st2's published images start as (st2-dockerfiles): a name for the
# Python services, none (root) for st2web's nginx. Other images are not judged.
st2_image_users := {
	"st2web": "",
	"st2actionrunner": "root",
	"st2api": "st2", "st2auth": "st2", "st2stream": "st2", "st2rulesengine": "st2",
	"st2timersengine": "st2", "st2workflowengine": "st2", "st2notifier": "st2",
	"st2sensorcontainer": "st2", "st2garbagecollector": "st2", "st2scheduler": "st2",
}

# StackStorm's own image (stackstorm/<name>, on any registry or mirror keeping the path).
st2_published_image(img) := name if {
	path := lib.image_path(img)
	parts := split(path, "/")
	count(parts) >= 2
	parts[count(parts) - 2] == "stackstorm"
	name := parts[count(parts) - 1]
}

spec_of(c) := lib.object_at(input.resources[c.resource], array.slice(c.path, 0, count(c.path) - 2))

findings contains f if {
	some c in lib.containers
	pod_spec := spec_of(c)
	effective_sc(pod_spec, c.container, "runAsNonRoot") == true
	problem := non_root_refusal(pod_spec, c.container)
	f := lib.finding("ST2-OPS-062", lib.severity_strict, c.resource, array.concat(c.path, ["securityContext"]), {"container": c.name, "problem": problem})
}

non_root_refusal(pod_spec, ctr) := "runAsUser 0 under runAsNonRoot: the kubelet refuses it (CreateContainerConfigError)" if {
	effective_sc(pod_spec, ctr, "runAsUser") == 0
} else := msg if {
	not effective_sc(pod_spec, ctr, "runAsUser")
	user := st2_image_users[st2_published_image(ctr.image)]
	msg := image_user_refusal(user)
}

image_user_refusal("") := "runAsNonRoot on an image without a USER (it starts as root, st2web's nginx): the kubelet refuses it"

image_user_refusal(user) := concat("", ["runAsNonRoot without a numeric runAsUser on an image whose USER is the name ", user, ": the kubelet cannot verify it and refuses it"]) if user != ""

# st2web's image runs its own start command (st2-dockerfiles st2web/Dockerfile: CMD envsubst ... >
# /etc/nginx/conf.d/st2.conf && exec nginx), in root-owned directories: under another uid the
# redirect fails and nginx never starts. A container that replaces the command is not judged.
findings contains f if {
	some c in lib.containers
	st2_published_image(c.container.image) == "st2web"
	not c.container.command
	not c.container.args
	uid := effective_sc(spec_of(c), c.container, "runAsUser")
	is_number(uid)
	uid != 0
	f := lib.finding("ST2-OPS-062", lib.severity_strict, c.resource, array.concat(c.path, ["securityContext"]), {"container": c.name, "problem": concat("", ["runAsUser ", format_int(uid, 10), " on st2web's image, which must start as root (it writes its nginx config under /etc/nginx/conf.d and nginx its pid file): the container exits at start"])})
}

findings contains f if {
	some c in lib.containers
	c.container.imagePullPolicy == "Never"
	f := lib.finding("ST2-OPS-062", lib.severity_strict, c.resource, array.concat(c.path, ["imagePullPolicy"]), {"container": c.name, "problem": "imagePullPolicy Never: ErrImageNeverPull on every node that has not cached the image"})
}

# --- ST2-OPS-063: paused rollouts ------------------------------------------------------------------

findings contains f if {
	some i, w in lib.workloads
	w.kind in {"Deployment", "Rollout"}
	input.resources[i].spec.paused == true
	f := lib.finding("ST2-OPS-063", lib.severity_production, i, ["spec", "paused"], {"kind": w.kind, "name": w.name})
}

# --- ST2-OPS-064: one-node claims shared --------------------------------------------------------

# Rendered claims that attach to one node (or one pod), by [namespace, name].
single_node_claims[[lib.namespace(r), lib.name(r)]] := modes if {
	some i, r in lib.resources_of_kind("PersistentVolumeClaim")
	not lib.dropped_copies[i]
	modes := {m | some m in object.get(r, ["spec", "accessModes"], [])}
	count(modes) > 0
	every m in modes {
		m in {"ReadWriteOnce", "ReadWriteOncePod"}
	}
}

# [workload index, volume path, pods] of each long-running pod spec mounting a rendered one-node claim.
claim_mounts[[lib.namespace(input.resources[i]), claim]] contains [i, array.concat(u.spec_path, ["volumes", k, "persistentVolumeClaim", "claimName"]), pods] if {
	count(single_node_claims) > 0
	some i, w in lib.workloads
	not w.kind in {"Job", "CronJob", "Pod"}
	some u in w.units
	some k, v in object.get(u.pod_spec, "volumes", [])
	claim := v.persistentVolumeClaim.claimName
	single_node_claims[[lib.namespace(input.resources[i]), claim]]
	pods := unit_pods(u.count)
}

# A DaemonSet (-1) runs one pod per node: more than one.
unit_pods(n) := 2 if n < 0

unit_pods(n) := n if n >= 0

findings contains f if {
	some key, mounts in claim_mounts
	total := sum([m[2] | some m in mounts])
	total > 1
	some m in mounts
	f := lib.finding("ST2-OPS-064", lib.severity_strict, m[0], m[1], {"claim": key[1], "pods": total, "access_modes": sort(single_node_claims[key])})
}

# --- ST2-OPS-065: mounts over the image's programs ----------------------------------------------

# Directories whose loss leaves no program to run, in any image.
system_dirs := {"/", "/bin", "/sbin", "/lib", "/lib64", "/usr", "/usr/bin", "/usr/sbin", "/usr/lib"}

# st2's virtualenv and every directory above it.
st2_venv_parents := {"/opt", "/opt/stackstorm", "/opt/stackstorm/st2"}

findings contains f if {
	some c in lib.containers
	some k, m in object.get(c.container, "volumeMounts", [])
	problem := masked(c.container, m)
	f := lib.finding("ST2-OPS-065", lib.severity_strict, c.resource, array.concat(c.path, ["volumeMounts", k, "mountPath"]), {"container": c.name, "mount": m.mountPath, "problem": problem})
}

mount_dir(m) := d if {
	is_string(m.mountPath)
	d := trim_right(m.mountPath, "/")
	d != ""
} else := "/" if is_string(m.mountPath)

directory_mount(m) if object.get(m, "subPath", "") == ""

directory_mount(m) if {
	# subPathExpr also names a directory of the volume.
	object.get(m, "subPathExpr", "") != ""
}

masked(_, m) := "hides the system's programs" if {
	directory_mount(m)
	system_dirs[mount_dir(m)]
}

# The mount's directory first: most mounts are nowhere near the virtualenv, and
# the image's name costs more to read than the path.
masked(ctr, m) := "hides st2's virtualenv (/opt/stackstorm/st2/bin): the service's program is gone" if {
	d := mount_dir(m)
	st2_venv_masked(d, m)
	st2_python_image(ctr.image)
}

st2_venv_masked(d, _) if st2_venv_parents[d]

st2_venv_masked(d, m) if {
	startswith(d, "/opt/stackstorm/st2/")
	directory_mount(m)
}

st2_python_image(img) if {
	name := st2_published_image(img)
	st2_image_users[name] != ""
}

# --- ST2-OPS-066: probes that never pass ----------------------------------------------------------

probe_kinds := ["livenessProbe", "readinessProbe", "startupProbe"]

findings contains f if {
	some c in lib.containers
	c.field != "ephemeralContainers"
	some kind in probe_kinds
	argv := c.container[kind].exec.command
	is_array(argv)
	problem := failing_probe(c, argv)
	f := lib.finding("ST2-OPS-066", lib.severity_strict, c.resource, array.concat(c.path, [kind, "exec", "command"]), {"container": c.name, "probe": kind, "problem": problem})
}

# A store's exec probe that can never pass, read from its command (src/policy/probe-never.ts).
findings contains f if {
	some p in pod_facts("probe_never")
	p.handler == "exec"
	f := lib.finding("ST2-OPS-066", lib.severity_strict, p.resource, p.path, {"container": p.container, "probe": p.probe, "problem": p.problem})
}

# The probe's command line: argv, or the script of `sh -c`.
probe_script(argv) := trim_space(concat(" ", array.slice(argv, 2, count(argv)))) if {
	count(argv) >= 3
	parts := split(argv[0], "/")
	lib.shells[parts[count(parts) - 1]]
	argv[1] == "-c"
} else := trim_space(concat(" ", [w | some w in argv; is_string(w)]))

failing_probe(_, argv) := "runs false: it always fails" if always_fails(probe_script(argv))

always_fails(script) if script in {"false", "/bin/false", "/usr/bin/false", "! true"}

# `exit N` with any N the shell does not turn into 0 (the status is N modulo 256: exit 256 succeeds).
always_fails(script) if {
	startswith(script, "exit ")
	digits := trim_space(substring(script, 5, -1))
	digits != ""
	trim(digits, "0123456789") == ""
	count(digits) < 10
	to_number(digits) % 256 != 0
}

# The first such file: a function has one value (two files would be a conflict, not a finding).
failing_probe(c, argv) := concat("", ["reads ", min(paths), ", which nothing in the pod creates: it always fails"]) if {
	st2_python_image(c.container.image)
	script := probe_script(argv)
	not creates_files(script)
	paths := {path |
		some w in split(script, " ")
		path := trim(w, "\"'")
		startswith(path, "/tmp/")
		not provided_by_mount(c.container, path)
		not named_by_the_pod(c, path)
	}
	count(paths) > 0
}

# The probe writes what it reads.
creates_files(script) if {
	some marker in [">", "touch", "mkdir", "tee", "cp ", "mv ", "install "]
	contains(script, marker)
}

provided_by_mount(ctr, path) if {
	some m in object.get(ctr, "volumeMounts", [])
	d := mount_dir(m)
	startswith(path, concat("", [d, "/"]))
}

provided_by_mount(ctr, path) if {
	some m in object.get(ctr, "volumeMounts", [])
	mount_dir(m) == path
}

# A container of the pod names the path in its command, args or hooks (it may create it).
named_by_the_pod(c, path) if {
	pod_spec := spec_of(c)
	some field in ["containers", "initContainers"]
	some other in object.get(pod_spec, field, [])
	some text in array.concat(lib.command_texts(other), lib.lifecycle_texts(other))
	contains(text, path)
}

# --- ST2-REP-031: selectors changed ------------------------------------------------------------

immutable_selector_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"}

findings contains f if {
	some s in object.get(input.facts, "selector_edits", [])
	r := input.resources[s.resource]
	r.kind in immutable_selector_kinds
	f := lib.finding("ST2-REP-031", lib.severity_strict, s.resource, ["spec", "selector"], {"kind": r.kind, "name": lib.name(r), "by": s.by})
}
