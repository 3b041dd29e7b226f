# Each string reader of lib_patterns.rego against the RE2 pattern it stands
# for, on a table of texts (both answers, blanks RE2 does and does not read
# as \s, patterns cut short, occurrences side by side).
package st2_test.lib_patterns

import data.st2.lib

answer(f, t) := true if {
	f == "ha_mode"
	lib.ha_mode_policy(t)
} else := true if {
	f == "rabbitmqctl"
	lib.rabbitmqctl_ha_policy(t)
} else := true if {
	f == "load_definitions"
	lib.load_definitions_set(t)
} else := true if {
	f == "expands"
	lib.expands_at_run_time(t)
} else := true if {
	f == "coordination"
	lib.coordination_url_emptied(t)
} else := true if {
	f == "store_header"
	lib.st2_store_section_header(t)
} else := false

patterns := {
	"ha_mode": `"ha-mode"\s*:\s*"(all|exactly|nodes)"`,
	"rabbitmqctl": `rabbitmqctl[^\n]*set_policy[^\n]*ha-mode`,
	"load_definitions": `(?m)^\s*(management\.)?load_definitions\s*=\s*\S`,
	"expands": "\\$[({A-Za-z_]|`",
	"coordination": `(?ms)^\s*\[coordination\]\s*$[^\[]*?^[ \t]*url[ \t]*[=:][ \t]*$`,
	"store_header": `(?m)^\s*\[(messaging|database|coordination)\]\s*$`,
}

samples := {
	"ha_mode": [
		`{"ha-mode": "all"}`, `{"ha-mode":"exactly","ha-params":2}`, "\"ha-mode\" \n : \t \"nodes\"",
		`"ha-mode": "none"`, `"ha-mode": all`, `"ha-mode": ""ha-mode": "all"`, `"ha-mode":"all`,
		`ha-mode: all`, "\"ha-mode\"\u000b: \"all\"", "\"ha-mode\":\u000b\"all\"", "\"ha-mode\"\u00a0: \"all\"",
		`"ha-mode":"allx"`, `x"ha-mode":"all"y`, "", `"ha-mode"`, `"ha-mode":`, `"ha-mode"::"all"`,
		"\"ha-mode\"\r\n:\f\"exactly\"", `"ha-mode": "ALL"`, `"ha-mode""ha-mode": "nodes"`,
	],
	"rabbitmqctl": [
		`rabbitmqctl set_policy ha-all ".*" '{"ha-mode":"all"}'`, "rabbitmqctl set_policy x\n ha-mode",
		`set_policy rabbitmqctl ha-mode`, `rabbitmqctl ha-mode set_policy`, `rabbitmqctl set_policyha-mode`,
		`rabbitmqctlset_policyha-mode`, "a\nrabbitmqctl x set_policy y ha-mode\nb", "rabbitmqctl a\r\nset_policy ha-mode",
		`set_policy rabbitmqctl set_policy ha-mode`, `rabbitmqctl set_policy foo; rabbitmqctl other ha-mode`,
		"rabbitmqctl set_policy\rha-mode", "", `rabbitmqctl`, "ha-mode\nrabbitmqctl set_policy",
	],
	"load_definitions": [
		`load_definitions = /etc/rabbitmq/definitions.json`, `management.load_definitions = /x`, `  load_definitions=/x`,
		"\n\t load_definitions =\n /x", `# load_definitions = /x`, `xload_definitions = /x`, `management.load_definitions =`,
		`management.load_definitions = `, `load_definitions /x`, "a\nload_definitions = load_definitions",
		`load_definitionsload_definitions = x`, `foo.management.load_definitions = x`, `management.management.load_definitions = x`,
		" \r\nload_definitions = x", "x \r load_definitions = x", "\fload_definitions = x", "load_definitions = \u000b",
		"load_definitions =\n", "a = 1\nload_definitions = x", "a = 1 load_definitions = x", "\u000bload_definitions = x",
		"load_definitions = \nload_definitions", "management.\nload_definitions = x", "",
	],
	"expands": [
		`$(VAR)`, `${X}`, `$HOME`, `$_x`, "`date`", `$1`, `$$`, `$`, `a$ b`, `100$`, `$-`, `$$(x)`, "é$é",
		"", `no dollars`, `x$Y`, `$@`, `$?`, `${`, `$é`,
	],
	"coordination": [
		"[coordination]\nurl =\n", "[coordination]\nurl=", "[coordination]\n  url :  \n", "[coordination]\nurl = redis://x\n",
		"[coordination]\nbackend = x\nurl =\n", "[coordination]\n[other]\nurl =\n", "[coordination] x\nurl =\n",
		"  [coordination]  \n\turl\t=\t\n", "x [coordination]\nurl =\n", "[coordination]\nurl =\r\n", "[coordination]\r\nurl =\n",
		"[coordination]\nurl = x\n[coordination]\nurl =\n", "[coordination]\nurl = x\n[coordination]", "[coordination]\nurls =\n",
		"[coordination]\n url= \n[x]", "[coordination]\nfoo\nurl =[", "[coordination]", "[coordination]\n", "[Coordination]\nurl =\n",
		"\n[coordination]\nurl:\n", "[coordination]\n\n\nurl=\n", "[coordination]url =\n", "[coordination]  ",
		"[coordination]\nurl =\n[coordination]x", "[coordination][coordination]\nurl =\n", "a\n \t[coordination]\f\nurl:", 
		"[coordination]\u000b\nurl =\n", "[coordination]\nurl =\u000b\n", "[coordination]\n\u000burl =\n", "[coordination]\n url = \t",
	],
	"store_header": [
		"[messaging]\nurl = x", "[database]", "  [coordination]  \n", "x [messaging]\n", "[messaging] x\n", "[Messaging]\n",
		"a = 1\n\t[database]\r\nhost = x", "[database][database]\n", "[messaging]\u000b\n", "\u000b[messaging]\n",
		"[auth]\n[database]x\n[database]", "# [messaging]\n", "[messaging]\f", "", "[messaging", "[database]\n[coordination] x",
	],
}

