// Median and min–max of repeated measurements, and the round-robin order of variants.
export const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** "median (min–max)" */
export const spread = (a, digits = 0) => `${median(a).toFixed(digits)} (${Math.min(...a).toFixed(digits)}–${Math.max(...a).toFixed(digits)})`;

/** The list rotated by k: round k starts with a different variant, so drift hits all alike. */
export const rotate = (arr, k) => arr.map((_, i) => arr[(i + k) % arr.length]);
