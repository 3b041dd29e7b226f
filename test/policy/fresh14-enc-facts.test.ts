/**
 * The facts behind the thirteenth red team's encoded-default misses
 * (test/policy/redteam/fresh14-enc.ts): the published defaults case-swapped,
 * reversed (and reversed after ROT13 or a case swap), as blank-separated byte
 * lists, as one big decimal integer, uuencoded, and fixed up by the script's
 * own `sed`, `tr` or replace call. Look-alikes that are no default stay clean.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { literalsOf, LiteralMatcher } from '../../src/policy/literals.js';
import { NeedleScan, reversed, swapcase, transformedLiterals, transformedLiteralsOf } from '../../src/policy/literal-transforms.js';
import { bigIntegerBytes, blankByteLists, mayHoldBlankList } from '../../src/policy/number-bytes.js';
import { mayBeUuencoded, uudecodedBlocks } from '../../src/policy/uuencode.js';
import { substitutedForms } from '../../src/policy/substitutions.js';
import { collectStringFacts } from '../../src/policy/string-facts.js';
import { uuencodeOf } from './uuencode-writer.js';

const LITERALS = literalsOf({ chart_defaults: JSON.parse(readFileSync('policies/chart_defaults/data.json', 'utf8')) as unknown });
const ST2 = 'Ch@ngeMe';
const RABBIT = '9jS+w1u07NbHtZke1m+jW4Cj';
const COOKIE = '8MrqQdCQ6AQ8U3MacSubHE5RqkSfvNaRHzvxuFcG';
const MONGO = 'XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK';
const KEYFILE = '82PItDpqroti5RngOA7UqbHH7c6bFUwy';

const decimals = (t: string, sep = ' '): string => [...Buffer.from(t)].map(String).join(sep);
const hexPairs = (t: string, sep = ' ', upper = true): string => [...Buffer.from(t)].map((b) => b.toString(16).padStart(2, '0')).map((h) => (upper ? h.toUpperCase() : h)).join(sep);
const bigInt = (t: string): string => BigInt(`0x${Buffer.from(t).toString('hex')}`).toString(10);
const uuencode = (t: string, header = true): string => uuencodeOf(t, header ? { mode: '644', name: 'data' } : undefined);

type Json = Record<string, unknown>;
const configMap = (data: Record<string, string>): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data });
const pod = (command: string[], env: Json[] = []): Json => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36.1', command, env }] } });
/** Which defaults the secret search finds in the resources, and in which encoding. */
const found = (...resources: Json[]): string[] => [...new Set(collectStringFacts(resources, LITERALS, new Date('2026-12-07T00:00:00Z')).literal_hits.map((h) => `${h.literal}/${h.encoding}`))].sort();
const shortStops = (...resources: Json[]): number => collectStringFacts(resources, LITERALS, new Date('2026-12-07T00:00:00Z')).search_short.length;

