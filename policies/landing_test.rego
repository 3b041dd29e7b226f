# ST2-OPS-082 and the lookups by namespace and name when two objects of the
# render land as one (src/policy/landing-duplicates.ts gives the fact: the
# copies' indices in render order, Argo CD applying the last, and whether
# they differ once landed; equal copies but the last arrive blanked).
package st2_test.landing

import data.st2_test.fixtures as fx

# The destination namespace: a copy without metadata.namespace lands there.
eval_landing(profile, resources, facts) := fs if {
	fs := data.st2.findings with input as {"profile": profile, "environment": profile, "namespace": fx.ns, "resources": resources, "facts": facts}
		with data.chart_defaults as fx.chart_defaults
		with data.settings.delivery.namespaces as fx.listed_namespaces
		with data.settings.delivery.singleton_names as fx.singleton_names
}

unplaced(r) := json.remove(r, ["metadata/namespace"])

# Two copies appended to the baseline: the first as written, the second without a namespace.
twice(first, second) := array.concat(fx.baseline, [first, unplaced(second)])

landing(kind, name, differ) := {"secret_values": [], "landing_duplicates": [{"resources": [fx.next, fx.next + 1], "differ": differ, "kind": kind, "namespace": fx.ns, "name": name}]}

landing_findings(profile, resources, facts) := {[f.rule, f.severity, f.resource, f.params.argo_cd, f.params.copy, f.params.object] |
	some f in eval_landing(profile, resources, facts)
	f.rule == "ST2-OPS-082"
}

test_differing_copies_are_denied_on_both_in_every_environment if {
	rs := twice(fx.config_map("st2-urls", {"ST2_API_URL": "https://st2.example"}), fx.config_map("st2-urls", {"a": "b"}))
	every profile in ["production", "staging", "dev"] {
		landing_findings(profile, rs, landing("ConfigMap", "st2-urls", true)) == {
			["ST2-OPS-082", "deny", fx.next, "drops this copy", "1 of 2", "ConfigMap st2/st2-urls"],
			["ST2-OPS-082", "deny", fx.next + 1, "applies this copy", "2 of 2", "ConfigMap st2/st2-urls"],
		}
	}
}

test_equal_copies_and_single_objects_are_allowed if {
	cm := fx.config_map("st2-urls", {"a": "b"})
	landing_findings("production", twice(cm, cm), landing("ConfigMap", "st2-urls", false)) == set()
	landing_findings("production", fx.plus(fx.baseline, cm), fx.no_facts) == set()
}

test_cluster_scoped_copies_name_no_namespace if {
	facts := {"secret_values": [], "landing_duplicates": [{"resources": [0, 1, 2], "differ": true, "kind": "ClusterRole", "namespace": "", "name": "st2"}]}
	fs := landing_findings("production", fx.baseline, facts)
	count(fs) == 3
	every f in fs {
		f[5] == "ClusterRole st2"
	}
	{f[3] | some f in fs; f[2] == 2} == {"applies this copy"}
}

# Every lookup keyed by namespace and name reads the copy Argo CD applies: the
# policy never meets two values for one key (an object-insert conflict, exit 3).
test_lookups_by_name_read_the_applied_copy if {
	rs := twice(fx.config_map("st2-urls", {"k": "first"}), fx.config_map("st2-urls", {"k": "last"}))
	facts := landing("ConfigMap", "st2-urls", true)
	data.st2.secrets.config_index[[fx.ns, "ConfigMap", "st2-urls"]] == fx.next + 1 with input as {"profile": "production", "namespace": fx.ns, "resources": rs, "facts": facts}
	data.st2.operations.configmap_data[[fx.ns, "st2-urls"]] == {"k": "last"} with input as {"profile": "production", "namespace": fx.ns, "resources": rs, "facts": facts}
}

copies := [
	["Secret", {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s", "namespace": fx.ns}, "stringData": {"k": "v"}}, {"stringData": {"k": "w"}}],
	["Service", {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "ext", "namespace": fx.ns}, "spec": {"type": "ExternalName", "externalName": "a.example"}}, {"spec": {"type": "ExternalName", "externalName": "b.example"}}],
	["Gateway", {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway", "metadata": {"name": "gw", "namespace": fx.ns}, "spec": {"listeners": [{"name": "http", "port": 80, "protocol": "HTTP"}]}}, {"spec": {"listeners": [{"name": "https", "port": 443, "protocol": "HTTPS"}]}}],
	["Gateway", {"apiVersion": "networking.istio.io/v1", "kind": "Gateway", "metadata": {"name": "igw", "namespace": fx.ns}, "spec": {"servers": [{"port": {"number": 80}}]}}, {"spec": {"servers": [{"port": {"number": 81}}]}}],
	["Issuer", {"apiVersion": "cert-manager.io/v1", "kind": "Issuer", "metadata": {"name": "ca", "namespace": fx.ns}, "spec": {"selfSigned": {}}}, {"spec": {"ca": {"secretName": "x"}}}],
	["PersistentVolumeClaim", {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "data", "namespace": fx.ns}, "spec": {"accessModes": ["ReadWriteOnce"]}}, {"spec": {"accessModes": ["ReadWriteMany"]}}],
	["ValidatingAdmissionPolicy", {"apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingAdmissionPolicy", "metadata": {"name": "vap"}, "spec": {"failurePolicy": "Fail"}}, {"apiVersion": "admissionregistration.k8s.io/v1beta1", "spec": {"failurePolicy": "Ignore"}}],
	["Namespace", {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "other", "labels": {"pod-security.kubernetes.io/enforce": "baseline"}, "annotations": {"a": "1"}}}, {"metadata": {"namespace": "x", "labels": {"pod-security.kubernetes.io/enforce": "restricted"}, "annotations": {"a": "2"}}}],
]

test_differing_copies_of_every_keyed_kind_are_judged_without_conflict if {
	every c in copies {
		first := c[1]
		rs := array.concat(fx.baseline, [first, unplaced(object.union(first, c[2]))])
		fs := landing_findings("production", rs, landing(c[0], first.metadata.name, true))
		count(fs) == 2
	}
}
