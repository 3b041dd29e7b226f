# ST2-OPS-005, 009, 010 and the rest of ST2-REP-001: rollouts, budgets, pins
# and quotas that take every replica at once, store versions st2 3.8 cannot
# use, probes its APIs cannot answer, no timers engine.

package st2.operations

import data.st2.lib

# --- ST2-OPS-005: every replica at once ---------------------------------------------------------------

# Staging is HA like production (overlays/staging: "still HA", 3-member stores,
# PDBs, anti-affinity) so that releases are rehearsed on the topology they
# will meet. These findings only fire on a workload that runs two or more
# replicas and then loses them all at once, so a deliberately small staging
# (one replica) is not touched by them: deny there too; silent in dev, as
# before. The pod quota stays a capacity guard (denied in production only).
severity_ha := "deny" if lib.profile in {"production", "staging"}

# maxUnavailable as a count of pods: an integer, or a percentage rounded down.
unavailable_pods(v, _) := v if is_number(v)

unavailable_pods(v, replicas) := n if {
	is_string(v)
	endswith(v, "%")
	n := floor((to_number(trim_suffix(v, "%")) * replicas) / 100)
}

findings contains f if {
	some i, w in lib.workloads
	w.kind == "Deployment"
	ha_workload(w)
	r := input.resources[i]
	object.get(r, ["spec", "strategy", "type"], "RollingUpdate") == "RollingUpdate"
	v := object.get(r, ["spec", "strategy", "rollingUpdate", "maxUnavailable"], "25%")
	unavailable_pods(v, w.replicas) >= w.replicas
	f := lib.finding("ST2-OPS-005", severity_ha, i, ["spec", "strategy", "rollingUpdate", "maxUnavailable"], {"component": w.component, "replicas": w.replicas, "how": "rollout"})
}

# The workloads (indexes) each budget covers, worked out once per budget
# from the label index.
pdb_members[i] := {k |
	some k in lib.workloads_selector_candidates(lib.namespace(pdb), object.get(pdb, ["spec", "selector", "matchLabels"], {}))
	pdb_selects(pdb, lib.workloads[k])
} if {
	some i, pdb in lib.resources_of_kind("PodDisruptionBudget")
}

pdb_selects(pdb, w) if {
	pdb.kind == "PodDisruptionBudget"
	lib.namespace(pdb) == w.namespace
	sel := object.get(pdb, ["spec", "selector", "matchLabels"], {})
	exprs := object.get(pdb, ["spec", "selector", "matchExpressions"], [])
	count(sel) + count(exprs) > 0
	every k, v in sel {
		w.pod_labels[k] == v
	}
	every e in exprs {
		expression_holds(e, w.pod_labels)
	}
}

expression_holds(e, labels) if {
	e.operator == "In"
	labels[e.key] in e.values
}

expression_holds(e, labels) if {
	e.operator == "NotIn"
	not labels[e.key] in e.values
}

expression_holds(e, labels) if {
	e.operator == "Exists"
	labels[e.key]
}

expression_holds(e, labels) if {
	e.operator == "DoesNotExist"
	not labels[e.key]
}

pdb_allows_all(pdb, replicas) if unavailable_pods(pdb.spec.maxUnavailable, replicas) >= replicas

pdb_allows_all(pdb, _) if {
	m := pdb.spec.minAvailable
	some zero in {0, "0", "0%"}
	m == zero
}

# A budget of one pod (maxUnavailable: 1, minAvailable >= 1) never lets an HA
# workload (2 or more replicas) go whole: only the others are matched to workloads.
pdb_may_allow_all(pdb) if {
	v := pdb.spec.maxUnavailable
	v != 1
}

pdb_may_allow_all(pdb) if {
	some zero in {0, "0", "0%"}
	pdb.spec.minAvailable == zero
}

findings contains f if {
	some i, pdb in lib.resources_of_kind("PodDisruptionBudget")
	pdb_may_allow_all(pdb)
	some k in pdb_members[i]
	w := lib.workloads[k]
	ha_workload(w)
	pdb_allows_all(pdb, w.replicas)
	f := lib.finding("ST2-OPS-005", severity_ha, i, ["spec"], {"component": w.component, "replicas": w.replicas, "how": "disruption budget"})
}