describe('the published defaults transformed: precomputed needles, no text transformed', () => {
  it('are worked out once per literal set, by content: equal lists share them (the startup snapshot carries the shipped set), another list gets its own', () => {
    const one = transformedLiteralsOf([{ id: 'a', value: 'Secret-one-2026' }]);
    expect(transformedLiteralsOf([{ id: 'a', value: 'Secret-one-2026' }])).toBe(one);
    expect(transformedLiteralsOf([{ id: 'a', value: 'Secret-two-2026' }])).not.toBe(one);
    expect(transformedLiteralsOf([{ id: 'b', value: 'Secret-one-2026' }])).not.toBe(one);
  });

  it.each([
    ['case swapped (swapcase, XOR 0x20)', swapcase(MONGO), ['mongodb-admin-password/swapcase']],
    ['case swapped inside a script', `M="${swapcase(ST2)}"; python3 -c 'import os;print(os.environ["M"].swapcase())'`, ['st2-auth-password/swapcase']],
    ['reversed (rev, [::-1])', reversed(RABBIT), ['rabbitmq-password/reversed']],
    ['reversed after ROT13', reversed(RABBIT.replace(/[A-Za-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - (c >= 'a' ? 97 : 65) + 13) % 26) + (c >= 'a' ? 97 : 65)))), ['rabbitmq-password/reversed']],
    ['reversed after a case swap', `cookie: ${reversed(swapcase(COOKIE))}`, ['rabbitmq-erlang-cookie/reversed']],
    ['a word that is no default, swapped', swapcase('Welcome to the cluster'), []],
    ['a palindrome-free ordinary word reversed', reversed('production-settings'), []],
    ['one character off the swapped default', swapcase(MONGO).slice(0, -1) + 'x', []],
  ])('%s', (_, text, hits) => {
    expect(found(configMap({ v: text }))).toEqual(hits);
  });

  it('computes each form once and drops forms equal to a literal or to one another', () => {
    const forms = transformedLiterals([
      { id: 'a', value: 'Ch@ngeMe' },
      { id: 'b', value: '12345678' },
    ]);
    // 12345678: no letters, so no ROT13, swapcase or Atbash form (fresh17-enc-facts.test.ts has the encodings).
    const hows = forms.filter((f) => f.id === 'b').map((f) => f.how);
    expect(hows).toContain('reversed');
    expect(hows.filter((h) => h === 'rot13' || h === 'swapcase' || h === 'atbash')).toEqual([]);
    expect(new Set(forms.map((f) => f.value)).size).toBe(forms.length);
  });

  it('NeedleScan finds the same needles as a search for each (random texts and needles)', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    const alphabet = 'abcXYZ019+/@ \n';
    const word = (n: number): string => Array.from({ length: n }, () => alphabet[next() % alphabet.length]).join('');
    for (let round = 0; round < 200; round++) {
      const needles = Array.from({ length: 6 }, () => ({ value: word(8 + (next() % 20)) }));
      const text = word(next() % 300) + (needles[next() % 6]?.value ?? '') + word(next() % 50);
      const scanned = new Set<string>();
      new NeedleScan(needles).scan(text, (n) => scanned.add(n.value));
      expect([...scanned].sort()).toEqual(needles.filter((n) => text.includes(n.value)).map((n) => n.value).filter((v, i, a) => a.indexOf(v) === i).sort());
    }
  });

  it('matchRot13 still reports ROT13 alone', () => {
    const matcher = new LiteralMatcher(LITERALS);
    expect(matcher.matchRot13(reversed(ST2), false)).toEqual([]);
    expect(matcher.matchTransformed(reversed(ST2), false)).toEqual([{ id: 'st2-auth-password', how: 'reversed' }]);
  });
});

