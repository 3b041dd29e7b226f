# The sixth red team's exposure and exfiltration holes (test/policy/redteam/
# fresh6-exposure.ts): LoadBalancer source ranges open as a whole, tunnels
# whose targets sit in a mounted config (cloudflared ingress, Tailscale serve),
# the Tailscale operator on a store's Service, st2's stores and RabbitMQ's
# auth service outside the cluster (ST2-OPS-013), PushSecret (ST2-OPS-014).
package st2_test.redteam6_exposure

import data.st2_test.fixtures as fx

rules_of(fs) := {f.rule | some f in fs}

prod(resources) := rules_of(fx.eval("production", resources))

add_one(new) := fx.plus(fx.baseline, new)

# --- ST2-EXP-007: the ranges as a whole ---------------------------------------------------------

lb(ranges, annotations) := {
	"apiVersion": "v1", "kind": "Service",
	"metadata": {"name": "st2web-lb", "namespace": fx.ns, "annotations": annotations},
	"spec": {"type": "LoadBalancer", "selector": {"app": "st2web"}, "ports": [{"port": 443}], "loadBalancerSourceRanges": ranges},
}

# The facts source-ranges.ts gives (log2 of the public addresses, -1 for none).
lb_eval(svc, fact) := rules_of(fx.eval_facts("production", add_one(svc), {"secret_values": [], "lb_sources": {format_int(count(fx.baseline), 10): fact}}))

all_slash8 := [concat("", [format_int(k, 10), ".0.0.0/8"]) | some k in numbers.range(0, 255)]

test_union_over_the_limit_denies if {
	every case in [
		[{"ipv4_bits": 31.8, "ipv6_bits": -1, "unreadable": false}, {"ST2-EXP-007"}],
		[{"ipv4_bits": 16.01, "ipv6_bits": -1, "unreadable": false}, {"ST2-EXP-007"}],
		[{"ipv4_bits": 16, "ipv6_bits": -1, "unreadable": false}, set()],
		[{"ipv4_bits": 9, "ipv6_bits": -1, "unreadable": false}, set()],
		[{"ipv4_bits": -1, "ipv6_bits": 80.5, "unreadable": false}, {"ST2-EXP-007"}],
		[{"ipv4_bits": -1, "ipv6_bits": 80, "unreadable": false}, set()],
		[{"ipv4_bits": -1, "ipv6_bits": -1, "unreadable": true}, {"ST2-EXP-007"}],
	] {
		fact := case[0]
		want := case[1]
		lb_eval(lb(all_slash8, {}), fact) == want
	}
}

test_union_limit_from_policy_data if {
	fact := {"ipv4_bits": 12, "ipv6_bits": -1, "unreadable": false}
	lb_eval(lb(["198.51.100.0/24"], {}), fact) == set()
	lb_eval(lb(["198.51.100.0/24"], {}), fact) == {"ST2-EXP-007"} with data.settings.exposure.load_balancer_sources.max_public_ipv4_prefix as 24

	# A malformed limit falls back to the default (settings.ts refuses it at load).
	lb_eval(lb(["198.51.100.0/24"], {}), fact) == set() with data.settings.exposure.load_balancer_sources.max_public_ipv4_prefix as "24"
}

test_union_on_the_annotation_and_internal_lbs if {
	fact := {"ipv4_bits": 31.8, "ipv6_bits": -1, "unreadable": false}
	annotated := json.patch(lb([], {"service.beta.kubernetes.io/load-balancer-source-ranges": "1.0.0.0/8,2.0.0.0/8"}), [{"op": "remove", "path": "/spec/loadBalancerSourceRanges"}])
	fs := fx.eval_facts("production", add_one(annotated), {"secret_values": [], "lb_sources": {format_int(count(fx.baseline), 10): fact}})
	{f.path | some f in fs} == {["metadata", "annotations", "service.beta.kubernetes.io/load-balancer-source-ranges"]}

	# An internal load balancer is not on the internet whatever its ranges say.
	lb_eval(lb(all_slash8, {"networking.gke.io/load-balancer-type": "Internal"}), fact) == set()
}

# --- ST2-EXP-006: the Tailscale operator ----------------------------------------------------------

tailnet_service(selector, annotations) := {
	"apiVersion": "v1", "kind": "Service",
	"metadata": {"name": "tailnet", "namespace": fx.ns, "annotations": annotations},
	"spec": {"selector": selector, "ports": [{"port": 27017, "targetPort": fx.service_port(selector)}]},
}

