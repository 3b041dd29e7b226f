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
