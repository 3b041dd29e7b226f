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

export interface HashHit {
  readonly id: string;
  readonly encoding: 'htpasswd-sha1' | 'rabbitmq-hash';
}

export function hashHits(text: string, literals: readonly Literal[]): HashHit[] {
  const out: HashHit[] = [];
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
