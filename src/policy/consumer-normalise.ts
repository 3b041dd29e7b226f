/**
 * How the program that reads a published default normalises what it reads,
 * so that a spelling it folds back to the default is that default
 * (policies/chart_defaults/data.json names each literal's consumer in
 * `consumer_normalises`). Checked upstream (issue 12, seventh red team):
 *
 * - `mongod-keyfile`: mongod's readSecurityFile (src/mongo/db/auth/security_file.cpp)
 *   drops bytes 0x09-0x0D and spaces from the keyfile (from each key of the
 *   4.2+ YAML list too) and refuses any other byte outside base64: a key
 *   spelt with blanks, tabs, CR or line breaks anywhere is the same key.
 * - `st2-base64ws`: st2's Base64WSDecode (st2common/util/crypto.py, from
 *   keyczar) joins splitlines(), removes spaces, then urlsafe_b64decode, which
 *   maps `-_` to `+/` and (not validating) discards every other character:
 *   the datastore key's aesKeyString and hmacKeyString are read with every
 *   character outside the two base64 alphabets ignored (`=` included: a
 *   stray one is skipped or ends the key, never a different key).
 * - `saslprep`: MongoDB's SCRAM-SHA-256 (the server's createUser computes the
 *   credential with ICU's RFC 4013 SASLprep; pymongo, st2's driver, and
 *   mongosh prep the password they send): characters of RFC 3454 table B.1
 *   (soft hyphen, zero-width space and joiners, variation selectors, BOM)
 *   map to nothing, non-ASCII spaces (C.1.2) to a space, then NFKC
 *   (fullwidth letters, ligatures, superscripts fold to ASCII). A password
 *   written that way logs in with the published one. Prohibited output is
 *   not checked: the server refuses such a password, so calling it a match
 *   only fails closed.
 *
 * Consumers that do not normalise (left as written): RabbitMQ (PLAIN/AMQPLAIN
 * compare the password hash byte for byte; no SASLprep), the Erlang cookie,
 * st2's htpasswd (flat_file) auth and the Slack token.
 */

export type ConsumerNormalisation = 'mongod-keyfile' | 'st2-base64ws' | 'saslprep';

export const CONSUMER_NORMALISATIONS: readonly ConsumerNormalisation[] = ['mongod-keyfile', 'st2-base64ws', 'saslprep'];

/** Bytes mongod drops from a keyfile: 0x09-0x0D and the space. */
const KEYFILE_BLANKS = /[\t\n\v\f\r ]+/g;
/** What Base64WSDecode ignores: everything but the two base64 alphabets. */
const NOT_BASE64 = /[^A-Za-z0-9+/_-]+/g;
/**
 * RFC 3454 B.1, "commonly mapped to nothing" (combining marks among them, so the pattern
 * is built as alternatives rather than a character class).
 */
const B1 = [0x00ad, 0x034f, 0x1806, 0x180b, 0x180c, 0x180d, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, ...Array.from({ length: 16 }, (_, i) => 0xfe00 + i)];
const MAPPED_TO_NOTHING = new RegExp(B1.map((c) => `\\u${c.toString(16).padStart(4, '0')}`).join('|'), 'g');
/** RFC 3454 C.1.2, non-ASCII space characters (U+200B is B.1's: nothing, as pymongo maps it). */
const NON_ASCII_SPACE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const NON_ASCII = /[\u0080-\uffff]/;

export function keyfileForm(text: string): string {
  return text.replace(KEYFILE_BLANKS, '');
}

/** The datastore key as Base64WSDecode reads it, both alphabets folded into `+/`. */
export function base64wsForm(text: string): string {
  return text.replace(NOT_BASE64, '').replace(/[-_]/g, (c) => (c === '-' ? '+' : '/'));
}

/** RFC 4013 SASLprep's mapping and normalisation (not its prohibition or bidi checks). */
export function saslprep(text: string): string {
  return text.replace(MAPPED_TO_NOTHING, '').replace(NON_ASCII_SPACE, ' ').normalize('NFKC');
}

/** Only a text with a non-ASCII character can change under SASLprep. */
export function maySaslprep(text: string): boolean {
  return NON_ASCII.test(text);
}

export function normalisedBy(how: ConsumerNormalisation, text: string): string {
  switch (how) {
    case 'mongod-keyfile':
      return keyfileForm(text);
    case 'st2-base64ws':
      return base64wsForm(text);
    case 'saslprep':
      return saslprep(text);
  }
}