test_tailnet_store_denies if {
	every case in [
		[{"app": "mongodb"}, {"tailscale.com/expose": "true"}, {"ST2-EXP-006"}],
		[{"app": "rabbitmq"}, {"tailscale.com/funnel": "True"}, {"ST2-EXP-006"}],
		[{"app": "mongodb"}, {"tailscale.com/expose": "false"}, set()],
		[{"app": "mongodb"}, {"tailscale.com/hostname": "db"}, set()],
		[{"app": "st2web"}, {"tailscale.com/expose": "true"}, set()],
	] {
		selector := case[0]
		annotations := case[1]
		want := case[2]
		prod(add_one(tailnet_service(selector, annotations))) == want
	}
}

# --- ST2-OPS-008: targets in a mounted config -----------------------------------------------------------

agent(image, args, config) := [fx.config_map("agent-config", {"config.yaml": config}), {
	"apiVersion": "apps/v1", "kind": "Deployment",
	"metadata": {"name": "agent", "namespace": fx.ns},
	"spec": {"replicas": 1, "selector": {"matchLabels": {"app": "agent"}}, "template": {
		"metadata": {"labels": {"app": "agent"}},
		"spec": {
			"containers": [{"name": "agent", "image": image, "args": args, "volumeMounts": [{"name": "config", "mountPath": "/etc/agent"}], "resources": {"limits": {"cpu": "100m", "memory": "64Mi"}}, "securityContext": {"allowPrivilegeEscalation": false}}],
			"volumes": [{"name": "config", "configMap": {"name": "agent-config"}}],
		},
	}},
}]

test_tunnel_config_targets if {
	every case in [
		["cloudflare/cloudflared:2024.12.2", ["tunnel", "--config", "/etc/agent/config.yaml", "run"], "ingress:\n  - hostname: mq.example.com\n    service: http://st2-rabbitmq:15672\n  - service: http_status:404\n", {"ST2-OPS-008"}],
		["cloudflare/cloudflared:2024.12.2", ["tunnel", "run"], "{\"ingress\": [{\"hostname\": \"db.example.com\", \"service\": \"tcp://st2-mongodb.st2.svc.cluster.local:27017\"}]}", {"ST2-OPS-008"}],
		["tailscale/tailscale:v1.78.1", [], "{\"TCP\": {\"27017\": {\"TCPForward\": \"st2-mongodb:27017\"}}}", {"ST2-OPS-008"}],
		["tailscale/tailscale:v1.78.1", [], "{\"Web\": {\"x:443\": {\"Handlers\": {\"/\": {\"Proxy\": \"http://st2-rabbitmq:15672\"}}}}}", {"ST2-OPS-008"}],
		# st2web behind a tunnel is a route to st2's own login, like an Ingress.
		["cloudflare/cloudflared:2024.12.2", ["tunnel", "run"], "ingress:\n  - hostname: st2.example.com\n    service: http://st2-st2web:80\n  - service: http_status:404\n", set()],
	] {
		image := case[0]
		args := case[1]
		config := case[2]
		want := case[3]
		prod(array.concat(fx.baseline, agent(image, args, config))) == want
	}
}

test_tailscale_commands if {
	every case in [
		[["serve", "--bg", "--tcp", "27017", "tcp://st2-mongodb:27017"], {"ST2-OPS-008"}],
		[["funnel", "--bg", "http://st2-rabbitmq:15672"], {"ST2-OPS-008"}],
		[["serve", "--bg", "http://st2-st2web:80"], set()],
	] {
		args := case[0]
		want := case[1]
		c := agent("tailscale/tailscale:v1.78.1", [], "")
		ctr := object.union(c[1].spec.template.spec.containers[0], {"command": ["tailscale"], "args": args})
		prod(array.concat(fx.baseline, [c[0], json.patch(c[1], [{"op": "replace", "path": "/spec/template/spec/containers/0", "value": ctr}])])) == want
	}
}

# --- ST2-OPS-013: stores outside the cluster ----------------------------------------------------------

conf(text) := fx.replace(fx.baseline, "ConfigMap", "st2-config", json.patch(fx.base("ConfigMap", "st2-config"), [{"op": "replace", "path": "/data/st2.user.conf", "value": text}]))

