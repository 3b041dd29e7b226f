package st2_test.secrets_copies

import data.st2_test.fixtures as fx

# --- ST2-SEC-009: a value the secret search could not finish -------------------------------
#
# The search and its budgets are TypeScript (src/policy/search-budget.ts); a
# value it cut short arrives as input.facts.search_short, named by where it
# is. Each becomes one finding with the reason in words, never the value.

short(reason) := {"resource": fx.next, "path": ["binaryData", "key.gz"], "key": "key.gz", "in": "value", "reason": reason}

eval_short(profile, facts) := fx.of_rule(fx.eval_facts(profile, fx.plus(fx.baseline, fx.config_map("c", {"k": "v"})), object.union({"secret_values": []}, facts)), "ST2-SEC-009")

test_sec009_denies_each_reason_in_production_and_staging if {
	every reason in ["decode-budget", "depth", "forms", "hash-cost"] {
		every profile in ["production", "staging"] {
			fs := eval_short(profile, {"search_short": [short(reason)]})
			some f in fs
			count(fs) == 1
			f.severity == "deny"
			f.path == ["binaryData", "key.gz"]
			f.params.key == "key.gz"
			f.params.why == data.st2.secrets.search_short_reasons[reason]
		}
	}
}

test_sec009_warns_in_dev if {
	fs := eval_short("dev", {"search_short": [short("depth")]})
	{f.severity | some f in fs} == {"warn"}
}

test_sec009_nothing_without_facts_or_for_unknown_reasons if {
	count(eval_short("production", {})) == 0
	count(eval_short("production", {"search_short": [short("bored")], "literal_hits": []})) == 0
	count(eval_short("production", {"search_short": ["not an object"]})) == 0
}

# --- ST2-SEC-010: st2's Secrets copied out of st2's namespaces -----------------------------

annotated(kind, name, namespace, annotations) := {
	"apiVersion": "v1", "kind": kind,
	"metadata": {"name": name, "namespace": namespace, "annotations": annotations},
	"type": "Opaque", "data": {"password": base64.encode("kX9-generated-Password")},
}

# The render lands in fx.ns (input.namespace, as check-render.ts sets it).
eval_in(profile, resources) := fs if {
	fs := data.st2.findings with input as {"profile": profile, "environment": profile, "namespace": fx.ns, "resources": array.concat(fx.baseline, resources), "facts": fx.no_facts}
}

sec010(resources) := fx.of_rule(eval_in("production", resources), "ST2-SEC-010")

sec010_to(resources) := {f.params.to | some f in sec010(resources)}

reflector(k) := concat("", ["reflector.v1.k8s.emberstack.com/", k])

replicator(k) := concat("", ["replicator.v1.mittwald.de/", k])

test_sec010_push_annotations_on_st2_secrets if {
	sec010_to([annotated("Secret", "s", fx.ns, {reflector("reflection-allowed"): "true"})]) == {"every namespace"}
	sec010_to([annotated("Secret", "s", fx.ns, {reflector("reflection-allowed"): "True", reflector("reflection-allowed-namespaces"): "monitoring"})]) == {"monitoring"}
	sec010_to([annotated("Secret", "s", fx.ns, {reflector("reflection-allowed"): "true", reflector("reflection-allowed-namespaces"): fx.ns, reflector("reflection-auto-enabled"): "true", reflector("reflection-auto-namespaces"): "st2-.*"})]) == {"st2-.*"}
	sec010_to([annotated("Secret", "s", fx.ns, {replicator("replicate-to"): ".*"})]) == {".*"}
	sec010_to([annotated("ConfigMap", "c", fx.ns, {replicator("replicate-to-matching"): "team=x"})]) == {"namespaces chosen by labels or another cluster"}
	sec010_to([annotated("Secret", "s", fx.ns, {"kubed.appscode.com/sync": ""})]) == {"namespaces chosen by labels or another cluster"}
	sec010_to([annotated("Secret", "s", fx.ns, {replicator("replication-allowed"): "true"})]) == {"every namespace"}
}

test_sec010_copies_to_a_less_strict_st2_namespace_are_denied if {
	# st2-dev is mapped to dev by the policy's settings: production's Secret may not go there.
	sec010_to([annotated("Secret", "s", "st2-prod", {replicator("replicate-to"): "st2-dev"})]) == {"st2-dev"}
	count(sec010([annotated("Secret", "s", "st2-staging", {replicator("replicate-to"): "st2-prod"})])) == 0
}

test_sec010_template_annotations if {
	es := {"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret", "metadata": {"name": "st2-auth", "namespace": fx.ns}, "spec": {
		"secretStoreRef": {"name": "st2-production"},
		"target": {"name": "st2-auth", "template": {"metadata": {"annotations": {replicator("replicate-to"): "monitoring"}}}},
		"data": [{"secretKey": "password", "remoteRef": {"key": "stackstorm/st2-auth"}}],
	}}
	fs := sec010([es])
	{f.path | some f in fs} == {["spec", "target", "template", "metadata", "annotations", replicator("replicate-to")]}
}

