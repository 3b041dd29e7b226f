# Patterns the rules test on every render, read with string functions instead
# of regex.match: the wasm engine compiles each RE2 pattern again in every
# evaluation, and these ran on prod's every check. Each function is exactly
# its pattern (written above it), which lib_patterns_test.rego holds it to on
# a table of texts, RE2 against the function. RE2's \s is [\t\n\f\r ].
package st2.lib

re2_blanks := " \t\n\f\r"

# Whether a match can start at position i: (?m)^\s* before it, i.e. the blanks
# right before i reach the text's start or hold a line break. `before` is the
# text before i, `at_start` whether nothing but `before` precedes it.
line_start_blanks(before, _) if {
	endswith(trim_right(before, " \t\f\r"), "\n")
}

line_start_blanks(before, true) if trim_right(before, " \t\f\r") == ""

# `"ha-mode"\s*:\s*"(all|exactly|nodes)"`. Only the text up to the next
# "ha-mode" can take part: that one breaks the pattern.
ha_mode_policy(text) if {
	some k, part in split(text, `"ha-mode"`)
	k > 0
	a := trim_left(part, re2_blanks)
	startswith(a, ":")
	v := trim_left(substring(a, 1, -1), re2_blanks)
	some mode in [`"all"`, `"exactly"`, `"nodes"`]
	startswith(v, mode)
}

# `rabbitmqctl[^\n]*set_policy[^\n]*ha-mode`: one line with the three in order
# (the first of each after the one before is as good as any).
rabbitmqctl_ha_policy(text) if {
	some line in split(text, "\n")
	i := indexof(line, "rabbitmqctl")
	i >= 0
	rest := substring(line, i + 11, -1)
	j := indexof(rest, "set_policy")
	j >= 0
	contains(substring(rest, j + 10, -1), "ha-mode")
}

# `(?m)^\s*(management\.)?load_definitions\s*=\s*\S`. The blanks before one
# occurrence lie between it and the one before (which is no blank); a value
# cut short by the next occurrence goes on with its "l".
load_definitions_set(text) if {
	parts := split(text, "load_definitions")
	some k, part in parts
	k > 0
	line_start_blanks(trim_suffix(parts[k - 1], "management."), k == 1)
	a := trim_left(part, re2_blanks)
	startswith(a, "=")
	value_follows(trim_left(substring(a, 1, -1), re2_blanks), k < count(parts) - 1)
}

value_follows(rest, _) if rest != ""

value_follows(_, true)

# "\\$[({A-Za-z_]|`": a backquote, or a $ before (, {, a letter or _.
expands_at_run_time(text) if contains(text, "`")

expands_at_run_time(text) if {
	some k, part in split(text, "$")
	k > 0
	c := substring(part, 0, 1)
	c != ""
	contains("({ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_", c)
}

# `(?ms)^\s*\[coordination\]\s*$[^\[]*?^[ \t]*url[ \t]*[=:][ \t]*$`: a
# [coordination] header alone on its line, then, before any "[", a line that
# sets url to nothing.
coordination_url_emptied(text) if {
	parts := split(text, "[coordination]")
	some k, part in parts
	k > 0
	line_start_blanks(parts[k - 1], k == 1)
	# \s*$ after the header: its blanks reach a line break or the text's end.
	body := trim_left(part, re2_blanks)
	header_line_ends(substring(part, 0, count(part) - count(body)), body, k < count(parts) - 1)
	# Up to the next "[" (the next header, which ends the run, is one).
	cut := indexof(part, "[")
	lines := split(before_cut(part, cut), "\n")
	some j, line in lines
	j > 0
	# A line the region cuts short (at its "[") has no end of line for $.
	line_ended(j, count(lines), cut < 0, k < count(parts) - 1)
	empty_url_line(line)
}

before_cut(text, cut) := substring(text, 0, cut) if cut >= 0 else := text

header_line_ends(blanks, _, _) if contains(blanks, "\n")

header_line_ends(_, "", false)

line_ended(j, n, _, _) if j < n - 1

line_ended(j, n, true, false) if j == n - 1

empty_url_line(line) if {
	a := trim_left(line, " \t")
	startswith(a, "url")
	b := trim_left(substring(a, 3, -1), " \t")
	some sep in ["=", ":"]
	startswith(b, sep)
	trim_left(substring(b, 1, -1), " \t") == ""
}

# `(?m)^\s*\[(messaging|database|coordination)\]\s*$`: one of the st2 store
# sections' headers alone on its line.
st2_store_section_header(text) if {
	some header in ["[messaging]", "[database]", "[coordination]"]
	contains(text, header)
	header_alone(text, header)
}

header_alone(text, header) if {
	parts := split(text, header)
	some k, part in parts
	k > 0
	line_start_blanks(parts[k - 1], k == 1)
	body := trim_left(part, re2_blanks)
	header_line_ends(substring(part, 0, count(part) - count(body)), body, k < count(parts) - 1)
}

# `^v?([0-9]+)(?:\.([0-9]+))?(?:[^0-9]|$)` on an image tag: [major, minor]
# as the pattern's groups give them (minor "" when there is none).
tag_version_digits(tag) := [major, minor_digits(rest)] if {
	t := trim_prefix(tag, "v")
	rest := trim_left(t, "0123456789")
	major := substring(t, 0, count(t) - count(rest))
	major != ""
}

minor_digits(rest) := d if {
	startswith(rest, ".")
	r := substring(rest, 1, -1)
	d := substring(r, 0, count(r) - count(trim_left(r, "0123456789")))
} else := ""

