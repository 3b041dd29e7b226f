/**
 * The twentieth red team's encoding and digest misses (test/attackers/red20: f02-default-b85,
 * f03-default-b32hex, f51-mongo-b32hex, f57-b32-lower-nopad, f27-md5-hex-default,
 * f53-sha256-hex-default, f54-sha1-hex-rmq, f56-mongo-scram-salted), as patches over prod and
 * staging. A published default (ST2-SEC-001) written:
 *   - in base85 (10 characters for an 8-character default), RFC 4648 base32hex, or base32 in
 *     lower case without padding;
 *   - as its bare md5/sha1/sha256/sha512 digest (hex, base64): a verifier for it;
 *   - as MongoDB's SCRAM-SHA-1 pre-digest, md5hex(user + ":mongo:" + password).
 * In a ConfigMap, an annotation and an env value. Safe: a random 32-hex value, a sha256 of a
 * non-default string, a base32hex of random bytes. Encodings computed here with node's crypto
 * and Buffer (python3 base64 vectors in decode-layers-20.test.ts).
 */
import { createHash } from 'node:crypto';
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';
import { base85 } from '../base85-writer.js';

type Json = Record<string, unknown>;

const FIRST = '/spec/template/spec/containers/0';
const ST2CLIENT = { group: 'apps', kind: 'Deployment', name: 'st2client' };
const patch = (target: Json, ...ops: Json[]): Patch => ({ target, ops });
const configMap = (name: string, data: Record<string, string>): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

const ST2 = 'Ch@ngeMe';
const MONGO = 'XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK';
const RMQ = '9jS+w1u07NbHtZke1m+jW4Cj';

const hex = (algorithm: string, text: string): string => createHash(algorithm).update(text).digest('hex');
const b32 = (text: string, alphabet: string): string => {
  let bits = '';
  for (const b of Buffer.from(text)) bits += b.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out + '='.repeat((8 - (out.length % 8)) % 8);
};
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B32HEX = '0123456789ABCDEFGHIJKLMNOPQRSTUV';

export function fresh20EncCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const SEC001 = 'ST2-SEC-001';
  const add = (id: string, rule: string | undefined, value: string): void => {
    const where: Array<readonly [string, CaseBody]> = [
      ['cm', { resources: [configMap('notes-20', { v: value })] }],
      ['cm-staging', { wraps: 'staging', resources: [configMap('notes-20', { v: value })] }],
      ['annotation', { patches: [patch(ST2CLIENT, { op: 'add', path: '/metadata/annotations', value: { 'example.com/check': value } })] }],
      ['env-staging', { wraps: 'staging', patches: [patch(ST2CLIENT, { op: 'add', path: `${FIRST}/env/-`, value: { name: 'CHECK', value } })] }],
    ];
    for (const [at, body] of where) cases.push(bodyCase(`f20e-${id}-${at}`, 'secrets', rule, body));
  };
  add('b85-st2', SEC001, base85(Buffer.from(ST2), 'rfc1924'));
  add('a85-st2', SEC001, base85(Buffer.from(ST2), 'ascii85'));
  add('b32hex-st2', SEC001, b32(ST2, B32HEX));
  add('b32hex-mongo-lower', SEC001, b32(MONGO, B32HEX).toLowerCase());
  add('b32-lower-nopad-st2', SEC001, b32(ST2, B32).toLowerCase().replace(/=+$/, ''));
  add('md5-hex-st2', SEC001, hex('md5', ST2));
  add('sha1-hex-upper-rmq', SEC001, hex('sha1', RMQ).toUpperCase());
  add('sha256-hex-st2', SEC001, hex('sha256', ST2));
  add('sha512-b64-mongo', SEC001, createHash('sha512').update(MONGO).digest('base64'));
  add('mongo-scram-digest', SEC001, hex('md5', `st2-admin:mongo:${MONGO}`));
  add('safe-random-32hex', undefined, '3f9a1c77e0b24d5e8a6b1f2c9d0e4a7b');
  add('safe-sha256-fresh', undefined, hex('sha256', 'fresh-not-default-5512'));
  add('safe-b32hex-random', undefined, 'JGFKSALGFKPLDQ0Q');
  return cases;
}
