/**
 * Defaults spelt the way their consumer normalises back (consumer-normalise.ts):
 * mongod's keyfile blanks, st2's Base64WSDecode, MongoDB's SCRAM-SHA-256
 * SASLprep. Literals here are made up for the test; the bundle's are checked
 * through the red-team corpus (fresh7-sec.ts).
 */
import { describe, expect, it } from 'vitest';
import { base64wsForm, keyfileForm, saslprep } from '../../src/policy/consumer-normalise.js';
import { LiteralMatcher, literalsOf, type Literal } from '../../src/policy/literals.js';
import { collectStringFacts } from '../../src/policy/string-facts.js';

const KEYFILE = 'Qk3vT9pLmZ2xW8rYcN5bH7fJ';
const DSKEY = 'a1B2-c3D4_e5F6g7H8i9J0kLmNoPqRsTuVwXyZ012345';
const PASSWORD = 'Tz8Kq2Wm5Rb9Xn4Lp7Vc3Hd6';
const RABBIT = 'Rb5Np8Qs2Tu6Vw9Xy3Za7Bc4';
const literals: Literal[] = [
  { id: 'keyfile', value: KEYFILE, normalise: 'mongod-keyfile' },
  { id: 'dskey', value: DSKEY, normalise: 'st2-base64ws' },
  { id: 'mongo', value: PASSWORD, normalise: 'saslprep' },
  { id: 'rabbit', value: RABBIT },
];
const matcher = new LiteralMatcher(literals);
const every = (t: string, n: number, sep: string): string => (t.match(new RegExp(`.{1,${n}}`, 'g')) ?? []).join(sep);
const fullwidth = (t: string): string => t.replace(/[A-Za-z0-9]/g, (c) => String.fromCodePoint((c.codePointAt(0) ?? 0) + 0xfee0));

function hits(text: string): string[] {
  const facts = collectStringFacts([{ kind: 'ConfigMap', metadata: { name: 'c' }, data: { k: text } }], literals, new Date('2026-12-06T00:00:00Z'));
  return facts.literal_hits.map((h) => `${h.literal}/${h.encoding}`);
}

describe('consumer normalisations', () => {
  it('SASLprep maps B.1 to nothing, non-ASCII spaces to a space, then NFKC', () => {
    expect(saslprep('I\u00adX')).toBe('IX');
    expect(saslprep('a\u200bb\u200dc\u2060d\ufeffe\ufe0ff')).toBe('abcdef');
    expect(saslprep('a\u00a0b\u3000c')).toBe('a b c');
    expect(saslprep('\uff21\uff42\uff13')).toBe('Ab3');
    expect(saslprep('\u{1d400}\u{1d7cf}')).toBe('A1');
    expect(saslprep('Zürich')).toBe('Zürich');
  });

  it("mongod's keyfile drops 0x09-0x0D and spaces only; Base64WSDecode keeps the alphabets only, folded", () => {
    expect(keyfileForm('ab cd\tef\r\ngh\vij\fkl')).toBe('abcdefghijkl');
    expect(keyfileForm('ab.cd')).toBe('ab.cd');
    expect(base64wsForm('aB-_ +/.=\u2028x')).toBe('aB+/+/x');
  });

  it.each([
    ['the keyfile with spaces', every(KEYFILE, 4, ' '), 'keyfile/mongod-keyfile'],
    ['the keyfile over CRLF lines', every(KEYFILE, 5, '\r\n'), 'keyfile/mongod-keyfile'],
    ['the keyfile with tabs, vertical tabs and form feeds', `${KEYFILE.slice(0, 6)}\t${KEYFILE.slice(6, 12)}\v${KEYFILE.slice(12, 18)}\f${KEYFILE.slice(18)}`, 'keyfile/mongod-keyfile'],
    ['the keyfile as the second key of the YAML list', `- ${'x'.repeat(24)}\n- ${every(KEYFILE, 3, ' ')}\n`, 'keyfile/mongod-keyfile'],
    ['the datastore key with dots in its JSON file', JSON.stringify({ aesKeyString: every(DSKEY, 6, '.'), mode: 'CBC' }), 'dskey/st2-base64ws'],
    ['the datastore key in the other alphabet with spaces', JSON.stringify({ hmacKey: { hmacKeyString: every(DSKEY.replace(/-/g, '+').replace(/_/g, '/'), 5, ' ') } }), 'dskey/st2-base64ws'],
    ['the datastore key with JSON \\n escapes', JSON.stringify({ aesKeyString: every(DSKEY, 8, '\n') }), 'dskey/json-escape'],
    ['the password with soft hyphens', every(PASSWORD, 5, '\u00ad'), 'mongo/saslprep'],
    ['the password in fullwidth letters', fullwidth(PASSWORD), 'mongo/saslprep'],
    ['the password in fullwidth letters in a URI', `mongodb://admin:${fullwidth(PASSWORD)}@db:27017/`, 'mongo/saslprep'],
  ])('finds %s', (_what, text, hit) => {
    expect(hits(text)).toEqual([hit]);
  });

  it('leaves what the consumer does not fold alone', () => {
    // RabbitMQ does not SASLprep: its password in fullwidth letters is another password.
    expect(hits(fullwidth(RABBIT))).toEqual([]);
    // mongod refuses dots (no key), and a dotted key outside the datastore key file is not read by Base64WSDecode.
    expect(hits(every(KEYFILE, 4, '.'))).toEqual([]);
    expect(hits(`token: ${every(DSKEY, 6, '.')}`)).toEqual([]);
    // A fresh password with non-ASCII letters, and half of the published one.
    expect(hits('Zürich-Ölberg-7fQ2-nWx9-Lk4p')).toEqual([]);
    expect(hits(fullwidth(PASSWORD.slice(0, 12)))).toEqual([]);
  });

  it('normalises only candidate texts (nothing for ASCII text without blanks or key fields)', () => {
    expect(matcher.matchNormalised('plain-ascii-text-without-blanks-at-all', false)).toEqual([]);
    expect(matcher.matchNormalised(every(PASSWORD, 5, '\u00ad'), true)).toEqual([{ id: 'mongo', how: 'saslprep' }]);
  });

  it("reads consumer_normalises from the bundle's data, ignoring unknown values", () => {
    const data = { chart_defaults: { literals: [{ id: 'a', value: 'x', consumer_normalises: 'saslprep' }, { id: 'b', value: 'y', consumer_normalises: 'rot13' }, { id: 'c', value: 'z' }] } };
    expect(literalsOf(data)).toEqual([{ id: 'a', value: 'x', normalise: 'saslprep' }, { id: 'b', value: 'y' }, { id: 'c', value: 'z' }]);
  });
});
