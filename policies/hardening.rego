# Hardening: what a careful reviewer of a StackStorm production change would
# block or flag beyond the chart-specific rules. Severities follow the cost of
# the mistake: things that are unsafe anywhere (mutable images, privileged
# pods) are denied in staging too; capacity guards (limits, PDBs) only block
# production, because staging is often deliberately small.
package st2.hardening

import data.st2.lib

rules["ST2-HRD-001"] := {
	"title": "Container image not pinned",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"An image without a tag or with :latest can change under the same manifest, so what",
		"Argo CD shows as synced is not what runs, and a rollback may not roll back (the chart",
		"shipped etcd:latest and st2packs:latest). Pin a release tag, ideally with its @sha256 digest.",
	]),
}

rules["ST2-HRD-002"] := {
	"title": "Container without CPU or memory limits",
	"default_severity": "deny",
	"profiles": "deny in production, warn in staging, not checked in dev",
	"remediation": concat(" ", [
		"Without limits one runaway action runner or sensor can starve every pod on the node,",
		"including the MongoDB and RabbitMQ members StackStorm depends on. Set",
		"resources.limits.cpu and resources.limits.memory (or a LimitRange with defaults in the namespace).",
	]),
}

rules["ST2-HRD-003"] := {
	"title": "Privileged container or privilege escalation",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A privileged container, one allowed to escalate privileges, one adding SYS_ADMIN/ALL",
		"capabilities, or a pod sharing the host PID/IPC namespace can take over the node; st2",
		"action runners execute user-supplied code, so this is a direct path to the cluster.",
		"Remove privileged/host settings and set allowPrivilegeEscalation: false.",
	]),
}

rules["ST2-HRD-004"] := {
	"title": "HA service without a PodDisruptionBudget",
	"default_severity": "deny",
	"profiles": "deny in production, warn in staging, not checked in dev",
	"remediation": concat(" ", [
		"Without a PodDisruptionBudget a node drain may evict every replica at once, turning a",
		"routine upgrade into an outage (for MongoDB, etcd and RabbitMQ, a lost quorum).",
		"Add a policy/v1 PodDisruptionBudget in the same namespace whose selector matches the",
		"pod labels, with maxUnavailable: 1 or minAvailable below the replica count.",
	]),
}

# --- ST2-HRD-001: image pinning ---------------------------------------------------------

image_problem(img) := "no-tag" if {
	not contains(img, "@")
	not image_tag(img)
} else := "latest" if {
	not contains(img, "@")
	lower(image_tag(img)) == "latest"
} else := "floating" if {
	# A store's tag naming no minor (rabbitmq:3, mongo:4, redis:7-alpine,
	# rabbitmq:management) moves across minors: members recreated at different
	# times run different ones, and RabbitMQ 3.13 needs every 3.12 feature flag
	# enabled first (the tenth red team). A minor's tag (3.12) moves patches only.
	not contains(img, "@")
	lib.backing_roles[lib.image_role_map[lib.image_repository(img)]]
	not minor_named(image_tag(img))
}

# "3.12", "v3.5.17", "4.4-focal": a major and a minor before any suffix.
minor_named(tag) if {
	parts := split(split(trim_prefix(lower(tag), "v"), "-")[0], ".")
	count(parts) >= 2
	every p in array.slice(parts, 0, 2) {
		p != ""
		trim(p, "0123456789") == ""
	}
}

# The tag is after the last ":" of the last path segment; a ":" before the
# last "/" is a registry port.
image_tag(img) := tag if {
	segments := split(img, "/")
	last := segments[count(segments) - 1]
	parts := split(last, ":")
	count(parts) > 1
	tag := parts[count(parts) - 1]
}

# The problem of each distinct image, judged once: renders repeat images.
images := {img |
	some c in lib.containers
	img := c.container.image
	is_string(img)
}

image_problems := {img: problem |
	some img in images
	problem := image_problem(img)
}

findings contains f if {
	some c in lib.containers
	img := c.container.image
	problem := image_problems[img]
	f := lib.finding("ST2-HRD-001", lib.severity_strict, c.resource, array.concat(c.path, ["image"]), {
		"container": c.name,
		"image": img,
		"problem": problem,
	})
}

