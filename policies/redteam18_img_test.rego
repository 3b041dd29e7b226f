# The eighteenth red team's gone image tags (test/policy/redteam/fresh18-img.ts):
# Docker Hub's bitnami/ repositories keep no versioned tags since 2025-08-28
# (bitnami/containers#83267), so such an image never pulls (ST2-OPS-062).
package st2_test.redteam18_img

import data.st2_test.fixtures as fx
import data.st2_test.replicas as rp

pull_findings(profile, image) := {[f.rule, f.severity] |
	some f in fx.eval_facts(profile, rp.with_etcd(rp.etcd_sts(image, ["--enable-v2=true"], "/health")), rp.v2_fact(1))
	f.rule == "ST2-OPS-062"
}

test_gone_bitnami_tags_never_pull if {
	cases := [
		# [profile, image, expected]
		["production", "bitnami/etcd:3.5.17", {["ST2-OPS-062", "deny"]}],
		["staging", "docker.io/bitnami/etcd:3.5.17", {["ST2-OPS-062", "deny"]}],
		["production", "registry-1.docker.io/bitnami/etcd:3.5.17", {["ST2-OPS-062", "deny"]}],
		["production", "Docker.io/Bitnami/etcd:3.5.17", {["ST2-OPS-062", "deny"]}],
		["dev", "bitnami/etcd:3.5.17", {["ST2-OPS-062", "warn"]}],
		# The legacy repository, etcd's own registry, a mirror, a digest, `latest`.
		["production", "bitnamilegacy/etcd:3.5.17", set()],
		["production", "docker.io/bitnamilegacy/etcd:3.5.17", set()],
		["production", "quay.io/coreos/etcd:v3.5.17", set()],
		["production", "registry.corp.example/bitnami/etcd:3.5.17", set()],
		["production", "bitnami/etcd:3.5.17@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", set()],
		["production", "bitnami/etcd:latest", set()],
	]
	every c in cases {
		pull_findings(c[0], c[1]) == c[2]
	}
}

test_any_container_is_judged if {
	job := json.patch(fx.statefulset("mongo-tools", 1), [{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "bitnami/mongodb:4.4.15"}])
	fs := fx.of_rule(fx.eval("production", fx.plus(fx.baseline, job)), "ST2-OPS-062")
	count(fs) == 1
	some f in fs
	f.path == ["spec", "template", "spec", "containers", 0, "image"]
	contains(f.params.problem, "bitnamilegacy/")
}

test_the_repositories_come_from_the_bundle if {
	pull_findings("production", "bitnami/etcd:3.5.17") == set() with data.settings.images.gone_tags as []
	pull_findings("production", "bitnamilegacy/etcd:3.5.17") == {["ST2-OPS-062", "deny"]} with data.settings.images.gone_tags as [{"prefixes": ["bitnamilegacy/"], "kept_tags": [], "moved_to": "x", "reason": "y"}]
}
