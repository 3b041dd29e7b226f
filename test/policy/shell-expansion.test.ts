import { describe, expect, it } from 'vitest';
import { expandedProgramLines, inlineProgramLines } from '../../src/policy/shell-expansion.js';

const BIN = '/opt/stackstorm/st2/bin';

describe('expandedProgramLines: programs a script names through an expansion', () => {
  const cases: Array<[string, string, ReadonlyArray<string>, string[]]> = [
    // [what, script, positional ($0, $1...), lines]
    ['a variable the script assigns', `T=timers; ${BIN}/st2\${T}engine "$@" & exec ${BIN}/st2garbagecollector`, [], [`${BIN}/st2timersengine`]],
    ['an exported one, bare $NAME', `export S=st2timersengine\nnohup ${BIN}/$S &`, [], [`${BIN}/st2timersengine`]],
    ['a default', `exec ${BIN}/st2\${KIND:-timers}engine`, [], [`${BIN}/st2timersengine`]],
    ['printf of %s', `"$(printf ${BIN}/st2%sengine timers)" & exec ${BIN}/st2rulesengine`, [], [`${BIN}/st2timersengine`]],
    ['echo in backquotes', 'A=timers; `echo st2${A}engine` --config-file=/etc/st2/st2.conf', [], ['st2timersengine --config-file=/etc/st2/st2.conf']],
    ['a positional parameter', `${BIN}/st2\${1}engine & exec ${BIN}/st2garbagecollector`, ['sh', 'timers'], [`${BIN}/st2timersengine`]],
    ['"$@" as the program', 'exec "$@"', ['sh', `${BIN}/st2timersengine`, '--config-file=/etc/st2/st2.conf'], [`${BIN}/st2timersengine --config-file=/etc/st2/st2.conf`]],
    ['a for loop', `for s in timers rules; do ${BIN}/st2\${s}engine & done`, [], [`${BIN}/st2timersengine`, `${BIN}/st2rulesengine`]],
    ['eval', 'T=timers; eval st2${T}engine', [], ['st2timersengine']],
    // Look-alikes: nothing is run through an expansion, or what is run stays unknown.
    ['a printed name', 'T=timers; echo st2${T}engine; printf "%s\\n" st2timersengine', [], []],
    ['an argument', 'T=timers; pgrep -f st2${T}engine', [], []],
    ['a lookup', 'T=timers; command -v st2${T}engine', [], []],
    ['an unknown variable', 'exec st2${T}engine', [], []],
    ['a positional parameter not given', 'exec st2${1}engine', ['sh'], []],
    ['a printf with another format', 'exec "$(printf st2%dengine 5)"', [], []],
    ['a run-time value', 'exec "$(cat /run/name)"', [], []],
  ];
  it.each(cases)('%s', (_what, script, positional, lines) => {
    expect(expandedProgramLines(script, new Map(), positional)).toEqual(lines);
  });

  it("reads the container's env", () => {
    expect(expandedProgramLines('exec st2${KIND}engine', new Map([['KIND', 'timers']]), [])).toEqual(['st2timersengine']);
  });
});

describe('inlineProgramLines: a container whose command is sh -c SCRIPT ARG0 ARGS...', () => {
  it.each([
    [{ command: ['/bin/sh', '-c', 'exec st2${1}engine', 'sh', 'timers'] }, ['st2timersengine']],
    [{ command: ['tini', '--', 'bash', '-ec'], args: ['exec st2${1}engine', 'x', 'timers'] }, ['st2timersengine']],
    [{ command: ['st2timersengine', '-c', 'exec st2${1}engine', 'x', 'timers'] }, []],
    [{ command: ['/bin/sh', '/start.sh', 'timers'] }, []],
  ])('%j', (container, lines) => {
    expect(inlineProgramLines(container, new Map())).toEqual(lines);
  });
});
