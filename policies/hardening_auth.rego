# ST2-HRD-011 and ST2-HRD-012: how st2auth checks a login (the ninth red
# team's st2auth-proxy-mode-bypass and st2auth-credentials-in-clear classes).
# The last word of each st2auth process's chain of config files (and its
# --auth-* command-line options) on [auth] mode, backend and backend_kwargs
# is read in TypeScript (src/policy/st2-auth-mode.ts); the facts arrive with
# the chains. st2auth is reachable from every pod of the cluster (the action
# runners run user code) and, through st2web's /auth/, from the Ingress.
package st2.hardening

import data.st2.lib

rules["ST2-HRD-011"] := {
	# A token for any user without a password is a login for anyone: as bad as
	# a published password, so no waiver covers it in production.
	"waivable_in_production": false,
	"title": "st2auth issues tokens without checking a password, or refuses to start",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"[auth] mode = proxy (st2auth/handlers.py ProxyAuthHandler) mints a token for the user",
		"named in any Basic header or X-Forwarded-User and never checks a password: anyone who",
		"reaches st2auth (st2web's /auth/, any pod of the cluster) logs in as st2admin. A mode other",
		"than standalone or proxy, spelt exactly so, stops st2auth at start-up. Keep mode =",
		"standalone (the default) with a backend that checks passwords (flat_file, ldap over",
		"TLS), in every config file and on the command line (--auth-mode).",
	]),
}

rules["ST2-HRD-012"] := {
	"title": "st2auth sends login passwords to its backend in clear text",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"With backend = ldap, st2auth binds as each user with the password typed at login: without",
		"use_ssl (ldaps://, port 636) or use_tls (StartTLS) in backend_kwargs every password",
		"crosses the network in a clear simple bind; backend = keystone sends it to keystone_url,",
		"in clear over http://. Set \"use_ssl\": true (or \"use_tls\": true) with the directory's",
		"TLS port, or an https:// keystone_url; a backend on localhost (a sidecar) is fine.",
		"backend_kwargs must be a JSON object the gate can read: a placeholder outside a JSON",
		"string may write anything.",
	]),
}

auth_mode_problems := {"proxy": "proxy-mode-no-password-check", "invalid": "unknown-mode-st2auth-refuses-to-start"}

findings contains f if {
	some key, list in object.get(input.facts, "st2_chains", {})
	some c in list
	problem := auth_mode_problems[c.auth_mode]
	i := to_number(key)
	runs_st2auth(i, c.path)
	f := lib.finding("ST2-HRD-011", lib.severity_strict, i, c.path, {"problem": problem, "file": c.auth_mode_file})
}

findings contains f if {
	some key, list in object.get(input.facts, "st2_chains", {})
	some c in list
	is_string(c.auth_clear)
	c.auth_clear != ""
	i := to_number(key)
	runs_st2auth(i, c.path)
	f := lib.finding("ST2-HRD-012", lib.severity_strict, i, c.path, {"problem": c.auth_clear, "file": c.auth_clear_file})
}

# The container at `path` of workload i runs st2auth, by the roles ST2-HRD-005
# judges it by (its image and command, its workload's labels as a hint).
runs_st2auth(i, path) if count(roles_at(i, path) & {"st2auth"}) > 0

roles_at(i, path) := roles if {
	w := lib.workloads[i]
	some k, u in w.units
	some j, entry in lib.running_with_paths(u)
	entry.path == path
	roles := judged_roles(w, w.unit_roles[k][j], entry.container)
}

# --- ST2-HRD-014: st2 pointed at a store, vhost, set or key that is not there ----------------

rules["ST2-HRD-014"] := {
	"title": "st2 configuration pointing where nothing answers (store, TLS, vhost, replica set, datastore key)",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"Each st2 service connects where the last word of its config files says: [messaging] url",
		"unset is guest@127.0.0.1, [database] host unset is 127.0.0.1, no [database] username is",
		"refused by MongoDB (a process started without the file that sets them, st2.docker.conf or",
		"st2.secrets.conf, falls back to these); [messaging] ssl = True or amqps:// needs a RabbitMQ TLS listener",
		"(listeners.ssl.*); [messaging] cluster_urls, when set, replaces url (each of its URLs is",
		"judged as url is): a URL to the render's RabbitMQ needs the store's password (without one",
		"kombu logs in as guest) and the Service's amqp port (15672 is the management HTTP port);",
		"the URL's vhost must be created (definitions, default_vhost);",
		"replicaSet= must name the set mongod runs (--replSet; a repeated option's last value counts);",
		"directConnection=true is refused with several hosts and with one pins st2 to that member (writes",
		"fail while it is a secondary): leave it out; mongodb+srv:// takes one host without a port and",
		"needs its Service to name a TCP port mongodb (the _mongodb._tcp SRV record); [keyvalue] encryption_key_path must be",
		"a file a volume provides (written empty, in any later file, st2 loads no key); [auth] api_url (handed to every",
		"action as ST2_ACTION_API_URL) must name a port its Service serves. Otherwise every restarted service crash-loops or fails each",
		"request. Keep every --config-file (st2.secrets.conf holds the credentials) and change",
		"stores and their clients together.",
	]),
}

# st2 services that connect to MongoDB and RabbitMQ, and those that read the datastore key.
connecting_roles := {
	"st2api", "st2auth", "st2stream", "st2rulesengine", "st2timersengine", "st2workflowengine",
	"st2notifier", "st2sensorcontainer", "st2actionrunner", "st2garbagecollector", "st2scheduler",
}

