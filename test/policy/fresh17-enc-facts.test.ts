/**
 * The facts behind the seventeenth red team's secret-encodings misses
 * (test/policy/redteam/fresh17-enc.ts): a published default in a keyless
 * form a tool turns back (ROT47, Atbash, base58, base36, base64 reversed,
 * 8-bit binary, 16-bit hex words as `od -x` or `xxd -g2` print them) is the
 * default. A Caesar shift or an XOR with a chosen byte is not (it needs the
 * key), unless the render's own `tr` applies the shift or the same script
 * names the XOR's key (`b ^ 0x5a`). Random strings in the
 * same alphabets stay clean.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { literalsOf } from '../../src/policy/literals.js';
import { atbash, base36, base58, reversedBase64Pieces, rot47 } from '../../src/policy/literal-encodings.js';
import { blankByteLists, mayHoldBlankList } from '../../src/policy/number-bytes.js';
import { collectStringFacts } from '../../src/policy/string-facts.js';
import { xorKeys } from '../../src/policy/xor-keys.js';

const LITERALS = literalsOf({ chart_defaults: JSON.parse(readFileSync('policies/chart_defaults/data.json', 'utf8')) as unknown });
const ST2 = 'Ch@ngeMe';
const RABBIT = '9jS+w1u07NbHtZke1m+jW4Cj';
const COOKIE = '8MrqQdCQ6AQ8U3MacSubHE5RqkSfvNaRHzvxuFcG';
const MONGO = 'XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK';

const reverse = (t: string): string => [...t].reverse().join('');
const b64rev = (t: string): string => reverse(Buffer.from(t).toString('base64'));
const binary = (t: string, sep = ' '): string => [...Buffer.from(t)].map((b) => b.toString(2).padStart(8, '0')).join(sep);
/** 16-bit words; `little`: as od -x prints them on amd64/arm64 (odd lengths padded with a zero byte). */
const words = (t: string, little: boolean): string => {
  const b = Buffer.concat([Buffer.from(t), Buffer.alloc(t.length % 2)]);
  const out: string[] = [];
  for (let i = 0; i < b.length; i += 2) {
    const [x, y] = [b[i] ?? 0, b[i + 1] ?? 0];
    out.push(((little ? x | (y << 8) : (x << 8) | y) >>> 0).toString(16).padStart(4, '0'));
  }
  return out.join(' ');
};
const caesar = (t: string, k: number): string =>
  t.replace(/[A-Za-z0-9]/g, (c) => {
    const [base, size] = c >= 'a' ? [97, 26] : c >= 'A' ? [65, 26] : [48, 10];
    return String.fromCharCode(((c.charCodeAt(0) - base + k) % size) + base);
  });
const xorHex = (t: string, k: number): string => [...Buffer.from(t)].map((b) => (b ^ k).toString(16).padStart(2, '0')).join('');

type Json = Record<string, unknown>;
const secret = (data: Record<string, string>): Json => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: data });
const pod = (command: string[], env: Json[] = []): Json => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36.1', command, env }] } });
const found = (...resources: Json[]): string[] => [...new Set(collectStringFacts(resources, LITERALS, new Date('2026-12-07T00:00:00Z')).literal_hits.map((h) => `${h.literal}/${h.encoding}`))].sort();

describe('keyless encodings of a default, found as precomputed needles', () => {
  it.each([
    ['ROT47', rot47(ST2), ['st2-auth-password/rot47']],
    ['ROT47 inside a tr pipeline', `P=$(echo '${rot47(MONGO)}' | tr '!-~' 'P-~!-O')`, ['mongodb-admin-password/rot47']],
    ['Atbash', atbash(MONGO), ['mongodb-admin-password/atbash']],
    ['base58', base58(ST2), ['st2-auth-password/base58']],
    ['base58 after a label', `key: ${base58(COOKIE)}`, ['rabbitmq-erlang-cookie/base58']],
    ['base36, lower case', base36(MONGO), ['mongodb-admin-password/base36']],
    ['base36, upper case', base36(ST2).toUpperCase(), ['st2-auth-password/base36']],
    ['base64 reversed, padded', b64rev(ST2), ['st2-auth-password/reversed-base64']],
    ['base64 of a config line, reversed', b64rev(`password = ${RABBIT}\n`), ['rabbitmq-password/reversed-base64']],
    ['base64 reversed after one more byte', b64rev(`x${MONGO}`), ['mongodb-admin-password/reversed-base64']],
    ['base64 reversed after two more bytes', b64rev(`xy${MONGO}`), ['mongodb-admin-password/reversed-base64']],
    // Look-alikes: the same alphabets, no default.
    ['ROT47 of a banner', rot47('Welcome to StackStorm production'), []],
    ['Atbash of a banner', atbash('Maintenance window on Sundays'), []],
    ['a random base58 token', '3mJr7AoUXx2Wqd8CuMgAyh5Y', []],
    ['a random base36 number', 'k8x2m9q1z7w3v5b0n4c6', []],
    ['another text as reversed base64', b64rev('nothing secret in this banner'), []],
  ])('%s', (_, text, hits) => {
    expect(found(secret({ v: text }))).toEqual(hits);
  });

  it.each([
    ['rot47', rot47, '!~P-O', 'PO!\\~'],
    ['atbash', atbash, 'Hello-Zz', 'Svool-Aa'],
  ])('%s is its own inverse', (_, f, a, b) => {
    expect(f(a)).toBe(b);
    expect(f(f(a))).toBe(a);
  });

  it('base58 and base36 read the bytes as one big-endian number', () => {
    expect(base58('hello world')).toBe('StV1DL6CwTryKyV');
    expect(base58('\0a')).toBe('12g');
    expect(base36('a')).toBe('2p');
  });

  it('reversed base64 pieces hold only characters the text fixes', () => {
    const pieces = reversedBase64Pieces(ST2);
    expect(pieces).toHaveLength(3);
    for (const [i, p] of pieces.entries()) expect(b64rev(`${'#'.repeat(i)}${ST2}!!`).includes(p)).toBe(true);
  });
});

