# The tenth red team's edge classes (test/policy/redteam/fresh11-edge.ts): a
# published login reachable from outside in any environment (ST2-EXP-016),
# tunnel operators' resources as routes (ST2-EXP-008), a pod breaking out to
# its node (ST2-HRD-023), a store's floating tag (ST2-HRD-001), rights across
# the namespace's boundary (ST2-OPS-006), and what stays allowed beside each.
package st2_test.redteam10_edge

import data.st2_test.fixtures as fx

rules_of(fs) := {f.rule | some f in fs}

has_rule(rule, fs) if {
	some f in fs
	f.rule == rule
}

severity_of(fs, rule) := {f.severity | some f in fs; f.rule == rule}

added(new) := array.concat(fx.baseline, new)

patched(kind, name, ops) := fx.replace(fx.baseline, kind, name, json.patch(fx.base(kind, name), ops))

# The Secrets holding the published logins, and st2auth and MongoDB reading them
# (st2auth's htpasswd is made from st2-auth's password).
login_secret := fx.secret_string_data("st2-auth-default", {"password": "x"})

store_secret := fx.secret_string_data("mongodb-default", {"password": "x"})

reads(secret) := [{"op": "add", "path": "/spec/template/spec/containers/0/env", "value": [{"name": "P", "valueFrom": {"secretKeyRef": {"name": secret, "key": "password"}}}]}]

with_readers(resources) := fx.replace(
	fx.replace(resources, "Deployment", "st2-st2auth", json.patch(fx.base("Deployment", "st2-st2auth"), reads("st2-auth-default"))),
	"StatefulSet", "st2-mongodb", json.patch(fx.base("StatefulSet", "st2-mongodb"), reads("mongodb-default")),
)

# literal_hits as the secret search reports them: ids only, in the Secret that holds them.
hit_in(id, n) := {"resource": n + hit_offset[id], "path": ["stringData", "password"], "literal": id, "in": "value", "encoding": "plain", "key": "password"}

hit_offset := {"st2-auth-password": 0, "mongodb-admin-password": 1, "mongodb-root-password": 1}

# The fixtures' st2web has a public Ingress: in these tests st2web starts unreached.
bare := fx.without(fx.baseline, "Ingress", "st2-st2web")

unreached(new) := array.concat(bare, new)

dev_with(resources, ids) := fx.eval_facts("dev", array.concat(with_readers(resources), [login_secret, store_secret]), {"secret_values": [], "literal_hits": [hit_in(id, count(resources)) | some id in ids]})

st2_login := ["st2-auth-password"]

mongo_pw := ["mongodb-admin-password", "mongodb-root-password"]

lb(name, selector, extra) := json.patch(fx.service(name, "LoadBalancer", selector), extra)

web := {"app": "st2web", "release": "st2"}

mongo := {"app": "mongodb", "release": "st2"}

# --- ST2-EXP-016 ------------------------------------------------------------------------------------

test_published_login_on_an_open_load_balancer_denies_in_dev if {
	fs := dev_with(unreached([lb("web-pub", web, [])]), st2_login)
	severity_of(fs, "ST2-EXP-016") == {"deny"}
	fs2 := dev_with(unreached([lb("db-pub", mongo, [])]), mongo_pw)
	severity_of(fs2, "ST2-EXP-016") == {"deny"}
}

test_published_login_behind_a_public_ingress_denies_in_dev if {
	severity_of(dev_with(fx.baseline, st2_login), "ST2-EXP-016") == {"deny"}
}

test_restricted_ways_in_are_not_public if {
	internal := lb("web-int", web, [{"op": "add", "path": "/metadata/annotations", "value": {"service.beta.kubernetes.io/aws-load-balancer-scheme": "internal"}}])
	ranged := lb("web-ranged", web, [{"op": "add", "path": "/spec/loadBalancerSourceRanges", "value": ["10.0.0.0/8", "198.51.100.0/24"]}])
	allow := json.patch(fx.ingress("st2-st2web"), [{"op": "add", "path": "/metadata/annotations", "value": {"nginx.ingress.kubernetes.io/allowlist-source-range": "10.0.0.0/8, 203.0.113.0/24"}}])
	every r in [internal, ranged] {
		not has_rule("ST2-EXP-016", dev_with(unreached([r]), st2_login))
	}
	not has_rule("ST2-EXP-016", dev_with(fx.replace(fx.baseline, "Ingress", "st2-st2web", allow), st2_login))
}

