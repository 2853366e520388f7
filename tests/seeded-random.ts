/**
 * A seeded generator of numbers in [0, 1) (mulberry32), for fuzz tests that print their seed. Its arithmetic is
 * exact 32-bit integer math: an LCG computed in doubles (state * 1103515245 overflows 2^53) loses its low
 * bits and falls into short cycles for some seeds, so a fuzz would quietly repeat a few dozen cases.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
