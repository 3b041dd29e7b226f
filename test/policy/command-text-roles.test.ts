/**
 * The roles of command texts worked out in TypeScript (command-text-roles.ts)
 * are the ones lib.rego's text_roles reads itself (evaluated by the real opa
 * without the fact), over a table of texts that take each branch: role
 * words, modules by name and by path, imports, kubectl's segments, network
 * clients and netcat's -e, wrappers and prefixes; and the mounted scripts'
 * texts are collected once each.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectScriptTextRoles, textRoles } from '../../src/policy/command-text-roles.js';
import { repoRoot } from './support.js';

const OPA = path.join(repoRoot, '.tools/bin/opa');
// Locally, no opa means skip; in CI (CI=true) its absence fails the suite.
const skip = !existsSync(OPA) && process.env['CI'] !== 'true';

const TEXTS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['st2timersengine --config-file /etc/st2/st2.conf', ['st2timersengine']],
  ['/opt/stackstorm/st2/bin/st2api', ['st2api']],
  ['sleep 10; exec mongod --replSet rs0', ['mongodb']],
  ['python -m st2reactor.cmd.timersengine', ['st2timersengine']],
  ['python /opt/stackstorm/st2/lib/python3.8/site-packages/st2reactor/cmd/sensormanager.py', ['st2sensorcontainer']],
  ['st2actions.cmd.scheduler.py', ['st2scheduler']],
  ['python -c "from st2reactor.cmd import garbagecollector; garbagecollector.main()"', ['st2garbagecollector']],
  ['python -c "from\tst2auth.cmd  import api"', ['st2auth']],
  ['python -c "from st2reactor.cmd import nothing"', []],
  ['kubectl rollout restart deployment/st2sensorcontainer', []],
  ['kubectl exec st2-0 -- st2timersengine', ['st2timersengine']],
  ['kubectl run x --image st2actionrunner', ['st2actionrunner']],
  ['nohup st2notifier & kubectl scale deploy/st2api --replicas=2', ['st2notifier']],
  ['st2rulesengine kubectl -- st2api', ['st2api', 'st2rulesengine']],
  ['/usr/local/bin/kubectl exec p -- etcd', ['etcd']],
  ['nc -z st2api 9101', []],
  ['nc -lke st2api 9101', ['st2api']],
  ['ncat --sh-exec st2stream', ['st2stream']],
  ['curl http://st2api:9101/v1', []],
  ['st2 --api-url http://st2api:9101 action list', []],
  ['sudo -E st2workflowengine', ['st2workflowengine']],
  ['123 st2scheduler', ['st2scheduler']],
  ['if true; then rabbitmq-server; fi', ['rabbitmq']],
  ['redis-server --port 6379 && zkServer.sh start-foreground', ['redis', 'zookeeper']],
  ['echo st2 is fine', []],
  ['exec "st2chatops"', []],
  ['env X=1 st2garbagecollector', ['st2garbagecollector']],
  ['', []],
  ['__proto__', []],
];


describe('command text roles', () => {
  it.each(TEXTS)('GIVEN %j WHEN read THEN its roles are %j', (text, roles) => {
    expect(textRoles(text)).toEqual(roles);
  });

  it.skipIf(skip)('GIVEN the texts WHEN read by the policy without the fact THEN it reads the same roles', () => {
    const query = 'x := [sort(data.st2.lib.text_roles(t)) | some t in input.texts]';
    const texts = TEXTS.map(([t]) => t);
    const out = execFileSync(OPA, ['eval', '--format', 'json', '--stdin-input', '-d', path.join(repoRoot, 'policies'), query], { input: JSON.stringify({ texts, facts: {} }), encoding: 'utf8' });
    const policy = (JSON.parse(out) as { result: Array<{ bindings: { x: string[][] } }> }).result[0]?.bindings.x;
    expect(policy).toEqual(texts.map(textRoles));
  });

  it('GIVEN mounted scripts WHEN collected THEN each distinct ASCII text is listed once with its roles', () => {
    const table = collectScriptTextRoles({ '0': [{ text: 'exec st2auth' }, { text: 'sleep 1' }], '3': [{ text: 'exec st2auth' }, { text: 'st2api ✓' }] });
    expect([...table]).toEqual([
      ['exec st2auth', ['st2auth']],
      ['sleep 1', []],
    ]);
  });
});
