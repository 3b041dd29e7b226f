import { describe, expect, it } from 'vitest';
import { bcryptDigest } from '../../src/policy/bcrypt.js';
import { blowfishInitialState } from '../../src/policy/blowfish-pi.js';

/** `$2x$NN$` + 22 salt characters + 31 digest characters: the vectors as libxcrypt (glibc's crypt) writes them. */
const VECTORS: ReadonlyArray<readonly [string, string]> = [
  ['U*U', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW'],
  ['U*U*', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK'],
  ['', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy'],
  ['0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789chars after 72 are ignored', '$2b$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui'],
  ['Ch@ngeMe', '$2y$04$9H3pG6yTz3wLq0c8Vb1rWea5tTvmhA22EokAITrfIvoOuG79L97hi'],
  ['Zürich-Ölberg', '$2b$06$saltsaltsaltsaltsaltsO7UOd83vOllYUNljwcYtpbDyk4LrBBlu'],
  ['Ch@ngeMe', '$2b$10$abcdefghijklmnopqrstuu4Et.E7YnWqgNz4Br0XhxJsTH0fZzCFK'],
];

describe('blowfish initial state: the digits of pi', () => {
  it('has P[0], S0[0] and S3[255] where Schneier put them', () => {
    const s = blowfishInitialState();
    expect([s.length, s[0], s[18], s[1041]]).toEqual([1042, 0x243f6a88, 0xd1310ba6, 0x3ac372e6]);
  });
});

describe('bcryptDigest: the published vectors and libxcrypt output', () => {
  it.each(VECTORS)('%j', (password, hash) => {
    const cost = Number(hash.slice(4, 6));
    expect(bcryptDigest(password, hash.slice(7, 29), cost)).toBe(hash.slice(29));
  });
  it('refuses a salt outside its alphabet and a cost out of range', () => {
    expect(bcryptDigest('x', '!!!!!!!!!!!!!!!!!!!!!!', 5)).toBeUndefined();
    expect(bcryptDigest('x', 'abcdefghijklmnopqrstuu', 3)).toBeUndefined();
  });
});
