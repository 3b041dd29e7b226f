/**
 * A small seeded PRNG (mulberry32) for property tests, so a failure
 * reproduces from its seed. (test/fuzz/random.mjs has the same generator
 * for the fuzzer, which node runs without TypeScript.)
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