datastore_roles := {"st2api", "st2actionrunner", "st2rulesengine", "st2sensorcontainer", "st2workflowengine", "st2scheduler"}

# A process without [coordination] url takes no lock others see: ST2-REP-006's (replicas.rego).
not_transport_problems := durability_problems | {"coordination-url-unset"}

findings contains f if {
	some t in object.get(input.facts, "st2_transport", [])
	not not_transport_problems[t.problem]
	needed := transport_roles(t.problem)
	count(roles_at(t.resource, t.path) & needed) > 0
	f := lib.finding("ST2-HRD-014", lib.severity_strict, t.resource, t.path, {"problem": t.problem, "detail": t.detail})
}

# Without encryption (enable_encryption = False) or with the path written empty st2 loads no key:
# the same as a missing key; a
# process mounting another key than the others cannot decrypt what they encrypted; one started
# without the file naming the key (datastore-key-unset) loads none either.
datastore_problems := {"datastore-key-missing", "datastore-key-empty", "datastore-encryption-off", "datastore-key-split", "datastore-key-unset"}

# st2's own tools in the hook Jobs connect to MongoDB and RabbitMQ at start-up as the services do
# (st2common's script_setup: setup_db, register_mq_exchanges) but have no service role: the
# st2-store-unset.ts facts name their program. st2-register-content --register-fail-on-failure
# then fails the Job, and the sync, every time.
st2_store_tools := {"st2-register-content", "st2-apply-rbac-definitions"}

findings contains f if {
	some t in object.get(input.facts, "st2_transport", [])
	st2_store_tools[object.get(t, "program", "")]
	not datastore_problems[t.problem]
	not not_transport_problems[t.problem]
	f := lib.finding("ST2-HRD-014", lib.severity_strict, t.resource, t.path, {"problem": t.problem, "detail": t.detail})
}

transport_roles(problem) := datastore_roles if datastore_problems[problem]

# st2auth's own TLS files and its flat-file htpasswd.
transport_roles(problem) := {"st2auth"} if problem == "auth-file-missing"

transport_roles(problem) := connecting_roles if {
	not datastore_problems[problem]
	problem != "auth-file-missing"
}

# --- ST2-HRD-019: st2's MongoDB writes unacknowledged or reads stale --------------------------

rules["ST2-HRD-019"] := {
	"title": "st2's MongoDB connection giving up acknowledged writes or primary reads",
	"default_severity": "deny",
	"profiles": "deny in production, warn in staging and dev",
	"remediation": concat(" ", [
		"st2 writes executions, workflow and scheduler state and reads it back from other services.",
		"w=0 in [database] host makes every write unacknowledged (errors and failover losses unseen);",
		"a majority write with wtimeoutMS under a second fails whenever replication lags that long;",
		"readPreference secondary, secondaryPreferred or nearest reads state older than what another",
		"service just wrote. Leave w and readPreference at the defaults (or w=majority, primary).",
	]),
}

durability_problems := {"write-unacknowledged", "write-timeout-tiny", "read-not-primary"}

findings contains f if {
	some t in object.get(input.facts, "st2_transport", [])
	durability_problems[t.problem]
	count(roles_at(t.resource, t.path) & connecting_roles) > 0
	f := lib.finding("ST2-HRD-019", lib.severity_production, t.resource, t.path, {"problem": t.problem, "detail": t.detail})
}

# --- ST2-HRD-013: st2's own RBAC handing admin rights to everyone ---------------------------
#
# st2's RBAC definitions (roles, assignments, LDAP group mappings) as
# st2-apply-rbac-definitions loads them, read from every ConfigMap and Secret
# value shaped like one (src/policy/st2-rbac-definitions.ts).

rules["ST2-HRD-013"] := {
	"title": "st2 RBAC gives admin rights to a broad group, or under another role's name",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"admin and system_admin (and any role granting pack_install, pack_create, pack_register,",
		"action_create, action_modify or action_execute without a resource_uid, or executing the",
		"core pack's command actions) run code of the user's choosing as root on the action",
		"runners and, through the stanley key, on every managed host. Map them only to a",
		"dedicated group (not Domain Users, Everyone, all staff: settings.st2_config.broad_groups),",
		"and give such rights through the built-in admin role, not a custom role whose name hides",
		"them; scope custom roles to packs with resource_uid.",
	]),
}

broad_group_names := {lower(g) | some g in object.get(data.settings, ["st2_config", "broad_groups"], []); is_string(g)}

broad_group(name) if broad_group_names[name]

broad_group(name) if startswith(name, "all ")

# Roles that make their holder an administrator: st2's built-in ones and any
# custom role of the render granting code execution.
admin_roles := {"admin", "system_admin"} | {r.name |
	some r in object.get(input.facts, "st2_rbac_roles", [])
	count(r.code_grants) > 0
}

findings contains f if {
	some m in object.get(input.facts, "st2_rbac_mappings", [])
	broad_group(m.group_name)
	some role in m.roles
	admin_roles[role]
	f := lib.finding("ST2-HRD-013", lib.severity_strict, m.resource, m.path, {"problem": "admin-role-for-a-broad-group", "role": role, "group": m.group_name})
}

findings contains f if {
	some r in object.get(input.facts, "st2_rbac_roles", [])
	count(r.code_grants) > 0
	not {"admin", "system_admin"}[r.name]
	f := lib.finding("ST2-HRD-013", lib.severity_strict, r.resource, r.path, {"problem": "custom-role-runs-code", "role": r.name, "grants": concat(", ", r.code_grants)})
}
