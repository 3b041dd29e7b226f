/**
 * Service containers whose command replaces the service (the twenty-first attacker's f7 cases;
 * ST2-OPS-071): `sleep infinity`, `/bin/true`, `sh -c 'exit 0'`, or the service's own program
 * with --version or --help (oslo.config prints and exits) on st2's images, st2web and both
 * stores; args alone replace a docker-library store (its docker-entrypoint.sh execs them).
 * Look-alikes: the service behind a wrapper (env, tini as PID 1, nice), mongod named in
 * args, a sidecar on the st2api image that sleeps beside the real st2api (the pod still
 * serves), st2client's idle loop on the runner image (it claims no service).
 */
import type { Patch, RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase } from './case-body.js';
import { DEPLOY, FIRST, SPEC, STS, add, patch, replace } from './targets.js';

const ST2_BIN = '/opt/stackstorm/st2/bin';
const SMALL = { limits: { cpu: '100m', memory: '64Mi' }, requests: { cpu: '10m', memory: '32Mi' } };

const command = (deploy: string, argv: string[]): Patch => patch(DEPLOY(deploy), add(`${FIRST}/command`, argv));
const appended = (deploy: string, flag: string): Patch => patch(DEPLOY(deploy), add(`${FIRST}/command/-`, flag));
const storeCommand = (sts: string, argv: string[]): Patch => patch(STS(sts), add(`${FIRST}/command`, argv));
const storeArgs = (sts: string, argv: string[]): Patch => patch(STS(sts), add(`${FIRST}/args`, argv));

export function fresh21EntryCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add21 = (id: string, rule: string | undefined, patches: Patch[], wraps: Wrapped = 'prod'): void => {
    cases.push(bodyCase(`f21e-${id}`, 'never-runs', rule, { wraps, patches }));
  };
  const OPS71 = 'ST2-OPS-071';
  add21('st2api-sleep', OPS71, [command('st2api', ['sleep', 'infinity'])]);
  add21('st2api-sleep-staging', OPS71, [command('st2api', ['sleep', 'infinity'])], 'staging');
  add21('st2auth-true', OPS71, [command('st2auth', ['/bin/true'])]);
  add21('st2notifier-true-staging', OPS71, [command('st2notifier', ['/bin/true'])], 'staging');
  add21('st2workflowengine-sh-exit0', OPS71, [command('st2workflowengine', ['sh', '-c', 'exit 0'])]);
  add21('st2rulesengine-sh-exit0-staging', OPS71, [command('st2rulesengine', ['sh', '-c', 'exit 0'])], 'staging');
  add21('st2stream-idle-loop-trap', OPS71, [command('st2stream', ['bash', '-ec', "trap 'exit 0' TERM; while true; do sleep 1; done"])]);
  add21('st2rulesengine-version', OPS71, [appended('st2rulesengine', '--version')]);
  add21('st2workflowengine-version-staging', OPS71, [appended('st2workflowengine', '--version')], 'staging');
  add21('st2auth-help-staging', OPS71, [appended('st2auth', '--help')], 'staging');
  add21('st2sensorcontainer-env-sleep', OPS71, [command('st2sensorcontainer', ['/usr/bin/env', 'TZ=UTC', 'sleep', 'infinity'])]);
  add21('st2timersengine-tini-sleep-staging', OPS71, [command('st2timersengine', ['tini', '--', 'sleep', 'infinity'])], 'staging');
  add21('st2garbagecollector-tail', OPS71, [command('st2garbagecollector', ['tail', '-f', '/dev/null'])]);
  add21('st2web-sleep', OPS71, [command('st2web', ['sleep', 'infinity'])]);
  add21('st2web-sleep-staging', OPS71, [command('st2web', ['sleep', 'infinity'])], 'staging');
  add21('st2actionrunner-sleep', OPS71, [command('st2actionrunner', ['sleep', 'infinity'])]);
  add21('mongodb-command-sleep', OPS71, [storeCommand('mongodb', ['sleep', 'infinity'])]);
  add21('mongodb-command-sleep-staging', OPS71, [storeCommand('mongodb', ['sleep', 'infinity'])], 'staging');
  add21('mongodb-args-sleep', OPS71, [patch(STS('mongodb'), replace(`${FIRST}/args`, ['sleep', 'infinity']))]);
  add21('mongodb-args-version-staging', OPS71, [patch(STS('mongodb'), replace(`${FIRST}/args`, ['--version']))], 'staging');
  add21('rabbitmq-command-sleep', OPS71, [storeCommand('rabbitmq', ['sleep', 'infinity'])]);
  add21('rabbitmq-args-sleep-staging', OPS71, [storeArgs('rabbitmq', ['sleep', 'infinity'])], 'staging');
  add21('safe-st2api-env-wrapper', undefined, [command('st2api', ['/usr/bin/env', 'PYTHONUNBUFFERED=1', `${ST2_BIN}/st2api`])]);
  add21('safe-st2api-tini-pid1', undefined, [command('st2api', ['tini', '--', `${ST2_BIN}/st2api`])]);
  add21('safe-st2api-nice-staging', undefined, [command('st2api', ['nice', '-n', '5', `${ST2_BIN}/st2api`])], 'staging');
  add21('safe-mongodb-args-name-mongod', undefined, [patch(STS('mongodb'), replace(`${FIRST}/args`, ['mongod', '--replSet', 'rs0', '--keyFile', '/data/configdb/key.txt']))]);
  add21('safe-st2api-sleeping-sidecar', undefined, [patch(DEPLOY('st2api'), add(`${SPEC}/containers/-`, { name: 'debug', image: 'stackstorm/st2api:3.8.1', command: ['sleep', 'infinity'], resources: SMALL }))]);
  add21('safe-st2client-sleep', undefined, [command('st2client', ['sleep', 'infinity'])], 'staging');
  // The service from a shell that only execs it (st2api's args follow as $0 and $@): the script
  // writes no file first, so the image's st2.conf is as shipped (ST2-HRD-005 reads it).
  add21('safe-st2api-sh-exec', undefined, [command('st2api', ['sh', '-c', `exec ${ST2_BIN}/st2api --config-file=/etc/st2/st2.conf --config-file=/etc/st2/st2.docker.conf --config-file=/etc/st2/st2.user.conf --config-file=/etc/st2/st2.secrets.conf`])]);
  return cases;
}