describe('bytes as numbers separated by blanks, and big integers', () => {
  it.each([
    ['decimal codes, spaces', decimals(COOKIE), ['rabbitmq-erlang-cookie/byte-list']],
    ['decimal codes, one per line', decimals(COOKIE, '\n'), ['rabbitmq-erlang-cookie/byte-list']],
    ['decimal codes in brackets without commas', `[${decimals(RABBIT)}]`, ['rabbitmq-password/byte-list']],
    ['hex pairs, upper case, spaces, of the reversed password', hexPairs(reversed(RABBIT)), ['rabbitmq-password/reversed']],
    ['hex pairs, lower case, tabs', hexPairs(MONGO, '\t', false), ['mongodb-admin-password/byte-list']],
    ['octal codes as od -b prints them', [...Buffer.from(COOKIE)].map((b) => b.toString(8).padStart(3, '0')).join(' '), ['rabbitmq-erlang-cookie/byte-list']],
    ['octal codes with a leading zero, one per line', [...Buffer.from(MONGO)].map((b) => `0${b.toString(8).padStart(3, '0')}`).join('\n'), ['mongodb-admin-password/byte-list']],
    ['0x-prefixed bytes, spaces', [...Buffer.from(ST2)].map((b) => `0x${b.toString(16)}`).join(' '), ['st2-auth-password/byte-list']],
    ['the keyfile as one big-endian integer', `key_int: ${bigInt(KEYFILE)}\n`, ['mongodb-keyfile/big-integer']],
    ['a password as a little-endian integer (its bytes reversed)', bigInt(reversed(RABBIT)), ['rabbitmq-password/reversed']],
    // Look-alikes: numbers that are no encoded default.
    ['file modes', 'modes: 0644 0755 0600 0640 0700 0750 0444 0555 0664 0775', []],
    ['a list of ports', 'ports: 22 80 443 8080 8443 9100 9101 9102 27017 5672 15672', []],
    ['decimal codes of another text', decimals('this is the welcome banner of the cluster'), []],
    ['a hex dump of random bytes, spaced', hexPairs(Buffer.from('8f3a01c2d9e47b5560aa13fe9c2d7e01', 'hex').toString('latin1')), []],
    ['a long account number', 'account: 4929123456789012345678901234567890', []],
    ['a big integer of another text', bigInt('just another configuration value'), []],
  ])('%s', (_, text, hits) => {
    expect(found(configMap({ v: text }))).toEqual(hits);
    expect(shortStops(configMap({ v: text }))).toBe(0);
  });

  it.each([
    ['eight decimals', '56 77 114 113 81 100 67 81', [[56, 77, 114, 113, 81, 100, 67, 81]]],
    ['seven are too few', '56 77 114 113 81 100 67', []],
    ['a word breaks the list', '56 77 114 113 x 81 100 67 81', []],
    // Three-digit tokens are read both ways; only a readable reading can ever be a finding.
    ['eight octal codes (also read as decimals)', '070 115 162 161 121 144 103 121', [[70, 115, 162, 161, 121, 144, 103, 121], [56, 77, 114, 113, 81, 100, 67, 81]]],
    ['256 is no byte', '56 77 114 113 256 100 67 81 82', []],
  ])('blankByteLists: %s', (_, text, lists) => {
    expect(blankByteLists(text).filter((l) => l.length >= 8 && l.every((b) => b >= 32)).map((l) => [...l])).toEqual(lists);
  });

  it('tests cheaply first: prose and scripts without number runs are not scanned', () => {
    expect(mayHoldBlankList('echo hello world; exec st2 run core.local cmd=date')).toBe(false);
    expect(mayHoldBlankList(decimals(ST2))).toBe(true);
    expect(bigIntegerBytes('id 123456789012345678')).toEqual([]);
  });
});