# A missing or empty image is its own problem: the manifest cannot run.
findings contains f if {
	some c in lib.containers
	not has_image(c.container)
	f := lib.finding("ST2-HRD-001", lib.severity_strict, c.resource, array.concat(c.path, ["image"]), {
		"container": c.name,
		"image": "",
		"problem": "missing",
	})
}

has_image(ctr) if {
	is_string(ctr.image)
	ctr.image != ""
}

# --- ST2-HRD-002: resource limits -------------------------------------------------------

limit_resources := ["cpu", "memory"]

# The container fields whose containers need limits (ephemeral containers cannot have any).
limited_fields := {"containers", "initContainers"}

# Namespaces where a LimitRange gives containers default limits.
defaulted_limits contains [lib.namespace(r), res] if {
	some r in lib.resources_of_kind("LimitRange")
	some item in r.spec.limits
	item.type == "Container"
	some res in limit_resources
	item["default"][res]
}

findings contains f if {
	severity := lib.severity_capacity
	defaulted := defaulted_limits
	some c in lib.containers
	limited_fields[c.field]
	some res in limit_resources
	not has_limit(c.container, res)
	ns := lib.namespace(input.resources[c.resource])
	not defaulted[[ns, res]]
	f := lib.finding("ST2-HRD-002", severity, c.resource, array.concat(c.path, ["resources", "limits", res]), {
		"container": c.name,
		"resource": res,
	})
}

has_limit(ctr, res) if {
	v := ctr.resources.limits[res]
	v != null
	v != ""
}

# --- ST2-HRD-003: privileges -----------------------------------------------------------

dangerous_capabilities := {"SYS_ADMIN", "ALL", "CAP_SYS_ADMIN"}

findings contains f if {
	some c in lib.all_containers
	c.container.securityContext.privileged == true
	f := lib.finding("ST2-HRD-003", lib.severity_strict, c.resource, array.concat(c.path, ["securityContext", "privileged"]), {
		"container": c.name,
		"problem": "privileged",
	})
}

findings contains f if {
	some c in lib.all_containers
	c.container.securityContext.allowPrivilegeEscalation == true
	f := lib.finding("ST2-HRD-003", lib.severity_strict, c.resource, array.concat(c.path, ["securityContext", "allowPrivilegeEscalation"]), {
		"container": c.name,
		"problem": "allowPrivilegeEscalation",
	})
}

findings contains f if {
	some c in lib.all_containers
	some k, cap in c.container.securityContext.capabilities.add
	upper(cap) in dangerous_capabilities
	f := lib.finding("ST2-HRD-003", lib.severity_strict, c.resource, array.concat(c.path, ["securityContext", "capabilities", "add", k]), {
		"container": c.name,
		"problem": "capability",
		"capability": upper(cap),
	})
}

findings contains f if {
	some i, w in lib.workloads
	some level in lib.pod_levels(w)
	some field in ["hostPID", "hostIPC"]
	level.spec[field] == true
	f := lib.finding("ST2-HRD-003", lib.severity_strict, i, array.concat(level.path, [field]), {
		"container": "",
		"problem": field,
	})
}

# --- ST2-HRD-004: PodDisruptionBudgets ----------------------------------------------------

ha_roles := {
	"st2web", "st2auth", "st2api", "st2stream", "st2rulesengine", "st2workflowengine",
	"st2notifier", "st2actionrunner", "st2scheduler",
	"mongodb", "rabbitmq", "etcd", "redis", "zookeeper",
}

# Distinct PDB selectors by [namespace, index pair] (see lib.index_pair). A
# PDB without spec.selector selects nothing; a selector that is not an
# object never matches.
pdb_selectors[[lib.namespace(pdb), pair]] contains sel if {
	some pdb in lib.resources_of_kind("PodDisruptionBudget")
	sel := pdb.spec.selector
	is_object(sel)
	pair := lib.index_pair(object.get(sel, "matchLabels", {}))
}

ha_kinds := {"Deployment", "StatefulSet"}

# The workloads HRD-004 checks: HA Deployments and StatefulSets with 2+ replicas.
ha_workload(w) if {
	ha_kinds[w.kind]
	w.replicas >= 2
	some role in w.roles
	ha_roles[role]
}

# [namespace, pod labels] of the HA workloads that a PDB must cover; copies
# of one workload collapse into one entry.
ha_pods contains [w.namespace, w.pod_labels] if {
	some w in lib.workloads
	ha_workload(w)
}