pinned_to_one_node(spec) if {
	is_string(spec.nodeName)
	spec.nodeName != ""
}

pinned_to_one_node(spec) if is_string(spec.nodeSelector["kubernetes.io/hostname"])

pinned_to_one_node(spec) if {
	count(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms) == 1
	some term in spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms
	some e in array.concat(object.get(term, "matchExpressions", []), object.get(term, "matchFields", []))
	e.key in {"kubernetes.io/hostname", "metadata.name"}
	e.operator == "In"
	count(e.values) == 1
}

# Required affinity to its own pods on the same host: every replica lands beside the first.
pinned_together(u) if {
	some term in u.pod_spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution
	term.topologyKey == "kubernetes.io/hostname"
	sel := object.get(term, ["labelSelector", "matchLabels"], {})
	count(sel) > 0
	every k, v in sel {
		u.labels[k] == v
	}
}

findings contains f if {
	some i, w in lib.workloads
	ha_workload(w)
	some u in w.units
	pinned_together(u)
	f := lib.finding("ST2-OPS-005", severity_ha, i, array.concat(u.spec_path, ["affinity", "podAffinity"]), {"component": w.component, "replicas": w.replicas, "how": "one node"})
}

findings contains f if {
	some i, w in lib.workloads
	ha_workload(w)
	some u in w.units
	pinned_to_one_node(u.pod_spec)
	f := lib.finding("ST2-OPS-005", severity_ha, i, u.spec_path, {"component": w.component, "replicas": w.replicas, "how": "one node"})
}

# st2 reaching a replicated store through one member: pymongo without
# replicaSet= talks to that one mongod (writes fail once it is not the
# primary, and nothing fails over); kombu to one RabbitMQ pod without
# cluster_urls stops with that pod. A coordination backend of one Redis pod
# without Sentinel stalls every workflow lock while it restarts.
st2_conf_texts contains [v.resource, [v.field, v.key], v.text] if {
	some v in lib.text_values
	lib.st2_config_texts[v.text]
}

# ExternalSecret templates write st2 config files too (st2.secrets.conf).
st2_conf_texts contains [i, ["spec", "target", "template", "data", key], text] if {
	some i, r in lib.resources_of_kind("ExternalSecret")
	some key, text in object.get(r, ["spec", "target", "template", "data"], {})
	is_string(text)
	lib.st2_store_section_header(text)
}

store_replicas(role) := sum([w.replicas | some w in lib.workloads; w.roles[role]; w.replicas > 0])

# The value of an option in an st2 config text as oslo.config reads the file:
# from the facts (src/policy/st2-option-values.ts reads every text of a render
# once), or line by line below for a text they don't answer. A pattern's first
# match let a comment holding "[" or a second line hide the value st2 uses.
option_value(text, section, option) := v if {
	key := concat(".", [section, option])
	option_answered(text, key)
	v := option_facts[text][key]
}

option_value(text, section, option) := v if {
	not option_answered(text, concat(".", [section, option]))

	# A cheap look for the section before reading the lines.
	contains(lower(text), concat("", ["[", section, "]"]))
	v := oslo_value(text, section, option)
}

# oslo_config/iniparser.py, as src/policy/oslo-ini.ts reads it (the differences are
# that module's comment's): each line right-stripped; a blank line ends a value; a line
# starting with a space or tab continues it; "[name]" starts a section (lower-cased
# as cfg.py's _normalize_group_name, DEFAULT kept); "#" or ";" starts a comment line;
# any other line is `name = value` or `name: value` at the first separator, one pair
# of quotes shed. The last value of the option in the section wins.
oslo_value(text, section, option) := v if {
	lines := [trim_right(l, oslo_spaces) | some l in split(text, "\n")]
	headers := [[i, oslo_section_name(l)] | some i, l in lines; startswith(l, "["); endswith(l, "]"); count(l) > 2]
	hits := [[i, kv[1]] |
		some i, l in lines
		kv := oslo_assignment(l)
		kv[0] == option
		names := [name | some [j, name] in headers; j < i]
		count(names) > 0
		names[count(names) - 1] == section
	]
	count(hits) > 0
	[at, first] := hits[count(hits) - 1]
	ends := [k | some k, l in lines; k > at; not oslo_continues(l)]
	end := min(array.concat(ends, [count(lines)]))
	more := [trim(l, oslo_spaces) | some k, l in lines; k > at; k < end]
	v := concat("\n", array.concat([first], more))
}

