/**
 * The twelfth red team's misses the net piece closes (test/attackers/red12),
 * rewritten as patches over the overlays with variants and safe look-alikes:
 *
 * - hostAliases in an st2 pod for a name of the render judged by its shape
 *   (ST2-OPS-007, policies/operations_host_aliases.rego): a StatefulSet
 *   member under its headless Service in every form the search path
 *   completes (`mongodb-1.mongodb`, `etcd-2.etcd-headless.st2-prod.svc`),
 *   and a Service's own `svc.ns.svc`; names of no rendered object pass;
 * - a second st2timersengine named through the shell
 *   (src/policy/shell-expansion.ts, ST2-REP-001): a variable the script
 *   assigns, a loop's value, a default, printf in backquotes, a positional
 *   parameter of `sh -c`; printing, looking up or naming another service
 *   that way passes.
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';

type Json = Record<string, unknown>;

const FIRST = '/spec/template/spec/containers/0';
const BIN = '/opt/stackstorm/st2/bin';
const CONFIG = ['/etc/st2/st2.conf', '/etc/st2/st2.docker.conf', '/etc/st2/st2.user.conf', '/etc/st2/st2.secrets.conf'].map((f) => `--config-file=${f}`).join(' ');
const DEPLOY = (name: string): Json => ({ group: 'apps', kind: 'Deployment', name });
const patch = (target: Json, ...ops: Json[]): Patch => ({ target, ops });

const aliases = (component: string, ip: string, ...hostnames: string[]): CaseBody => ({
  patches: [patch(DEPLOY(component), { op: 'add', path: '/spec/template/spec/hostAliases', value: [{ ip, hostnames }] })],
});

/** The component's container runs `sh -c SCRIPT ...rest` instead of its program (its args dropped). */
const shell = (component: string, script: string, ...rest: string[]): CaseBody => ({
  patches: [
    patch(
      DEPLOY(component),
      { op: 'replace', path: `${FIRST}/command`, value: ['/bin/sh', '-c', script, ...rest] },
      { op: 'remove', path: `${FIRST}/args` },
    ),
  ],
});

export function fresh13NetCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f13n-${id}`, cls, rule, body));
  };

  // --- hostAliases for a name of the render (ST2-OPS-007) -------------------------------------------
  add('alias-mongo-member-short', 'exposure', 'ST2-OPS-007', aliases('st2scheduler', '203.0.113.40', 'mongodb-1.mongodb'));
  add('alias-mongo-member-ns', 'exposure', 'ST2-OPS-007', aliases('st2workflowengine', '203.0.113.41', 'mongodb-2.mongodb.st2-prod'));
  add('alias-mongo-member-fqdn-dot', 'exposure', 'ST2-OPS-007', aliases('st2notifier', '203.0.113.42', 'MongoDB-0.mongodb.st2-prod.svc.cluster.local.'));
  add('alias-rabbit-member', 'exposure', 'ST2-OPS-007', aliases('st2rulesengine', '203.0.113.43', 'rabbitmq-0.rabbitmq-discovery'));
  add('alias-etcd-member-svc', 'exposure', 'ST2-OPS-007', aliases('st2scheduler', '203.0.113.44', 'etcd-1.etcd-headless.st2-prod.svc'));
  add('alias-service-svc-form', 'exposure', 'ST2-OPS-007', aliases('st2sensorcontainer', '203.0.113.45', 'st2api.st2-prod.svc'));
  add('alias-member-staging', 'exposure', 'ST2-OPS-007', { ...aliases('st2actionrunner', '203.0.113.46', 'mongodb-0.mongodb.st2-staging.svc.cluster.local'), wraps: 'staging' });
  add('safe-alias-ldap', 'exposure', undefined, aliases('st2auth', '10.40.0.12', 'ldap.corp.example.com'));
  add('safe-alias-mongo-like-outside', 'exposure', undefined, aliases('st2actionrunner', '10.40.0.13', 'mongodb-0.reporting.corp.example.com', 'mongodb-backup'));
  add('safe-alias-other-namespace-member', 'exposure', undefined, aliases('st2actionrunner', '10.40.0.14', 'mongodb-0.mongodb.analytics.svc.cluster.local'));

  // --- A second timers engine named through the shell (ST2-REP-001) --------------------------------------
  const gc = `exec ${BIN}/st2garbagecollector ${CONFIG}`;
  add('timers-exported-var', 'components', 'ST2-REP-001', shell('st2garbagecollector', `export ENGINE=st2timersengine\n${BIN}/$ENGINE ${CONFIG} &\n${gc}`));
  add('timers-loop-var', 'components', 'ST2-REP-001', shell('st2notifier', `for kind in timers; do ${BIN}/st2\${kind}engine ${CONFIG} & done; exec ${BIN}/st2notifier ${CONFIG}`));
  add('timers-default-expansion', 'components', 'ST2-REP-001', shell('st2garbagecollector', `${BIN}/st2\${EXTRA:-timers}engine ${CONFIG} & ${gc}`));
  add('timers-printf-backquotes', 'components', 'ST2-REP-001', shell('st2rulesengine', `\`printf '%s/st2%sengine' ${BIN} timers\` ${CONFIG} & exec ${BIN}/st2rulesengine ${CONFIG}`));
  add('timers-positional-args', 'components', 'ST2-REP-001', shell('st2garbagecollector', `${BIN}/st2\${2}engine ${CONFIG} & exec ${BIN}/st2\${1} ${CONFIG}`, 'sh', 'garbagecollector', 'timers'));
  add('timers-eval', 'components', 'ST2-REP-001', { ...shell('st2garbagecollector', `t=timers; eval ${BIN}/st2\${t}engine ${CONFIG} & ${gc}`), wraps: 'staging' });
  add('safe-timers-name-printed', 'components', undefined, shell('st2garbagecollector', `t=timers; echo "no st2\${t}engine here"; printf '%s\\n' st2\${t}engine; ${gc}`));
  add('safe-var-names-own-service', 'components', undefined, shell('st2garbagecollector', `svc=garbagecollector; exec ${BIN}/st2\${svc} ${CONFIG}`));
  add('safe-positional-own-service', 'components', undefined, shell('st2notifier', `exec ${BIN}/st2\${1} ${CONFIG}`, 'sh', 'notifier'));
  add('safe-lookup-only', 'components', undefined, shell('st2garbagecollector', `t=timers; command -v st2\${t}engine >/dev/null || true; ${gc}`));
  return cases;
}
