# The eighth red team's controller, admission and TLS holes closed in Rego
# (test/policy/redteam/fresh8-adm.ts has the overlays): kube-downscaler
# (ST2-REP-019), KEDA paused-replicas (ST2-REP-005), admission policies the
# gate cannot evaluate (ST2-OPS-033), st2web's issuer (ST2-EXP-012), and the
# facts-fed rules (ST2-OPS-032, -034, -035, ST2-REP-020).
package st2_test.redteam8_adm

import data.st2_test.fixtures as fx

rules_of(fs) := {f.rule | some f in fs}

namespace(annotations) := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": fx.ns, "annotations": annotations}}

test_downscaler_on_the_namespace_takes_singletons_below_their_floor if {
	fs := fx.eval("production", fx.plus(fx.baseline, namespace({"downscaler/uptime": "Mon-Fri 07:00-19:00 UTC"})))
	components := {f.params.component | some f in fs; f.rule == "ST2-REP-019"}
	every c in {"st2timersengine", "st2sensorcontainer", "st2garbagecollector", "st2api", "mongodb", "rabbitmq"} {
		c in components
	}
	not "st2client" in components
	{f.severity | some f in fx.eval("staging", fx.plus(fx.baseline, namespace({"downscaler/uptime": "Mon-Fri 07:00-19:00 UTC"}))); f.rule == "ST2-REP-019"} == {"warn"}
}

test_downscaler_excluded_always_up_or_at_the_floor_passes if {
	every a in [
		{"downscaler/uptime": "Mon-Fri 07:00-19:00 UTC", "downscaler/exclude": "true"},
		{"downscaler/uptime": "always"},
		{"downscaler/downtime": "Sat-Sun 00:00-24:00 UTC", "downscaler/downtime-replicas": "3"},
	] {
		not "ST2-REP-019" in rules_of(fx.eval("production", fx.plus(fx.baseline, namespace(a))))
	}
}

test_downscaler_on_one_workload if {
	d := fx.base("Deployment", "st2-st2timersengine")
	annotated := json.patch(d, [{"op": "add", "path": "/metadata/annotations", "value": {"downscaler/force-downtime": "true"}}])
	fs := fx.eval("production", fx.replace(fx.baseline, "Deployment", "st2-st2timersengine", annotated))
	{f.params.component | some f in fs; f.rule == "ST2-REP-019"} == {"st2timersengine"}
}

scaled_object(target, paused) := {
	"apiVersion": "keda.sh/v1alpha1", "kind": "ScaledObject",
	"metadata": {"name": target, "namespace": fx.ns, "annotations": {"autoscaling.keda.sh/paused-replicas": paused}},
	"spec": {"scaleTargetRef": {"name": target}, "minReplicaCount": 3, "maxReplicaCount": 6},
}

test_keda_paused_replicas_is_the_floor if {
	"ST2-REP-005" in rules_of(fx.eval("production", fx.plus(fx.baseline, scaled_object("st2-st2api", "0"))))
	not "ST2-REP-005" in rules_of(fx.eval("production", fx.plus(fx.baseline, scaled_object("st2-st2api", "3"))))
}

binding(actions) := {
	"apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingAdmissionPolicyBinding",
	"metadata": {"name": "b"}, "spec": {"policyName": "require-label", "validationActions": actions},
}

test_vap_binding_with_deny_is_denied_unless_listed if {
	fs := fx.eval("dev", fx.plus(fx.baseline, binding(["Deny"])))
	{f.severity | some f in fs; f.rule == "ST2-OPS-033"} == {"deny"}
	not "ST2-OPS-033" in rules_of(fx.eval("production", fx.plus(fx.baseline, binding(["Warn", "Audit"]))))
	listed := data.st2.findings with input as {"profile": "production", "resources": fx.plus(fx.baseline, binding(["Deny"])), "facts": fx.no_facts}
		with data.chart_defaults as fx.chart_defaults
		with data.settings.delivery.namespaces as fx.listed_namespaces
		with data.settings.delivery.singleton_names as fx.singleton_names
		with data.settings.admission.policies as ["ValidatingAdmissionPolicy/require-label"]
	not "ST2-OPS-033" in rules_of(listed)
}

