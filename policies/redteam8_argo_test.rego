# The eighth red team's Argo CD delivery, delegation and cross-environment
# holes (test/policy/redteam/fresh8-argo.ts): hooks on what st2 needs all the
# time (ST2-OPS-018), delegation of st2's namespace (ST2-OPS-019), st2 wired
# to another environment (ST2-OPS-025), a lenient environment's secret store
# (ST2-SEC-011), hand-written endpoints (ST2-OPS-026), the waivers production
# refuses, velero backups beside ST2-OPS-015, and probes naming st2api.
package st2_test.redteam8_argo

import data.st2_test.fixtures as fx

rules_of(fs) := {f.rule | some f in fs}

annotated(r, key, value) := json.patch(r, [{"op": "add", "path": "/metadata/annotations", "value": {key: value}}])

namespace_object := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": fx.ns, "labels": {"pod-security.kubernetes.io/enforce": "baseline"}}}

hook_job(argv) := {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "smoke", "namespace": fx.ns, "annotations": {"argocd.argoproj.io/hook": "PostSync"}}, "spec": {"template": {"spec": {
	"restartPolicy": "Never",
	"containers": [object.union(fx.container("smoke"), {"image": "busybox:1.37.0", "command": argv})],
	"volumes": [{"name": "s", "configMap": {"name": "smoke-script"}}],
}}}}

test_a_hook_on_the_namespace_denies_in_production_and_warns_in_dev if {
	ns := annotated(namespace_object, "argocd.argoproj.io/hook", "PreSync")
	fs := fx.eval("production", fx.plus(fx.baseline, ns))
	{[f.rule, f.severity, f.path] | some f in fs; f.rule == "ST2-OPS-018"} == {["ST2-OPS-018", "deny", ["metadata", "annotations", "argocd.argoproj.io/hook"]]}
	{f.severity | some f in fx.eval("dev", fx.plus(fx.baseline, ns)); f.rule == "ST2-OPS-018"} == {"warn"}
}

test_skip_and_helm_hooks_count_crd_install_does_not if {
	pdb := annotated(fx.base("PodDisruptionBudget", "st2-mongodb"), "argocd.argoproj.io/hook", "Skip")
	rules_of(fx.eval("production", fx.replace(fx.baseline, "PodDisruptionBudget", "st2-mongodb", pdb))) == {"ST2-OPS-018"}
	helm := annotated(fx.base("Service", "st2-st2web"), "helm.sh/hook", "pre-install")
	rules_of(fx.eval("production", fx.replace(fx.baseline, "Service", "st2-st2web", helm))) == {"ST2-OPS-018"}
	crd := annotated(fx.base("ConfigMap", "st2-config"), "helm.sh/hook", "crd-install")
	count(fx.eval("production", fx.replace(fx.baseline, "ConfigMap", "st2-config", crd))) == 0
}

test_a_hook_jobs_own_inputs_may_be_hooks if {
	script := annotated(fx.config_map("smoke-script", {"run.sh": "nc -z st2-mongodb 27017"}), "argocd.argoproj.io/hook", "PreSync")
	rs := array.concat(fx.baseline, [hook_job(["sh", "/s/run.sh"]), script])
	not "ST2-OPS-018" in rules_of(fx.eval("production", rs))

	# st2-config is mounted by st2's Deployments: not a hook's alone.
	mounted := json.patch(fx.base("Deployment", "st2-st2api"), [{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "c", "configMap": {"name": "smoke-script"}}]}])
	"ST2-OPS-018" in rules_of(fx.eval("production", fx.replace(rs, "Deployment", "st2-st2api", mounted)))
}