test_an_open_ingress_allowlist_is_no_restriction if {
	open := json.patch(fx.ingress("st2-st2web"), [{"op": "add", "path": "/metadata/annotations", "value": {"nginx.ingress.kubernetes.io/whitelist-source-range": "0.0.0.0/0"}}])
	has_rule("ST2-EXP-016", dev_with(fx.replace(fx.baseline, "Ingress", "st2-st2web", open), st2_login))
}

test_real_credentials_or_a_node_port_stay_lenient_in_dev if {
	# No published literal: the open LoadBalancer is dev's own business (ST2-EXP-007 warns).
	fs := fx.eval("dev", unreached([lb("web-pub", web, [])]))
	not has_rule("ST2-EXP-016", fs)
	severity_of(fs, "ST2-EXP-007") == {"warn"}
	# kind and minikube reach st2web on a NodePort.
	np := fx.replace(bare, "Service", "st2-st2web", fx.service("st2-st2web", "NodePort", web))
	not has_rule("ST2-EXP-016", dev_with(np, st2_login))
	# A published password in a Secret no st2auth pod reads is ST2-SEC-001's, not a login.
	stray := array.concat(unreached([lb("web-pub", web, [])]), [login_secret])
	not has_rule("ST2-EXP-016", fx.eval_facts("dev", stray, {"secret_values": [], "literal_hits": [hit_in("st2-auth-password", count(bare) + 1)]}))
	# The store password says nothing about st2's login, and the reverse.
	not has_rule("ST2-EXP-016", dev_with(unreached([lb("web-pub", web, [])]), mongo_pw))
}

tunnel_binding(subject) := {"apiVersion": "networking.cfargotunnel.com/v1alpha1", "kind": "TunnelBinding", "metadata": {"name": "tb", "namespace": fx.ns}, "subjects": [subject], "tunnelRef": {"kind": "ClusterTunnel", "name": "k8s"}}

agent_endpoint(spec) := {"apiVersion": "ngrok.k8s.ngrok.com/v1alpha1", "kind": "AgentEndpoint", "metadata": {"name": "ae", "namespace": fx.ns}, "spec": spec}

test_tunnels_publish_the_login if {
	tb := tunnel_binding({"name": "st2-st2web", "spec": {"fqdn": "st2.example.com", "protocol": "https"}})
	severity_of(dev_with(unreached([tb]), st2_login), "ST2-EXP-016") == {"deny"}
	ae := agent_endpoint({"url": "https://st2-dev.ngrok.app", "upstream": {"url": "https://st2-st2web:443"}})
	severity_of(dev_with(unreached([ae]), st2_login), "ST2-EXP-016") == {"deny"}
}

test_tunnels_to_a_store_are_routes_in_production if {
	mq := fx.service("mq", "ClusterIP", {"app": "rabbitmq"})
	tb := tunnel_binding({"name": "mq", "spec": {"fqdn": "mq.example.com", "protocol": "tcp"}})
	rules_of(fx.eval("production", added([mq, tb]))) == {"ST2-EXP-008"}
	target := tunnel_binding({"name": "x", "spec": {"fqdn": "db.example.com", "protocol": "tcp", "target": "tcp://st2-mongodb.st2.svc:27017"}})
	rules_of(fx.eval("production", added([target]))) == {"ST2-EXP-008"}
	ae := agent_endpoint({"url": "tcp://1.tcp.ngrok.io:20001", "upstream": {"url": "tcp://st2-rabbitmq:5672"}})
	rules_of(fx.eval("production", added([ae]))) == {"ST2-EXP-008"}
}

