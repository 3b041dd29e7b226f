/**
 * The facts behind the nineteenth red team's secret-encodings misses
 * (test/policy/redteam/fresh19-enc.ts): a published default in an LZ4 frame
 * (`lz4 -dc`; frames the real lz4 1.9.4 wrote), as raw deflate in a script
 * that inflates raw deflate itself (Python's zlib.decompress(…, -15), PHP's
 * gzinflate, Node's inflateRawSync), or encrypted by `openssl enc` with the
 * passphrase or raw key written in the same text (blobs the real OpenSSL
 * 3.0.19 wrote) is the default: the render carries every half. An LZ4 frame
 * or a blob of a fresh value, and a blob whose key the render does not carry,
 * stay clean.
 */
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { literalsOf } from '../../src/policy/literals.js';
import { collectStringFacts } from '../../src/policy/string-facts.js';

const LITERALS = literalsOf({ chart_defaults: JSON.parse(readFileSync('policies/chart_defaults/data.json', 'utf8')) as unknown });
const MONGO = 'XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK';
const RABBIT = '9jS+w1u07NbHtZke1m+jW4Cj';

type Json = Record<string, unknown>;
const secret = (data: Record<string, string>): Json => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data });
const pod = (script: string): Json => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36.1', command: ['sh', '-c', script] }] } });
const found = (...resources: Json[]): string[] => [...new Set(collectStringFacts(resources, LITERALS, new Date('2026-12-07T00:00:00Z')).literal_hits.map((h) => `${h.literal}/${h.encoding}`))].sort();
const rawDeflate = (text: string): string => deflateRawSync(Buffer.from(text)).toString('base64');

/** `printf %s VALUE | lz4 -q -c | base64 -w0` (short values are stored as one uncompressed block). */
const LZ4 = {
  st2: 'BCJNGGRApwgAAIBDaEBuZ2VNZQAAAABMoeiT',
  rabbit: 'BCJNGGRApxgAAIA5alMrdzF1MDdOYkh0WmtlMW0ralc0Q2oAAAAASxYY7A==',
  cookieLine: 'BCJNGGRApzQAAIBwYXNzd29yZCA9IDhNcnFRZENRNkFROFUzTWFjU3ViSEU1UnFrU2Z2TmFSSHp2eHVGY0cKAAAAAEhuJRk=',
  /** `gzip -n | lz4 -q -c` of the MongoDB default. */
  mongoGzip: 'BCJNGGRApzQAAIAfiwgAAAAAAAADi0j1MQ2qKM8ydzMILzExLnGLCgvxM/ewCE43jXDxyPUGAO3cB88gAAAAAAAAABXVBy8=',
  fresh: 'BCJNGGRApxYAAIBmcmVzaC1ub3QtZGVmYXVsdC01NTEyAAAAAGQA+9Q=',
};
/** `printf %s VALUE | openssl enc -aes-256-cbc -pbkdf2 -pass pass:s3cret-in-script -a -A` and `… -aes-128-cbc -md md5 -k legacy-pw …`. */
const AES = {
  st2: 'U2FsdGVkX18IcUZzmfOYPitZFTFCMkq6U9X07yfZxOA=',
  st2Legacy: 'U2FsdGVkX1/4wuFeLPLTOD/STbZ3lmuHr2qQdHuDfxU=',
  rabbitLegacy: 'U2FsdGVkX18/JepPN/nAr9exQ9mYZBc9lGmW+CwZp7Vo5FzDW5YJnepHUIRsiGgB',
  mongo: 'U2FsdGVkX1+Nivx5w2KguINZH8o8Jp8T3o3NzN7vYM1rlwUDdhZE+MawYcO8uPcpa1gRDeGNfscDpK3XmXQsOw==',
  fresh: 'U2FsdGVkX1+ObJMMhGYN9pcQIJNyW3LSZtdyMGQV6MHfiU+sXqslzo90JwZXwyPz',
};
const PBKDF2 = 'openssl enc -d -aes-256-cbc -pbkdf2 -pass pass:s3cret-in-script -a -A';

