/**
 * The programs a container runs without spelling their names
 * (hidden-programs.ts): shell patterns and find (glob-programs.ts), Python
 * strings in pieces (python-pieces.ts), hooks and exec probes; and the safe
 * look-alikes that name none.
 */
import { describe, expect, it } from 'vitest';
import { globProgramLines, matching } from '../../src/policy/glob-programs.js';
import { hiddenProgramLines } from '../../src/policy/hidden-programs.js';
import { pythonPieceLines, pythonRunLines } from '../../src/policy/python-pieces.js';
import { expandedProgramLines } from '../../src/policy/shell-expansion.js';

const BIN = '/opt/stackstorm/st2/bin';

describe('shell patterns naming programs', () => {
  it.each([
    ['st2tim*engine', ['st2timersengine']],
    ['st2[t]imersengine', ['st2timersengine']],
    ['st2timersengin?', ['st2timersengine']],
    ['st2[!x]ensorcontainer', ['st2sensorcontainer']],
    ['st2*engine', ['st2rulesengine', 'st2timersengine', 'st2workflowengine']],
    ['st2actionrun*', ['st2actionrunner']],
    ['st2{timers,rules}engine', ['st2rulesengine', 'st2timersengine']],
    ['st2{xx,yy}engine', []],
    ['*.log', []],
    ['st2[', []],
  ])('GIVEN the pattern %s WHEN matched THEN it names %j', (pattern, names) => {
    expect(matching(pattern)).toEqual(names);
  });

  it.each([
    [`exec ${BIN}/st2tim*engine --config-file=/etc/st2/st2.conf`, ['st2timersengine --config-file=/etc/st2/st2.conf']],
    [`exec ${BIN}/st2{timers,xx}engine`, ['st2timersengine']],
    [`pgrep -f timers || (nohup ${BIN}/st2tim*engine &); true`, ['st2timersengine']],
    [`find ${BIN} -name 'st2timers*' -exec {} --config-file=x \\;`, ['st2timersengine']],
    [`find ${BIN} -iname 'ST2SENSOR*' -execdir nohup {} \\;`, ['st2sensorcontainer']],
    [`find ${BIN} -name 'st2tim*' -exec sh -c '"$0" --config-file=x' {} \\;`, ['st2timersengine']],
    [`find ${BIN} -type f -exec {} --version \\;`, expect.arrayContaining(['st2timersengine', 'st2sensorcontainer'])],
    [`find ${BIN} -name 'st2sensor*' | sh`, ['st2sensorcontainer']],
    [`ls ${BIN}/st2tim* | xargs -I{} {} --config-file=x`, ['st2timersengine']],
    [`find ${BIN} -name 'st2tim*' | while read f; do "$f"; done`, ['st2timersengine']],
  ])('GIVEN %s WHEN read THEN it runs %j', (script, lines) => {
    expect(globProgramLines(script)).toEqual(lines);
  });

  it.each([
    `find /var/log/st2 -name '*.log' -mtime +7 -exec rm -f {} \\;`,
    `find ${BIN} -name 'st2timers*' -exec ls -l {} \\;`,
    `find ${BIN} -name 'st2sensor*' | xargs ls -l`,
    `find ${BIN} -name 'st2tim*' | while read f; do echo "$f"; done`,
    `ls -l ${BIN}/st2tim*; sleep infinity`,
    'find /docker-entrypoint.d -type f -exec {} \\;',
    'if [ -f /etc/st2/st2.conf ]; then echo ok; fi',
    'case "$1" in st2tim*) echo timers ;; esac',
  ])('GIVEN %s WHEN read THEN it runs no known program', (script) => {
    expect(globProgramLines(script)).toEqual([]);
  });
});

describe('Python strings in pieces', () => {
  it.each([
    ["import importlib; importlib.import_module('st2reactor.cmd.'+'timers'+'engine').main()", ['st2reactor.cmd.timersengine']],
    ["import runpy; runpy.run_module('st2reactor.cmd.%s' % 'timersengine', run_name='__main__')", ['st2reactor.cmd.timersengine']],
    ["__import__('st2reactor.cmd.{}'.format('sensor' 'manager')).main()", ['st2reactor.cmd.sensormanager']],
    ["import importlib; importlib.import_module('.'.join(['st2reactor', 'cmd', 'timersengine']))", ['st2reactor.cmd.timersengine']],
    ["kind = 'timers'\nname = f'st2reactor.cmd.{kind}engine'\nimport importlib; importlib.import_module(name)", ['st2reactor.cmd.timersengine']],
    ["import os; os.execv('/opt/stackstorm/st2/bin/st2' 'timersengine', ['x'])", ['/opt/stackstorm/st2/bin/st2timersengine']],
  ])('GIVEN %s WHEN read THEN it names %j', (code, lines) => {
    expect(pythonPieceLines(code)).toEqual(lines);
  });

  it.each([
    "import importlib; importlib.import_module('st2reactor.cmd.timersengine')",
    "import urllib.request; urllib.request.urlopen('http://127.0.0.1:' + '9101' + '/v1/')",
    "print('st2' + 'timersengine')",
    'import pip',
  ])('GIVEN %s WHEN read THEN no piece is assembled', (code) => {
    expect(pythonPieceLines(code)).toEqual([]);
  });
});