describe('uuencode', () => {
  it.each([
    ['the cookie in a begin/end block', uuencode(COOKIE), ['rabbitmq-erlang-cookie/uuencode']],
    ['the cookie with spaces for zeros, trailing blanks kept', uuencode(COOKIE).replace(/`/g, ' '), ['rabbitmq-erlang-cookie/uuencode']],
    ['a header-less line (binascii.b2a_uu)', uuencode(MONGO, false), ['mongodb-admin-password/uuencode']],
    ['a config file with the password, uuencoded', uuencode(`[credentials]\nusername = st2admin\npassword = ${ST2}\n`), ['st2-auth-password/uuencode']],
    ['another text uuencoded', uuencode('nothing secret lives in this file, only settings'), []],
    ['upper-case prose', 'WARNING: THIS FILE IS MANAGED BY THE DEPLOYMENT PIPELINE', []],
    ['a begin line in prose', 'begin 644 is how the old tools started a file', []],
  ])('%s', (_, text, hits) => {
    expect(found(configMap({ v: text }))).toEqual(hits);
  });

  it('reads a line only when its length fits the length it announces', () => {
    expect(mayBeUuencoded('plain settings text')).toBe(false);
    expect(uudecodedBlocks('H' + 'A'.repeat(20))).toEqual([]);
  });
});

describe('substitutions the script itself applies (sed, tr, replace)', () => {
  it.each([
    ['sed s/X/@/ on a placeholder', ['bash', '-ec', `P=$(echo 'ChXngeMe' | sed 's/X/@/'); printf 'password=%s\\n' "$P" > /root/.st2/config`], ['st2-auth-password/substituted']],
    ['sed with another delimiter and g', ['sh', '-c', `echo "9jS_w1u07NbHtZke1m_jW4Cj" | sed -e 's|_|+|g' > /tmp/p`], ['rabbitmq-password/substituted']],
    ['sed y/// transliteration', ['sh', '-c', `echo 'Ch#ngeMe' | sed 'y/#/@/'`], ['st2-auth-password/substituted']],
    ['tr of one character', ['sh', '-c', `echo 'Ch%ngeMe' | tr '%' '@'`], ['st2-auth-password/substituted']],
    ['tr -d of a filler', ['sh', '-c', `echo 'Ch@n-geMe' | tr -d '-'`], ['st2-auth-password/substituted']],
    ['bash ${v//A/B}', ['bash', '-c', `v=ChXngeMe; st2 login st2admin -p "\${v//X/@}"`], ['st2-auth-password/substituted']],
    ['python .replace', ['python3', '-c', `print("XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDH__".replace("__", "mK"))`], ['mongodb-admin-password/substituted']],
    ['perl -pe', ['sh', '-c', `echo 'Ch!ngeMe' | perl -pe 's/!/@/'`], ['st2-auth-password/substituted']],
    // Look-alikes: substitutions that make no default.
    ['sed escaping quotes and backslashes', ['sh', '-c', `pass="$(printf '%s' "$RABBITMQ_PASSWORD" | sed -e 's/\\\\/\\\\\\\\/g' -e 's/"/\\\\"/g')"`], []],
    ['sed on another placeholder word', ['sh', '-c', `echo 'ChXngeMf' | sed 's/X/@/'`], []],
    ['tr upper-casing a name', ['sh', '-c', `echo "$HOSTNAME" | tr 'a-z' 'A-Z'`], []],
  ])('%s', (_, command, hits) => {
    expect(found(pod(command))).toEqual(hits);
  });

  it('a substitution applies to the env values the script expands', () => {
    expect(found(pod(['sh', '-c', 'echo "$P" | sed "s/X/@/" > /tmp/p'], [{ name: 'P', value: 'ChXngeMe' }]))).toEqual(['st2-auth-password/substituted']);
  });

  it.each([
    ['sed -i on a mounted ConfigMap', ['sh', '-c', "sed -i 's/X/@/' /etc/cli/config"], { configMap: { name: 'c' } }, ['st2-auth-password/substituted']],
    ['sed --in-place through a projected volume', ['sh', '-c', "sed --in-place -e 's/X/@/' /etc/cli/config"], { projected: { sources: [{ configMap: { name: 'c' } }] } }, ['st2-auth-password/substituted']],
    ['sed with the mounted file as operand', ['sh', '-c', "sed 's/X/@/' /etc/cli/config > /root/.st2/config"], { configMap: { name: 'c' } }, ['st2-auth-password/substituted']],
    ['tr fed the file by cat', ['sh', '-c', 'cat /etc/cli/config | tr X @ > /root/.st2/config'], { configMap: { name: 'c' } }, ['st2-auth-password/substituted']],
    ['tr fed the file by a redirect', ['sh', '-c', 'tr X @ < /etc/cli/config > /root/.st2/config'], { configMap: { name: 'c' } }, ['st2-auth-password/substituted']],
    ['sed fed a variable by printf (the base RabbitMQ init container\'s quoting)', ['sh', '-c', `pass="$(printf '%s' "$P" | sed -e 's/X/@/g')"`], { configMap: { name: 'c' } }, []],
    ['sed -i in a pod that mounts another ConfigMap', ['sh', '-c', "sed -i 's/X/@/' /etc/cli/config"], { configMap: { name: 'other' } }, []],
  ])('a substitution applies to a mounted file the script edits in place: %s', (_, command, volume, hits) => {
    const mounting: Json = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { volumes: [{ name: 'v', ...volume }], containers: [{ name: 'c', image: 'busybox:1.36.1', command }] } };
    expect(found(configMap({ config: '[credentials]\npassword = ChXngeMe\n' }), mounting)).toEqual(hits);
  });

  it('leaves a text without a substituting command alone', () => {
    expect(substitutedForms('echo ChXngeMe > /tmp/x')).toEqual([]);
    expect(substitutedForms('strings are trimmed')).toEqual([]);
  });
});
