/**
 * The seventeenth red team's pods that never run (test/attackers/red17 svc-env-links and
 * pn-sa-*), rewritten with variants and safe look-alikes.
 *
 * - Service links: unless the pod sets enableServiceLinks: false, the kubelet gives every
 *   container <NAME>_PORT=tcp://<cluster IP>:<port> (and _SERVICE_HOST, _SERVICE_PORT,
 *   _PORT_<port>_<PROTO>...) for each Service of its namespace with a cluster IP, the name
 *   upper-cased with dashes as underscores; a variable the container declares wins. RabbitMQ's
 *   rabbit_env.erl reads RABBITMQ_NODE_PORT and RABBITMQ_DIST_PORT (else NODE_PORT and
 *   DIST_PORT) with list_to_integer and exits on anything else; etcd 3.5 sets a flag from each
 *   ETCD_<FLAG> and exits on a value it cannot parse (ETCD_SOCKET_REUSE_PORT from a Service
 *   etcd-socket-reuse). The same unparseable value written literally is denied too (ST2-OPS-070).
 *   A headless Service, links off, a declared port, or a name no program reads pass.
 * - A packs emptyDir below what st2 3.8.1's system packs take where the kubelet counts blocks:
 *   169 files, 214,200 bytes, but at least one 4 KiB block each on ext4, XFS and tmpfs (724,992
 *   bytes; about 852 KiB with the directories on ext4): 512 KiB evicts (ST2-OPS-062). The
 *   attacker's 1 MiB holds them, and st2's images ship an empty virtualenvs directory: both pass.
 * - A serviceAccountName (or the deprecated serviceAccount) naming a ServiceAccount the pod's
 *   namespace lacks: the ServiceAccount admission plugin refuses the pod (ST2-OPS-028). default,
 *   or one the overlay renders, passes.
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { DEPLOY, FIRST, SPEC, STS, add, patch, replace, type Json } from './targets.js';

const svc = (name: string, app: string, port: number, spec: Json = {}): Json => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, labels: { app, release: 'st2' } },
  spec: { selector: { app, release: 'st2' }, ports: [{ name: 'p', port, targetPort: port }], ...spec },
});
const rabbitEnv = (name: string, value: string): Patch => patch(STS('rabbitmq'), add(`${FIRST}/env/-`, { name, value }));
const account = (target: Json, field: 'serviceAccountName' | 'serviceAccount', name: string): CaseBody => ({ patches: [patch(target, add(`${SPEC}/${field}`, name))] });

export function fresh17EnvCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const put = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`fresh17-env-${id}`, 'never-runs', rule, body));
  };
  const LINKS = 'ST2-OPS-070';

  // --- Service links RabbitMQ or etcd cannot parse ---------------------------------------------------
  put('link-rabbitmq-node', LINKS, { resources: [svc('rabbitmq-node', 'rabbitmq', 5672)] });
  put('link-rabbitmq-dist', LINKS, { resources: [svc('rabbitmq-dist', 'rabbitmq', 25672)] });
  // The unprefixed fallback: a Service named node, selecting other pods entirely.
  put('link-bare-node-other-pods', LINKS, { resources: [svc('node', 'st2api', 9101)] });
  put('link-etcd-socket-reuse', LINKS, { resources: [svc('etcd-socket-reuse', 'etcd', 2379)] });
  put('link-staging-dist', LINKS, { wraps: 'staging', resources: [svc('rabbitmq-dist', 'rabbitmq', 25672)] });
  put('written-node-port-url', LINKS, { patches: [rabbitEnv('RABBITMQ_NODE_PORT', 'tcp://10.96.0.12:5672')] });
  put('written-bare-dist-port-name', LINKS, { patches: [rabbitEnv('DIST_PORT', 'erlang-dist')] });
  // Look-alikes: headless, links off, the port declared, names nothing reads.
  put('link-headless-ok', undefined, { resources: [svc('rabbitmq-node', 'rabbitmq', 5672, { clusterIP: 'None' })] });
  put('link-off-ok', undefined, { resources: [svc('rabbitmq-node', 'rabbitmq', 5672)], patches: [patch(STS('rabbitmq'), add(`${SPEC}/enableServiceLinks`, false))] });
  put('link-declared-port-ok', undefined, { resources: [svc('rabbitmq-dist', 'rabbitmq', 25672)], patches: [rabbitEnv('RABBITMQ_DIST_PORT', '25672')] });
  put('link-bare-shadowed-ok', undefined, { resources: [svc('dist', 'rabbitmq', 25672)], patches: [rabbitEnv('RABBITMQ_DIST_PORT', '25672')] });
  put('link-rabbitmq-prometheus-ok', undefined, { resources: [svc('rabbitmq-prometheus', 'rabbitmq', 15692)] });
  put('link-etcd-client-ok', undefined, { resources: [svc('etcd-client', 'etcd', 2379)] });
  put('written-node-port-number-ok', undefined, { patches: [rabbitEnv('RABBITMQ_NODE_PORT', '5672')] });

  // --- packs volumes: blocks, not bytes ------------------------------------------------------------
  const emptyDir = (target: Json, k: number, sizeLimit: string): CaseBody => ({ patches: [patch(target, replace(`${SPEC}/volumes/${k}/emptyDir`, { sizeLimit }))] });
  put('packs-512ki-api', 'ST2-OPS-062', emptyDir(DEPLOY('st2api'), 2, '512Ki'));
  put('packs-700ki-runner-staging', 'ST2-OPS-062', { wraps: 'staging', ...emptyDir(DEPLOY('st2actionrunner'), 3, '700Ki') });
  put('packs-1mi-api-ok', undefined, emptyDir(DEPLOY('st2api'), 2, '1Mi'));
  put('virtualenvs-1mi-runner-ok', undefined, emptyDir(DEPLOY('st2actionrunner'), 4, '1Mi'));

  // --- ServiceAccounts the namespace lacks --------------------------------------------------------
  const SA = 'ST2-OPS-028';
  put('sa-missing-api', SA, account(DEPLOY('st2api'), 'serviceAccountName', 'st2api'));
  put('sa-missing-rabbitmq', SA, account(STS('rabbitmq'), 'serviceAccountName', 'rabbitmq'));
  put('sa-deprecated-field-timers', SA, account(DEPLOY('st2timersengine'), 'serviceAccount', 'st2-timers'));
  put('sa-missing-staging-runner', SA, { wraps: 'staging', ...account(DEPLOY('st2actionrunner'), 'serviceAccountName', 'st2-runner') });
  put('sa-default-ok', undefined, account(DEPLOY('st2api'), 'serviceAccountName', 'default'));
  put('sa-rendered-ok', undefined, {
    resources: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'st2-sensors' }, automountServiceAccountToken: false }],
    ...account(DEPLOY('st2sensorcontainer'), 'serviceAccountName', 'st2-sensors'),
  });
  return cases;
}
