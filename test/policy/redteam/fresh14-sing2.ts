/**
 * The thirteenth attacker's singletons named without their names, kept in
 * our own words (`f14s-*`), each with safe look-alikes:
 *
 * - a shell pattern in a command's program word (`st2tim*engine`,
 *   `st2[t]imersengine`, `st2timersengin?`, bash's `st2{timers,xx}engine`,
 *   `$(ls .../st2sensor*)`): the shell replaces it with the file of
 *   /opt/stackstorm/st2/bin it matches, so it runs that program
 *   (src/policy/glob-programs.ts);
 * - `find ... -name PATTERN -exec {} ...` (also -execdir, -iname), and a
 *   listing piped to `sh`, to `xargs -I{} {}` or to a `while read f; do "$f"`
 *   loop: the found program runs;
 * - the st2 venv's Python importing a service's entry point module from
 *   pieces (`import_module('st2reactor.cmd.'+'timers'+'engine')`, `%`,
 *   `.format`, an f-string over a name, on a heredoc): the module
 *   bin/st2timersengine calls (src/policy/python-pieces.ts);
 * - an exec probe (startup, liveness, readiness) backgrounding a singleton:
 *   the kubelet runs probe commands in the container and a nohup'd child
 *   outlives the probe (lib.rego hook_texts).
 *
 * Each unsafe one is a second timers engine (ST2-REP-001) or sensor
 * container (ST2-REP-002) beside the base's own.
 *
 * And init containers waiting, with a curl or wget loop or bash's
 * /dev/tcp, for a Service the render's namespace lacks or on a port it does
 * not serve: the init container never completes, so the pod never starts
 * (ST2-OPS-028, which judged `nc -z` waits only).
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { DEPLOY, FIRST, patch, type Json } from './targets.js';

const BIN = '/opt/stackstorm/st2/bin';
const CONF = '--config-file=/etc/st2/st2.conf --config-file=/etc/st2/st2.docker.conf --config-file=/etc/st2/st2.secrets.conf';
const CONF_ARGS = CONF.split(' ');
const MOUNTS: Json[] = [
  { name: 'st2-config-vol', mountPath: '/etc/st2/st2.docker.conf', subPath: 'st2.docker.conf' },
  { name: 'st2-config-secrets-vol', mountPath: '/etc/st2/st2.secrets.conf', subPath: 'st2.secrets.conf' },
];
const RESOURCES = { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } };
/** A sidecar in a Deployment of the base, running the given command with st2's config mounted. */
const sidecar = (deployment: string, command: string[]): Patch =>
  patch(DEPLOY(deployment), { op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'helper', image: 'stackstorm/st2actionrunner:3.8.1', command, volumeMounts: MOUNTS, resources: RESOURCES } });
const shell = (deployment: string, script: string): Patch => sidecar(deployment, ['sh', '-c', script]);
const python = (deployment: string, code: string): Patch => sidecar(deployment, [`${BIN}/python`, '-c', code, ...CONF_ARGS]);
/** An exec probe on a Deployment's first container. */
const probe = (deployment: string, kind: string, script: string): Patch =>
  patch(DEPLOY(deployment), { op: 'add', path: `${FIRST}/${kind}`, value: { exec: { command: ['sh', '-c', script] }, periodSeconds: 10, failureThreshold: 30 } });

/** An init container's shell script (the base's wait-for-db is initContainers/0 of st2scheduler, st2notifier, st2workflowengine). */
const wait = (deployment: string, script: string, shell = 'sh'): Patch =>
  patch(DEPLOY(deployment), { op: 'replace', path: '/spec/template/spec/initContainers/0/command', value: [shell, '-c', script] });