# The HA pods some PDB of their namespace selects. Each distinct pod only
# tries the selectors filed under one of its label pairs or under null.
# A complete rule reading the whole index: OPA's Go evaluator re-runs a
# partial rule's body for every keyed lookup into it.
covered_pods := {[ns, labels] |
	index := pdb_selectors
	some [ns, labels] in ha_pods
	some pair in lib.pod_index_pairs(labels)
	some sel in index[[ns, pair]]
	lib.label_selector_matches(sel, labels)
}

findings contains f if {
	severity := lib.severity_capacity
	some i, w in lib.workloads
	ha_workload(w)
	not covered_pods[[w.namespace, w.pod_labels]]
	f := lib.finding("ST2-HRD-004", severity, i, ["metadata", "name"], {
		"component": w.component,
		"replicas": w.replicas,
	})
}

# --- ST2-HRD-005: st2 authentication or RBAC switched off -------------------------------

rules["ST2-HRD-005"] := {
	# Auth or RBAC off hands every action to whoever reaches st2api: as bad as a
	# published password, so no waiver covers it in production.
	"waivable_in_production": false,
	"title": "st2 authentication or RBAC not on in the st2 configuration",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"[auth] enable = False lets anyone who reaches st2api run any action as any user, and",
		"RBAC left off (enable = False, no [rbac] section in any file the service reads, or backend = noop)",
		"gives every user every permission. st2api, st2auth and st2stream read their --config-file files in",
		"order and the last one that sets an option wins: make sure the last word is [rbac] enable = True",
		"with backend = default. A file the gate cannot read (a Secret copied from the secret store, an",
		"emptyDir, a CSI volume, another image's st2.conf) after that word may turn it off: set both in a",
		"file the render holds, passed after it.",
	]),
}

# Each st2 config text (ConfigMap or Secret value) that sets enable to a
# false value in [auth] or [rbac] (oslo.config booleans: false, 0, no, off),
# or selects RBAC's noop backend (grants every user everything: RBAC needs
# backend = default).
st2_switched_off(text) := {section | some section in input.facts.st2_switched_off[text]} if {
	# Read once in src/policy/st2-option-values.ts with these patterns.
	lib.st2_text_answered(text)
} else := {section |
	some section in ["auth", "rbac"]
	pattern := concat("", [`(?msi)^\s*\[`, section, `\]\s*$[^\[]*?^[ \t]*enable[ \t]*[=:][ \t]*(false|0|no|off)[ \t]*$`])
	regex.match(pattern, text)
} | {"rbac" |
	regex.match(`(?msi)^\s*\[rbac\]\s*$[^\[]*?^[ \t]*backend[ \t]*[=:][ \t]*['"]?noop['"]?[ \t]*$`, text)
}

# The sections each distinct st2 config text switches off, each text read once
# (renders repeat the same config in many ConfigMaps).
switched_off_texts[text] := sections if {
	some text in lib.st2_config_texts
	sections := st2_switched_off(text)
	count(sections) > 0
}

findings contains f if {
	switched := switched_off_texts
	count(switched) > 0
	some v in lib.text_values
	some section in switched[v.text]
	not settled_texts[[v.resource, [v.field, v.key], section]]
	not inert_texts[[v.resource, [v.field, v.key]]]
	f := lib.finding("ST2-HRD-005", lib.severity_strict, v.resource, [v.field, v.key], {"key": v.key, "section": section})
}

# A config file that every st2 process reading it overrides with a later file
# (enable = False in st2.docker.conf, True in st2.user.conf) is judged by
# those processes' chains below, not on its own (src/policy/st2-chains.ts).
# Only its plain text: a layer inside it (gzip, a script) is not what they read.
settled_texts contains [s.resource, s.path, s.section] if {
	some s in object.get(input.facts, "st2_config_settled", [])
	is_object(s)
}

settled_encodings := {"plain", "base64"}

# ConfigMap and Secret values no st2 process can load (src/policy/st2-inert-texts.ts:
# named only by pod volumes, mounted outside /etc/st2 where no command, env or hook
# names them): a runbook quoting `[rbac] enable = False` is no config.
inert_texts contains [t.resource, t.path] if {
	some t in object.get(input.facts, "st2_config_inert", [])
	is_object(t)
}