# --- Hosts of URLs and addresses, as RE2 takes them from its leftmost-first
# match: each optional part is tried present before absent, a greedy one from
# its longest reach back; the first way that leaves a host wins. What each
# part can match is fixed by its characters (a scheme holds no ":", a user
# part with [^/?#] ends at one of the "@" before the first "/", "?" or "#"),
# so the ways are few and listed in that order.

ascii_lower := "abcdefghijklmnopqrstuvwxyz"

ascii_letters := "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

ascii_alnum := "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

# The text before the first of the (one-character) stops: the run of
# [^stops]* at its start. Splits only, no offsets (byte and character
# offsets differ outside ASCII).
before_any(t, stops) := p if {
	prefixes := [split(t, c)[0] | some c in stops]
	shortest := min({count(x) | some x in prefixes})
	p := [x | some x in prefixes; count(x) == shortest][0]
}

# What follows `[A-Za-z][A-Za-z0-9+.-]*://` at the start of s.
after_scheme(s) := concat("://", array.slice(parts, 1, count(parts))) if {
	parts := split(s, "://")
	count(parts) > 1
	scheme := parts[0]
	scheme != ""
	trim_left(scheme, ascii_letters) != scheme
	trim(scheme, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+.-") == ""
}

url_host_stops := [":", "/", "?", "#", "@", " ", "\t", "\n", "\f", "\r"]

# `\[[^\]]*\]|[^:/?#@\s]+` at the start of t.
bracket_or_host_run(t) := concat("", [split(t, "]")[0], "]"]) if {
	startswith(t, "[")
	contains(t, "]")
} else := run if {
	run := before_any(t, url_host_stops)
	run != ""
}

# `(?:[^/?#]*@)?(\[[^\]]*\]|[^:/?#@\s]+)` at the start of rest: group 1.
# The user part may end at each "@" before the first "/", "?" or "#" (the
# last first), or be absent (k = 0): the largest k that leaves a host wins.
userinfo_host(rest) := found[max({k | some k, _ in found})] if {
	parts := split(rest, "@")
	n := count(split(before_any(rest, ["/", "?", "#"]), "@")) - 1
	found := {k: h |
		some k, _ in parts
		k <= n
		h := bracket_or_host_run(concat("@", array.slice(parts, k, count(parts))))
	}
	count(found) > 0
}

# `^\s*[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#]*@)?(\[[^\]]*\]|[^:/?#@\s]+)`: group 1.
# (\s* takes every leading blank: a scheme starts with a letter.)
scheme_url_host(url) := userinfo_host(after_scheme(trim_left(url, re2_blanks)))

# `^\s*(?:[A-Za-z][A-Za-z0-9+.-]*://)?(?:[^/?#]*@)?(\[[^\]]*\]|[^:/?#@\s]+)`:
# group 1, the scheme tried first.
address_host(item) := h if {
	h := scheme_url_host(item)
} else := userinfo_host(trim_left(item, re2_blanks))

# `^(?:[A-Za-z][A-Za-z0-9+.-]*://)?(?:(?i:tcp[46]?|udp[46]?|ssl|openssl):)?(?:[a-z]+(?:\.[a-z0-9.]+)?/)?(?:[^@/]*@)?([A-Za-z0-9][A-Za-z0-9.-]*)`:
# group 1. Each optional part can match one way only, so the ways are the
# present/absent choices, present first.
host_word_host(word) := hosts[0] if {
	hosts := [h |
		some a in optional_scheme(word)
		some b in optional_socket_prefix(a)
		some c in optional_path_prefix(b)
		some d in optional_user(c)
		h := alnum_host(d)
	]
}

optional_scheme(w) := [r, w] if {
	r := after_scheme(w)
} else := [w]

socket_prefixes := {"tcp", "tcp4", "tcp6", "udp", "udp4", "udp6", "ssl", "openssl"}

# (?i:tcp[46]?|udp[46]?|ssl|openssl): — RE2's (?i) folds s with "ſ" (U+017F)
# too; no other letter here has a partner outside ASCII.
optional_socket_prefix(w) := [after_first(w, ":"), w] if {
	contains(w, ":")
	p := split(w, ":")[0]
	socket_prefixes[lower(replace(p, "ſ", "s"))]
} else := [w]

# `[a-z]+(?:\.[a-z0-9.]+)?/`: no character of it is a "/", so it ends at the first one.
optional_path_prefix(w) := [after_first(w, "/"), w] if {
	contains(w, "/")
	p := split(w, "/")[0]
	tail := trim_left(p, ascii_lower)
	tail != p
	dotted_tail(tail)
} else := [w]

dotted_tail("")

dotted_tail(tail) if {
	startswith(tail, ".")
	r := trim_prefix(tail, ".")
	r != ""
	trim_left(r, "abcdefghijklmnopqrstuvwxyz0123456789.") == ""
}

# `[^@/]*@`: up to the first "@", with no "/" before it.
optional_user(w) := [after_first(w, "@"), w] if {
	contains(w, "@")
	not contains(split(w, "@")[0], "/")
} else := [w]

after_first(w, sep) := concat(sep, array.slice(parts, 1, count(parts))) if parts := split(w, sep)

# `[A-Za-z0-9][A-Za-z0-9.-]*` at the start of d.
alnum_host(d) := run if {
	run := trim_suffix(d, trim_left(d, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-"))
	run != ""
	not startswith(run, ".")
	not startswith(run, "-")
}