oslo_section_name(line) := name if {
	name := substring(line, 1, count(line) - 2)
	name == "DEFAULT"
} else := lower(substring(line, 1, count(line) - 2))

# Python's str.isspace() characters, what oslo strips (\n cannot be left in a line).
oslo_spaces := "\t\u000b\f\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"

oslo_continues(line) if startswith(line, " ")

oslo_continues(line) if startswith(line, "\t")

# [name, value] of an assignment line (not blank, a header, a comment or a continuation).
oslo_assignment(line) := [trim(substring(line, 0, at), oslo_spaces), oslo_unquoted(trim(substring(line, at + 1, -1), oslo_spaces))] if {
	line != ""
	not oslo_continues(line)
	not startswith(line, "[")
	not startswith(line, "#")
	not startswith(line, ";")
	at := oslo_separator(indexof(line, "="), indexof(line, ":"))
}

# iniparser._split_key_value: the "=" when it comes first or there is no ":".
oslo_separator(equal, colon) := equal if {
	equal >= 0
	not oslo_before(colon, equal)
} else := colon if colon >= 0

oslo_before(a, b) if {
	a >= 0
	a < b
}

# Python's value[0] == value[-1]: a lone quote sheds itself too.
oslo_unquoted(v) := substring(v, 1, max([count(v) - 2, 0])) if {
	some q in ["\"", "'"]
	startswith(v, q)
	endswith(v, q)
} else := v

option_facts := f if {
	f := input.facts.st2_option_values
	is_object(f)
} else := {}

option_fact_keys := {k | some k in object.get(input.facts, "st2_option_keys", [])}

option_answered(text, key) if {
	option_fact_keys[key]
	option_facts[text]
}

single_member_reason(text) := "database host without replicaSet" if {
	host := option_value(text, "database", "host")
	not contains(host, "replicaSet=")
	not startswith(lower(host), "mongodb+srv://")
	not contains(host, ",")
	store_replicas("mongodb") > 1
}

single_member_reason(text) := "messaging url to one RabbitMQ pod" if {
	url := option_value(text, "messaging", "url")
	# The host's "-<ordinal>" needs a "-": most URLs have none, and then no pattern is compiled.
	contains(url, "-")
	m := regex.find_all_string_submatch_n(`^amqps?://(?:[^\n]*@)?([^:/\s,@]+)`, url, 1)[0]
	regex.match(`-[0-9]+(\.|$)`, m[1])
	not option_value(text, "messaging", "cluster_urls")
	store_replicas("rabbitmq") > 1
}

single_member_reason(text) := "coordination on one Redis pod without Sentinel" if {
	url := option_value(text, "coordination", "url")
	startswith(lower(url), "redis://")
	not contains(lower(url), "sentinel")
	some w in lib.workloads
	w.roles.redis
	store_replicas("redis") < 2
}

findings contains f if {
	some [i, path, text] in st2_conf_texts
	reason := single_member_reason(text)
	f := lib.finding("ST2-OPS-005", severity_ha, i, path, {"component": "st2", "how": reason})
}

# A replicated MongoDB whose members are started as standalone servers: st2's
# replicaSet= connection finds no replica set, and nothing is replicated. A
# member must be given --replSet, or a config file (--config/-f) setting
# replication.replSetName; Bitnami's image without a command sets it from
# MONGODB_REPLICA_SET_MODE. Like ST2-HRD-007, a config file counts when a
# mongod config text of the render sets replSetName.
findings contains f if {
	some i, w in lib.workloads
	w.roles.mongodb
	w.replicas != 0
	w.replicas != 1
	some k, u in w.units
	some j, c in lib.running_with_paths(u)
	w.unit_roles[k][j].mongodb
	runs_mongod(c.container)
	not replica_set_member(c.container)
	f := lib.finding("ST2-OPS-005", severity_ha, i, c.path, {"component": w.component, "replicas": w.replicas, "how": "standalone members without a replica set"})
}

# A MongoDB container that runs the server: the image's entrypoint, or mongod.
runs_mongod(ctr) if not ctr.command