test_internal_ngrok_endpoints_publish_only_through_a_cloud_endpoint if {
	internal := agent_endpoint({"url": "tcp://mq.internal:5672", "upstream": {"url": "tcp://st2-rabbitmq:5672"}})
	count(fx.eval("production", added([internal]))) == 0
	bound := agent_endpoint({"url": "tcp://mq:5672", "bindings": ["kubernetes"], "upstream": {"url": "tcp://st2-rabbitmq:5672"}})
	count(fx.eval("production", added([bound]))) == 0
	cloud := {"apiVersion": "ngrok.k8s.ngrok.com/v1alpha1", "kind": "CloudEndpoint", "metadata": {"name": "c", "namespace": fx.ns}, "spec": {"url": "tcp://5.tcp.ngrok.io:21000", "trafficPolicy": {"policy": {"on_tcp_connect": [{"actions": [{"type": "forward-internal", "config": {"url": "tcp://mq.internal:5672"}}]}]}}}}
	rules_of(fx.eval("production", added([internal, cloud]))) == {"ST2-EXP-008"}
}

test_a_tunnel_to_st2web_with_real_credentials_is_a_route_like_any_other if {
	tb := tunnel_binding({"name": "st2-st2web", "spec": {"fqdn": "st2.example.com", "protocol": "https"}})
	count(fx.eval("production", added([tb]))) == 0
}

test_the_published_login_rule_is_never_waivable if {
	r := data.st2.rules["ST2-EXP-016"]
	r.waivable_in_production == false
	r.waivable_in_staging == false
	r.waivable_in_dev == false
	data.st2.rules["ST2-EXP-007"].waivable_in_staging == false
	not data.st2.rules["ST2-EXP-002"].waivable_in_staging == false
}

# --- ST2-HRD-023 -------------------------------------------------------------------------------------

runner_with(ops) := patched("Deployment", "st2-st2actionrunner", ops)

host_path(path) := runner_with([{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "h", "hostPath": {"path": path}}]}])

test_node_breakout_denies_in_every_environment if {
	every path in ["/", "//", "/etc/", "/var", "/var/lib/kubelet/pods", "/run/containerd/containerd.sock", "/var/run/docker.sock", "/proc", "/var/log/pods", "/./etc", "/tmp/../etc"] {
		severity_of(fx.eval("dev", host_path(path)), "ST2-HRD-023") == {"deny"}
	}
	every field in ["hostPID", "hostNetwork", "hostIPC"] {
		priv := runner_with([
			{"op": "add", "path": concat("/", ["/spec/template/spec", field]), "value": true},
			{"op": "replace", "path": "/spec/template/spec/containers/0/securityContext", "value": {"privileged": true}},
		])
		severity_of(fx.eval("dev", priv), "ST2-HRD-023") == {"deny"}
	}
}

test_dev_keeps_its_scratch_host_paths_and_host_namespaces_as_warnings if {
	every path in ["/tmp/st2-packs", "/mnt/data", "/data/st2", "/srv/etcdir", "/variable"] {
		fs := fx.eval("dev", host_path(path))
		not has_rule("ST2-HRD-023", fs)
		severity_of(fs, "ST2-HRD-006") == {"warn"}
	}
	pid := runner_with([{"op": "add", "path": "/spec/template/spec/hostPID", "value": true}])
	not has_rule("ST2-HRD-023", fx.eval("dev", pid))
	priv := runner_with([{"op": "replace", "path": "/spec/template/spec/containers/0/securityContext", "value": {"privileged": true}}])
	not has_rule("ST2-HRD-023", fx.eval("dev", priv))
}

# --- ST2-HRD-001: a store's floating tag ----------------------------------------------------------------

