/**
 * Short and alternative base32/base85 spellings of a default decode back to it.
 * Vectors from python3 base64 (b32hexencode, b32encode, b85encode, a85encode).
 */
import { describe, expect, it } from 'vitest';
import { decodedForms } from '../../src/policy/decode-layers.js';

const decodes = (text: string): Array<readonly [string, string]> => decodedForms(text).map((f) => [f.encoding, f.text] as const);

describe('short and base32hex encodings of a default', () => {
  it.each([
    ['8DK40RJ7CL6MA===', 'base32hex', 'Ch@ngeMe'],
    ['8dk40rj7cl6ma', 'base32hex', 'Ch@ngeMe'],
    ['B1IKODAIF1RMKDQ661BN8D1JEH35KLIK9ORKGE2JCSQLGH28DL5G====', 'base32hex', 'XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK'],
    ['inuea3thmvgwk', 'base32', 'Ch@ngeMe'],
    ['INUEA3THMVGWK', 'base32', 'Ch@ngeMe'],
    ['Luf#5XJt)g', 'base85', 'Ch@ngeMe'],
    ['6YJ`&B4XeK', 'base85', 'Ch@ngeMe'],
  ])('%s is %s of the default', (text, encoding, value) => {
    expect(decodes(text)).toContainEqual([encoding, value]);
  });

  it('a base32hex of random bytes decodes to no text', () => {
    // base64.b32hexencode(bytes.fromhex('9c1f4e2ab07d3356e81a'))
    expect(decodes('JGFKSALGFKPLDQ0Q').map(([e]) => e)).toEqual(['plain']);
  });
});
