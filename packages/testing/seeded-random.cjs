// Preloaded into a Prism process by startPrism({ dynamic, seed }): Math.random becomes a
// seeded PRNG (mulberry32). Prism's own --seed re-seeds json-schema-faker on every request,
// so every answer would be the same; this keeps answers varied yet reproducible.
let state = Number(process.env.LLM_FILES_PRISM_SEED) >>> 0;
Math.random = function seededRandom() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