runs_mongod(ctr) if {
	some w in data.st2.hardening.mongod_words(ctr)
	endswith(w, "mongod")
}

replica_set_member(ctr) if "--replSet" in data.st2.hardening.mongod_words(ctr)

replica_set_member(ctr) if {
	some w in data.st2.hardening.mongod_words(ctr)
	w in {"--config", "-f"}
	mongod_config_replset
}

replica_set_member(ctr) if {
	not ctr.command
	some e in object.get(ctr, "env", [])
	# Bitnami's image forms a replica set only in a replica-set mode (primary,
	# secondary): a name or key alone leaves a standalone server.
	e.name == "MONGODB_REPLICA_SET_MODE"
}

mongod_config_replset if {
	some text in lib.distinct_texts
	regex.match(`(?m)(^|[{,])\s*["']?replSetName["']?\s*:\s*["']?[A-Za-z0-9_.-]`, text)
}

# A RabbitMQ cluster whose queues are not mirrored: st2 declares classic
# queues, which live on the node that declared them unless a policy mirrors
# them (st2docs ha.rst; the chart's "ha" policy, ha-mode all). The policy must
# be written (definitions in a script, a ConfigMap or Secret the pods mount,
# or rabbitmqctl set_policy in a command) and, when it sits in definitions,
# loaded at boot (load_definitions or management.load_definitions). Read from
# the texts the cluster's own pods run and mount; its pattern is not judged.
# Judged for the clusters st2 uses: those its [messaging] url or cluster_urls
# name (a Service selecting their pods, or the workload by name); another
# application's RabbitMQ is that application's.
findings contains f if {
	some i, w in lib.workloads
	w.roles.rabbitmq
	w.replicas != 0
	w.replicas != 1
	st2_used_workloads[i]
	problem := rabbitmq_mirroring_problem(rabbitmq_texts(w))
	f := lib.finding("ST2-OPS-005", severity_ha, i, w.spec_path, {"component": w.component, "replicas": w.replicas, "how": problem})
}

# The patterns are read with string functions (lib_patterns.rego).
rabbitmq_mirroring_problem(texts) := "queues not mirrored (no ha-mode policy)" if {
	not any_ha_mode_policy(texts)
} else := "mirroring policy in definitions not loaded at boot" if {
	not any_rabbitmqctl_ha_policy(texts)
	not any_load_definitions(texts)
}

any_ha_mode_policy(texts) if {
	some t in texts
	lib.ha_mode_policy(t)
}

any_rabbitmqctl_ha_policy(texts) if {
	some t in texts
	lib.rabbitmqctl_ha_policy(t)
}

any_load_definitions(texts) if {
	some t in texts
	lib.load_definitions_set(t)
}

# [namespace, name] of every host st2's messaging options name.
messaging_refs contains ref if {
	some [i, _, text] in st2_conf_texts
	some option in ["url", "cluster_urls"]
	value := option_value(text, "messaging", option)
	some url in split(value, ",")
	some ref in data.st2.exposure.host_refs(trim_space(url), lib.namespace(input.resources[i]))
}

# The workloads (indexes) st2's messaging reaches: by name or through a Service.
st2_used_workloads contains k if {
	some [ns, name] in messaging_refs
	some k in named_workloads(ns, name)
}

# A substring first: the regular expression runs only on texts that may match.
any_match(texts, needle, pattern) if {
	some t in texts
	contains(t, needle)
	regex.match(pattern, t)
}

# What the cluster's pods run (every container's command, init containers
# included) and the ConfigMap and Secret texts they mount.
rabbitmq_texts(w) := {t |
	some u in w.units
	some field in ["initContainers", "containers"]
	some c in object.get(u.pod_spec, field, [])
	some t in lib.command_texts(c)
} | {text |
	some u in w.units
	some vol in object.get(u.pod_spec, "volumes", [])
	some [kind, name] in lib.volume_sources(vol)
	some i, r in lib.resources_of_kind(kind)
	lib.name(r) == name
	lib.namespace(r) == w.namespace
	some field in ["data", "stringData", "binaryData"]
	some key, _ in object.get(r, field, {})
	text := lib.text_values[[i, field, key]].text
}

# A pod quota below what the render runs in that namespace: the pods past it are never created.
quota_pods(q) := to_number(p) if {
	p := q.spec.hard.pods
	is_string(p)
	regex.match(`^[0-9]+$`, p)
} else := p if {
	p := q.spec.hard.pods
	is_number(p)
}

