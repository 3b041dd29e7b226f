/**
 * The fourteenth attacker's holes that I closed myself, kept in our own words
 * (`f14m-*`), each with safe look-alikes:
 *
 * - the cluster's built-in ClusterRoles and ClusterRoleBindings (cluster-admin,
 *   admin, edit, view, system:*) redefined by the render, from any environment:
 *   what they then grant goes to everyone already bound to them, st2's
 *   namespaces included (ST2-OPS-006);
 * - an Argo CD hook wiping RabbitMQ through rabbitmqadmin or the management
 *   HTTP API (a vhost, st2's queues, a loop over every queue), or replacing
 *   st2's database with mongorestore --drop (ST2-OPS-046).
 */
import type { RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import type { Json } from './targets.js';

const RBAC = 'rbac.authorization.k8s.io/v1';
const clusterRole = (name: string, rules: Json[], annotations: Record<string, string> = { 'rbac.authorization.kubernetes.io/autoupdate': 'false' }): Json =>
  ({ apiVersion: RBAC, kind: 'ClusterRole', metadata: { name, annotations }, rules });
const READ_EVERYTHING = [{ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch'] }];
const READ_SECRETS = [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }];
const LIM = { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } };
/** A PostSync hook Job running a shell script with the RabbitMQ or MongoDB password in $P. */
const hook = (name: string, image: string, script: string, secret: readonly [string, string] = ['rabbitmq', 'rabbitmq-password']): Json => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name, annotations: { 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' } },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name, image, command: ['sh', '-c', script], env: [{ name: 'P', valueFrom: { secretKeyRef: { name: secret[0], key: secret[1] } } }], resources: LIM }] } } },
});
const MQ = 'rabbitmq:3.13.7-management';
const MONGO_TOOLS = 'mongo:4.4.29';
const READ_PODS = [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] }];

export function fresh14MineCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, cls: RedTeamCase['cls'], rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f14m-${id}`, cls, rule, body));
  };

  // --- Built-in RBAC redefined (ST2-OPS-006) -------------------------------------------------------
  add('builtin-view-reads-everything', 'access', 'ST2-OPS-006', { resources: [clusterRole('view', READ_EVERYTHING)] });
  add('builtin-edit-from-staging', 'access', 'ST2-OPS-006', { wraps: 'staging', resources: [clusterRole('edit', READ_SECRETS)] });
  add('builtin-basic-user-from-dev', 'access', 'ST2-OPS-006', { wraps: 'dev', resources: [clusterRole('system:basic-user', READ_SECRETS)] });
  add('builtin-public-info-from-dev', 'access', 'ST2-OPS-006', { wraps: 'dev', resources: [clusterRole('system:public-info-viewer', READ_SECRETS, {})] });
  add('builtin-binding-basic-user', 'access', 'ST2-OPS-006', {
    resources: [{ apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: 'system:basic-user' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'st2-secrets-reader' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:authenticated' }] },
      clusterRole('st2-secrets-reader', READ_SECRETS, {})],
  });
  add('safe-own-view-role', 'access', undefined, { resources: [clusterRole('st2-view', READ_PODS, {})] });
  add('safe-own-role-bound-to-view-name', 'access', undefined, {
    resources: [clusterRole('st2-log-reader', READ_PODS, {}),
      { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: 'st2-operators-view' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'st2-operators' }] }],
  });

  // --- Stores wiped by admin tools in a hook (ST2-OPS-046) -----------------------------------------
  add('mq-delete-every-queue', 'availability', 'ST2-OPS-046', { resources: [hook('mq-tidy', MQ, 'for q in $(rabbitmqadmin -H rabbitmq -u admin -p "$P" -f bash list queues name); do rabbitmqadmin -H rabbitmq -u admin -p "$P" delete queue name=$q; done')] });
  add('mq-delete-vhost', 'availability', 'ST2-OPS-046', { resources: [hook('mq-fresh-vhost', MQ, 'rabbitmqadmin -H rabbitmq -u admin -p "$P" delete vhost name=/ && rabbitmqadmin -H rabbitmq -u admin -p "$P" declare vhost name=/')] });
  add('mq-api-purge-st2-queues', 'availability', 'ST2-OPS-046', { resources: [hook('mq-drain', 'curlimages/curl:8.11.1', 'for q in st2.actionrunner.req st2.workflow.work; do curl -s -u admin:$P -X DELETE http://rabbitmq:15672/api/queues/%2F/$q/contents; done')] });
  add('mq-api-delete-vhost', 'availability', 'ST2-OPS-046', { resources: [hook('mq-reset-api', 'curlimages/curl:8.11.1', 'curl -s -u admin:$P --request DELETE http://rabbitmq:15672/api/vhosts/%2F')] });
  add('mongo-restore-drop', 'availability', 'ST2-OPS-046', { resources: [hook('db-refresh', MONGO_TOOLS, 'mongorestore --host mongodb -u admin -p "$P" --authenticationDatabase admin --drop --gzip --archive=/seed/st2.archive.gz', ['mongodb-admin', 'password'])] });
  add('safe-mq-list-queues', 'availability', undefined, { resources: [hook('mq-report', MQ, 'rabbitmqadmin -H rabbitmq -u admin -p "$P" -f tsv list queues name messages consumers')] });
  add('safe-mq-delete-own-queue', 'availability', undefined, { resources: [hook('mq-tmp-cleanup', MQ, 'rabbitmqadmin -H rabbitmq -u admin -p "$P" delete queue name=reports.tmp')] });
  add('safe-mongo-restore-no-drop', 'availability', undefined, { resources: [hook('db-seed-check', MONGO_TOOLS, 'mongodump --host mongodb -u admin -p "$P" --authenticationDatabase admin --gzip --archive=/tmp/st2.archive.gz && ls -l /tmp/st2.archive.gz', ['mongodb-admin', 'password'])] });
  return cases;
}