describe('a default in an LZ4 frame', () => {
  it.each([
    ['in Secret data (base64 of the frame)', secret({ 'p.lz4': LZ4.rabbit }), ['rabbitmq-password/lz4']],
    ['echoed into lz4 -dc in a script', pod(`echo ${LZ4.st2} | base64 -d | lz4 -dc > /root/.st2/pw`), ['st2-auth-password/lz4']],
    ['a config line in a frame', pod(`echo "${LZ4.cookieLine}" | base64 -d | lz4 -d -c`), ['rabbitmq-erlang-cookie/lz4']],
    ['gzip inside the frame', secret({ k: LZ4.mongoGzip }), ['mongodb-admin-password/lz4']],
  ])('%s', (_name, resource, expected) => {
    expect(found(resource)).toEqual(expected);
  });
});

describe('a default as raw deflate in a script that inflates raw deflate', () => {
  it.each([
    ['python3 zlib.decompress(…, -15)', `echo ${rawDeflate(MONGO)} | base64 -d | python3 -c 'import sys,zlib;print(zlib.decompress(sys.stdin.buffer.read(),-15).decode())'`],
    ['wbits=-zlib.MAX_WBITS', `python3 -c "import zlib,base64;print(zlib.decompress(base64.b64decode('${rawDeflate(MONGO)}'), wbits=-zlib.MAX_WBITS))"`],
    ["PHP's gzinflate", `php -r 'echo gzinflate(base64_decode("${rawDeflate(MONGO)}"));'`],
    ["Node's inflateRawSync", `node -e 'process.stdout.write(require("zlib").inflateRawSync(Buffer.from("${rawDeflate(MONGO)}","base64")))'`],
  ])('%s', (_name, script) => {
    expect(found(pod(script))).toEqual(['mongodb-admin-password/zlib']);
  });
});

describe('a default openssl enc decrypts with a key the same text names', () => {
  it.each([
    ['-pbkdf2 -pass pass:', pod(`echo ${AES.st2} | ${PBKDF2}`), ['st2-auth-password/openssl']],
    ['a keyfile through -pbkdf2', pod(`echo ${AES.mongo} | ${PBKDF2} > /data/db/key`), ['mongodb-admin-password/openssl']],
    ['legacy -md md5 -k', pod(`echo ${AES.st2Legacy} | openssl aes-128-cbc -d -md md5 -k legacy-pw -a -A`), ['st2-auth-password/openssl']],
    ['legacy, the blob in a variable first', pod(`B='${AES.rabbitLegacy}'\nP=$(echo "$B" | openssl enc -d -aes-128-cbc -md md5 -k legacy-pw -a -A)`), ['rabbitmq-password/openssl']],
  ])('%s', (_name, resource, expected) => {
    expect(found(resource)).toEqual(expected);
  });
});

describe('safe look-alikes stay clean', () => {
  it.each([
    ['an LZ4 frame of a fresh value', secret({ 'p.lz4': LZ4.fresh })],
    ['an LZ4 frame of a fresh value in a script', pod(`echo ${LZ4.fresh} | base64 -d | lz4 -dc`)],
    ['openssl enc of a fresh value, key in the text', pod(`echo ${AES.fresh} | ${PBKDF2}`)],
    ['an encrypted default whose key comes from the environment', pod(`echo ${AES.st2} | openssl enc -d -aes-256-cbc -pbkdf2 -pass env:BLOB_KEY -a -A`)],
    ['an encrypted default whose key is a mounted file', pod(`echo ${AES.mongo} | openssl enc -d -aes-256-cbc -pbkdf2 -kfile /keys/blob -a -A`)],
    ['raw deflate of a fresh value in a -15 script', pod(`echo ${rawDeflate('fresh-not-default-5512')} | python3 -c 'import sys,zlib;print(zlib.decompress(sys.stdin.buffer.read(),-15))'`)],
    ['the default encrypted, the same passphrase, in another object', pod(`${PBKDF2} -in /blobs/pw`)],
  ])('%s', (_name, resource) => {
    expect(found(resource, secret({ other: Buffer.from(RABBIT.replace(/./g, 'x')).toString('base64') }))).toEqual([]);
  });
});
