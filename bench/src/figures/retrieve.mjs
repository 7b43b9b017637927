// 3. Concurrent retrieve: N calls, 64 in flight at a time, throughput. Rounds alternate the
// variants as for list.
import { runJob } from "../child.mjs";
import { NOT_BUILT } from "../available.mjs";
import { ID, takingPart } from "../variants.mjs";
import { inTurns, median, spread } from "../stats.mjs";

export async function retrieveFigure(ctx) {
  const { bench, base, cfg } = ctx;
  const variants = takingPart(ctx.variants, "retrieve");
  const ready = variants.filter((v) => v.ok);
  const res = await inTurns(ready, cfg.retrieveRounds, async (v) => {
    const r = await runJob(bench, ["retrieve", v.name, base, String(cfg.retrieveTotal), "64"]);
    if (r.id !== ID) throw new Error(`${v.name}: retrieve answered id ${r.id}, expected ${ID}`);
    return r.rps;
  });
  const fetchRps = res["plain fetch"] ? median(res["plain fetch"]) : NaN;
  const rows = variants.map((v) =>
    res[v.name] ? `| ${v.name} | ${spread(res[v.name])} | ${(median(res[v.name]) / fetchRps).toFixed(2)} |` : `| ${v.name} | ${NOT_BUILT} | |`,
  );
  // Target: llm-files answers at least 1.3 × the requests per second of plain fetch.
  const targets = variants
    .filter((v) => v.name.startsWith("llm-files"))
    .map((v) =>
      res[v.name]
        ? [`64-way retrieve ≥ 1.3 × plain fetch's requests/s (${v.name})`, `${(median(res[v.name]) / fetchRps).toFixed(2)} × (${median(res[v.name]).toFixed(0)} vs ${fetchRps.toFixed(0)} requests/s)`, median(res[v.name]) / fetchRps >= 1.3]
        : [`64-way retrieve ≥ 1.3 × plain fetch's requests/s (${v.name})`, NOT_BUILT, null],
    );
  const body =
    `Rounds: ${cfg.retrieveRounds}, each variant in a fresh process per round (200 warm-up calls first); 64 calls in flight until ${cfg.retrieveTotal} are done.\n\n` +
    `| variant | requests/s median (min–max) | × plain fetch |\n|---|---|---|\n${rows.join("\n")}`;
  console.log("retrieve done");
  return { title: `${cfg.retrieveTotal} \`retrieve\` calls, 64 at a time`, body, targets };
}
