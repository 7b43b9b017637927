// One upload figure's measurements: a sparse file of `size` bytes, uploaded by each variant in
// turns (a child process per run, timed), checked to have reached the server whole; the file is
// removed after. Each run gives its wall time, peak RSS (MB) and the buffers held at the peak.
import { rm, truncate, writeFile } from "node:fs/promises";
import { runJob } from "./child.mjs";
import { inTurns } from "./stats.mjs";

const MB = 1024 * 1024;

/**
 * @param {{ bench: string, base: string, file: string, size: number, runs: number }} job
 * @param {{ name: string }[]} variants
 * @returns {Promise<Record<string, { ms: number, rss: number, buffers: number }[]>>}
 */
export async function uploadRuns({ bench, base, file, size, runs }, variants) {
  await writeFile(file, "");
  await truncate(file, size);
  try {
    return await inTurns(
      variants,
      runs,
      async (v) => {
        const r = await runJob(bench, ["upload", v.name, base, file, String(size)], { time: true });
        if (!(r.bytes >= size)) throw new Error(`${v.name}: the server received ${r.bytes} bytes of a ${size}-byte upload`);
        return { ms: r.ms, rss: (r.osMaxRssKb ?? r.maxRssKb) / 1024, buffers: (r.atPeak.external + r.atPeak.arrayBuffers) / MB };
      },
      { warmup: size <= 512 * MB ? 1 : 0 },
    );
  } finally {
    await rm(file, { force: true });
  }
}
