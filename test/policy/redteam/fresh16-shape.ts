/**
 * The sixteenth red team's shape holes (test/attackers/red16: job, stsname,
 * uid), rewritten with variants and safe look-alikes:
 *
 * - st2's content and RBAC Jobs that start no pod (ST2-OPS-081): suspended,
 *   at parallelism 0 or completions 0 (the Job controller's wantActive is 0),
 *   or handed to another controller by managedBy; packs are never registered
 *   and roles never loaded;
 * - StatefulSet identity (ST2-REP-014): spec.ordinals.start renumbers the
 *   pods, so mongodb-0 / etcd-0 vanish while rs.initiate and --initial-cluster
 *   still list them; a serviceName that is no headless Service of the render
 *   (renamed, or the governing Service made a ClusterIP one) removes the
 *   <pod>.<service> DNS names the members reach each other by;
 * - st2web's image under any uid but root (ST2-OPS-062): its command writes
 *   /etc/nginx/conf.d/st2.conf (root's directory, st2-dockerfiles
 *   st2web/Dockerfile) before it execs nginx, so the container exits.
 *
 * Safe: the defaults written out (suspend false, ordinals.start 0, root, the
 * default Job controller), more retries, OnDelete updates, an extra group,
 * a renamed governing Service that exists headless with every URL following
 * it, st2api under st2's uid.
 */
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { DEPLOY, FIRST, SPEC, STS, add, patch, replace, type Json } from './targets.js';

const JOB = (name: string): Json => ({ group: 'batch', kind: 'Job', name });
const jobSpec = (name: string, field: string, value: unknown): Patch => patch(JOB(name), add(`/spec/${field}`, value));
const REGISTER = 'st2-register-content';
const RBAC = 'st2-apply-rbac-definitions';

/** etcd's peer flags (command items 5, 6 and 7 of the base) over another governing Service. */
const etcdUnder = (service: string): Patch =>
  patch(
    STS('etcd'),
    replace('/spec/serviceName', service),
    replace(`${FIRST}/command/5`, `--initial-advertise-peer-urls=http://$(POD_NAME).${service}:2380`),
    replace(`${FIRST}/command/6`, `--advertise-client-urls=http://$(POD_NAME).${service}:2379`),
    replace(`${FIRST}/command/7`, `--initial-cluster=${[0, 1, 2].map((k) => `etcd-${k}=http://etcd-${k}.${service}:2380`).join(',')}`),
  );
const headless = (name: string): Json => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, labels: { app: 'etcd' } },
  spec: { clusterIP: 'None', publishNotReadyAddresses: true, selector: { app: 'etcd' }, ports: [{ name: 'peer', port: 2380, targetPort: 2380 }, { name: 'client', port: 2379, targetPort: 2379 }] },
});

