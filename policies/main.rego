# Entrypoints compiled to WebAssembly (opa build -t wasm -e st2/findings -e st2/rules, and the parts below).
#
#   st2/findings: a set of {"rule", "severity", "resource", "path", "params"}
#     rule      stable id, e.g. "ST2-REP-001" (described in st2/rules)
#     severity  "deny" | "warn" (already adjusted to input.profile)
#     resource  index into input.resources, or -1 for a render-wide finding
#     path      field path inside that resource (strings and array indexes)
#     params    small object of non-secret values for the message; secrets
#               are never copied here (a chart default is named by its id)
#   st2/rules: {<id>: {"title", "remediation", "default_severity", "profiles"}}
#
# Each concern lives in its own package: st2.secrets (secrets.rego),
# st2.exposure, st2.replicas, st2.hardening, st2.operations; helpers in st2.lib.
package st2

findings := (((data.st2.secrets.findings | data.st2.exposure.findings) | data.st2.replicas.findings) | data.st2.hardening.findings) | data.st2.operations.findings

# The findings of every rule that reads the facts the TypeScript side finds in
# the render's strings (input.facts: literal_hits, secret_values,
# st2_config_off, rabbitmq_guest): st2.secrets and HRD-005's facts rule. No
# other rule reads them (only pod_units and the st2 config chains, found
# before any string search; test/policy/fact-findings.test.ts holds every
# package to that), so `findings` on an input without those facts, plus these
# on the whole input, are `findings` on the whole input. The policy worker evaluates the first
# while the main thread searches the strings (src/policy/engine.ts).
fact_findings := data.st2.secrets.findings | data.st2.hardening.config_off_findings

rules := object.union_n([
	data.st2.secrets.rules,
	data.st2.exposure.rules,
	data.st2.replicas.rules,
	data.st2.hardening.rules,
	data.st2.operations.rules,
])

# st2/findings in two parts of about equal cost, for a gate on two threads
# (src/policy/check-render-parallel.ts): the operations rules, which read no
# string fact, judged in one thread while the other searches the strings and
# then judges the rest. Their union is st2/findings.
operations_findings := data.st2.operations.findings

other_findings := ((data.st2.secrets.findings | data.st2.exposure.findings) | data.st2.replicas.findings) | data.st2.hardening.findings
