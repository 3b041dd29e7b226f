/**
 * Traditional DES crypt(3) as the gate computes it must equal glibc's
 * crypt(3) (the expected strings were produced on 2026-12-06 by Python 3's
 * crypt module, which calls glibc), or an htpasswd line in DES crypt of a
 * default password would pass unseen; and the DES inside must equal
 * OpenSSL's (single DES is 3DES with one key three times).
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { desCrypt, desEncryptBlock } from '../../src/policy/des-crypt.js';
import { cryptHits } from '../../src/policy/crypt-hashes.js';
import { prng } from './prng.js';

const GLIBC: ReadonlyArray<readonly [string, string, string]> = [
  ['test', 'ab', 'abgOeLfPimXQo'],
  ['', '..', '..X8NBuQ4l6uQ'],
  ['password', 'zz', 'zzXUHfURnGg8I'],
  // Only 8 characters count.
  ['averylongpassword', './', './VkXszknr/Aw'],
  ['x', '9Z', '9Zt6B2MJVT7cE'],
  ['\x7f\x01abcdef', 'Ab', 'Ab2HAjhqGJfE.'],
];

describe('DES crypt(3)', () => {
  it.each(GLIBC)('crypt(%j, %s) is %s', (password, salt, expected) => {
    expect(desCrypt(password, salt)).toBe(expected);
  });

  it('reads only the first 8 characters, and refuses a salt outside the alphabet', () => {
    expect(desCrypt('averylon', './')).toBe(desCrypt('averylongpassword', './'));
    expect(desCrypt('x', 'a')).toBeUndefined();
    expect(desCrypt('x', 'a$')).toBeUndefined();
  });

  it('its DES equals OpenSSL 3DES with the key three times, on random keys and blocks', () => {
    const random = prng(46);
    const bytes = (): Uint8Array => Uint8Array.from({ length: 8 }, () => Math.floor(random() * 256));
    for (let n = 0; n < 64; n++) {
      const key = bytes();
      const block = bytes();
      const cipher = crypto.createCipheriv('des-ede3-ecb', Buffer.concat([key, key, key]), null);
      cipher.setAutoPadding(false);
      expect(Buffer.from(desEncryptBlock(key, block)).toString('hex')).toBe(cipher.update(block).toString('hex'));
    }
  });

  it('names the literal an htpasswd line in DES crypt verifies, in a file of several lines', () => {
    const literals = [
      { id: 'pw', value: 'password' },
      { id: 'other', value: 'test1' },
    ];
    expect(cryptHits('st2admin:zzXUHfURnGg8I', literals)).toEqual([{ id: 'pw', encoding: 'crypt' }]);
    expect(cryptHits('ops:$apr1$x$yyyyyyyyyyyyyyyyyyyyyy\nst2admin:zzXUHfURnGg8I\n', literals)).toEqual([{ id: 'pw', encoding: 'crypt' }]);
    // A 13-character word that is no htpasswd line, or a hash of another password: nothing.
    expect(cryptHits('image: zzXUHfURnGg8I', literals)).toEqual([]);
    expect(cryptHits('st2admin:abgOeLfPimXQo', literals)).toEqual([]);
    expect(cryptHits('st2admin:zzXUHfURnGg8Ix', literals)).toEqual([]);
  });
});