export function fresh16ShapeCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add16 = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f16s-${id}`, cls, rule, body));
  };
  const OPS081 = 'ST2-OPS-081';
  const REP014 = 'ST2-REP-014';
  const OPS062 = 'ST2-OPS-062';

  // --- Content and RBAC Jobs that start no pod (ST2-OPS-081) ---------------------------------------
  add16('register-suspended', 'never-runs', OPS081, { patches: [jobSpec(REGISTER, 'suspend', true)] });
  add16('rbac-suspended', 'never-runs', OPS081, { patches: [jobSpec(RBAC, 'suspend', true)] });
  add16('rbac-suspended-staging', 'never-runs', OPS081, { wraps: 'staging', patches: [jobSpec(RBAC, 'suspend', true)] });
  add16('register-parallelism-zero', 'never-runs', OPS081, { patches: [jobSpec(REGISTER, 'parallelism', 0)] });
  add16('rbac-completions-zero', 'never-runs', OPS081, { patches: [jobSpec(RBAC, 'completions', 0)] });
  add16('register-other-controller', 'never-runs', OPS081, { patches: [jobSpec(REGISTER, 'managedBy', 'kueue.x-k8s.io/multikueue')] });
  add16('register-suspend-false', 'never-runs', undefined, { patches: [jobSpec(REGISTER, 'suspend', false)] });
  add16('register-more-retries', 'never-runs', undefined, { patches: [patch(JOB(REGISTER), add('/spec/backoffLimit', 6), add('/spec/parallelism', 1), add('/spec/completions', 1))] });
  add16('rbac-default-controller', 'never-runs', undefined, { patches: [jobSpec(RBAC, 'managedBy', 'kubernetes.io/job-controller')] });
  add16('rbac-kept-ten-minutes', 'never-runs', undefined, { patches: [jobSpec(RBAC, 'ttlSecondsAfterFinished', 600)] });

  // --- StatefulSet identity: ordinals and the governing Service (ST2-REP-014) ----------------------
  add16('mongodb-ordinals-one', 'availability', REP014, { patches: [patch(STS('mongodb'), add('/spec/ordinals', { start: 1 }))] });
  add16('etcd-ordinals-one', 'availability', REP014, { patches: [patch(STS('etcd'), add('/spec/ordinals', { start: 1 }))] });
  add16('etcd-ordinals-ten-staging', 'availability', REP014, { wraps: 'staging', patches: [patch(STS('etcd'), add('/spec/ordinals', { start: 10 }))] });
  add16('rabbitmq-ordinals-one', 'availability', REP014, { patches: [patch(STS('rabbitmq'), add('/spec/ordinals', { start: 1 }))] });
  add16('etcd-service-renamed', 'availability', REP014, { patches: [patch(STS('etcd'), replace('/spec/serviceName', 'etcd-peers'))] });
  add16('etcd-service-renamed-urls-follow', 'availability', REP014, { patches: [etcdUnder('etcd-peers')] });
  add16('mongodb-service-not-headless', 'availability', REP014, { patches: [patch({ kind: 'Service', name: 'mongodb' }, { op: 'remove', path: '/spec/clusterIP' })] });
  add16('mongodb-ordinals-zero', 'availability', undefined, { patches: [patch(STS('mongodb'), add('/spec/ordinals', { start: 0 }))] });
  add16('etcd-ordinals-zero', 'availability', undefined, { patches: [patch(STS('etcd'), add('/spec/ordinals', { start: 0 }))] });
  add16('mongodb-on-delete', 'availability', undefined, { patches: [patch(STS('mongodb'), replace('/spec/updateStrategy', { type: 'OnDelete' }))] });
  add16('etcd-service-renamed-and-created', 'availability', undefined, { patches: [etcdUnder('etcd-peers')], resources: [headless('etcd-peers')] });

  // --- st2web's image under another uid (ST2-OPS-062) --------------------------------------------
  const webSc = (path: string, value: unknown): Patch => patch(DEPLOY('st2web'), add(path, value));
  add16('web-uid-1000-non-root', 'never-runs', OPS062, { patches: [webSc(`${SPEC}/securityContext/runAsUser`, 1000), webSc(`${SPEC}/securityContext/runAsNonRoot`, true)] });
  add16('web-container-uid-101', 'never-runs', OPS062, { patches: [webSc(`${FIRST}/securityContext/runAsUser`, 101)] });
  add16('web-uid-1000-staging', 'never-runs', OPS062, { wraps: 'staging', patches: [webSc(`${SPEC}/securityContext/runAsUser`, 1000)] });
  add16('web-extra-group', 'never-runs', undefined, { patches: [webSc(`${SPEC}/securityContext/supplementalGroups`, [1000])] });
  add16('web-root-written-out', 'never-runs', undefined, { patches: [webSc(`${FIRST}/securityContext/runAsUser`, 0)] });
  add16('api-uid-1000-non-root', 'never-runs', undefined, { patches: [patch(DEPLOY('st2api'), add(`${SPEC}/securityContext/runAsUser`, 1000), add(`${SPEC}/securityContext/runAsNonRoot`, true))] });
  return cases;
}
