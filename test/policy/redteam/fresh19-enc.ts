/**
 * The nineteenth red team's secret-encodings misses (test/attackers/red19:
 * f06-lz4-*, f06-raw-deflate-mongo, f06-openssl-aes, f06-aes-mongo-keyfile-live,
 * f06-openssl-raw-key), rewritten as patches over prod with variants and safe
 * look-alikes. Each is a published default (ST2-SEC-001) that the render
 * itself turns back:
 *   - in an LZ4 frame (`lz4 -dc`; src/policy/lz4-frames.ts), in Secret data or
 *     echoed into a script;
 *   - as raw deflate in a script that inflates raw deflate itself (Python's
 *     zlib.decompress(…, -15), PHP's gzinflate);
 *   - encrypted by `openssl enc` with the passphrase (`-pass pass:`, `-k`) or
 *     the raw key and IV (`-K`/`-iv`) written in the same text
 *     (src/policy/openssl-enc.ts).
 * The blobs were made with the real lz4 1.9.4 and OpenSSL 3.0.19.
 *
 * Safe: the same shapes holding fresh values, and an encrypted default whose
 * key the render does not carry (from the environment, a mounted key file):
 * without the key the repository does not give the default away
 * (docs/trust-model.md). A blob whose key takes more than 200000 PBKDF2
 * rounds is a value the search cannot finish (ST2-SEC-009).
 */
import { deflateRawSync } from 'node:zlib';
import type { Patch, RedTeamCase } from './corpus.js';
import { bodyCase, type CaseBody } from './case-body.js';

type Json = Record<string, unknown>;

const FIRST = '/spec/template/spec/containers/0';
const patch = (target: Json, ...ops: Json[]): Patch => ({ target, ops });
const configMap = (name: string, data: Record<string, string>): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
/** A Secret whose data values are already base64 (of binary frames). */
const binarySecret = (name: string, data: Record<string, string>): Json => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'Opaque', data });
/** st2client's command replaced by a shell script (it then sleeps, as the base's does). */
const clientScript = (script: string): Patch =>
  patch({ group: 'apps', kind: 'Deployment', name: 'st2client' }, { op: 'replace', path: `${FIRST}/command`, value: ['bash', '-ec', `${script}; exec sleep infinity`] });

const MONGO = 'XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK';
const FRESH = 'fresh-not-default-5512';

/** `printf %s VALUE | lz4 -q -c | base64 -w0` (short values are stored as one uncompressed block). */
const LZ4 = {
  st2: 'BCJNGGRApwgAAIBDaEBuZ2VNZQAAAABMoeiT',
  rabbit: 'BCJNGGRApxgAAIA5alMrdzF1MDdOYkh0WmtlMW0ralc0Q2oAAAAASxYY7A==',
  cookieLine: 'BCJNGGRApzQAAIBwYXNzd29yZCA9IDhNcnFRZENRNkFROFUzTWFjU3ViSEU1UnFrU2Z2TmFSSHp2eHVGY0cKAAAAAEhuJRk=',
  /** `gzip -n | lz4 -q -c` of the MongoDB default. */
  mongoGzip: 'BCJNGGRApzQAAIAfiwgAAAAAAAADi0j1MQ2qKM8ydzMILzExLnGLCgvxM/ewCE43jXDxyPUGAO3cB88gAAAAAAAAABXVBy8=',
  /** `lz4 -q -c | gzip -n` of the st2 default: a .lz4.gz. */
  st2Gzipped: 'H4sIAAAAAAAAA2NR8pVIcVjOwcDQ4JzhkJee6pvKAAQ+C19MBgAokalqGwAAAA==',
  fresh: 'BCJNGGRApxYAAIBmcmVzaC1ub3QtZGVmYXVsdC01NTEyAAAAAGQA+9Q=',
};
/** `printf %s VALUE | openssl enc … -a -A` with the options each case's command decrypts with. */
const AES = {
  /** -aes-256-cbc -pbkdf2 -pass pass:s3cret-in-script */
  st2: 'U2FsdGVkX18IcUZzmfOYPitZFTFCMkq6U9X07yfZxOA=',
  mongo: 'U2FsdGVkX1+Nivx5w2KguINZH8o8Jp8T3o3NzN7vYM1rlwUDdhZE+MawYcO8uPcpa1gRDeGNfscDpK3XmXQsOw==',
  fresh: 'U2FsdGVkX1+ObJMMhGYN9pcQIJNyW3LSZtdyMGQV6MHfiU+sXqslzo90JwZXwyPz',
  /** -aes-128-cbc -md md5 -k legacy-pw */
  rabbitLegacy: 'U2FsdGVkX18/JepPN/nAr9exQ9mYZBc9lGmW+CwZp7Vo5FzDW5YJnepHUIRsiGgB',
  /** -aes-128-cbc -K 5f1e…f0 -iv a0b1…9f */
  cookieRaw: 'Mx6m71lCvqKo4zpv2HZMzqz5VPEsfMuZu+sUaFvHj/ZnFmQI8NECrhkiQG0FVr0D',
  freshRaw: 'XXyI80MvvrTS40xwfeWJ8WKOR+OPlXvQqBzJmQU4Gps=',
  /** -aes-256-cbc -pbkdf2 -iter 300000 -pass pass:p1 */
  freshIter300k: 'U2FsdGVkX1+HF04RN+qzbKJJo6z/8IxjP8uajGS3VcBRNT2+u7GFTwRh+iNHM1AW',
};
const PBKDF2 = 'openssl enc -d -aes-256-cbc -pbkdf2 -pass pass:s3cret-in-script -a -A';
const RAW_KEY = 'openssl enc -d -aes-128-cbc -K 5f1e2d3c4b5a69788796a5b4c3d2e1f0 -iv a0b1c2d3e4f5061728394a5b6c7d8e9f -a -A';
const rawDeflate = (text: string): string => deflateRawSync(Buffer.from(text)).toString('base64');

