// The figure the goal "in-process evaluation of overlays/prod ≤ 10 ms" means: checkRender on
// one engine, warm (WARM_UP calls first, so V8 has optimised the TypeScript and tiered the wasm
// up), then the median of CALLS calls in a row. Shared by checkrender-loop.mjs and
// stages-worker.mjs so that both benchmarks report the same measurement. Each call still pays
// for its own garbage (the collections it causes fall inside later calls).
// 200 warm-up calls: the gate on two threads (checkrender-loop.mjs) needs them before the
// policy worker's own code and wasm have tiered up (after 50 its median was 10.2-11.0 ms, after
// 200 8.3 ms, 2026-12-07 15:52 on main 7c12344; the one-thread gate 13.6 -> 13.0 ms).
export const WARM_UP = 200;
export const CALLS = 200;

const sorted = (xs) => [...xs].sort((a, b) => a - b);
export const median = (xs) => { const s = sorted(xs); const k = s.length >> 1; return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2; };
export const percentile = (xs, p) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/** Times f: WARM_UP untimed calls, then CALLS timed ones; median and p90 in ms. */
export function warmTimes(f, { warmUp = WARM_UP, calls = CALLS } = {}) {
  for (let i = 0; i < warmUp; i++) f();
  const times = [];
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return { median: median(times), p90: percentile(times, 0.9), calls, warmUp };
}

/** warmTimes for an async f (the gate on two threads): each call awaited before the next. */
export async function warmTimesAsync(f, { warmUp = WARM_UP, calls = CALLS } = {}) {
  for (let i = 0; i < warmUp; i++) await f();
  const times = [];
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  return { median: median(times), p90: percentile(times, 0.9), calls, warmUp };
}
