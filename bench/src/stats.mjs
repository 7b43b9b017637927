// Median and min–max of repeated measurements, and the round-robin order of variants.
export const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** "median (min–max)" */
export const spread = (a, digits = 0) => `${median(a).toFixed(digits)} (${Math.min(...a).toFixed(digits)}–${Math.max(...a).toFixed(digits)})`;

/** The list rotated by k: round k starts with a different variant, so drift hits all alike. */
export const rotate = (arr, k) => arr.map((_, i) => arr[(i + k) % arr.length]);

/**
 * Measures every item once a round, item after item, each round starting with a different one;
 * `warmup` rounds run first and are not kept. Resolves to { [key(item)]: [result per round] }.
 */
export async function inTurns(items, rounds, measure, { warmup = 0, key = (item) => item.name } = {}) {
  const res = Object.fromEntries(items.map((item) => [key(item), []]));
  for (let round = -warmup; round < rounds; round++) {
    for (const item of rotate(items, round + warmup)) {
      const r = await measure(item, round < 0);
      if (round >= 0) res[key(item)].push(r);
    }
  }
  return res;
}
