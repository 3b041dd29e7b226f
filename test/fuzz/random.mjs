/**
 * A small seeded PRNG (mulberry32) with the choices the generator needs.
 * Same seed, same sequence, on every machine: fuzz cases are reproducible
 * from `--seed` and a case index alone.
 */
export function createRandom(seed, edginess = 0) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rnd = {
    next,
    /** Integer in [lo, hi]. */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    /** True with probability p. */
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    /** Picks by weight: entries are [weight, value]. */
    weighted: (entries) => {
      const total = entries.reduce((sum, [w]) => sum + w, 0);
      let at = next() * total;
      for (const [w, value] of entries) {
        at -= w;
        if (at < 0) return value;
      }
      return entries[entries.length - 1][1];
    },
    /** Whether this choice may take a rarely valid spelling (the case's edginess). */
    edgy: () => edginess > 0 && next() < edginess,
    /** k distinct items, in a random order. */
    sample: (items, k) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy.slice(0, Math.min(k, copy.length));
    },
  };
  return rnd;
}

/** The seed of case `index` in a run started with `seed`: cases are independent. */
export function caseSeed(seed, index) {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
