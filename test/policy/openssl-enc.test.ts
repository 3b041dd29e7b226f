/**
 * `openssl enc -d` with a key the same text names (src/policy/openssl-enc.ts),
 * against blobs the real OpenSSL 3.0.19 (`openssl enc … -a -A`) wrote: PBKDF2
 * (default 10000 rounds of HMAC-SHA-256, `-iter`, `-md`), the legacy
 * EVP_BytesToKey with SHA-256 (OpenSSL's default digest since 1.1.0) or MD5,
 * `-nosalt`, `-S`, a raw `-K`/`-iv`, CBC, CTR, CFB and ChaCha20, base64 and
 * hex. A key the text does not carry, an encryption, a wrong passphrase or a
 * cipher enc refuses give nothing; a derivation over MAX_ITER rounds is not
 * run and the search says it stopped short.
 */
import { describe, expect, it } from 'vitest';
import { encCommand, MAX_ITER, opensslForms } from '../../src/policy/openssl-enc.js';
import { searchWithin } from '../../src/policy/search-budget.js';

const PLAIN = 'fresh-Value-7781';
const texts = (text: string): string[] => opensslForms(text).map((f) => `${f.encoding}:${f.text}`);

/** [name, the script, what its openssl command prints]: each blob is `printf %s PLAIN | openssl enc <same options> -a -A`. */
const OPENS: ReadonlyArray<readonly [string, string, string]> = [
  ['-pbkdf2 -pass pass:', 'echo U2FsdGVkX1+Y76XuEcLESBDrOCDejFLuQML9Z3nmXC7/E1f9ibLfpkCVMtfdesbf | openssl enc -d -aes-256-cbc -pbkdf2 -pass pass:p1 -base64 -A', PLAIN],
  ['-iter 1000 -md sha512, a quoted -k', `echo 'U2FsdGVkX18K5FQ5BlXhJQM4ShS+LGgl4XJQKWhvOreXVZ6nj/Eul4zNtbzbEkQK' | openssl enc -d -aes-128-cbc -iter 1000 -md sha512 -k 'two words' -a -A`, PLAIN],
  ['legacy EVP_BytesToKey, -md md5', 'openssl enc -aes-256-cbc -d -md md5 -k oldpass -a -A <<< U2FsdGVkX1/58NNJkqZYTaS8upk0GS3PHJ7WR0e73BhEL8PuTTCFWaEWiboxDyVg', PLAIN],
  ['legacy EVP_BytesToKey, default digest (SHA-256)', 'echo U2FsdGVkX18ahorQyWxacWK46oXXhUoE6qePeR2Gvi1lArJJNch/L4579ghXCqaB | openssl aes-256-cbc -d -k oldpass -a -A', PLAIN],
  ['-nosalt, CFB', 'echo bqBW65nGItBBoTEweiXPIA== | openssl enc -d -aes-192-cfb -pbkdf2 -nosalt -pass pass:nosaltpw -a -A', PLAIN],
  ['-S given, no header', 'echo AT5YurgAcEx54wGcQi7KlxrEhidG1rys2R+c75zuZnE= | openssl enc -d -aes-256-cbc -pbkdf2 -pass pass:p1 -S 0102030405060708 -a -A', PLAIN],
  ['ChaCha20', 'echo U2FsdGVkX190sHFfASsKu6EzFy3bv3JGRbkkaeTRaVw= | openssl enc -d -chacha20 -pbkdf2 -pass pass:p1 -a -A', PLAIN],
  ['-K/-iv, CTR', 'echo Rtuc4dxhDYloapnxW5mhWw== | openssl enc -d -aes-128-ctr -K 000102030405060708090a0b0c0d0e0f -iv 0f0e0d0c0b0a09080706050403020100 -a -A', PLAIN],
  ['hex through xxd -r -p', 'echo 53616c7465645f5f1f8d40e933bda6b8407376569259dd68bc284b4c1eed6f17f07d1f0212b773a6b08a1a90a40fc3bc | xxd -r -p | openssl aes-256-cbc -d -pbkdf2 -pass pass:p1', PLAIN],
  ['gzip inside', 'echo U2FsdGVkX1/DiqSs/07+pVlqnJbkoXdh62R2qbB7bwRF6y1OT3la8S0gy75g9Hl3x7SaxqaaRcuwuGgeQDLLDw== | openssl enc -d -aes-256-cbc -pbkdf2 -pass pass:gz -a -A | gunzip', 'gzip me please, gzip me please\n'],
];

