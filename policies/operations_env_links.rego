# ST2-OPS-070: a store variable its program cannot parse, written in the container or injected
# by the kubelet's Service links (the seventeenth red team, test/policy/redteam/fresh17-env.ts).
# src/policy/env-links.ts reads the pods once: the kubelet gives every container
# <SERVICE>_PORT=tcp://IP:port and the other link variables of each Service with a cluster IP in
# its namespace (unless enableServiceLinks is false); RabbitMQ's rabbit_env.erl runs
# list_to_integer on RABBITMQ_NODE_PORT / RABBITMQ_DIST_PORT (else NODE_PORT / DIST_PORT) and
# exits on anything else; etcd 3.5 sets a flag from each ETCD_<FLAG> and exits on a value the
# flag cannot parse.
package st2.operations

import data.st2.lib

rules["ST2-OPS-070"] := {
	"title": "Store variable RabbitMQ or etcd cannot parse (written, or injected by a Service's links)",
	"default_severity": "deny",
	"profiles": "deny in staging and production, warn in dev",
	"remediation": concat(" ", [
		"The kubelet gives every container <SERVICE>_SERVICE_HOST, <SERVICE>_PORT=tcp://IP:port",
		"and the other link variables of each Service with a cluster IP in its namespace (the",
		"name upper-cased, dashes as underscores) unless the pod sets enableServiceLinks: false.",
		"RabbitMQ parses RABBITMQ_NODE_PORT and RABBITMQ_DIST_PORT (else NODE_PORT and DIST_PORT)",
		"as integers and will not boot on anything else, so a Service named rabbitmq-node,",
		"rabbitmq-dist, node or dist, or a written value like tcp://..., stops every node; etcd",
		"sets a flag from each ETCD_<FLAG> and exits on a value the flag cannot parse (a Service",
		"etcd-socket-reuse gives ETCD_SOCKET_REUSE_PORT=tcp://...). Rename the Service, set",
		"enableServiceLinks: false on the store's pods, or write the port as a number.",
	]),
}

findings contains f if {
	some l in pod_facts("env_links")
	f := lib.finding("ST2-OPS-070", lib.severity_strict, l.resource, l.path, env_link_detail(l))
}

env_link_detail(l) := {"container": l.container, "variable": l.variable, "service": l.service, "problem": concat("", ["Service ", l.service, "'s links give ", l.program, " ", l.variable, "=tcp://<cluster IP>:<port>, ", env_link_harm[l.program]])} if {
	l.service != ""
} else := {"container": l.container, "variable": l.variable, "problem": concat("", [l.variable, " is not an integer: ", env_link_harm[l.program]])}

env_link_harm := {
	"rabbitmq": "which rabbit_env cannot parse as a port: the node exits at boot (ex_config) and st2 loses its message bus",
	"etcd": "which etcd cannot parse as that flag: etcd exits at start and st2 loses its coordination",
}