export function fresh19EncCorpus(): RedTeamCase[] {
  const cases: RedTeamCase[] = [];
  const add = (id: string, rule: string | undefined, body: CaseBody): void => {
    cases.push(bodyCase(`f19e-${id}`, 'secrets', rule, body));
  };
  const SEC001 = 'ST2-SEC-001';
  const cli = (script: string, wraps?: 'staging'): CaseBody => ({ ...(wraps ? { wraps } : {}), patches: [clientScript(script)] });

  // --- LZ4 frames ---------------------------------------------------------------------------------------
  add('lz4-rabbit-secret-data', SEC001, { resources: [binarySecret('rabbit-lz4', { 'rabbit.lz4': LZ4.rabbit })] });
  add('lz4-rabbit-secret-data-staging', SEC001, { wraps: 'staging', resources: [binarySecret('rabbit-lz4', { 'rabbit.lz4': LZ4.rabbit })] });
  add('lz4-st2-echo-script', SEC001, cli(`P="$(echo ${LZ4.st2} | base64 -d | lz4 -dc)"`));
  add('lz4-cookie-config-line', SEC001, cli(`echo "${LZ4.cookieLine}" | base64 -d | lz4 -d -c > /root/.erlang.conf`));
  add('lz4-gzip-inside-configmap', SEC001, { resources: [configMap('db-lz4', { 'db.lz4.b64': LZ4.mongoGzip })] });
  add('lz4-inside-gzip-secret', SEC001, { resources: [binarySecret('st2-lz4gz', { 'pw.lz4.gz': LZ4.st2Gzipped })] });
  add('safe-lz4-fresh-secret-data', undefined, { resources: [binarySecret('fresh-lz4', { 'value.lz4': LZ4.fresh })] });
  add('safe-lz4-fresh-script', undefined, cli(`P="$(echo ${LZ4.fresh} | base64 -d | lz4 -dc)"`));

  // --- Raw deflate in a script that inflates raw deflate -------------------------------------------------
  add('raw-deflate-python-mongo', SEC001, cli(`P="$(echo ${rawDeflate(MONGO)} | base64 -d | python3 -c 'import sys,zlib;sys.stdout.write(zlib.decompress(sys.stdin.buffer.read(),-15).decode())')"`));
  add('raw-deflate-php-gzinflate', SEC001, cli(`P="$(php -r 'echo gzinflate(base64_decode("${rawDeflate(MONGO)}"));')"`));
  add('safe-raw-deflate-fresh', undefined, cli(`P="$(echo ${rawDeflate(FRESH)} | base64 -d | python3 -c 'import sys,zlib;sys.stdout.write(zlib.decompress(sys.stdin.buffer.read(),-15).decode())')"`));

  // --- openssl enc with the key in the same text ---------------------------------------------------------
  add('openssl-pbkdf2-st2', SEC001, cli(`P="$(echo ${AES.st2} | ${PBKDF2})"`));
  add('openssl-pbkdf2-st2-staging', SEC001, cli(`P="$(echo ${AES.st2} | ${PBKDF2})"`, 'staging'));
  add('openssl-pbkdf2-mongo-keyfile', SEC001, cli(`echo ${AES.mongo} | ${PBKDF2} > /tmp/key && chmod 0400 /tmp/key`));
  add('openssl-legacy-md5-rabbit', SEC001, cli(`B='${AES.rabbitLegacy}'\nP=$(echo "$B" | openssl aes-128-cbc -d -md md5 -k legacy-pw -a -A)`));
  add('openssl-raw-key-cookie', SEC001, cli(`echo ${AES.cookieRaw} | ${RAW_KEY} > /root/.erlang.cookie`));
  // Past the derivation budget (200000 PBKDF2 rounds): a value the search cannot finish (fail closed).
  add('openssl-iter-past-budget', 'ST2-SEC-009', cli(`P="$(echo ${AES.freshIter300k} | openssl enc -d -aes-256-cbc -pbkdf2 -iter 300000 -pass pass:p1 -a -A)"`));
  add('safe-openssl-fresh-value', undefined, cli(`P="$(echo ${AES.fresh} | ${PBKDF2})"`));
  add('safe-openssl-raw-key-fresh', undefined, cli(`echo ${AES.freshRaw} | ${RAW_KEY} > /tmp/value`));
  add('safe-openssl-key-from-env', undefined, cli(`P="$(echo ${AES.st2} | openssl enc -d -aes-256-cbc -pbkdf2 -pass env:BLOB_KEY -a -A)"`));
  add('safe-openssl-key-file', undefined, cli(`echo ${AES.mongo} | openssl enc -d -aes-256-cbc -pbkdf2 -kfile /keys/blob -a -A > /tmp/key`));
  return cases;
}