describe('what the same text decrypts with a key it names', () => {
  it.each(OPENS)('%s', (_name, text, plain) => {
    expect(texts(text)).toContain(`${plain.startsWith('gzip') ? 'gzip' : 'openssl'}:${plain}`);
  });
});

describe('no key in the text, no decryption', () => {
  const BLOB = 'U2FsdGVkX1+Y76XuEcLESBDrOCDejFLuQML9Z3nmXC7/E1f9ibLfpkCVMtfdesbf';
  it.each([
    ['the key from the environment', `echo ${BLOB} | openssl enc -d -aes-256-cbc -pbkdf2 -pass env:KEY -a -A`],
    ['the key from a file', `echo ${BLOB} | openssl enc -d -aes-256-cbc -pbkdf2 -kfile /keys/k -a -A`],
    ['a shell variable', `echo ${BLOB} | openssl enc -d -aes-256-cbc -pbkdf2 -pass "pass:$KEY" -a -A`],
    ['a prompt', `echo ${BLOB} | openssl enc -d -aes-256-cbc -pbkdf2 -a -A`],
    ['a wrong passphrase', `echo ${BLOB} | openssl enc -d -aes-256-cbc -pbkdf2 -pass pass:p2 -a -A`],
    ['the wrong derivation (no -pbkdf2)', `echo ${BLOB} | openssl enc -d -aes-256-cbc -pass pass:p1 -a -A`],
    ['an encryption', `echo ${BLOB} | openssl enc -aes-256-cbc -pbkdf2 -pass pass:p1 -a -A`],
    ['no cipher (base64 only)', `echo ${BLOB} | openssl enc -d -pass pass:p1 -a -A`],
    ['a cipher enc refuses (GCM)', `echo ${BLOB} | openssl enc -d -aes-256-gcm -pbkdf2 -pass pass:p1 -a -A`],
    ['openssl for something else', `echo ${BLOB}; openssl rand -hex 16 -pass pass:p1`],
    ['the key named, the blob in another text', 'openssl enc -d -aes-256-cbc -pbkdf2 -pass pass:p1 -a -A -in /secrets/blob'],
  ])('%s', (_name, text) => {
    expect(texts(text)).toEqual([]);
  });

  it(`does not run a derivation over ${MAX_ITER} rounds, and says the search stopped short`, () => {
    const text = 'echo U2FsdGVkX1+HF04RN+qzbKJJo6z/8IxjP8uajGS3VcBRNT2+u7GFTwRh+iNHM1AW | openssl enc -d -aes-256-cbc -pbkdf2 -iter 300000 -pass pass:p1 -a -A';
    const { result, short } = searchWithin(() => opensslForms(text));
    expect(result).toEqual([]);
    expect(short).toBe('hash-cost');
  });
});

describe('the command line as apps/enc.c reads it', () => {
  it.each([
    ['enc -d -aes-256-cbc -pbkdf2 -pass pass:x', { cipher: 'aes-256-cbc', pass: 'x', pbkdf2: true, iter: 10000, md: 'sha256' }],
    ['aes-128-cbc -d -iter 5 -pbkdf2 -k y', { cipher: 'aes-128-cbc', pass: 'y', pbkdf2: true, iter: 5 }],
    ['enc -d -aes256 -md md5 -k z', { cipher: 'aes-256-cbc', pass: 'z', pbkdf2: false, iter: 1, md: 'md5' }],
    ['enc -d -aes-128-cbc -K 00ff -iv 01', { cipher: 'aes-128-cbc', key: Buffer.from('00ff0000000000000000000000000000', 'hex'), iv: Buffer.from('01000000000000000000000000000000', 'hex') }],
  ])('%s', (line, expected) => {
    expect(encCommand(line.split(' '))).toMatchObject(expected);
  });

  it.each([['enc -aes-256-cbc -k x'], ['enc -d -aes-256-cbc'], ['enc -d -aes-256-cbc -K 00ff'], ['enc -d -aes-256-cbc -iter 0 -k x'], ['enc -d -nosuchcipher -k x']])('%s: nothing to decrypt with', (line) => {
    expect(encCommand(line.split(' '))).toBeUndefined();
  });
});