# Every string of every object, in every decoded layer, read as oslo.config
# reads an st2 config file (src/policy/st2-config.ts): quoted values, CRLF,
# any section-name case, a gzipped file an init container unpacks, a pod
# annotation mounted through the downward API, a file a script writes.
# (A rule of its own: st2.fact_findings names it, see main.rego.)
findings contains f if some f in config_off_findings

config_off_findings contains f if {
	some c in input.facts.st2_config_off
	is_object(c)
	not settled_fact(c)
	f := lib.finding("ST2-HRD-005", lib.severity_strict, c.resource, c.path, {"key": c.key, "section": c.section})
}

settled_fact(c) if {
	settled_encodings[c.encoding]
	settled_texts[[c.resource, c.path, c.section]]
}

# A value no st2 process loads is no config in any layer: a JSON dashboard
# quoting `[auth]\nenable = False` in an escaped string is as inert as the plain text.
settled_fact(c) if inert_texts[[c.resource, c.path]]

# Each process that enforces them, as it reads its chain of config files
# (src/policy/st2-chains.ts): the default file or the --config-file and
# --config-dir files in order, through the container's mounts to the
# render's ConfigMaps, Secrets and ExternalSecret templates, and the image's
# own /etc/st2. The last file that sets an option decides. RBAC is enforced
# by st2common's router, which serves st2api, st2auth and st2stream; [auth]
# enable switches the auth middleware of st2api and st2stream. RBAC is on
# only when the last word on enable is true and the backend is not noop (its
# default): a chain that never turns it on leaves it off. A file the render
# does not hold (an ExternalSecret copying store values, an emptyDir, a CSI
# volume, an image the gate does not know) after the last word leaves the
# option unknown: judged as off.
rbac_enforcing := {"st2api", "st2auth", "st2stream"}

auth_enforcing := {"st2api", "st2stream"}

api_roles := rbac_enforcing | auth_enforcing

# (Judged when the TypeScript side sent the chains, as it always does; the
# Rego unit tests without them judge the rest.)
findings contains f if {
	is_object(input.facts.st2_chains)
	some i, w in lib.workloads

	# Only workloads that run (or, by their labels, may run) an API service.
	count(w.roles & api_roles) > 0
	some k, u in w.units
	some j, entry in lib.running_with_paths(u)
	roles := judged_roles(w, w.unit_roles[k][j], entry.container)
	some problem in chain_problems(i, entry.path, roles)
	f := lib.finding("ST2-HRD-005", lib.severity_strict, i, entry.path, object.union(problem, {"container": object.get(entry.container, "name", "")}))
}

# Loose containers (Argo, Tekton) have no pod volumes the gate resolves: an
# st2 API service there is unresolved.
findings contains f if {
	is_object(input.facts.st2_chains)
	some c in lib.loose_containers
	runs_st2(c.container)
	roles := lib.container_roles_at(c.resource, c.path, c.container)
	some problem in chain_problems(c.resource, c.path, roles)
	f := lib.finding("ST2-HRD-005", lib.severity_strict, c.resource, c.path, object.union(problem, {"container": c.name}))
}

# A container's own roles, when it runs an st2 process: an st2 image, or a
# program that starts one (st2*, python, a shell); a relay whose arguments
# name st2api (socat ... TCP:st2api:9101) is not st2api. When no container
# of the workload has any role, the workload's (from its labels, a hint for
# an image the gate cannot read).
judged_roles(w, own, ctr) := own if {
	count(own) > 0
	runs_st2(ctr)
} else := w.roles if {
	every per in w.unit_roles {
		every rs in per {
			count(rs) == 0
		}
	}
} else := set()

runs_st2(ctr) if count(lib.image_roles(ctr)) > 0

runs_st2(ctr) if lib.st2_image_path(lower(ctr.image))

runs_st2(ctr) if {
	prog := lib.program(ctr)
	st2_launchers(prog)
}

st2_launchers(p) if lib.binary_role_map[p]

st2_launchers(p) if startswith(p, "st2")

st2_launchers(p) if lib.shells[p]

st2_launchers(p) if startswith(p, "python")

