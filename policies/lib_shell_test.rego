# lib_shell.rego: a program named at run time only where a program name is
# expected (ST2-REP-013); arguments of a literal program are not programs.
package st2_test.lib_shell

import data.st2.lib

named := [
	"$(BIN)",
	"$BIN --config-file=/etc/st2/st2.conf",
	"B=st2timers; exec /opt/stackstorm/st2/bin/${B}engine",
	"svc=$(printf 'enignesremit2ts' | rev)\nexec /opt/stackstorm/st2/bin/$svc --config-file=/etc/st2/st2.conf",
	"MOD=st2reactor.cmd.$(echo timers)engine\nexec /opt/stackstorm/st2/bin/python -m $MOD",
	"cmd=\"/opt/stackstorm/st2/bin/st2$(date +%Z | tr A-Z a-z | cut -c1)imersengine\"\n\"$cmd\" --config-file x",
	"exec /opt/stackstorm/st2/bin/st2`echo timers`engine --config-file=/etc/st2/st2.conf",
	"exec \"$(command -v st2timersengine)\"",
	"sudo -u st2 $BIN",
	"timeout 30 ${PROG} --config-file=/etc/st2/st2.conf",
	"out=$($P --version)",
	"eval \"$CMD\"",
	"X=1 $PROG --config-file=/etc/st2/st2.conf",
	"if true; then $P; fi",
	"python3 -m $MOD --config-file=/etc/st2/st2.conf",
	"sh $SCRIPT",
	"env -i PATH=/bin ${P}",
	"nohup /opt/stackstorm/st2/bin/st2$(printf timers)engine &",
	"/usr/bin/env $(cat /tmp/prog)",
]

not_named := [
	"/opt/stackstorm/st2/bin/st2-purge-executions --config-file=/etc/st2/st2.conf --timestamp=\"$(date -u -d '90 days ago' +%Y-%m-%dT%H:%M:%S.000000Z)\"",
	"st2-purge-executions --timestamp=`date -u +%s` --config-file=/etc/st2/st2.conf",
	"/opt/stackstorm/st2/bin/st2-purge-trigger-instances --timestamp=$TS",
	"sleep $((RANDOM % 60)); exec /opt/stackstorm/st2/bin/st2-purge-executions --days=$(( $KEEP + 1 ))",
	"TS=$(date -u +%F) /opt/stackstorm/st2/bin/st2-purge-executions --timestamp=$TS",
	"echo $HOME",
	"--config-file=/etc/st2/st2.conf",
	"--timestamp=$(TS)",
	"[ -n \"$X\" ] && exec /opt/stackstorm/st2/bin/st2-purge-executions --timestamp=\"$X\"",
	"st2-purge-executions --timestamp=\"$(date -d \"$DAYS days ago\" +%FT%T.000000Z)\"",
	"HOST=`hostname` /opt/stackstorm/st2/bin/st2-purge-executions --host=`hostname -f`",
	"",
]

test_program_named_at_run_time if {
	every t in named {
		lib.program_named_at_run_time(t)
	}
}

test_arguments_are_not_programs if {
	every t in not_named {
		not lib.program_named_at_run_time(t)
	}
}
