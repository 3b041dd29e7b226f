/**
 * Commands whose output is a store's contents (a dump): what command-effects.ts
 * reports as an upload of a `store-dump` when it reaches a sender.
 */
import { programIndex, programName, type SimpleCommand } from './shell-words.js';

/** Programs whose output is a store's contents. */
const DUMPERS = new Set(['mongodump', 'mongoexport', 'pg_dump', 'redis-cli', 'etcdctl', 'rabbitmqadmin', 'rabbitmqctl', 'kubectl', 'tar', 'gzip', 'zstd', 'xz', 'bzip2']);
/** Dump subcommands of the programs that also do other things (etcdctl get and rabbitmqadmin get read keys and messages). */
const DUMP_FORMS: Readonly<Record<string, RegExp>> = {
  'redis-cli': /^--rdb$/,
  etcdctl: /^snapshot$|^get$/,
  rabbitmqadmin: /^export$|^get$/,
  rabbitmqctl: /^export_definitions$/,
  kubectl: /^secrets?$|^secret\//,
};

/**
 * A store's contents read over HTTP: RabbitMQ's management API (15672, 15671 with TLS) for its
 * definitions, users, permissions, parameters or a queue's messages (rabbitmq.com/docs/management,
 * HTTP API), etcd's gRPC gateway range or v2 keys. Health, aliveness and overview pages are not
 * the store's data, so sending them to a status page stays a plain request.
 */
const STORE_API_READ = /:1567[12]\/api\/(?:definitions|users|permissions|topic-permissions|parameters|global-parameters|policies|queues\/\S+\/get)|:2379\/(?:v3(?:beta|alpha)?\/kv\/range|v2\/keys)/;
/** mongosh (or the legacy shell) evaluating a read and printing what it found. */
const MONGO_READ = /\.find(?:One)?\s*\(|\.aggregate\s*\(|\bEJSON\.stringify\b|\bprintjson\b|\.toArray\s*\(/;
const HTTP_CLIENTS = new Set(['curl', 'wget', 'http', 'https', 'xh']);

/** Whether a command dumps a store: a dump program in its dump form, a read of a store's HTTP API, a mongosh read. */
export function isDump(cmd: SimpleCommand): boolean {
  const k = programIndex(cmd.words);
  const prog = programName(cmd.words[k] ?? '');
  if (HTTP_CLIENTS.has(prog)) return cmd.words.slice(k + 1).some((w) => STORE_API_READ.test(w));
  if (prog === 'mongosh' || prog === 'mongo') return cmd.words.slice(k + 1).some((w) => MONGO_READ.test(w));
  if (!DUMPERS.has(prog)) return false;
  const form = DUMP_FORMS[prog];
  if (prog === 'tar' || prog === 'gzip' || prog === 'zstd' || prog === 'xz' || prog === 'bzip2') return false;
  return form === undefined || cmd.words.slice(k + 1).some((w) => form.test(w));
}