chain_problems(i, path, roles) := {p |
	some r in roles
	rbac_enforcing[r]
	p := rbac_problem(i, path)
} | {p |
	some r in roles
	auth_enforcing[r]
	p := auth_problem(i, path)
}

chain_fact(i, path) := c if {
	some c in object.get(input.facts, ["st2_chains", format_int(i, 10)], [])
	c.path == path
}

rbac_problems := {"off": "disabled", "unset": "not-enabled", "noop": "noop-backend", "invalid": "unknown-backend", "unreadable": "unreadable-file"}

rbac_problem(i, path) := {"section": "rbac", "problem": rbac_problems[c.rbac], "file": c.rbac_file} if {
	c := chain_fact(i, path)
	c.rbac != "on"
} else := {"section": "rbac", "problem": "unresolved"} if {
	not chain_fact(i, path)
}

auth_problem(i, path) := {"section": "auth", "problem": rbac_problems[c.auth], "file": c.auth_file} if {
	c := chain_fact(i, path)
	c.auth in {"off", "unreadable"}
} else := {"section": "auth", "problem": "unresolved"} if {
	not chain_fact(i, path)
}

# --- ST2-HRD-006: Pod Security enforcement lowered, hostPath volumes ---------------------

rules["ST2-HRD-006"] := {
	# Lowered Pod Security removes the floor under every pod of the namespace at once:
	# never waivable in production.
	"waivable_in_production": false,
	"title": "Namespace without Pod Security enforcement, or a hostPath volume",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"The st2 namespaces enforce the baseline Pod Security level, which keeps host paths,",
		"host namespaces and privileged pods out even when a manifest slips past review;",
		"lowering it (enforce: privileged, or no enforce label) removes that floor, and a",
		"hostPath volume (the Docker socket, /) hands the node to whoever runs an action.",
		"Keep pod-security.kubernetes.io/enforce at baseline or restricted and use ConfigMaps,",
		"Secrets or PersistentVolumeClaims instead of host paths.",
	]),
}

enforced_levels := {"baseline", "restricted"}

findings contains f if {
	some i, r in lib.resources_of_kind("Namespace")
	level := object.get(lib.labels(r), "pod-security.kubernetes.io/enforce", "")
	not enforced_levels[level]
	# A Namespace object is judged by the environment it names (lib_reach.rego).
	f := lib.finding("ST2-HRD-006", lib.severity_reaching(i), i, ["metadata", "labels", "pod-security.kubernetes.io/enforce"], {"namespace": lib.name(r), "level": level})
}

findings contains f if {
	some i, w in lib.workloads
	some u in w.units
	some k, v in object.get(u.pod_spec, "volumes", [])
	is_object(v.hostPath)
	f := lib.finding("ST2-HRD-006", lib.severity_strict, i, array.concat(u.spec_path, ["volumes", k, "hostPath"]), {"volume": object.get(v, "name", ""), "path": object.get(v.hostPath, "path", "")})
}

# --- ST2-HRD-007: MongoDB without access control ----------------------------------------

rules["ST2-HRD-007"] := {
	# An open MongoDB is every st2 secret, execution and key-value pair to anyone on
	# the network: as bad as a published password.
	"waivable_in_production": false,
	"title": "MongoDB member running without access control",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"mongod runs without authentication unless it is given --auth, a --keyFile (replica sets),",
		"a config file, or the image's MONGO_INITDB_ROOT_USERNAME/PASSWORD (its entrypoint then adds",
		"--auth); --noauth and --transitionToAuth accept anyone. Without it anyone who reaches port",
		"27017 reads and rewrites st2's database, credentials and encrypted key-value store included.",
		"Keep --keyFile with a generated key and the root user from a secret.",
	]),
}

# The words of a container's command and args ("--keyFile=/x" and "--keyFile /x" alike).
mongod_words(ctr) := {w |
	some field in ["command", "args"]
	some item in object.get(ctr, field, [])
	is_string(item)
	some word in split(replace(replace(item, "\t", " "), "\n", " "), " ")
	w := split(word, "=")[0]
}

# A MongoDB server container: the image's role with no command (its entrypoint runs
# mongod) or a command running mongod.
mongod_server(ctr) if {
	"mongodb" in lib.container_roles(ctr)
	not ctr.command
}