test_a_probe_naming_st2api_is_not_st2api if {
	data.st2.lib.text_roles("nc -z -w 5 st2api 9101 && nc -z st2auth 9100") == set()
	data.st2.lib.text_roles("until wget -q http://st2web/; do sleep 2; done") == set()
	data.st2.lib.text_roles("nc -z mongodb 27017 && exec /opt/stackstorm/st2/bin/st2api") == {"st2api"}
	data.st2.lib.command_roles({"command": ["nc", "-z", "st2stream", "9102"]}) == set()
	data.st2.lib.command_roles({"command": ["timeout", "5", "st2api"]}) == {"st2api"}

	# netcat running a program per connection runs that program.
	data.st2.lib.text_roles("nc -lk -p 9999 -e /opt/stackstorm/st2/bin/st2timersengine") == {"st2timersengine"}
	data.st2.lib.command_roles({"command": ["ncat", "-lk", "9999", "--sh-exec", "st2timersengine"]}) == {"st2timersengine"}
}

test_delegating_the_namespace_denies if {
	labelled := json.patch(namespace_object, [{"op": "add", "path": "/metadata/labels/argocd.argoproj.io~1managed-by", "value": "team-argocd"}])
	rules_of(fx.eval("production", fx.plus(fx.baseline, labelled))) == {"ST2-OPS-019"}
	hnc := {"apiVersion": "hnc.x-k8s.io/v1alpha2", "kind": "HierarchyConfiguration", "metadata": {"name": "hierarchy", "namespace": fx.ns}, "spec": {"parent": "sandbox"}}
	rules_of(fx.eval("staging", fx.plus(fx.baseline, hnc))) == {"ST2-OPS-019"}
	no_parent := json.patch(hnc, [{"op": "remove", "path": "/spec/parent"}])
	count(fx.eval("production", fx.plus(fx.baseline, no_parent))) == 0
	count(fx.eval("production", fx.plus(fx.baseline, namespace_object))) == 0
}

api_url(url) := json.patch(fx.base("Deployment", "st2-st2actionrunner"), [{"op": "add", "path": "/spec/template/spec/containers/0/env", "value": [{"name": "ST2_API_URL", "value": url}]}])

test_st2_urls_into_another_environment_deny_either_way if {
	staging := fx.replace(fx.baseline, "Deployment", "st2-st2actionrunner", api_url("http://st2api.st2-staging.svc:9101/"))
	rules_of(fx.eval("production", staging)) == {"ST2-OPS-025"}
	prod := fx.replace(fx.baseline, "Deployment", "st2-st2actionrunner", api_url("http://st2api.st2-prod:9101/"))
	rules_of(fx.eval("staging", prod)) == {"ST2-OPS-025"}
	count(fx.eval("staging", fx.replace(fx.baseline, "Deployment", "st2-st2actionrunner", api_url("http://st2api.st2-staging:9101/")))) == 0
}

conf(text) := fx.replace(fx.baseline, "ConfigMap", "st2-config", fx.config_map("st2-config", {"st2.docker.conf": fx.st2_conf_good, "st2.user.conf": text}))

test_st2_config_hosts_in_another_environment_deny_comments_do_not if {
	rules_of(fx.eval("production", conf("[auth]\napi_url = http://st2api.st2-staging.svc:9101/\n"))) == {"ST2-OPS-025"}
	count(fx.eval("production", conf("# like st2api.st2-staging.svc\n[api]\nallow_origin = https://st2.example.test\n"))) == 0
}

external_secret(store) := {"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret", "metadata": {"name": "st2-auth", "namespace": fx.ns}, "spec": {"secretStoreRef": {"kind": "ClusterSecretStore", "name": store}, "target": {"name": "st2-auth"}}}