test_store_hosts if {
	every case in [
		["[messaging]\nurl = amqp://st2:pw@mq.example.net:5672\n", [], {"ST2-OPS-013"}],
		["[messaging]\nurl = amqps://st2:pw@mq.example.net:5671\n", [], {"ST2-OPS-013"}],
		["[messaging]\nurl = amqps://st2:pw@mq.example.net:5671\n", ["mq.example.net"], set()],
		["[messaging]\nurl = amqp://st2:pw@mq.example.net:5672\nssl = True\n", ["MQ.example.net"], set()],
		["[messaging]\nurl = amqp://st2:pw@mq.example.net:5672\n", ["mq.example.net"], {"ST2-OPS-013"}],
		["[messaging]\nurl = amqps://st2:pw@broker.mq.example-cloud.com:5671\n", ["*.example-cloud.com"], set()],
		["[messaging]\nurl = amqp://st2:pw@st2-rabbitmq:5672\ncluster_urls = amqp://st2:pw@st2-rabbitmq-0.st2-rabbitmq:5672,amqp://st2:pw@203.0.113.9:5672\n", [], {"ST2-OPS-013"}],
		["[database]\nhost = mongodb://db.example.net:27017/?authSource=admin\n", [], {"ST2-OPS-005", "ST2-OPS-013"}],
		["[database]\nhost = mongodb://st2-mongodb-0.st2-mongodb:27017,db.example.net:27017/?replicaSet=rs0&tls=true\n", ["db.example.net"], set()],
		["[database]\nhost = mongodb+srv://cluster0.example.net/st2\n", ["cluster0.example.net"], set()],
		["[database]\nhost = mongodb://st2-mongodb-0.st2-mongodb.st2,st2-mongodb-1.st2-mongodb.st2.svc.cluster.local/?replicaSet=rs0\n", [], set()],
		["[messaging]\nurl = amqp://st2:{{ .p }}@{{ .host }}:5672\n", [], set()],
		["[coordination]\nurl = etcd://203.0.113.9:2379\n", [], {"ST2-OPS-013", "ST2-REP-006"}],
		["[coordination]\nurl = redis://:pw@coord.example.net:6379\n", ["coord.example.net"], {"ST2-OPS-013"}],
		["[coordination]\nurl = rediss://:pw@coord.example.net:6380\n", ["coord.example.net"], set()],
		["[coordination]\nurl = redis://:pw@coord.example.net:6379?ssl=true\n", ["*.example.net"], set()],
	] {
		text := case[0]
		listed := case[1]
		want := case[2]
		prod(conf(text)) == want with data.settings.exposure.external_stores as listed
	}
}

rmq(text) := add_one(fx.config_map("rabbitmq-config", {"rabbitmq.conf": text}))

test_rabbitmq_auth_backend_http if {
	every case in [
		["auth_backends.1 = http\nauth_http.user_path = http://authz.example.net/user\n", [], {"ST2-OPS-013"}],
		["auth_backends.1 = http\nauth_http.user_path = http://authz.example.net/user\n", ["authz.example.net"], {"ST2-OPS-013"}],
		["auth_backends.1 = http\nauth_http.user_path = https://authz.example.net/user\n", ["authz.example.net"], set()],
		["auth_backends.1 = http\nauth_http.user_path = http://authz:8000/user\n", [], set()],
		["[{rabbitmq_auth_backend_http, [{user_path, \"http://authz.example.net/user\"}]}].\n", [], {"ST2-OPS-013"}],
	] {
		text := case[0]
		listed := case[1]
		want := case[2]
		prod(rmq(text)) == want with data.settings.exposure.external_stores as listed
	}
}

test_outside_store_warns_in_dev if {
	fs := fx.eval("dev", conf("[messaging]\nurl = amqp://st2:pw@mq.example.net:5672\n"))
	{f.severity | some f in fs; f.rule == "ST2-OPS-013"} == {"warn"}
}

# --- ST2-OPS-014: PushSecret ---------------------------------------------------------------------------

push(selector, stores) := {
	"apiVersion": "external-secrets.io/v1alpha1", "kind": "PushSecret",
	"metadata": {"name": "push", "namespace": fx.ns},
	"spec": {"secretStoreRefs": stores, "selector": selector, "data": [{"match": {"secretKey": "password", "remoteRef": {"remoteKey": "x"}}}]},
}

test_push_secret if {
	every case in [
		[{"secret": {"name": "st2-auth"}}, [{"name": "backup", "kind": "SecretStore"}], [], {"ST2-OPS-014"}],
		[{"secret": {"name": "st2-auth"}}, [{"name": "backup", "kind": "SecretStore"}], ["backup"], set()],
		[{"secret": {"name": "st2-auth"}}, [{"name": "backup"}, {"name": "other"}], ["backup"], {"ST2-OPS-014"}],
		[{"secret": {"name": "st2-auth"}}, [{"labelSelector": {"matchLabels": {"a": "b"}}}], ["backup"], {"ST2-OPS-014"}],
		[{"secret": {"selector": {"matchLabels": {"app": "st2"}}}}, [{"name": "backup"}], [], {"ST2-OPS-014"}],
		[{"secret": {"name": "team-webhook"}}, [{"name": "backup"}], [], set()],
		[{"generatorRef": {"apiVersion": "generators.external-secrets.io/v1alpha1", "kind": "Password", "name": "pw"}}, [{"name": "backup"}], [], set()],
	] {
		selector := case[0]
		stores := case[1]
		listed := case[2]
		want := case[3]
		prod(add_one(push(selector, stores))) == want with data.settings.exposure.push_secret_stores as listed
	}
}

