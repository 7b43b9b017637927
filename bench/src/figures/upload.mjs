// 1. Upload of a large file from disk: wall time and the peak RSS of the whole process as
// the OS measures it (/usr/bin/time -v; else the child's own resourceUsage().maxRSS).
// The file is sparse (no disk write, the same bytes on the wire) and deleted afterwards.
import { rm, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { HAS_TIME, runJob, runNode } from "../child.mjs";
import { takingPart } from "../variants.mjs";
import { NOT_BUILT } from "../available.mjs";
import { inTurns, median, spread } from "../stats.mjs";

const MB = 1024 * 1024;
const LIMITS = { [100 * MB]: 80, [500 * MB]: 100 };

export async function uploadFigure(ctx) {
  const { bench, base, tmp, cfg } = ctx;
  const variants = takingPart(ctx.variants, "upload");
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
    let res;
    try {
      // One warm-up round first: the page cache, the server's JIT.
      res = await inTurns(
        ready,
        cfg.uploadRuns,
        async (v) => {
          const r = await runJob(bench, ["upload", v.name, base, file, String(size)], { time: true });
          if (!(r.bytes >= size)) throw new Error(`${v.name}: the server received ${r.bytes} bytes of a ${size}-byte upload`);
          return { ms: r.ms, rss: (r.osMaxRssKb ?? r.maxRssKb) / 1024, heap: r.atPeak.heapUsed / MB, buffers: (r.atPeak.external + r.atPeak.arrayBuffers) / MB };
        },
        { warmup: 1 },
      );
    } finally {
      await rm(file, { force: true });
    }
    for (const v of variants) {
      const runs = res[v.name];
      const r = runs && Object.fromEntries(["ms", "rss", "heap", "buffers"].map((k) => [k, runs.map((run) => run[k])]));
      rows.push(r ? `| ${size / MB} MB | ${v.name} | ${spread(r.ms)} | ${spread(r.rss)} | ${median(r.heap).toFixed(0)} | ${median(r.buffers).toFixed(0)} |` : `| ${size / MB} MB | ${v.name} | ${NOT_BUILT} | ${NOT_BUILT} | | |`);
    }
    const limit = LIMITS[size];
    if (limit) {
      for (const v of variants.filter((x) => x.name.startsWith("llm-files"))) {
        const r = res[v.name];
        const worst = r && Math.max(...r.map((run) => run.rss));
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