store_image(name, image) := patched("StatefulSet", name, [{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": image}])

test_store_tags_that_float_across_minors if {
	every pair in [["st2-rabbitmq", "rabbitmq:3"], ["st2-rabbitmq", "rabbitmq:3-management"], ["st2-rabbitmq", "rabbitmq:management"], ["st2-mongodb", "mongo:4"], ["st2-redis", "redis:7-alpine"]] {
		has_rule("ST2-HRD-001", fx.eval("production", store_image(pair[0], pair[1])))
	}
	every pair in [["st2-rabbitmq", "rabbitmq:3.12"], ["st2-rabbitmq", "rabbitmq:3.12.14-management"], ["st2-mongodb", "mongo:4.4"], ["st2-redis", "redis:7.2-alpine"], ["st2-rabbitmq", "rabbitmq:3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"]] {
		not has_rule("ST2-HRD-001", fx.eval("production", store_image(pair[0], pair[1])))
	}
}

# --- ST2-OPS-006: across the namespace's boundary ------------------------------------------------------

rbac := "rbac.authorization.k8s.io/v1"

role(name, rules) := {"apiVersion": rbac, "kind": "Role", "metadata": {"name": name, "namespace": fx.ns}, "rules": rules}

binding(kind, role_kind, role_name, subject) := {"apiVersion": rbac, "kind": kind, "metadata": {"name": "b", "namespace": fx.ns}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": role_kind, "name": role_name}, "subjects": [subject]}

sa(ns, name) := {"kind": "ServiceAccount", "name": name, "namespace": ns}

secrets_reader := role("r", [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get", "list"]}])

test_another_namespace_reading_st2_secrets if {
	rules_of(fx.eval("production", added([secrets_reader, binding("RoleBinding", "Role", "r", sa("ci", "deployer"))]))) == {"ST2-OPS-006"}
	rules_of(fx.eval("production", added([binding("RoleBinding", "ClusterRole", "edit", {"kind": "User", "name": "system:serviceaccount:ci:deployer"})]))) == {"ST2-OPS-006"}
	# Restarting st2's Deployments from CI, or reading pods, is not the namespace's Secrets.
	restart := role("r", [{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get", "patch"]}])
	count(fx.eval("production", added([restart, binding("RoleBinding", "Role", "r", sa("ci", "deployer"))]))) == 0
	count(fx.eval("production", added([binding("RoleBinding", "ClusterRole", "view", sa("monitoring", "prometheus"))]))) == 0
}

test_runners_changing_network_policies if {
	np := role("r", [{"apiGroups": ["networking.k8s.io"], "resources": ["networkpolicies"], "verbs": ["*"]}])
	rules_of(fx.eval("production", added([np, binding("RoleBinding", "Role", "r", sa(fx.ns, "default"))]))) == {"ST2-OPS-006"}
	cilium := role("r", [{"apiGroups": ["cilium.io"], "resources": ["ciliumnetworkpolicies"], "verbs": ["create", "delete"]}])
	rules_of(fx.eval("production", added([cilium, binding("RoleBinding", "Role", "r", sa(fx.ns, "default"))]))) == {"ST2-OPS-006"}
	# Reading them, or a separate account no st2 pod runs as, is not.
	read := role("r", [{"apiGroups": ["networking.k8s.io"], "resources": ["networkpolicies"], "verbs": ["get", "list"]}])
	count(fx.eval("production", added([read, binding("RoleBinding", "Role", "r", sa(fx.ns, "default"))]))) == 0
	count(fx.eval("production", added([np, binding("RoleBinding", "Role", "r", sa(fx.ns, "netpol-operator"))]))) == 0
}

test_runners_reading_every_namespace if {
	crb := json.patch(binding("ClusterRoleBinding", "ClusterRole", "view", sa(fx.ns, "default")), [{"op": "remove", "path": "/metadata/namespace"}])
	rules_of(fx.eval("production", added([crb]))) == {"ST2-OPS-006"}
	reader := {"apiVersion": rbac, "kind": "ClusterRole", "metadata": {"name": "cm-reader"}, "rules": [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["list"]}]}
	crb2 := json.patch(crb, [{"op": "replace", "path": "/roleRef/name", "value": "cm-reader"}])
	rules_of(fx.eval("production", added([reader, crb2]))) == {"ST2-OPS-006"}
	# The same role in st2's own namespace, nodes read cluster-wide, or another account: allowed.
	count(fx.eval("production", added([binding("RoleBinding", "ClusterRole", "view", sa(fx.ns, "default"))]))) == 0
	nodes := {"apiVersion": rbac, "kind": "ClusterRole", "metadata": {"name": "node-reader"}, "rules": [{"apiGroups": [""], "resources": ["nodes"], "verbs": ["get", "list"]}]}
	count(fx.eval("production", added([nodes, json.patch(crb, [{"op": "replace", "path": "/roleRef/name", "value": "node-reader"}])]))) == 0
	count(fx.eval("production", added([json.patch(crb, [{"op": "replace", "path": "/subjects/0/name", "value": "metrics-reader"}])]))) == 0
}