# --- ST2-OPS-004: Gateway API listeners ---------------------------------------------------------------

gateway(listeners) := {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway", "metadata": {"name": "web", "namespace": fx.ns}, "spec": {"gatewayClassName": "public", "listeners": listeners}}

route(parent, backend) := {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": {"name": "st2web", "namespace": fx.ns}, "spec": {"parentRefs": [parent], "rules": [{"backendRefs": [{"name": backend, "port": 80}]}]}}

http_listener := {"name": "http", "protocol": "HTTP", "port": 80}

https_listener := {"name": "https", "protocol": "HTTPS", "port": 443, "tls": {"certificateRefs": [{"name": "tls"}]}}

test_gateway_listener_without_tls if {
	every case in [
		[[http_listener], {"name": "web", "sectionName": "http"}, "st2-st2web", {"ST2-OPS-004"}],
		[[http_listener, https_listener], {"name": "web"}, "st2-st2web", {"ST2-OPS-004"}],
		[[http_listener, https_listener], {"name": "web", "port": 80}, "st2-st2web", {"ST2-OPS-004"}],
		[[http_listener, https_listener], {"name": "web", "sectionName": "https"}, "st2-st2web", set()],
		[[http_listener, https_listener], {"name": "web", "port": 443}, "st2-st2web", set()],
		[[http_listener], {"name": "other-gateway"}, "st2-st2web", set()],
		[[http_listener], {"name": "web"}, "grafana", set()],
	] {
		prod(array.concat(fx.baseline, [gateway(case[0]), route(case[1], case[2])])) == case[3]
	}
}

# --- ST2-OPS-012: proxy configs and secret stores of a stricter environment ------------------------------

proxy_into(target) := agent("nginx:1.27.3", [], concat("", ["events {}\nstream {\n  server {\n    listen 27017;\n    proxy_pass ", target, ";\n  }\n}\n"]))

test_dev_proxy_config_into_prod if {
	every case in [
		["mongodb-0.mongodb.st2-prod.svc.cluster.local:27017", {"ST2-OPS-012"}],
		["st2-mongodb:27017", set()],
	] {
		fs := fx.eval("dev", array.concat(fx.baseline, proxy_into(case[0]))) with data.settings.environments.namespaces as {"st2-prod": "production", "st2": "dev"}
		{f.rule | some f in fs; f.severity == "deny"} == case[1]
	}
}

external_secret(store) := {"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret", "metadata": {"name": "prod-mongo", "namespace": fx.ns}, "spec": {"secretStoreRef": {"kind": "ClusterSecretStore", "name": store}, "target": {"name": "prod-mongo"}, "data": [{"secretKey": "password", "remoteRef": {"key": "stackstorm/mongodb"}}]}}

test_secret_store_of_a_stricter_environment if {
	stores := {"st2-production": "production", "st2-staging": "staging"}
	every case in [
		["dev", "st2-production", {"ST2-OPS-012"}],
		["dev", "st2-staging", {"ST2-OPS-012"}],
		["staging", "st2-production", {"ST2-OPS-012"}],
		["staging", "st2-staging", set()],
		["production", "st2-production", set()],
		["dev", "team-store", set()],
	] {
		fs := fx.eval(case[0], add_one(external_secret(case[1]))) with data.settings.environments.secret_stores as stores
		{f.rule | some f in fs; f.rule == "ST2-OPS-012"} == case[2]
	}
}

test_push_into_a_stricter_store if {
	fs := fx.eval("dev", add_one(push({"secret": {"name": "team-webhook"}}, [{"name": "st2-production"}]))) with data.settings.environments.secret_stores as {"st2-production": "production"}
	{f.rule | some f in fs; f.severity == "deny"} == {"ST2-OPS-012"}
}

# Two labels are in the cluster only when the second is a namespace, Service or StatefulSet
# of the render: "example.net" is not (ST2-OPS-007 and 013 alike).
test_two_label_hosts if {
	every case in [
		["http://st2-st2auth.st2:9100/", set()],
		["http://evil.example:9100/", {"ST2-OPS-007"}],
		["https://example.net/", {"ST2-OPS-007"}],
		["http://st2auth.svc:9100/", set()],
	] {
		env := [{"name": "ST2_AUTH_URL", "value": case[0]}]
		web := fx.replace(fx.baseline, "Deployment", "st2-st2web", json.patch(fx.base("Deployment", "st2-st2web"), [{"op": "add", "path": "/spec/template/spec/containers/0/env", "value": env}]))
		prod(web) == case[1]
	}
	prod(conf("[messaging]\nurl = amqp://st2:pw@mq.example:5672\n")) == {"ST2-OPS-013"}
}
