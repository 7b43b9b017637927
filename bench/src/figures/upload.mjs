// 1. Upload of a large file from disk: wall time and the peak RSS of the whole process as
// the OS measures it (/usr/bin/time -v; else the child's own resourceUsage().maxRSS).
// The file is sparse (no disk write, the same bytes on the wire) and deleted afterwards.
import { rm, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { HAS_TIME, runJob, runNode } from "../child.mjs";
import { NOT_BUILT } from "../available.mjs";
import { median, rotate, spread } from "../stats.mjs";

const MB = 1024 * 1024;
const LIMITS = { [100 * MB]: 80, [500 * MB]: 100 };

export async function uploadFigure(ctx) {
  const { bench, base, tmp, cfg, variants } = ctx;
  const ready = variants.filter((v) => v.ok);
  const rows = [];
  const targets = [];
  const bare = [];
  for (let i = 0; i < cfg.uploadRuns; i++) {
    const { osMaxRssKb } = await runNode(["-e", "process.stdout.write(String(process.resourceUsage().maxRSS))"], { cwd: bench, time: true }).then((r) => ({ osMaxRssKb: r.osMaxRssKb ?? Number(r.out) }));
    bare.push(osMaxRssKb / 1024);
  }
  for (const size of cfg.uploadSizes) {
    const file = join(tmp, `upload-${size / MB}MB.bin`);
    await writeFile(file, "");
    await truncate(file, size);
    const res = Object.fromEntries(ready.map((v) => [v.name, { ms: [], rss: [], heap: [], buffers: [] }]));
    try {
      for (let run = -1; run < cfg.uploadRuns; run++) {
        for (const v of rotate(ready, run + 1)) {
          const r = await runJob(bench, ["upload", v.name, base, file, String(size)], { time: true });
          if (!(r.bytes >= size)) throw new Error(`${v.name}: the server received ${r.bytes} bytes of a ${size}-byte upload`);
          if (run < 0) continue; // warm-up: page cache, the server's JIT
          res[v.name].ms.push(r.ms);
          res[v.name].rss.push((r.osMaxRssKb ?? r.maxRssKb) / 1024);
          res[v.name].heap.push(r.atPeak.heapUsed / MB);
          res[v.name].buffers.push((r.atPeak.external + r.atPeak.arrayBuffers) / MB);
        }
      }
    } finally {
      await rm(file, { force: true });
    }
    for (const v of variants) {
      const r = res[v.name];
      rows.push(r ? `| ${size / MB} MB | ${v.name} | ${spread(r.ms)} | ${spread(r.rss)} | ${median(r.heap).toFixed(0)} | ${median(r.buffers).toFixed(0)} |` : `| ${size / MB} MB | ${v.name} | ${NOT_BUILT} | ${NOT_BUILT} | | |`);
    }
    const limit = LIMITS[size];
    if (limit) {
      for (const v of variants.filter((x) => x.name.startsWith("llm-files"))) {
        const r = res[v.name];
        const worst = r && Math.max(...r.rss);
        targets.push([`upload ${size / MB} MB: peak RSS ≤ ${limit} MB (${v.name})`, r ? `${worst.toFixed(0)} MB (worst run)` : NOT_BUILT, r ? worst <= limit : null]);
      }
    }
    console.log(`upload ${size / MB} MB done`);
  }
  const source = HAS_TIME ? "`/usr/bin/time -v`" : "the child's `process.resourceUsage().maxRSS`";
  const body =
    `Peak RSS of the whole child process as the OS reports it (${source}); runs per variant: ${cfg.uploadRuns}, after a warm-up run, variants alternating. ` +
    `For scale, a bare \`node -e\` peaks at ${spread(bare)} MB. The last two columns are \`process.memoryUsage()\` at the moment RSS peaked (sampled every 25 ms): ` +
    `JS heap in use, and memory held outside the heap (Buffers, ArrayBuffers, undici's body copies).\n\n` +
    `| file | variant | wall ms median (min–max) | peak RSS MB median (min–max) | heap MB at peak | external + ArrayBuffers MB at peak |\n|---|---|---|---|---|---|\n${rows.join("\n")}`;
  return { title: "Upload from disk", body, targets };
}