export function fresh14Sing2Corpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, rule: string | undefined, ...patches: Patch[]): void => {
    const body: CaseBody = { patches };
    cases.push(bodyCase(`f14s-${id}`, 'components', rule, body));
  };

  // --- A pattern in the program word ------------------------------------------------------------------
  add('glob-star-timers-in-runners', 'ST2-REP-001', shell('st2actionrunner', `exec ${BIN}/st2tim*engine ${CONF}`));
  add('glob-bracket-timers-in-api', 'ST2-REP-001', shell('st2api', `exec ${BIN}/st2[t]imersengine ${CONF}`));
  add('glob-question-timers-nohup', 'ST2-REP-001', shell('st2rulesengine', `nohup ${BIN}/st2timersengin? ${CONF} & wait`));
  add('glob-negated-class-sensors', 'ST2-REP-002', shell('st2workflowengine', `cd ${BIN} && exec ./st2[!x]ensorcontainer ${CONF}`));
  add('bash-brace-alternatives', 'ST2-REP-001', sidecar('st2api', ['bash', '-c', `exec ${BIN}/st2{timers,xx}engine ${CONF}`]));
  add('substitution-lists-a-pattern', 'ST2-REP-002', shell('st2auth', `exec $(ls ${BIN}/st2sensor*) ${CONF}`));
  // Safe: patterns that match no singleton, or match nothing in a program word.
  add('safe-glob-actionrunner-in-runners', undefined, shell('st2actionrunner', `exec ${BIN}/st2actionrun* ${CONF}`));
  add('safe-glob-argument-list', undefined, shell('st2api', `ls -l ${BIN}/st2tim* ${BIN}/st2sensor*; sleep infinity`));
  add('safe-bash-brace-copy', undefined, sidecar('st2api', ['bash', '-c', 'cp /etc/st2/st2.{conf,conf.bak}; sleep infinity']));

  // --- find runs what it finds ------------------------------------------------------------------------
  add('find-exec-timers', 'ST2-REP-001', shell('st2rulesengine', `find ${BIN} -name 'st2timers*' -exec {} ${CONF} \\;`));
  add('find-execdir-iname-sensors', 'ST2-REP-002', shell('st2api', `find ${BIN} -iname 'ST2SENSOR*' -execdir nohup {} ${CONF} \\;`));
  add('find-piped-to-sh', 'ST2-REP-001', shell('st2notifier', `find ${BIN} -name 'st2timers*' | sh`));
  add('ls-glob-piped-to-xargs', 'ST2-REP-002', shell('st2actionrunner', `ls ${BIN}/st2sensor* | xargs -I{} {} ${CONF}`));
  add('find-piped-to-while-read', 'ST2-REP-001', shell('st2api', `find ${BIN} -name 'st2tim*' | while read f; do "$f" ${CONF}; done`));
  // Safe: find deleting logs, listing the programs, or feeding them to a reader.
  add('safe-find-logs-removed', undefined, shell('st2api', `while true; do find /var/log/st2 -name '*.log' -mtime +7 -exec rm -f {} \\;; sleep 3600; done`));
  add('safe-find-programs-listed', undefined, shell('st2api', `find ${BIN} -name 'st2timers*' -exec ls -l {} \\;; sleep infinity`));
  add('safe-find-piped-to-xargs-ls', undefined, shell('st2api', `find ${BIN} -name 'st2sensor*' | xargs ls -l; sleep infinity`));
  add('safe-find-piped-to-while-echo', undefined, shell('st2api', `find ${BIN} -name 'st2tim*' | while read f; do echo "$f"; done; sleep infinity`));

  // --- Python importing a service's entry point from pieces -------------------------------------------
  add('python-import-module-concat', 'ST2-REP-001', python('st2api', "import importlib,sys; m=importlib.import_module('st2reactor.cmd.'+'timers'+'engine'); sys.exit(m.main())"));
  add('python-run-module-percent', 'ST2-REP-001', python('st2auth', "import runpy; runpy.run_module('st2reactor.cmd.%s' % 'timersengine', run_name='__main__')"));
  add('python-dunder-import-format', 'ST2-REP-002', python('st2stream', "import sys; sys.exit(__import__('st2reactor.cmd.{}'.format('sensor' 'manager'), fromlist=['main']).main())"));
  add('python-fstring-over-a-name', 'ST2-REP-001', python('st2rulesengine', "import importlib, sys\nkind = 'timers'\nname = f'st2reactor.cmd.{kind}engine'\nsys.exit(importlib.import_module(name).main())"));
  add('python-in-a-shell-script', 'ST2-REP-001', shell('st2actionrunner', `exec ${BIN}/python -c "import importlib,sys; sys.exit(importlib.import_module('.'.join(['st2reactor', 'cmd', 'timersengine'])).main())" ${CONF}`));
  add('python-heredoc-pieces', 'ST2-REP-002', shell('st2stream', `exec ${BIN}/python - ${CONF} <<'PY'\nimport importlib, sys\nsys.exit(importlib.import_module('st2reactor.cmd.' + 'sensor' + 'manager').main())\nPY\n`));
  // Safe: Python building other names, a URL to the local API, pip's version.
  add('safe-python-import-json-pieces', undefined, python('st2api', "import importlib,time; importlib.import_module('js'+'on'); time.sleep(10**9)"));
  add('safe-python-health-url-pieces', undefined, python('st2api', "import urllib.request,time\nwhile True:\n    urllib.request.urlopen('http://127.0.0.1:' + '9101' + '/v1/', timeout=5); time.sleep(60)"));
  add('safe-python-pip-version', undefined, sidecar('st2actionrunner', [`${BIN}/python`, '-m', 'pip', '--version']));

  // --- Exec probes that start a singleton -------------------------------------------------------------
  add('startup-probe-backgrounds-sensors', 'ST2-REP-002', probe('st2rulesengine', 'startupProbe', `pgrep -f st2sensorcontainer || (nohup ${BIN}/st2sensorcontainer ${CONF} &); true`));
  add('liveness-probe-backgrounds-timers', 'ST2-REP-001', probe('st2api', 'livenessProbe', `pgrep -f st2timersengine >/dev/null || setsid ${BIN}/st2timersengine ${CONF} & true`));
  add('readiness-probe-glob-timers', 'ST2-REP-001', probe('st2scheduler', 'readinessProbe', `pgrep -f timersengine || (nohup ${BIN}/st2tim*engine ${CONF} &); true`));
  // Safe: probes that ask, not start.
  add('safe-probe-port-check', undefined, probe('st2api', 'livenessProbe', 'nc -z 127.0.0.1 9101'));
  add('safe-probe-own-process', undefined, probe('st2timersengine', 'livenessProbe', 'pgrep -f st2timersengine'));
  add('safe-probe-client-version', undefined, probe('st2api', 'readinessProbe', `${BIN}/st2 --version`));

  // --- Init containers waiting with curl, wget or /dev/tcp on what the render does not serve (ST2-OPS-028) ---
  const never = (id: string, rule: string | undefined, ...patches: Patch[]): void => {
    cases.push(bodyCase(`f14s-${id}`, 'never-runs', rule, { patches }));
  };
  never('wget-wait-wrong-port', 'ST2-OPS-028', wait('st2scheduler', 'until wget -q -T 2 -O /dev/null http://st2api:9110/v1/; do sleep 2; done'));
  never('curl-wait-missing-service', 'ST2-OPS-028', wait('st2notifier', 'while ! curl -s --max-time 2 mongodb-primary:27017 >/dev/null; do sleep 2; done'));
  never('curl-wait-fqdn-default-port', 'ST2-OPS-028', wait('st2workflowengine', 'until curl -sf http://st2auth.st2-prod.svc.cluster.local/; do sleep 5; done'));
  never('dev-tcp-wait-wrong-port', 'ST2-OPS-028', wait('st2scheduler', 'until echo > /dev/tcp/mongodb/27018; do sleep 2; done', 'bash'));
  never('dev-tcp-wait-missing-service', 'ST2-OPS-028', wait('st2notifier', 'while ! (: </dev/tcp/rabbitmq-amqp/5672) 2>/dev/null; do sleep 2; done', 'bash'));
  // Safe: the Services and ports the render serves, an outside host, a single request.
  never('safe-wget-wait-st2api', undefined, wait('st2scheduler', 'until wget -q -T 2 -O /dev/null http://st2api:9101/v1/; do sleep 2; done'));
  never('safe-curl-wait-fqdn', undefined, wait('st2notifier', 'until curl -s --max-time 2 mongodb.st2-prod.svc:27017 >/dev/null; do sleep 2; done; true'));
  never('safe-dev-tcp-wait-mongodb', undefined, wait('st2workflowengine', 'until echo > /dev/tcp/mongodb/27017; do sleep 2; done', 'bash'));
  never('safe-wget-wait-outside-host', undefined, wait('st2scheduler', 'until nc -z -w 2 mongodb 27017 && wget -q -T 2 https://files.pythonhosted.org/; do sleep 2; done'));
  never('safe-single-curl', undefined, wait('st2notifier', 'curl -s --max-time 2 http://st2api:9111/ || true'));
  return cases;
}