describe('the programs a Python module starts (a module under PYTHONPATH)', () => {
  it.each([
    ["import subprocess\nsubprocess.Popen(['/opt/stackstorm/st2/bin/python', '/opt/stackstorm/st2/bin/st2timersengine', '--config-file=/etc/st2/st2.conf'])", ['/opt/stackstorm/st2/bin/python /opt/stackstorm/st2/bin/st2timersengine --config-file=/etc/st2/st2.conf']],
    ["import subprocess\nsubprocess.Popen([\n    'st2timersengine',\n    '--config-file=/etc/st2/st2.conf',\n])", ['st2timersengine --config-file=/etc/st2/st2.conf']],
    ["import os\nos.system('st2timersengine --config-file=/etc/st2/st2.conf &')", ['st2timersengine --config-file=/etc/st2/st2.conf &']],
    ["import os\nb = '/opt/stackstorm/st2/bin/'\nos.execv(b + 'st2timersengine', ['st2timersengine'])", ['/opt/stackstorm/st2/bin/st2timersengine st2timersengine']],
  ])('GIVEN %s WHEN read THEN it starts %j', (code, lines) => {
    expect(pythonRunLines(code)).toEqual(lines);
  });

  it.each([
    "import logging\nlogging.getLogger('st2timersengine').info('started')",
    "VERSION = '3.8.1'\nNAME = 'st2timersengine'",
    "import subprocess\nsubprocess.run(cmd)",
  ])('GIVEN %s WHEN read THEN it starts nothing it names', (code) => {
    expect(pythonRunLines(code)).toEqual([]);
  });
});

describe('where a container runs commands', () => {
  it.each([
    ['a python -c argv', { command: [`${BIN}/python`, '-c', "import importlib; importlib.import_module('st2reactor.cmd.' + 'timersengine')"] }, ['st2reactor.cmd.timersengine']],
    ['python -c in a shell script', { command: ['sh', '-c', `exec ${BIN}/python -c "import runpy; runpy.run_module('st2reactor.cmd.%s' % 'timersengine')"`] }, ['st2reactor.cmd.timersengine']],
    ['an exec probe with a pattern', { startupProbe: { exec: { command: ['sh', '-c', `nohup ${BIN}/st2sensor* &`] } } }, ['st2sensorcontainer']],
    ['a hook with a variable', { lifecycle: { postStart: { exec: { command: ['sh', '-c', 'T=timers; nohup st2${T}engine &'] } } } }, ['st2timersengine']],
    ['a mounted script', {}, ['st2timersengine']],
    ['a Python heredoc', { command: ['sh', '-c', "exec /opt/stackstorm/st2/bin/python - <<'PY'\nimport importlib, sys\nsys.exit(importlib.import_module('st2reactor.cmd.' + 'sensormanager').main())\nPY\n"] }, ['st2reactor.cmd.sensormanager']],
  ])('GIVEN %s WHEN read THEN its hidden programs are %j', (what, container, lines) => {
    const mounted = what === 'a mounted script' ? [`find ${BIN} -name 'st2timers*' -exec {} \\;`] : [];
    expect(hiddenProgramLines(container, new Map(), mounted)).toEqual(lines);
  });
});

describe('a substitution listing a pattern', () => {
  it.each([
    [`exec $(ls ${BIN}/st2tim*) --config-file=x`, ['st2timersengine --config-file=x']],
    [`P=$(echo ${BIN}/st2[s]ensorcontainer); exec "$P"`, ['st2sensorcontainer']],
    [`exec $(ls -t /var/log/*.log)`, []],
  ])('GIVEN %s WHEN expanded THEN it runs %j', (script, lines) => {
    expect(expandedProgramLines(script, new Map(), [])).toEqual(lines);
  });
});
