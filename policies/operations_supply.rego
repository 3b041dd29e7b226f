# ST2-SEC-019: code downloaded and run in a render's container (`curl
# http://host/install.sh | sh`, or saved and then run; an interpreter's
# one-liner evaluating its download, `bash -c "$(curl …)"`, `source <(curl …)`),
# found by src/policy/fetch-exec.ts and fetch-eval.ts through command-effects.ts. Over plain http whoever
# can answer for the host on the way (a resolver, a proxy, any hop) runs code
# in the pod, with st2's Secrets and its service account; over https whoever
# can change what the URL serves (a branch's install script) does, unless the
# URL names a commit or digest or the script checks the file's hash or
# signature first (the tenth red team). A host inside the cluster (a Service
# name) is judged by ST2-OPS rules on what serves it, not here.
package st2.operations

import data.st2.lib

rules["ST2-SEC-019"] := {
	"title": "Code fetched over plain http, or from a moving URL, and run",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"curl or wget of an http:// URL piped into a shell or interpreter, saved and run, run as",
		"$(curl …) or <(curl …), or fetched and eval'd by python, node or perl, runs",
		"whatever anyone on the path answers, inside a pod that holds st2's Secrets; an https URL",
		"of a branch (raw.githubusercontent.com/.../main/install.sh) runs whatever its owner pushes",
		"next. Bake the tool into the image, or fetch over https a URL naming a commit and check a",
		"pinned sha256 (sha256sum -c) of the saved file before running it.",
	]),
}

findings contains f if {
	some e in effects
	e.effect == "fetch-run"
	not e.internal
	unverified_fetch(e)
	f := lib.finding("ST2-SEC-019", lib.severity_strict, e.resource, e.path, {"program": e.program, "host": e.host})
}

unverified_fetch(e) if not e.tls

unverified_fetch(e) if not e.pinned
