# ST2-EXP-014: a workload that does not run st2's HTTP service or a store
# but whose pods carry the labels that service's Service selects: the
# Service load-balances a share of every login, token or write to it (an
# echo server logging the Basic-auth header of st2auth's callers).
package st2.exposure

import data.st2.lib

rules["ST2-EXP-014"] := {
	# Credential capture on the login path: never waivable in production.
	"waivable_in_production": false,
	"title": "Workload selected by the Service of st2 or a store without running it",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"A Service sends its traffic to every pod its selector matches. This workload's pod labels",
		"match the selector of a Service whose other pods run st2web, st2auth, st2api, st2stream or a",
		"store, but it runs something else: a share of the logins, tokens or writes meant for that",
		"component reach it. Give the workload labels of its own.",
	]),
}

findings contains f if {
	some i, svc in services
	sel := service_selector(svc)
	count(sel) > 0
	members := lib.workloads_matching(lib.namespace(svc), sel)
	count(members) > 1
	# The components the Service is for: the watched roles its members run.
	serves := {role | some j in members; some role in lib.workloads[j].roles; watched_roles[role]}
	count(serves) > 0
	some j in members
	w := lib.workloads[j]
	count({role | some role in w.roles; serves[role]}) == 0
	some role in serves
	f := lib.finding("ST2-EXP-014", lib.severity_strict, j, array.concat(array.slice(w.spec_path, 0, count(w.spec_path) - 1), ["metadata", "labels"]), {"service": lib.name(svc), "component": role})
}
