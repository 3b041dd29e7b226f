import { describe, expect, it } from 'vitest';
import { hashHits } from '../../src/policy/hash-verifiers.js';

// Vectors from python3 hashlib/base64 over the chart default "Ch@ngeMe" and the MongoDB
// chart password under Bitnami's user "st2-admin".
const literals = [
  { id: 'st2-auth-password', value: 'Ch@ngeMe' },
  { id: 'mongodb-admin-password', value: 'XeL5Rxwj7F0Wt43tFZVTN7H8Sg5XDHmK' },
];

describe('a bare digest of a default verifies it', () => {
  it.each([
    ['cb2d07e7b11d9ef971b72ef386b50739', 'md5', 'st2-auth-password'],
    ['84D0CF04DE4B2251E1A070BF700D93C435857BFC', 'sha1', 'st2-auth-password'],
    ['67fc28ecb5bb0d617a2ecd7eb8d4c001d75c59dfb369f47ad72b313025b9b758', 'sha256', 'st2-auth-password'],
    ['2itHQLSjLgH60uqlCTPa4kYXQz8C3gBEvobKPLvU2LUlAFTzn6g5lN+DHEUT9dYvvD2EehuFjn5p4hpzUn63lA==', 'sha512', 'st2-auth-password'],
    [' cb2d07e7b11d9ef971b72ef386b50739\n', 'md5', 'st2-auth-password'],
    ['69caf2530cc91ec1fe69501079ab7a51', 'mongodb-scram-digest', 'mongodb-admin-password'],
  ])('%s is %s of %s', (text, encoding, id) => {
    expect(hashHits(text, literals)).toContainEqual({ id, encoding });
  });

  it.each([
    ['a sha256 of a non-default string', 'e70f83b26f7de3167a32a77bc49bf911b3675bff4b11ae8ec87d4f52fef793e6'],
    ['a random 32-hex value', '3f9a1c77e0b24d5e8a6b1f2c9d0e4a7b'],
    ['the digest inside a longer text', 'md5=cb2d07e7b11d9ef971b72ef386b50739 x'],
  ])('%s verifies nothing', (_what, text) => {
    expect(hashHits(text, literals)).toEqual([]);
  });
});