test_gatekeeper_and_kyverno_enforce_only if {
	c := {"apiVersion": "constraints.gatekeeper.sh/v1beta1", "kind": "K8sRequiredLabels", "metadata": {"name": "c"}, "spec": {"match": {"kinds": [{"apiGroups": [""], "kinds": ["Pod"]}]}}}
	"ST2-OPS-033" in rules_of(fx.eval("production", fx.plus(fx.baseline, c)))
	not "ST2-OPS-033" in rules_of(fx.eval("production", fx.plus(fx.baseline, json.patch(c, [{"op": "add", "path": "/spec/enforcementAction", "value": "warn"}]))))
	k := {"apiVersion": "kyverno.io/v1", "kind": "ClusterPolicy", "metadata": {"name": "k"}, "spec": {"validationFailureAction": "Enforce", "rules": [{"name": "r", "match": {"any": [{"resources": {"kinds": ["Pod"]}}]}, "validate": {"pattern": {"metadata": {"labels": {"team": "?*"}}}}}]}}
	"ST2-OPS-033" in rules_of(fx.eval("production", fx.plus(fx.baseline, k)))
	not "ST2-OPS-033" in rules_of(fx.eval("production", fx.plus(fx.baseline, json.patch(k, [{"op": "replace", "path": "/spec/validationFailureAction", "value": "Audit"}]))))
}

with_issuer(name) := fx.replace(fx.baseline, "Ingress", "st2-st2web", json.patch(fx.base("Ingress", "st2-st2web"), [{"op": "add", "path": "/metadata/annotations", "value": {"cert-manager.io/cluster-issuer": name}}]))

cluster_issuer(name, spec) := {"apiVersion": "cert-manager.io/v1", "kind": "ClusterIssuer", "metadata": {"name": name}, "spec": spec}

test_st2web_issuer_in_production if {
	selfsigned := fx.plus(with_issuer("self"), cluster_issuer("self", {"selfSigned": {}}))
	fx.only(fx.eval("production", selfsigned), "ST2-EXP-012", "deny", fx.index_of(fx.baseline, "Ingress", "st2-st2web"))
	count(fx.eval("staging", selfsigned)) == 0
	staging_acme := fx.plus(with_issuer("le"), cluster_issuer("le", {"acme": {"server": "https://acme-staging-v02.api.letsencrypt.org/directory"}}))
	"ST2-EXP-012" in rules_of(fx.eval("production", staging_acme))
	production_acme := fx.plus(with_issuer("le"), cluster_issuer("le", {"acme": {"server": "https://acme-v02.api.letsencrypt.org/directory"}}))
	count(fx.eval("production", production_acme)) == 0
	"ST2-EXP-012" in rules_of(fx.eval("production", with_issuer("corp-ca")))
}

test_facts_fed_rules if {
	facts := object.union(fx.no_facts, {
		"admission_refusals": [{"resource": 0, "path": ["spec"], "target": "Deployment/x", "why": "w"}],
		"vpa_caps": [{"resource": 0, "path": ["spec"], "workload": "Deployment/x", "container": "x", "cap": 1, "request": 2}],
		"network_cuts": [{"resource": 0, "path": ["spec", "ingress"], "namespace": "st2-prod", "from": "a", "to": "b", "port": 53, "protocol": "UDP", "direction": "egress"}],
		"cni_policies": [{"resource": 0, "path": ["spec"], "namespace": "st2-prod", "selects": 3, "egress": true, "dns": false}],
	})
	rules_of(fx.eval_facts("production", fx.baseline, facts)) == {"ST2-OPS-032", "ST2-REP-020", "ST2-OPS-034", "ST2-OPS-035"}
}
