# ST2-HRD-009 and ST2-HRD-010: st2's configuration as oslo.config 1.12 and
# st2 itself use it at start-up (the eighth red team's cfg-oslo-parse and
# cfg-st2-semantics classes). Each st2 process's chain of config files is
# read in TypeScript (src/policy/st2-chains.ts, oslo-ini.ts,
# st2-chain-extras.ts, st2-listen.ts); the facts arrive with the chains.
package st2.hardening

import data.st2.lib

rules["ST2-HRD-009"] := {
	"title": "st2 config file oslo.config refuses, or a value st2 cannot convert or work with",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"st2 pins oslo.config 1.12, whose parser refuses a file with a UTF-8 byte-order mark,",
		"an indented line with no value before it (indentation continues a value), a header",
		"without its closing ], a line without = or :, or a key before any section; and an",
		"integer option whose value is not an integer (an inline comment is part of the value:",
		"oslo has none). Every st2 service reading the file stops at start-up and crash-loops",
		"after its next restart. Save the file as UTF-8 without BOM, start lines in column one,",
		"and put comments on lines of their own. A value st2 takes but cannot work with (a green",
		"pool of 0, login or action tokens that expire at once, a database timeout of a",
		"millisecond, a scheduler that sleeps minutes between executions, action triggers off, a",
		"virtualenv binary or SSH key file nothing provides) stops or stalls the service reading",
		"it: keep it within what the finding names (settings.st2_config.option_bounds for the",
		"bounded options), and mount the files st2 is told to use.",
	]),
}

rules["ST2-HRD-010"] := {
	"title": "st2 listening or storing somewhere its cluster does not expect",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"[api] port (st2api, 9101), [auth] port (st2auth, 9100) and [stream] port (st2stream, 9102)",
		"must be the port the container declares, its probes check and its Services target: a",
		"moved port leaves each restarted pod unready until the service is gone. [database]",
		"db_name must be the database the bundle names (settings.st2_config.database_name,",
		"st2's default st2): another name brings each restarted service up on an empty database",
		"(no rules, packs, RBAC assignments or datastore values) while the others keep the old",
		"one. Move ports everywhere at once; migrate a database with the bundle's owner.",
	]),
}

# --- ST2-HRD-009 ---------------------------------------------------------------------------

findings contains f if {
	some key, list in object.get(input.facts, "st2_chains", {})
	some c in list
	e := c.config_error
	is_object(e)
	[i, path] := config_error_location(to_number(key), c, e)
	f := lib.finding("ST2-HRD-009", lib.severity_strict, i, path, {"file": e.file, "line": e.line, "why": e.why})
}

# Reported where the file's text is written (once), else on the container.
config_error_location(i, c, e) := [e.source.resource, e.source.path] if {
	is_object(e.source)
} else := [i, c.path]

# --- ST2-HRD-010 ---------------------------------------------------------------------------

listen_problems := {
	"container-port": "the container declares other ports",
	"probe": "a probe checks another port",
	"service": "a Service selecting its pods targets another port",
}

findings contains f if {
	some l in object.get(input.facts, "st2_listen", [])
	is_object(l)
	f := lib.finding("ST2-HRD-010", lib.severity_strict, l.resource, l.path, {
		"service": l.service,
		"option": l.option,
		"port": l.port,
		"problem": listen_problems[l.problem],
		"target": l.target,
	})
}

database_name := n if {
	n := data.settings.st2_config.database_name
	is_string(n)
} else := "st2"

findings contains f if {
	some key, list in object.get(input.facts, "st2_chains", {})
	some c in list
	is_string(c.db_name)
	c.db_name != ""
	c.db_name != database_name
	f := lib.finding("ST2-HRD-010", lib.severity_strict, to_number(key), c.path, {"option": "database.db_name", "db_name": c.db_name, "expected": database_name})
}

# An API service bound to loopback ([api]/[auth]/[stream] host = 127.0.0.1 or localhost; the image
# sets 0.0.0.0): eventlet listens on the pod's lo only, so its Service, st2web's proxy and
# every other pod reach nothing. Judged on the service that binds by the option.
loopback_roles := {"api.host": "st2api", "auth.host": "st2auth", "stream.host": "st2stream"}

findings contains f if {
	some key, list in object.get(input.facts, "st2_chains", {})
	some c in list
	some option in object.get(c, "loopback", [])
	loopback_roles[option] in roles_at(to_number(key), c.path)
	f := lib.finding("ST2-HRD-010", lib.severity_strict, to_number(key), c.path, {
		"service": loopback_roles[option],
		"option": option,
		"problem": "it binds a loopback address: nothing outside the pod reaches it",
	})
}

# --- ST2-HRD-009: single-sensor mode without a sensor ref ------------------------------------
#
# st2sensorcontainer raises "--sensor-ref argument must be provided when running in single
# sensor mode" at start (st2reactor/cmd/sensormanager.py): no sensor runs, the pod crash-loops.

findings contains f if {
	some key, list in object.get(input.facts, "st2_chains", {})
	some c in list
	c.sensor_unpinned != ""
	"st2sensorcontainer" in roles_at(to_number(key), c.path)
	f := lib.finding("ST2-HRD-009", lib.severity_strict, to_number(key), c.path, {
		"file": c.sensor_unpinned,
		"line": 0,
		"why": "single_sensor_mode is on without --sensor-ref: st2sensorcontainer stops at start",
	})
}

# --- ST2-HRD-009: an option that stops (or stalls) the st2 service using it -------------------
#
# Values that convert but that the service reading them cannot run with (a negative garbage
# collector TTL, a green pool of 0, an auth backend or logging file the image does not have, a
# coordination driver st2 does not ship...): src/policy/st2-role-options.ts, per container.
# Reported on a container running that service ('' : every st2 service), where the file is written.

findings contains f if {
	some key, list in object.get(input.facts, "st2_chains", {})
	some c in list
	some p in object.get(c, "role_problems", [])
	role_problem_applies(p.role, to_number(key), c.path)
	[i, path] := config_error_location(to_number(key), c, p)
	f := lib.finding("ST2-HRD-009", lib.severity_strict, i, path, {"file": p.file, "line": 0, "why": p.why})
}

role_problem_applies("", _, _)

role_problem_applies(role, i, path) if {
	role != ""
	role in roles_at(i, path)
}