test_a_lenient_environments_store_denies if {
	{[f.rule, f.params.store] | some f in fx.eval("production", fx.plus(fx.baseline, external_secret("st2-staging"))); f.rule == "ST2-SEC-011"} == {["ST2-SEC-011", "st2-staging"]}
	not "ST2-SEC-011" in rules_of(fx.eval("staging", fx.plus(fx.baseline, external_secret("st2-staging"))))
	not "ST2-SEC-011" in rules_of(fx.eval("production", fx.plus(fx.baseline, external_secret("st2-production"))))

	# Staging's own ExternalSecret in a render declared production reads staging's own store.
	in_staging := json.patch(external_secret("st2-staging"), [{"op": "replace", "path": "/metadata/namespace", "value": "st2-staging"}])
	not "ST2-SEC-011" in rules_of(fx.eval("production", fx.plus(fx.baseline, in_staging)))
	k8s := {"apiVersion": "external-secrets.io/v1", "kind": "SecretStore", "metadata": {"name": "mirror", "namespace": "st2-prod"}, "spec": {"provider": {"kubernetes": {"remoteNamespace": "st2-staging"}}}}
	"ST2-SEC-011" in rules_of(fx.eval("production", fx.plus(fx.baseline, k8s)))
}

test_hand_written_endpoints_for_st2_services_deny if {
	slice := {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "metadata": {"name": "x", "namespace": fx.ns, "labels": {"kubernetes.io/service-name": "st2auth"}}, "addressType": "IPv4", "endpoints": [{"addresses": ["198.51.100.1"]}]}
	rules_of(fx.eval("production", fx.plus(fx.baseline, slice))) == {"ST2-OPS-026"}
	ldap := json.patch(slice, [{"op": "replace", "path": "/metadata/labels/kubernetes.io~1service-name", "value": "ldap"}])
	count(fx.eval("production", fx.plus(fx.baseline, ldap))) == 0
	no_selector := json.patch(fx.base("Service", "st2-st2web"), [{"op": "remove", "path": "/spec/selector"}])
	rules_of(fx.eval("production", fx.replace(fx.baseline, "Service", "st2-st2web", no_selector))) == {"ST2-OPS-026"}
}

test_store_exposure_and_duplicate_sensors_are_never_waivable_in_production if {
	every id in ["ST2-EXP-006", "ST2-EXP-008", "ST2-EXP-009", "ST2-EXP-010", "ST2-REP-002", "ST2-REP-003", "ST2-OPS-025", "ST2-SEC-011"] {
		data.st2.rules[id].waivable_in_production == false
	}
	not data.st2.rules["ST2-EXP-002"].waivable_in_production == false
}

schedule(template) := {"apiVersion": "velero.io/v1", "kind": "Schedule", "metadata": {"name": "nightly", "namespace": "velero"}, "spec": {"schedule": "0 1 * * *", "template": template}}

test_a_velero_backup_of_the_render_may_live_in_velero if {
	count(fx.eval("production", fx.plus(fx.baseline, schedule({"includedNamespaces": [fx.ns], "storageLocation": "default"})))) == 0 with data.settings.environments.namespaces as {fx.ns: "production"}

	# Only namespaces of the policy's environment map are st2's to back up.
	rules_of(fx.eval("production", fx.plus(fx.baseline, schedule({"includedNamespaces": [fx.ns]})))) == {"ST2-OPS-015"}
	rules_of(fx.eval("production", fx.plus(fx.baseline, schedule({"includedNamespaces": ["*"]})))) == {"ST2-OPS-015"}
	rules_of(fx.eval("production", fx.plus(fx.baseline, schedule({"includedNamespaces": [fx.ns], "storageLocation": "elsewhere"})))) == {"ST2-OPS-015"}
	hooks := {"includedNamespaces": [fx.ns], "hooks": {"resources": [{"name": "h"}]}}
	rules_of(fx.eval("production", fx.plus(fx.baseline, schedule(hooks)))) == {"ST2-OPS-015"}
	restore := {"apiVersion": "velero.io/v1", "kind": "Restore", "metadata": {"name": "r", "namespace": "velero"}, "spec": {"backupName": "b"}}
	rules_of(fx.eval("production", fx.plus(fx.baseline, restore))) == {"ST2-OPS-015"}
}
