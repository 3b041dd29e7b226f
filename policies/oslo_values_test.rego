# st2 option values read as oslo.config reads the file (operations_availability.rego's
# option_value without facts, the fallback for a text src/policy/st2-option-values.ts
# did not read): a "#" or ";" line is a comment whatever it holds, the last value wins,
# a section may come back, an indented line continues the value.
package st2_test.oslo_values

import data.st2_test.fixtures as fx

value(text, key) := v if {
	parts := split(key, ".")
	v := data.st2.operations.option_value(text, parts[0], parts[1]) with input as {"resources": [], "facts": {}}
}

test_option_values_as_oslo_reads_them if {
	cases := [
		["[coordination]\n# [tmp] local\nurl = redis://r:6379\n", "coordination.url", "redis://r:6379"],
		["[coordination]\n; [x]\nurl = redis://r:6379\n", "coordination.url", "redis://r:6379"],
		["[messaging]\nurl = amqp://a\nurl = amqp://b\n", "messaging.url", "amqp://b"],
		["[database]\nhost = a\n[api]\nx = 1\n[DataBase]\nhost = b\n", "database.host", "b"],
		["[database]\nhost = a # not a comment\n", "database.host", "a # not a comment"],
		["[database]\nhost = a,\n  b\n\tc\n\nssl = x\n", "database.host", "a,\nb\nc"],
		["[database]\nhost = \"quoted\"\n", "database.host", "quoted"],
		["[database]\nhost: 'x:1'\n", "database.host", "x:1"],
		["[database]\nhost = a=b:c\n", "database.host", "a=b:c"],
		["[database]\nhost = a\r\n# [x]\r\nhost = b\r\n", "database.host", "b"],
		["[database]\nssl =\n", "database.ssl", ""],
	]
	every c in cases {
		value(c[0], c[1]) == c[2]
	}
}

test_options_oslo_does_not_set if {
	cases := [
		["[database]\n# host = a\n", "database.host"],
		["[database]\n  host = a\n", "database.host"],
		["[api]\nhost = a\n", "database.host"],
		["host = a\n[database]\n", "database.host"],
		["[database]\nHOST = a\n", "database.host"],
		["[ database ]\nhost = a\n", "database.host"],
		["[database] # x\nhost = a\n", "database.host"],
	]
	every c in cases {
		not value(c[0], c[1])
	}
}

zk(replicas, conf) := [
	{
		"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "zookeeper", "namespace": "st2"},
		"spec": {"replicas": replicas, "serviceName": "zookeeper", "selector": {"matchLabels": {"app": "zookeeper"}}, "template": {"metadata": {"labels": {"app": "zookeeper"}}, "spec": {"containers": [{"name": "zookeeper", "image": "zookeeper:3.9.3"}]}}},
	},
	{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "zookeeper", "namespace": "st2"}, "spec": {"selector": {"app": "zookeeper"}}},
	{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "st2-config", "namespace": "st2"}, "data": {"st2.docker.conf": conf}},
]

one_member(conf) := {f.params.how | some f in fx.eval("production", zk(3, conf)); f.rule == "ST2-OPS-005"}

test_ops005_one_member_behind_a_comment_or_a_second_line if {
	one_member("[coordination]\n# [zk] all members\nurl = kazoo://zookeeper-0.zookeeper:2181\n") == {"coordination url names one member of the store"}
	one_member("[coordination]\nurl = kazoo://zookeeper:2181\nurl = kazoo://zookeeper-0.zookeeper:2181\n") == {"coordination url names one member of the store"}
	one_member("[coordination]\n# url = kazoo://zookeeper-0.zookeeper:2181\nurl = kazoo://zookeeper:2181\n") == set()
	one_member("[coordination]\nurl = kazoo://zookeeper-0.zookeeper:2181\n# [x]\nurl = kazoo://zookeeper:2181\n") == set()
}

# ST2-SEC-020's login options: a repeated url or a comment holding "[" is read as oslo reads it
# (its own section reading once wrote one object key twice: an evaluation error).
test_login_options_as_oslo_reads_them if {
	opts := data.st2.operations.section_options("[messaging]\nurl = amqp://a@x\nurl = amqp://b@y\n[database]\n# [x]\nusername = {{ .u }}\n", "messaging") with input as {"resources": [], "facts": {}}
	opts == {"url": "amqp://b@y"}
	db := data.st2.operations.section_options("[database]\n# [x]\nusername = {{ .u }}\npassword = p\npassword = {{ .p }}\n", "database") with input as {"resources": [], "facts": {}}
	db == {"username": "{{ .u }}", "password": "{{ .p }}"}
}