running_pods(ns) := sum([w.replicas |
	some w in lib.workloads
	w.namespace == ns
	w.kind != "Job"
	w.kind != "CronJob"
	w.replicas > 0
])

# A scoped quota counts only the pods its scopes select: ST2-OPS-032 judges it
# (src/policy/admission-facts.ts reads the scopes).
findings contains f if {
	some i, q in lib.resources_of_kind("ResourceQuota")
	not q.spec.scopes
	not q.spec.scopeSelector
	limit := quota_pods(q)
	need := running_pods(lib.namespace(q))
	limit < need
	f := lib.finding("ST2-OPS-005", lib.severity_capacity, i, ["spec", "hard", "pods"], {"component": "namespace", "replicas": need, "how": "pod quota"})
}

# --- ST2-OPS-009: store versions ---------------------------------------------------------------------

# [major, minor] of a tag; a major-only tag ("mongo:7") is that major's newest minor, at least .0.
image_version(img) := [to_number(m[0]), minor_of(m[1])] if {
	no_digest := split(img, "@")[0]
	segments := split(no_digest, "/")
	last := segments[count(segments) - 1]
	parts := split(last, ":")
	count(parts) == 2
	m := lib.tag_version_digits(parts[1])
}

minor_of(s) := 0 if s == "" else := to_number(s)

unsupported_version("mongodb", [major, _]) if major > 4

unsupported_version("mongodb", [major, minor]) if {
	major == 4
	minor > 4
}

unsupported_version("mongodb", [major, _]) if major < 4

unsupported_version("rabbitmq", [major, _]) if major >= 4

# The images whose tags are the store's own version: the official ones and
# Bitnami's (and Percona's MongoDB), not a private rebuild's tag.
store_image("mongodb", img) if lib.image_repository(img) == "mongo"

store_image("mongodb", img) if lib.image_repository(img) == "percona-server-mongodb"

store_image(store, img) if {
	lib.image_repository(img) == store
	contains(lower(img), "bitnami")
}

store_image("rabbitmq", img) if lib.image_repository(img) == "rabbitmq"

findings contains f if {
	some c in lib.containers
	w := lib.workloads[c.resource]
	some store in {"mongodb", "rabbitmq"}
	w.roles[store]
	is_string(c.container.image)
	lib.container_roles_at(c.resource, c.path, c.container)[store]
	store_image(store, c.container.image)
	v := image_version(c.container.image)
	unsupported_version(store, v)
	f := lib.finding("ST2-OPS-009", lib.severity_strict, c.resource, array.concat(c.path, ["image"]), {"store": store, "version": concat(".", [format_int(v[0], 10), format_int(v[1], 10)])})
}

# --- ST2-OPS-010: HTTP probes on st2's APIs -------------------------------------------------------------

api_roles := {"st2api", "st2auth", "st2stream"}

api_workload(w) if {
	some role in api_roles
	w.roles[role]
}

findings contains f if {
	some c in lib.containers
	c.field == "containers"
	api_workload(lib.workloads[c.resource])
	some probe in {"livenessProbe", "readinessProbe", "startupProbe"}
	is_object(c.container[probe].httpGet)
	some role in lib.container_roles_at(c.resource, c.path, c.container)
	api_roles[role]
	f := lib.finding("ST2-OPS-010", lib.severity_strict, c.resource, array.concat(c.path, [probe, "httpGet"]), {"component": role, "probe": probe})
}

findings contains f if {
	some c in lib.containers
	c.field == "containers"
	api_workload(lib.workloads[c.resource])
	some probe in {"livenessProbe", "readinessProbe", "startupProbe"}
	is_object(c.container[probe].exec)
	some role in lib.container_roles_at(c.resource, c.path, c.container)
	api_roles[role]
	text := concat(" ", [x | some x in object.get(c.container, [probe, "exec", "command"], []); is_string(x)])
	regex.match(`(^|[\s/])(curl|wget|http)\s.*https?://`, text)
	f := lib.finding("ST2-OPS-010", lib.severity_strict, c.resource, array.concat(c.path, [probe, "exec"]), {"component": role, "probe": probe})
}