mongod_server(ctr) if {
	"mongodb" in lib.container_roles(ctr)
	some w in mongod_words(ctr)
	parts := split(w, "/")
	parts[count(parts) - 1] == "mongod"
}

mongod_auth_flags := {"--auth", "--keyFile", "--clusterAuthMode"}

mongod_open_flags := {"--noauth", "--transitionToAuth"}

mongod_access_control(_, words) if {
	some w in words
	mongod_auth_flags[w]
}

# A config file counts when a mongod config in the render turns authorization
# or a keyFile on, and none turns authorization off.
mongod_access_control(_, words) if {
	some w in words
	w in {"--config", "-f"}
	mongod_config_secured
	not mongod_config_open
}

# The image's entrypoint turns access control on for a root user (the official
# image adds --auth; Bitnami's sets it up from its root password or replica-set
# key), but only when it runs: a command replaces it.
mongod_access_control(ctr, _) if {
	not ctr.command
	some e in object.get(ctr, "env", [])
	e.name in entrypoint_auth_env
}

entrypoint_auth_env := {"MONGO_INITDB_ROOT_USERNAME", "MONGODB_ROOT_PASSWORD", "MONGODB_REPLICA_SET_KEY"}

# Computed once over the distinct ConfigMap and Secret texts. A key starts a
# line or follows `{` or `,`: mongod reads YAML, so flow style and JSON count too.
mongod_config_secured if {
	some text in lib.distinct_texts
	regex.match(`(?m)(^|[{,])\s*["']?(authorization["']?\s*:\s*["']?enabled|keyFile["']?\s*:\s*\S)`, text)
}

mongod_config_open if {
	some text in lib.distinct_texts
	regex.match(`(?m)(^|[{,])\s*["']?(authorization["']?\s*:\s*["']?disabled|transitionToAuth["']?\s*:\s*["']?true)`, text)
}

# A cheap first look (an image lookup, a substring) before the roles are worked out.
mongod_candidate(ctr) if "mongodb" in lib.image_roles(ctr)

mongod_candidate(ctr) if {
	some field in ["command", "args"]
	some item in object.get(ctr, field, [])
	is_string(item)
	contains(item, "mongod")
}

findings contains f if {
	some c in lib.containers
	c.field == "containers"
	mongod_candidate(c.container)
	mongod_server(c.container)
	words := mongod_words(c.container)
	problem := mongod_problem(c.container, words)
	f := lib.finding("ST2-HRD-007", lib.severity_strict, c.resource, c.path, {"container": c.name, "problem": problem})
}

mongod_problem(ctr, words) := w if {
	some w in words
	mongod_open_flags[w]
} else := "ALLOW_EMPTY_PASSWORD" if {
	# Bitnami's switch for a MongoDB without a root password.
	some e in object.get(ctr, "env", [])
	e.name == "ALLOW_EMPTY_PASSWORD"
	lower(object.get(e, "value", "")) in {"yes", "true", "1"}
} else := "authorization-disabled" if {
	some w in words
	w in {"--config", "-f"}
	mongod_config_open
} else := "no-access-control" if {
	not mongod_access_control(ctr, words)
}

# --- ST2-HRD-008: st2 secret masking switched off ---------------------------------------

rules["ST2-HRD-008"] := {
	"title": "st2 secret masking switched off in the st2 configuration",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"[api] mask_secrets = False shows every secret action parameter and datastore value to",
		"whoever may list executions; [log] mask_secrets = False writes passwords and tokens",
		"into every service's log. Both are on by default (st2common/config.py): remove the",
		"lines, or set them to True in the last config file the services read.",
	]),
}

# Judged on each st2 process's chain of config files, like ST2-HRD-005
# (src/policy/st2-chains.ts): the last file that sets the option decides; not
# set is st2's default (on); a value that is not a boolean is off. A file the
# gate cannot read after the last word is not judged here: for st2api, st2auth
# and st2stream ST2-HRD-005 already denies such a chain.
mask_sections := {"api": "mask_api", "log": "mask_log"}

findings contains f if {
	some key, list in object.get(input.facts, "st2_chains", {})
	some c in list
	some section, state in mask_sections
	c[state] == "off"
	f := lib.finding("ST2-HRD-008", lib.severity_strict, to_number(key), c.path, {"section": section, "file": object.get(c, concat("_", [state, "file"]), "")})
}