test_sec010_mirrors_pulling_st2_secrets if {
	sec010_to([annotated("Secret", "m", "monitoring", {reflector("reflects"): concat("/", [fx.ns, "st2-auth"])})]) == {"monitoring"}
	sec010_to([annotated("Secret", "m", "monitoring", {replicator("replicate-from"): concat("/", [fx.ns, "st2-auth"])})]) == {"monitoring"}
	# A mirror of another team's Secret, and monitoring's own Secret reflected anywhere.
	count(sec010([annotated("Secret", "m", "monitoring", {reflector("reflects"): "other/secret"})])) == 0
	count(sec010([annotated("Secret", "m", "monitoring", {reflector("reflection-allowed"): "true"})])) == 0
}

external_secret(namespace, store, key) := {"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret", "metadata": {"name": "x", "namespace": namespace}, "spec": {
	"secretStoreRef": {"name": store},
	"target": {"name": "x"},
	"data": [{"secretKey": "password", "remoteRef": {"key": key}}],
}}

test_sec010_external_secrets_outside_st2_namespaces if {
	sec010_to([external_secret("monitoring", "st2-production", "grafana/admin")]) == {"monitoring"}
	# st2's own remote key through any store.
	sec010_to([external_secret(fx.ns, "st2-production", "stackstorm/st2-auth"), external_secret("monitoring", "vault", "stackstorm/st2-auth")]) == {"monitoring"}
	# st2's own ExternalSecret, and another team's from its own store.
	count(sec010([external_secret(fx.ns, "st2-production", "stackstorm/st2-auth"), external_secret("monitoring", "monitoring-vault", "grafana/admin")])) == 0
}

ces(extra) := {"apiVersion": "external-secrets.io/v1", "kind": "ClusterExternalSecret", "metadata": {"name": "c"}, "spec": object.union({"externalSecretSpec": external_secret("", "st2-production", "stackstorm/mongodb").spec}, extra)}

test_sec010_cluster_external_secrets if {
	sec010_to([ces({"namespaceSelectors": [{"matchLabels": {}}]})]) == {"namespaces chosen by labels"}
	sec010_to([ces({"namespaces": ["monitoring"]})]) == {"monitoring"}
	count(sec010([ces({"namespaces": ["st2-prod"]})])) == 0
}

push(namespace) := {"apiVersion": "external-secrets.io/v1alpha1", "kind": "PushSecret", "metadata": {"name": "p", "namespace": namespace}, "spec": {"secretStoreRefs": [{"name": "st2-production"}], "selector": {"secret": {"name": "known"}}}}

test_sec010_push_secret_into_st2_store_from_elsewhere if {
	sec010_to([push("monitoring")]) == {"monitoring"}
}

test_sec010_warns_in_dev if {
	fs := fx.of_rule(eval_in("dev", [annotated("Secret", "s", fx.ns, {reflector("reflection-allowed"): "true"})]), "ST2-SEC-010")
	{f.severity | some f in fs} == {"warn"}
}

kyverno_clone(source_ns) := {"apiVersion": "kyverno.io/v1", "kind": "ClusterPolicy", "metadata": {"name": "sync-secrets"}, "spec": {"rules": [{
		"name": "clone",
		"match": {"any": [{"resources": {"kinds": ["Namespace"]}}]},
		"generate": {"apiVersion": "v1", "kind": "Secret", "name": "copied", "namespace": "{{request.object.metadata.name}}", "synchronize": true, "clone": {"namespace": source_ns, "name": "st2-auth"}},
	}]}}

test_sec010_kyverno_clone_of_st2_secrets if {
	sec010_to([kyverno_clone(fx.ns)]) == {"every namespace the rule matches"}
	count(sec010([kyverno_clone("registry")])) == 0
}

# staging's own ExternalSecrets in a render judged as production (an overlay
# declaring itself stricter) stay where they are: no copy.
test_sec010_st2_own_external_secrets_in_a_stricter_render if {
	count(sec010([external_secret("st2-staging", "st2-staging", "stackstorm/st2-auth")])) == 0
	sec010_to([external_secret("st2-staging", "st2-staging", "stackstorm/st2-auth"), external_secret("monitoring", "vault", "stackstorm/st2-auth")]) == {"monitoring"}
}

# A workload running in another namespace does not make it st2's: a store
# image started in monitoring, then st2's Secret reflected there.
test_sec010_a_workload_does_not_make_a_namespace_st2s if {
	mongo := json.patch(fx.statefulset("mongodb", 1), [{"op": "replace", "path": "/metadata/namespace", "value": "monitoring"}])
	sec010_to([mongo, annotated("Secret", "s", fx.ns, {replicator("replicate-to"): "monitoring"})]) == {"monitoring"}
}
