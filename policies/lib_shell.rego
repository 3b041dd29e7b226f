# Where a shell text names its program at run time. A command substitution or
# a variable counts only where a program name is expected: the first word of a
# simple command (past assignments, flags, shell keywords and exec), or anywhere in a
# simple command whose first word runs its arguments (a shell, an interpreter,
# eval, exec, a wrapper such as env, sudo or timeout). An argument of a
# literal program (`st2-purge-executions --timestamp="$(date ...)"`) names no
# program. A `$(` or an opening backquote starts a simple command and leaves
# a `$` at the end of the word it cuts; an arithmetic `$((` is a word.
package st2.lib

# Breaks between simple commands.
shell_breaks := {";": "\n", "&": "\n", "|": "\n", "(": "\n", ")": "\n", "\t": " ", "\r": "\n"}

# Shell keywords, and words that run the word after them with no option
# value between (exec, nohup): the program comes after them.
shell_keywords := {"if", "then", "else", "elif", "while", "until", "do", "!", "{", "}", "exec", "nohup", "command", "builtin", "time", "setsid"}

# First words that run what follows them (their arguments name programs).
program_runners := ((((shells | program_wrappers) | command_prefixes) | {
	"eval", "source", ".", "xargs", "find", "watch", "flock", "setsid", "su", "runuser", "chroot",
	"parallel", "strace", "ltrace", "nsenter", "unshare", "taskset", "chrt", "stdbuf", "unbuffer",
	"script", "trap", "builtin", "coproc", "perl", "ruby", "node", "php", "awk", "gawk", "mawk",
}) | {"python", "python3", "pypy", "pypy3"})

program_named_at_run_time(text) if {
	expands_at_run_time(text)
	some cmd in split(strings.replace_n(shell_breaks, backquotes_cut(replace(text, "$((", "$ "))), "\n")
	words := [w | some w in split(cmd, " "); w != ""]
	runs := [k | some k, w in words; not shell_word_skipped(w)]
	count(runs) > 0
	program_position_expands(words, runs[0])
}

shell_word_skipped(w) if shell_keywords[w]

# A flag: an argument text of its own (`--timestamp=$(TS)`) or an option of exec.
shell_word_skipped(w) if startswith(w, "-")

# An assignment before the program (NAME=value).
shell_word_skipped(w) if {
	eq := indexof(w, "=")
	eq > 0
	name := substring(w, 0, eq)
	trim_left(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_0123456789") == ""
	not contains("0123456789", substring(name, 0, 1))
}

# The first word itself is built at run time (a trailing $ is a `$(` cut here).
program_position_expands(words, k) if word_expands(words[k])

# A runner's arguments: any expansion after it.
program_position_expands(words, k) if {
	parts := split(trim(words[k], "\"'"), "/")
	base := parts[count(parts) - 1]
	runs_its_arguments(base)
	some j, w in words
	j > k
	word_expands(w)
}

runs_its_arguments(base) if program_runners[base]

runs_its_arguments(base) if startswith(base, "python")

word_expands(w) if endswith(w, "$")

word_expands(w) if expands_at_run_time(w)

# Backquoted commands on lines of their own; the word an opening one cuts ends in `$`.
backquotes_cut(text) := text if {
	not contains(text, "`")
} else := concat("\n", [seg |
	some k, part in parts
	seg := opening_marked(part, k, count(parts))
]) if {
	parts := split(text, "`")
}

opening_marked(part, k, n) := concat("", [part, "$"]) if {
	k % 2 == 0
	k < n - 1
} else := part