test_string_readers_are_their_patterns if {
	every f, texts in samples {
		every t in texts {
			answer(f, t) == regex.match(patterns[f], t)
		}
	}
}

# The table holds texts each pattern matches and texts it does not.
test_samples_hold_both_answers if {
	every f, texts in samples {
		some t in texts
		regex.match(patterns[f], t)
		some u in texts
		not regex.match(patterns[f], u)
	}
}

# ST2-OPS-009's tag reading against its pattern's groups.
tag_samples := ["7", "7.0", "v4.4.18", "4.4.18-debian", "v", "vv1", "latest", "3.13-management", "1.x", "12.", "007.08", "", "v.1", "5.0.2@x", "4a", "1.2.3.4", "٣.1", "7-1", "12_3", "3x4", "10.-1"]

test_tag_version_is_its_pattern if {
	every tag in tag_samples {
		tag_groups(tag) == lib_tag(tag)
	}
}

tag_groups(tag) := [m[1], m[2]] if {
	m := regex.find_all_string_submatch_n(`^v?([0-9]+)(?:\.([0-9]+))?(?:[^0-9]|$)`, tag, 1)[0]
} else := "no match"

lib_tag(tag) := v if v := lib.tag_version_digits(tag) else := "no match"

# The host readers against their patterns' group 1 ("no match" when none).
host_patterns := {
	"scheme_url": `^\s*[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#]*@)?(\[[^\]]*\]|[^:/?#@\s]+)`,
	"address": `^\s*(?:[A-Za-z][A-Za-z0-9+.-]*://)?(?:[^/?#]*@)?(\[[^\]]*\]|[^:/?#@\s]+)`,
	"host_word": `^(?:[A-Za-z][A-Za-z0-9+.-]*://)?(?:(?i:tcp[46]?|udp[46]?|ssl|openssl):)?(?:[a-z]+(?:\.[a-z0-9.]+)?/)?(?:[^@/]*@)?([A-Za-z0-9][A-Za-z0-9.-]*)`,
}

host_samples := [
	"http://st2api:9101/v1", "  https://user:pw@host.example.com/x", "amqp://admin:p@ss@rabbitmq:5672",
	"mongodb://a:b@mongodb-0.mongodb:27017,mongodb-1.mongodb:27017/?replicaSet=rs0", "http://[::1]:8080/", "http://[::1",
	"http://", "http://@", "http://a@", "http://a@/x", "http://a@b@/x", "http://u@h?x@y", "http://h#a@b", "x://h",
	"1http://h", "h+t.t-p://h", "ht_tp://h", "http:/h", "http:h", "HTTP://Host.Example", "\t\n\f\r http://h", "\u000bhttp://h",
	"http:// h", "http://\th", "http://h h", "rabbitmq:5672", "rabbitmq", "user@rabbitmq:5672", "a@b@c", "@h", "@", "",
	" ", "[fe80::1]:443", "[x", "a:b://h", "s3://bucket/key", "tcp://st2api:9101", "tcp4:st2api:9101", "TCP6:h:1", "ssl:h:1",
	"openssl:h:443", "openſſl:h:443", "ſsl:h", "Ssl:h", "udp:h", "tcpx:h", "tcp:", "tcp:@h", "exec:/bin/sh", "unix:/tmp/s",
	"socks4a/h", "proxy.local/h:1", "proxy.lo_cal/h", "a.b/h", "a./h", "A.b/h", "a.B/h", "/h", "//h", "u@h/x", "u/x@h",
	"-h", ".h", "h-", "h.", "é@h", "hé", "mongodb-0.mongodb.st2.svc.cluster.local:27017", "http://u:p@[::1]:1",
	"http://u:p@]", "http://[]", "tcp://u@h", "ssl:u@h", "http://ssl:h", "st2api.st2:9101", "*:9101", "0.0.0.0:80",
	"http://h:80@x/", "amqps://a-1.b:1", "http://a@b#c@d", "x@y/z@w",
]

host_reader(f, t) := lib.scheme_url_host(t) if f == "scheme_url"

host_reader(f, t) := lib.address_host(t) if f == "address"

host_reader(f, t) := lib.host_word_host(t) if f == "host_word"

host_answer(f, t) := h if h := host_reader(f, t) else := "no match"

host_groups(f, t) := m[1] if {
	m := regex.find_all_string_submatch_n(host_patterns[f], t, 1)[0]
} else := "no match"

test_host_readers_are_their_patterns if {
	every f, _ in host_patterns {
		every t in host_samples {
			host_answer(f, t) == host_groups(f, t)
		}
	}
}

test_host_samples_hold_both_answers if {
	every f, _ in host_patterns {
		some t in host_samples
		host_groups(f, t) != "no match"
		some u in host_samples
		host_groups(f, u) == "no match"
	}
}
