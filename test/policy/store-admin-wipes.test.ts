/**
 * Admin-tool commands that destroy a store's data (store-admin-wipes.ts):
 * rabbitmqadmin, RabbitMQ's management API by curl or wget, mongorestore --drop;
 * and the look-alikes that read, declare or touch other queues.
 */
import { describe, expect, it } from 'vitest';
import { storeAdminWipe } from '../../src/policy/store-admin-wipes.js';

const CASES: ReadonlyArray<readonly [string, string, string | undefined]> = [
  ['rabbitmqadmin', '-H rabbitmq -u admin -p "$P" delete vhost name=/', 'delete vhost'],
  ['rabbitmqadmin', '-H rabbitmq delete queue name=$q', 'delete queue'],
  ['rabbitmqadmin', 'purge queue name=st2.actionrunner.work', 'purge queue'],
  ['rabbitmqadmin', 'delete queue name=reports.tmp', undefined],
  ['rabbitmqadmin', '-f bash list queues name', undefined],
  ['rabbitmqadmin', 'declare vhost name=/', undefined],
  ['rabbitmqadmin', 'export /backup/definitions.json', undefined],
  ['curl', '-s -u admin:$P -X DELETE http://rabbitmq:15672/api/queues/%2F/st2.workflow.work/contents', 'DELETE /api/queues contents'],
  ['curl', '-XDELETE http://rabbitmq:15672/api/queues/%2F/$q', 'DELETE /api/queues'],
  ['curl', '--request DELETE http://rabbitmq:15672/api/vhosts/%2F', 'DELETE /api/vhosts'],
  ['wget', '--method=DELETE http://rabbitmq:15672/api/vhosts/st2', 'DELETE /api/vhosts'],
  ['curl', '-s -u admin:$P http://rabbitmq:15672/api/queues/%2F/st2.workflow.work', undefined],
  ['curl', '-X DELETE http://rabbitmq:15672/api/queues/%2F/reports.tmp', undefined],
  ['curl', '-X PUT http://rabbitmq:15672/api/vhosts/%2F', undefined],
  ['mongorestore', '--host mongodb --drop --archive=/tmp/a', 'restore --drop'],
  ['mongorestore', '--host mongodb --archive=/backup/st2.archive', undefined],
  ['mongodump', '--host mongodb --archive=/backup/st2.archive', undefined],
];

describe('store admin wipes', () => {
  it.each(CASES)('GIVEN %s %s WHEN judged THEN it wipes %j', (prog, args, wipe) => {
    expect(storeAdminWipe(prog, args.split(' '))).toBe(wipe);
  });
});
