/**
 * MD5-crypt and SHA-crypt as the gate computes them must equal what
 * `openssl passwd` writes (the expected strings below were produced by
 * OpenSSL 3 on 2026-12-06), or a htpasswd line of a default password
 * would pass unseen.
 */
import { describe, expect, it } from 'vitest';
import { cryptHits, md5Crypt, shaCrypt } from '../../src/policy/crypt-hashes.js';

const LONG = 'a much longer password than sixteen bytes for sure 1234567890';
const CASES: ReadonlyArray<readonly [string, string]> = [
  ['x', '$apr1$q9Xr2mLs$l7.MT0qBXP6s2XdVFcA6//'],
  [LONG, '$apr1$q9Xr2mLs$djHAPQxdnEpj6LD.zrHvK1'],
  ['x', '$1$ab$e2KlfqG5YBMTjSz7XF.Eu1'],
  [LONG, '$1$ab$k3FQYTegWW/W.5x60lIOx.'],
  ['x', '$6$Zr4kQp1uWm$Xdj1DtHChMWMuzVHtiULeiVdaE119ICwSRBBjmDHPqTW1abyz/c5jnGIERI9pQVawHBFD0RZ617niOLBIm3dx0'],
  [LONG, '$6$Zr4kQp1uWm$Ri8i/xalHnuaUIn46Id3zy62duvlOUHZAch6TsZNG49bzCR99XZT/Br5V7g6xT0qqCON806lrUVzNr8v9Jw140'],
  ['x', '$5$saltsaltsaltsalt$w6MMzL6uP1zC/zFPks1aojSlkIwXOntfy4rPxWhJHg2'],
  [LONG, '$5$saltsaltsaltsalt$pjLXlNBUrcbx/PxlPAZHl2r7L0z/shkHiQNhE6mj9RC'],
  ['x', '$6$short$QyVoKWqPNl6RNenmBA6a/vLfaqSQjTh9uln9bU2ulhek2oiVdUAoCfuszVp.1rkl8XCLSBKCMmlydCXQ0ITpm/'],
];

describe('crypt(3) hashes', () => {
  it.each(CASES)('computes %s as openssl passwd does: %s', (password, expected) => {
    const [, variant = '', salt = '', hash = ''] = expected.split('$');
    const got = variant === '1' || variant === 'apr1' ? md5Crypt(password, salt, variant === '1' ? '$1$' : '$apr1$') : shaCrypt(password, salt, variant === '5' ? '5' : '6', 5000);
    expect(got).toBe(hash);
  });

  it('names the literal a htpasswd line verifies, and no other', () => {
    const literals = [
      { id: 'x-literal', value: 'x' },
      { id: 'other', value: 'y' },
    ];
    expect(cryptHits(`st2admin:${CASES[0]?.[1] ?? ''}`, literals)).toEqual([{ id: 'x-literal', encoding: 'crypt' }]);
    expect(cryptHits(`st2admin:${CASES[6]?.[1] ?? ''}`, literals)).toEqual([{ id: 'x-literal', encoding: 'crypt' }]);
    expect(cryptHits('st2admin:$6$rounds=999999999$abc$' + 'a'.repeat(86), literals)).toEqual([]);
  });
});