# --- ST2-REP-001, continued: no timers engine at all, or one switched off -------------------------------
#
# REP-001's metadata and the other cases live in replicas.rego. A Deployment
# labelled or named st2timersengine that runs something else leaves the
# cluster without timers, as does a render running the rules engine and the
# scheduler with no timers engine anywhere; `[timersengine] enable = False`
# (st2 ORs it with the deprecated [timer] enable, which defaults to unset)
# keeps the one engine idle.

# A timers engine process: a running container whose image or command says
# st2timersengine, unless its command names another st2 service (the timers
# image told to run the rules engine runs no timers).
runs_timers(i, w) if {
	w.roles.st2timersengine
	not timers_only_by_image(i, w)
}

# (Workload i's running containers, their roles looked up: lib.container_roles_at.)
timers_only_by_image(i, w) if {
	timers := [rc.container |
		some u in w.units
		some rc in lib.running_with_paths(u)
		lib.container_roles_at(i, rc.path, rc.container).st2timersengine
	]
	count(timers) > 0
	every ctr in timers {
		commands_other_service(ctr)
	}
}

commands_other_service(ctr) if {
	cmd := lib.command_roles(ctr)
	count(cmd) > 0
	not cmd.st2timersengine
}

timers_running if {
	some i, w in data.st2.replicas.with_role("st2timersengine")
	runs_timers(i, w)
}

findings contains f if {
	not timers_running
	some i, w in lib.workloads
	lib.label_roles(w.component).st2timersengine
	f := lib.finding("ST2-REP-001", lib.severity_always, i, ["metadata", "name"], {"component": w.component, "replicas": 0, "kind": w.kind})
}

findings contains f if {
	not timers_running
	not timers_named_workload
	count(data.st2.replicas.with_role("st2rulesengine")) > 0
	count(data.st2.replicas.with_role("st2scheduler")) > 0
	f := lib.finding("ST2-REP-001", lib.severity_always, -1, [], {"component": "st2timersengine", "replicas": 0, "kind": "none"})
}

timers_named_workload if {
	some w in lib.workloads
	lib.label_roles(w.component).st2timersengine
}

findings contains f if {
	some [i, path, text] in st2_conf_texts
	not text_value_path(path)
	# The header ends in "ne]" in any case (no lower(): a decoded Secret may not be UTF-8).
	timers_header_end(text)
	not timers_settled[[i, path]]
	regex.match(`(?msi)^\s*\[timersengine\]\s*$[^\[]*?^[ \t]*enable[ \t]*[=:][ \t]*['"]?(false|0|no|off)['"]?[ \t]*$`, text)
	f := lib.finding("ST2-REP-001", lib.severity_always, i, path, {"component": "st2timersengine", "replicas": 0, "kind": "config", "key": path[count(path) - 1]})
}

text_value_path(path) if count(path) == 2

# A config text every st2 process reading it ends up with timers on: st2 runs
# them when `[timer] enable or [timersengine] enable` (timersengine.py), so a
# deprecated [timer] enable = True in it or a later file, or a later
# [timersengine] enable = True, keeps them firing (src/policy/st2-chain-extras.ts).
timers_settled contains [s.resource, s.path] if {
	some s in object.get(input.facts, "st2_config_settled", [])
	is_object(s)
	s.section == "timersengine"
}

# What a "[timersengine]" header holds in any case: ending in n, e, "]" (RE2's (?i) folds
# n and e to their ASCII cases only). Checked before the pattern, which then rarely compiles.
timers_header_end(text) if {
	some end in ["ne]", "nE]", "Ne]", "NE]"]
	contains(text, end)
}

findings contains f if {
	some v in lib.text_values
	# No lower(): binaryData decodes to bytes that are not UTF-8.
	some needle in {"ngine", "NGINE"}
	contains(v.text, needle)
	regex.match(`(?msi)^\s*\[timersengine\]\s*$[^\[]*?^[ \t]*enable[ \t]*[=:][ \t]*['"]?(false|0|no|off)['"]?[ \t]*$`, v.text)
	not timers_settled[[v.resource, [v.field, v.key]]]
	f := lib.finding("ST2-REP-001", lib.severity_always, v.resource, [v.field, v.key], {"component": "st2timersengine", "replicas": 0, "kind": "config", "key": v.key})
}
