/**
 * Password hashes that verify a published default: an htpasswd {SHA} entry
 * (what st2auth's flat_file backend reads) or a RabbitMQ definitions
 * password_hash (base64 of a 4-byte salt and the salted SHA-256, SHA-512 or
 * MD5) whose password is a chart default is the default password itself:
 * anyone logs in with it. Only the literal's id leaves this module.
 */
import { createHash } from 'node:crypto';
import type { Literal } from './literals.js';

const HTPASSWD_SHA = /\{SHA\}([A-Za-z0-9+/]{27}=)/g;
const RABBITMQ_HASH = /"password_hash"\s*:\s*"([A-Za-z0-9+/]{24,}={0,2})"/g;
const SALTED: ReadonlyArray<readonly [number, string]> = [
  [32, 'sha256'],
  [64, 'sha512'],
  [16, 'md5'],
];

export type DigestKind = 'md5' | 'sha1' | 'sha256' | 'sha512' | 'mongodb-scram-digest';

export interface HashHit {
  readonly id: string;
  readonly encoding: 'htpasswd-sha1' | 'rabbitmq-hash' | DigestKind;
}

const PLAIN_DIGESTS: readonly DigestKind[] = ['md5', 'sha1', 'sha256', 'sha512'];
// MongoDB's SCRAM-SHA-1 pre-digest, md5hex(user + ":mongo:" + password) (mongo/db/auth/
// sasl_scram_* createPasswordDigest), under the user names the charts give MongoDB:
// mongodb-ha.auth.adminUser "admin", Bitnami mongodb.auth.username "st2-admin" and its
// root user "root" (reference/stackstorm-ha.md).
const MONGO_USERS = ['admin', 'st2-admin', 'root'];
// Hex (32, 40, 64, 128) and base64 (padded and not) lengths of those digests: only a text of
// one of these lengths is looked up, so most texts cost one Set probe.
const DIGEST_LENGTHS = new Set([32, 40, 64, 128, 24, 22, 28, 27, 44, 43, 88, 86]);

type DigestTable = ReadonlyMap<string, ReadonlyArray<{ readonly id: string; readonly encoding: DigestKind }>>;
// Built once per literal list (the engine's chart defaults), never per text.
const tables = new WeakMap<readonly Literal[], DigestTable>();

function digestTable(literals: readonly Literal[]): DigestTable {
  let table = tables.get(literals);
  if (table !== undefined) return table;
  const map = new Map<string, Array<{ id: string; encoding: DigestKind }>>();
  const add = (digest: Buffer, id: string, encoding: DigestKind): void => {
    const b64 = digest.toString('base64');
    for (const key of new Set([digest.toString('hex'), b64, b64.replace(/=+$/, '')])) {
      const list = map.get(key) ?? [];
      list.push({ id, encoding });
      map.set(key, list);
    }
  };
  for (const l of literals) {
    for (const kind of PLAIN_DIGESTS) add(createHash(kind).update(l.value, 'utf8').digest(), l.id, kind);
    for (const user of MONGO_USERS) add(createHash('md5').update(`${user}:mongo:${l.value}`, 'utf8').digest(), l.id, 'mongodb-scram-digest');
  }
  table = map;
  tables.set(literals, table);
  return table;
}

/** A bare md5/sha1/sha256/sha512 digest (hex in either case, or base64) of a literal, or its MongoDB pre-digest. */
function digestHits(text: string, literals: readonly Literal[]): HashHit[] {
  let t = text;
  if (!DIGEST_LENGTHS.has(t.length)) {
    t = text.trim();
    if (t.length === text.length || !DIGEST_LENGTHS.has(t.length)) return [];
  }
  const table = digestTable(literals);
  return [...(table.get(t) ?? table.get(t.toLowerCase()) ?? [])];
}

export function hashHits(text: string, literals: readonly Literal[]): HashHit[] {
  const out: HashHit[] = digestHits(text, literals);
  if (text.includes('{SHA}')) {
    for (const m of text.matchAll(HTPASSWD_SHA)) {
      for (const l of literals) {
        if (createHash('sha1').update(l.value, 'utf8').digest('base64') === m[1]) out.push({ id: l.id, encoding: 'htpasswd-sha1' });
      }
    }
  }
  if (text.includes('password_hash')) {
    for (const m of text.matchAll(RABBITMQ_HASH)) {
      const bytes = Buffer.from(m[1] ?? '', 'base64');
      const salt = bytes.subarray(0, 4);
      for (const [size, algorithm] of SALTED) {
        if (bytes.length !== 4 + size) continue;
        for (const l of literals) {
          const digest = createHash(algorithm).update(Buffer.concat([salt, Buffer.from(l.value, 'utf8')])).digest();
          if (digest.equals(bytes.subarray(4))) out.push({ id: l.id, encoding: 'rabbitmq-hash' });
        }
      }
    }
  }
  return out;
}
