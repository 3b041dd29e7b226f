/**
 * Store commands that delete data through the store's own tools (judged by
 * command-effects.ts as a `store-wipe`, ST2-OPS-046): a MongoDB drop, rabbitmqctl
 * reset or a purge of one of st2's queues, etcdctl del --prefix, redis FLUSHALL, st2's
 * purge tools reaching into the present, and the admin tools of store-admin-wipes.ts.
 */
import { ECHOES } from './secret-prints.js';
import { storeAdminWipe } from './store-admin-wipes.js';

/** A store command that deletes data, by the words that say so. */
const MONGO_DROP = /\bdropDatabase\b|\bdrop_database\b|\.drop\(\s*\)|\bdropCollection\b|\bdrop_collection\b|\.(?:deleteMany|remove)\(\s*\{\s*\}\s*\)/;
const RABBIT_WIPES = new Set(['reset', 'force_reset', 'delete_vhost']);
/** Subcommands that drop a queue's messages (rabbitmqctl), judged when the queue is one of st2's (st2.*). */
const RABBIT_QUEUE_DROPS = new Set(['purge_queue', 'delete_queue']);

/**
 * Whether a queue argument names st2's queues (st2common/transport: every
 * queue st2 declares starts with `st2.`): literally, or through a variable the
 * script fills from a list naming one (`for q in st2.actionrunner.work ...`).
 */
const st2Queue = (queue: string, script: string): boolean => (queue.startsWith('st2.') || (queue.includes('$') && /(?:^|[\s"'=])st2\.[a-z]/.test(script)));
const REDIS_WIPES = new Set(['flushall', 'flushdb']);
/** st2's garbage collector keeps at least a day of history (st2 3.6+, MINIMUM_TTL_DAYS = 1). */
const MINIMUM_HISTORY_MS = 24 * 60 * 60 * 1000;

/**
 * What st2's purge tools delete beyond what st2 itself would (st2common/cmd/purge_*.py):
 * each deletes the records older than --timestamp, with no check that it is in the past.
 * With --purge-incomplete the executions in any state go, so a timestamp of now (`$(date
 * ...)` without -d/--date, or none at all) deletes running and scheduled ones. A literal
 * timestamp later than a day before the render's date deletes every record up to now (running
 * ones too with --purge-incomplete): the whole history, below the garbage collector's
 * minimum. A timestamp in the past (`-d '90 days ago'`, an older literal date) is a retention.
 */
function purgeWipe(prog: string, args: readonly string[], now: Date): string | undefined {
  if (!prog.startsWith('st2-purge-')) return undefined;
  const incomplete = args.some((a) => a === '--purge-incomplete' || a === '--purge-incomplete=True' || a === '--purge-incomplete=true');
  const what = incomplete ? 'purge-incomplete up to now' : 'purge of all history';
  const at = args.findIndex((a) => a.startsWith('--timestamp'));
  if (at < 0) return incomplete ? what : undefined;
  const stamp = args.slice(at, at + 8).join(' ');
  const literal = /\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?/.exec(stamp)?.[0];
  if (literal !== undefined && !stamp.includes('$')) {
    const when = Date.parse(/[T ]/.test(literal) ? literal.replace(' ', 'T').replace(/Z?$/, 'Z') : `${literal}T00:00:00Z`);
    return Number.isFinite(when) && when > now.getTime() - MINIMUM_HISTORY_MS ? what : undefined;
  }
  return incomplete && stamp.includes('date') && !/\s(?:-d|--date)(?:\s|=)|\bago\b/.test(stamp) ? what : undefined;
}


/** The first word after a program's options (and their values). */
function subcommand(args: readonly string[], valued: ReadonlySet<string>): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (valued.has(a)) i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/**
 * What one command wipes, in the order the gate reports it: `words` is the command as
 * written (a drop inside a mongosh --eval), `args` its arguments after the program, with
 * the script's literal variables expanded, `script` the whole script (a queue named by a
 * loop variable), `now` the render's date (st2's purge timestamps).
 */
export function storeWipes(prog: string, words: readonly string[], args: readonly string[], script: string, now: Date): string[] {
  const found: string[] = [];
  if (!ECHOES.has(prog) && words.some((w) => MONGO_DROP.test(w))) found.push('drop');
  const positional = args.filter((a) => !a.startsWith('-'));
  if (prog === 'rabbitmqctl') {
    const sub = subcommand(args, new Set(['-n', '--node', '-t', '--timeout', '-l', '--longnames']));
    if (sub !== undefined && RABBIT_WIPES.has(sub)) found.push(sub);
    if (sub !== undefined && RABBIT_QUEUE_DROPS.has(sub) && positional.slice(positional.indexOf(sub) + 1).some((q) => st2Queue(q.replace(/["']/g, ''), script))) found.push(sub);
  }
  if (prog === 'etcdctl' && positional[0] === 'del' && args.some((a) => /^--(?:prefix|from-key)(?:=true)?$/.test(a))) found.push('del --prefix');
  if (prog === 'etcdctl' && (positional[0] === 'rm' || positional[0] === 'rmdir') && args.some((a) => a === '-r' || a === '--recursive' || a === '--dir')) found.push('rm --recursive');
  if (prog === 'redis-cli' && positional.some((p) => REDIS_WIPES.has(p.toLowerCase()))) found.push('flush');
  const purge = purgeWipe(prog, args, now);
  if (purge !== undefined) found.push(purge);
  const adminWipe = storeAdminWipe(prog, args);
  if (adminWipe !== undefined) found.push(adminWipe);
  return found;
}
