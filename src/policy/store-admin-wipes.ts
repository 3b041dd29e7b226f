/**
 * Store commands that destroy data through an admin tool rather than the
 * store's own shell (the fourteenth red team), judged by store-wipe-commands.ts
 * as a `store-wipe` (ST2-OPS-046):
 *
 * - rabbitmqadmin `delete vhost` (every queue, exchange, binding, message and
 *   permission of the vhost goes; st2 then gets ACCESS_REFUSED), and `delete
 *   queue` / `purge queue` of one of st2's queues (all are named st2.*:
 *   st2common/transport/queues.py) or of a queue named by a variable (a loop
 *   over `list queues`);
 * - the same through RabbitMQ's management HTTP API: an HTTP DELETE of
 *   /api/vhosts/<vhost>, or of /api/queues/<vhost>/<queue>[/contents] (purge);
 * - `mongorestore --drop`: every collection in the archive is dropped before
 *   it is restored, so st2's RBAC assignments, API keys and datastore become
 *   whatever the archive holds.
 *
 * A wipe that must exist is listed in settings.delivery.destructive_commands.
 */

/** Whether a queue argument is one of st2's queues, or any queue a variable names. */
const st2OrAnyQueue = (queue: string): boolean => queue.startsWith('st2.') || queue.includes('$');

const unquote = (w: string): string => w.replace(/["']/g, '');

/** rabbitmqadmin's `delete|purge vhost|queue name=...` as the wipe it is, or undefined. */
function rabbitmqadminWipe(args: readonly string[]): string | undefined {
  for (let i = 0; i + 1 < args.length; i++) {
    const verb = args[i];
    const object = args[i + 1];
    if (verb !== 'delete' && verb !== 'purge') continue;
    if (verb === 'delete' && object === 'vhost') return 'delete vhost';
    if (object !== 'queue') continue;
    const name = args.slice(i + 2).map(unquote).find((a) => a.startsWith('name='))?.slice('name='.length);
    if (name !== undefined && st2OrAnyQueue(name)) return `${verb} queue`;
  }
  return undefined;
}

/** The HTTP method curl or wget is told to use (GET when none). */
function httpMethod(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const a = unquote(args[i] ?? '');
    const inline = /^(?:-X|--request=|--method=)(.+)$/.exec(a);
    if (inline?.[1]) return inline[1].toUpperCase();
    if (a === '-X' || a === '--request' || a === '--method') return unquote(args[i + 1] ?? '').toUpperCase();
  }
  return 'GET';
}

/** An HTTP DELETE of a vhost, or of one of st2's queues or its contents, on RabbitMQ's management API. */
function managementApiWipe(args: readonly string[]): string | undefined {
  if (httpMethod(args) !== 'DELETE') return undefined;
  for (const a of args.map(unquote)) {
    if (/\/api\/vhosts\/[^/\s]+\/?$/.test(a)) return 'DELETE /api/vhosts';
    const queue = /\/api\/queues\/[^/\s]+\/([^/\s]+)(\/contents)?\/?$/.exec(a);
    if (queue?.[1] !== undefined && st2OrAnyQueue(decodeURIComponent(queue[1]))) return queue[2] ? 'DELETE /api/queues contents' : 'DELETE /api/queues';
  }
  return undefined;
}

/** What an admin tool's command wipes, or undefined. `args` are the program's words after its name. */
export function storeAdminWipe(prog: string, args: readonly string[]): string | undefined {
  if (prog === 'rabbitmqadmin') return rabbitmqadminWipe(args);
  if (prog === 'curl' || prog === 'wget') return managementApiWipe(args);
  if (prog === 'mongorestore' && args.some((a) => a === '--drop' || a === '--drop=true')) return 'restore --drop';
  return undefined;
}
