package st2_test.hardening

import data.st2_test.fixtures as fx

finding(rule, severity, resource, path, params) := {"rule": rule, "severity": severity, "resource": resource, "path": path, "params": params}

api := fx.index_of(fx.baseline, "Deployment", "st2-st2api")

ctr_path := ["spec", "template", "spec", "containers", 0]

# st2api with its first container patched.
patched(ops) := fx.replace(fx.baseline, "Deployment", "st2-st2api", json.patch(fx.deployment("st2api", 2), ops))

with_image(img) := patched([{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": img}])

# The private registry these tests use, listed as the bundle's owner lists a mirror (ST2-HRD-017).
mirrors := ["stackstorm/", "registry.example.test:5000/st2/"]

# --- ST2-HRD-001 ------------------------------------------------------------------------

test_hrd001_denies_latest_and_untagged_images if {
	every c in [
		{"image": "stackstorm/st2api:latest", "problem": "latest"},
		{"image": "stackstorm/st2api", "problem": "no-tag"},
		{"image": "registry.example.test:5000/st2/st2api", "problem": "no-tag"},
		{"image": "registry.example.test:5000/st2/st2api:LATEST", "problem": "latest"},
	] {
		fs := fx.eval("staging", with_image(c.image)) with data.settings.images.allowed_prefixes as mirrors
		fs == {finding("ST2-HRD-001", "deny", api, array.concat(ctr_path, ["image"]), {"container": "st2api", "image": c.image, "problem": c.problem})}
	}
}

test_hrd001_warns_in_dev if {
	fx.only(fx.eval("dev", with_image("stackstorm/st2api:latest")), "ST2-HRD-001", "warn", api)
}

test_hrd001_allows_tags_and_digests if {
	every img in [
		"stackstorm/st2api:3.8.1",
		"registry.example.test:5000/st2/st2api:3.8.1",
		"stackstorm/st2api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		"stackstorm/st2api:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
	] {
		fs := fx.eval("production", with_image(img)) with data.settings.images.allowed_prefixes as mirrors
		count(fs) == 0
	}
}

test_hrd001_checks_init_containers if {
	init := object.union(fx.container("wait-for-db"), {"image": "busybox"})
	fs := fx.eval("production", patched([{"op": "add", "path": "/spec/template/spec/initContainers", "value": [init]}]))
	fs == {finding("ST2-HRD-001", "deny", api, ["spec", "template", "spec", "initContainers", 0, "image"], {"container": "wait-for-db", "image": "busybox", "problem": "no-tag"})}
}

test_hrd001_denies_missing_image if {
	fs := fx.eval("production", patched([{"op": "remove", "path": "/spec/template/spec/containers/0/image"}]))
	fx.only(fs, "ST2-HRD-001", "deny", api)
}

# --- ST2-HRD-002 ------------------------------------------------------------------------

test_hrd002_denies_missing_limits_in_production if {
	fs := fx.eval("production", patched([{"op": "remove", "path": "/spec/template/spec/containers/0/resources/limits"}]))
	fs == {
		finding("ST2-HRD-002", "deny", api, array.concat(ctr_path, ["resources", "limits", "cpu"]), {"container": "st2api", "resource": "cpu"}),
		finding("ST2-HRD-002", "deny", api, array.concat(ctr_path, ["resources", "limits", "memory"]), {"container": "st2api", "resource": "memory"}),
	}
}

test_hrd002_denies_missing_memory_limit_only if {
	fs := fx.eval("production", patched([{"op": "remove", "path": "/spec/template/spec/containers/0/resources/limits/memory"}]))
	{f.params.resource | some f in fs} == {"memory"}
}

test_hrd002_warns_in_staging_silent_in_dev if {
	r := patched([{"op": "remove", "path": "/spec/template/spec/containers/0/resources"}])
	{f.severity | some f in fx.eval("staging", r)} == {"warn"}
	count(fx.eval("dev", r)) == 0
}

test_hrd002_allows_limitrange_defaults if {
	lr := {"apiVersion": "v1", "kind": "LimitRange", "metadata": {"name": "defaults", "namespace": "st2"}, "spec": {"limits": [{"type": "Container", "default": {"cpu": "1", "memory": "1Gi"}}]}}
	r := patched([{"op": "remove", "path": "/spec/template/spec/containers/0/resources"}])
	count(fx.eval("production", fx.plus(r, lr))) == 0
}

test_hrd002_limitrange_in_other_namespace_does_not_count if {
	lr := {"apiVersion": "v1", "kind": "LimitRange", "metadata": {"name": "defaults", "namespace": "other"}, "spec": {"limits": [{"type": "Container", "default": {"cpu": "1", "memory": "1Gi"}}]}}
	r := patched([{"op": "remove", "path": "/spec/template/spec/containers/0/resources"}])
	count(fx.eval("production", fx.plus(r, lr))) == 2
}

# --- ST2-HRD-003 ------------------------------------------------------------------------

test_hrd003_denies_privileged if {
	fs := fx.eval("production", patched([{"op": "add", "path": "/spec/template/spec/containers/0/securityContext/privileged", "value": true}]))
	fs == {finding("ST2-HRD-003", "deny", api, array.concat(ctr_path, ["securityContext", "privileged"]), {"container": "st2api", "problem": "privileged"})}
}

test_hrd003_denies_privilege_escalation if {
	fs := fx.eval("staging", patched([{"op": "replace", "path": "/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation", "value": true}]))
	fs == {finding("ST2-HRD-003", "deny", api, array.concat(ctr_path, ["securityContext", "allowPrivilegeEscalation"]), {"container": "st2api", "problem": "allowPrivilegeEscalation"})}
}

test_hrd003_denies_sys_admin_and_host_pid if {
	fs := fx.eval("production", patched([
		{"op": "add", "path": "/spec/template/spec/containers/0/securityContext/capabilities", "value": {"add": ["NET_BIND_SERVICE", "sys_admin"]}},
		{"op": "add", "path": "/spec/template/spec/hostPID", "value": true},
	]))
	fs == {
		finding("ST2-HRD-003", "deny", api, array.concat(ctr_path, ["securityContext", "capabilities", "add", 1]), {"container": "st2api", "problem": "capability", "capability": "SYS_ADMIN"}),
		finding("ST2-HRD-003", "deny", api, ["spec", "template", "spec", "hostPID"], {"container": "", "problem": "hostPID"}),
	}
}

test_hrd003_warns_in_dev if {
	fs := fx.eval("dev", patched([{"op": "add", "path": "/spec/template/spec/containers/0/securityContext/privileged", "value": true}]))
	fx.only(fs, "ST2-HRD-003", "warn", api)
}

test_hrd003_allows_unprivileged if {
	count(fx.eval("production", patched([{"op": "add", "path": "/spec/template/spec/containers/0/securityContext/privileged", "value": false}]))) == 0
}

# --- ST2-HRD-004 ------------------------------------------------------------------------

test_hrd004_denies_missing_pdb_in_production if {
	every app in ["st2web", "st2api", "st2actionrunner"] {
		r := fx.without(fx.baseline, "PodDisruptionBudget", concat("", ["st2-", app]))
		fs := fx.eval("production", r)
		fs == {finding("ST2-HRD-004", "deny", fx.index_of(r, "Deployment", concat("", ["st2-", app])), ["metadata", "name"], {"component": app, "replicas": 2})}
	}
}

test_hrd004_denies_missing_pdb_for_data_store if {
	r := fx.without(fx.baseline, "PodDisruptionBudget", "st2-mongodb")
	fx.only(fx.eval("production", r), "ST2-HRD-004", "deny", fx.index_of(r, "StatefulSet", "st2-mongodb"))
}

test_hrd004_warns_in_staging_silent_in_dev if {
	r := fx.without(fx.baseline, "PodDisruptionBudget", "st2-st2api")
	fx.only(fx.eval("staging", r), "ST2-HRD-004", "warn", api)
	count(fx.eval("dev", r)) == 0
}

test_hrd004_pdb_must_match_labels_and_namespace if {
	wrong_labels := json.patch(fx.pdb("st2api"), [{"op": "replace", "path": "/spec/selector/matchLabels", "value": {"app": "st2api", "tier": "frontend"}}])
	r1 := fx.replace(fx.baseline, "PodDisruptionBudget", "st2-st2api", wrong_labels)
	fx.only(fx.eval("production", r1), "ST2-HRD-004", "deny", api)
	wrong_ns := json.patch(fx.pdb("st2api"), [{"op": "replace", "path": "/metadata/namespace", "value": "other"}])
	r2 := fx.replace(fx.baseline, "PodDisruptionBudget", "st2-st2api", wrong_ns)
	fx.only(fx.eval("production", r2), "ST2-HRD-004", "deny", api)
}

test_hrd004_allows_pdb_with_match_expressions if {
	expr := json.patch(fx.pdb("st2api"), [{"op": "replace", "path": "/spec/selector", "value": {"matchExpressions": [{"key": "app", "operator": "In", "values": ["st2api", "st2auth"]}]}}])
	# (st2auth, also under its own budget, is then under two: ST2-OPS-038's, not this rule's.)
	fs := fx.eval("production", fx.replace(fx.baseline, "PodDisruptionBudget", "st2-st2api", expr))
	count([f | some f in fs; f.rule != "ST2-OPS-038"]) == 0
}

test_hrd004_allows_single_replica_without_pdb if {
	# st2scheduler is active-active (ST2-REP-005) since issue 11; a one-replica app of our own.
	count(fx.eval("production", fx.plus(fx.baseline, fx.deployment("docs", 1)))) == 0
}

# --- ST2-HRD-004: the PDB selector index -------------------------------------------------

with_api_pdb_selector(sel) := fx.replace(fx.baseline, "PodDisruptionBudget", "st2-st2api", json.patch(fx.pdb("st2api"), [{"op": "replace", "path": "/spec/selector", "value": sel}]))

# Filed under "tier", the pods' third label: it covers st2api.
test_hrd004_pdb_matching_on_a_later_label if {
	# (The other backend services, under their own budgets too, are ST2-OPS-038's.)
	fs := fx.eval("production", with_api_pdb_selector({"matchLabels": {"tier": "backend"}}))
	count([f | some f in fs; f.rule != "ST2-OPS-038"]) == 0
}

# Filed under "release" (its smallest key); "tier" must match as well.
test_hrd004_pdb_must_match_its_second_key if {
	sel := {"matchLabels": {"release": "st2", "tier": "frontend"}}
	fx.only(fx.eval("production", with_api_pdb_selector(sel)), "ST2-HRD-004", "deny", api)
}

test_hrd004_pdb_labels_and_expressions_must_both_hold if {
	sel := {"matchLabels": {"app": "st2api"}, "matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["backend"]}]}
	fx.only(fx.eval("production", with_api_pdb_selector(sel)), "ST2-HRD-004", "deny", api)
}

test_hrd004_empty_selector_covers_its_namespace_only if {
	count(fx.eval("production", with_api_pdb_selector({}))) == 0
	other := json.patch(fx.pdb("any"), [
		{"op": "replace", "path": "/metadata/namespace", "value": "other"},
		{"op": "replace", "path": "/spec/selector", "value": {}},
	])
	r := fx.plus(fx.without(fx.baseline, "PodDisruptionBudget", "st2-st2api"), other)
	fx.only(fx.eval("production", r), "ST2-HRD-004", "deny", api)
}

test_hrd004_missing_or_invalid_selector_covers_nothing if {
	fx.only(fx.eval("production", with_api_pdb_selector("app=st2api")), "ST2-HRD-004", "deny", api)
	no_selector := json.patch(fx.pdb("st2api"), [{"op": "remove", "path": "/spec/selector"}])
	fx.only(fx.eval("production", fx.replace(fx.baseline, "PodDisruptionBudget", "st2-st2api", no_selector)), "ST2-HRD-004", "deny", api)
}

test_hrd004_copies_of_one_workload_each_flagged if {
	copy := json.patch(fx.deployment("st2api", 2), [{"op": "replace", "path": "/metadata/name", "value": "st2-st2api-copy"}])
	r := fx.plus(fx.without(fx.baseline, "PodDisruptionBudget", "st2-st2api"), copy)
	{f.resource | some f in fx.eval("production", r)} == {api, count(r) - 1}
}
