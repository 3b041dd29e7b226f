/**
 * The twenty-first attacker's two smaller holes. A Secret committed beside the
 * ExternalSecret that fills it (f4-staging-planted*-secret, ST2-OPS-072): External Secrets
 * Operator rewrites its target on every refresh and Argo CD writes git's copy back, so the
 * value flips. And st2auth at one replica in production (f2-prod-st2auth-1, ST2-REP-005): the
 * chart's generate-htpasswd init container (the st2auth image running printf and openssl)
 * was counted as a second st2auth. Look-alikes: a Secret of another name, two st2auth replicas.
 */
import type { RedTeamCase, Wrapped } from './corpus.js';
import { bodyCase } from './case-body.js';

const committed = (name: string): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name },
  type: 'Opaque',
  stringData: { 'rabbitmq-password': 'Qm7kept21x9TzW4pLr', 'rabbitmq-erlang-cookie': 'Qm7kept21cookieN3vB8' },
});
const st2auth = (count: number): string[] => ['replicas:', '  - name: st2auth', `    count: ${count}`];

export function fresh21WritersCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: Parameters<typeof bodyCase>[3], wraps: Wrapped): void => {
    cases.push(bodyCase(`f21w-${id}`, cls, rule, { wraps, ...body }));
  };
  add('staging-rabbitmq-secret-beside-its-external-secret', 'secrets', 'ST2-OPS-072', { resources: [committed('rabbitmq')] }, 'staging');
  add('prod-rabbitmq-secret-beside-its-external-secret', 'secrets', 'ST2-OPS-072', { resources: [committed('rabbitmq')] }, 'prod');
  add('safe-staging-secret-of-its-own-name', 'secrets', undefined, { resources: [committed('rabbitmq-load-test')] }, 'staging');
  add('prod-st2auth-one-replica', 'components', 'ST2-REP-005', { extra: st2auth(1) }, 'prod');
  add('safe-prod-st2auth-two-replicas', 'components', undefined, { extra: st2auth(2) }, 'prod');
  return cases;
}