describe('bytes as 8-bit binary and as 16-bit words', () => {
  it.each([
    ['8-bit binary, spaces', binary(ST2), ['st2-auth-password/byte-list']],
    ['8-bit binary, one per line', binary(MONGO, '\n'), ['mongodb-admin-password/byte-list']],
    ['od -x words (little-endian)', words(ST2, true), ['st2-auth-password/byte-list']],
    ['od -x words, odd length padded', words(`${ST2}!`, true), ['st2-auth-password/byte-list']],
    ['od -x lines with their offsets', `0000000 ${words(MONGO.slice(0, 16), true)}\n0000020 ${words(MONGO.slice(16), true)}\n0000040\n`, ['mongodb-admin-password/byte-list']],
    ['xxd -g2 words (big-endian)', words(COOKIE, false), ['rabbitmq-erlang-cookie/byte-list']],
    // Look-alikes.
    ['binary of a banner', binary('hello from the platform team'), []],
    ['file modes', 'modes: 0644 0755 0600 0640 0700 0750 0444 0555 0664 0775', []],
    ['words of random bytes', '8f3a 01c2 d9e4 7b55 60aa 13fe 9c2d 7e01', []],
  ])('%s', (_, text, hits) => {
    expect(found(secret({ v: text }))).toEqual(hits);
  });

  it('tests cheaply first', () => {
    expect(mayHoldBlankList('echo hello world; exec st2 run core.local cmd=date')).toBe(false);
    expect(mayHoldBlankList(binary(ST2))).toBe(true);
    expect(mayHoldBlankList(words(ST2, true))).toBe(true);
    expect(blankByteLists('0110100 01101000 01000000 01101110 01100111 01100101 01001101 01100101')).toEqual([]);
  });
});

describe('keyed forms: obfuscation unless the render applies the key', () => {
  it.each([
    ['a Caesar shift of 3 alone', caesar(ST2, 3), []],
    ['an XOR with 0x5a alone', xorHex(MONGO, 0x5a), []],
  ])('%s is not the default (the key is the author\'s)', (_, text, hits) => {
    expect(found(secret({ v: text }))).toEqual(hits);
  });

  it.each([
    ['XOR 0x5a hex decoded by Python in the same command', `python3 -c "print(bytes(b ^ 0x5a for b in bytes.fromhex('${xorHex(ST2, 0x5a)}')).decode())"`, ['st2-auth-password/xor']],
    ['XOR 90 (decimal key) of a config line', `k='${xorHex(`password = ${MONGO}`, 90)}'; python3 -c "import sys; print(bytes(b^90 for b in bytes.fromhex(sys.argv[1])).decode())" "$k"`, ['mongodb-admin-password/xor']],
    ['XOR 0x13 base64 decoded by Python', `python3 -c "import base64; print(bytes(b ^ 0x13 for b in base64.b64decode('${Buffer.from([...Buffer.from(RABBIT)].map((b) => b ^ 0x13)).toString('base64')}')))"`, ['rabbitmq-password/xor']],
    // Look-alikes: a key in the script over other bytes, a regex anchor beside a digest.
    ['XOR 0x5a of a banner', `python3 -c "print(bytes(b ^ 0x5a for b in bytes.fromhex('${xorHex('hello from the platform team', 0x5a)}')))"`, []],
    ['a regex anchor and a sha1', "grep -E '^[0-9a-f]{40}$' <<< 3f786850e387550fdab836ed7e6dc881de23001b", []],
  ])('%s', (_, script, hits) => {
    expect(found(pod(['sh', '-c', script]))).toEqual(hits);
  });

  it('reads XOR keys only after a caret', () => {
    expect(xorKeys('echo 0x5a; grep ^abc')).toEqual([]);
    expect(xorKeys('b ^ 0x5a, c^17, d ^ 0x5A, e ^ 0, f ^ 300')).toEqual([0x5a, 17]);
  });

  it('a Caesar shift the same script undoes with tr is the default', () => {
    expect(found(pod(['sh', '-c', `echo '${caesar(MONGO, 3)}' | tr 'D-ZA-Cd-za-c3-90-2' 'A-Za-z0-9' > /tmp/p`]))).toEqual(['mongodb-admin-password/substituted']);
  });

  it('a Caesar shift in env that the script undoes with tr is the default', () => {
    expect(found(pod(['sh', '-c', `echo "$P" | tr 'D-ZA-Cd-za-c' 'A-Za-z' > /tmp/p`], [{ name: 'P', value: caesar(ST2, 3) }]))).toEqual(['st2-auth-password/substituted']);
  });
});
