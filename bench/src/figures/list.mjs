// 2. Sequential list calls: wall time, and the ratio to plain fetch + JSON.parse. Each round
// runs every variant once in a fresh process (200 warm-up calls, then the measured calls),
// rotating which goes first. Behind it, a CPU profile of the measured calls by code owner.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runJob } from "../child.mjs";
import { NOT_BUILT } from "../available.mjs";
import { differenceTable, ownerTable, requestOwner, timeByFunction, timeByOwner } from "../profile.mjs";
import { inTurns, median, spread } from "../stats.mjs";
import { takingPart } from "../variants.mjs";

const BASELINE = "plain fetch";
/** Target: llm-files' list loop takes at most this share of plain fetch's time (issue 16). */
const LIST_TARGET = 0.75;

async function profiled(bench, name, base, calls) {
  const dir = await mkdtemp(join(tmpdir(), "llm-files-prof-"));
  try {
    const file = join(dir, "list.cpuprofile");
    await runJob(bench, ["list", name, base, String(calls)], { env: { BENCH_CPU_PROFILE: file } });
    const profile = JSON.parse(await readFile(file, "utf8"));
    return { owners: timeByOwner(profile, requestOwner), functions: timeByFunction(profile, requestOwner) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function listFigure(ctx) {
  const { bench, base, cfg } = ctx;
  const variants = takingPart(ctx.variants, "list");
  const ready = variants.filter((v) => v.ok);
  const res = await inTurns(ready, cfg.listRounds, async (v) => {
    const r = await runJob(bench, ["list", v.name, base, String(cfg.listCalls)]);
    if (r.items !== 1) throw new Error(`${v.name}: list returned ${r.items} files, the spec example has 1`);
    return r.ms;
  });
  const base0 = median(res[BASELINE]);
  // The same round's ratio: both ran back to back, so slow drift cancels out.
  const paired = (name) => res[name].map((ms, i) => ms / res[BASELINE][i]);
  const rows = variants.map((v) =>
    res[v.name]
      ? `| ${v.name} | ${spread(res[v.name])} | ${((median(res[v.name]) / cfg.listCalls) * 1000).toFixed(0)} | ${(median(res[v.name]) / base0).toFixed(3)} | ${spread(paired(v.name), 3)} |`
      : `| ${v.name} | ${NOT_BUILT} | | | |`,
  );
  const ours = variants.filter((v) => v.name.startsWith("llm-files")).map((v) => v.name);
  const ratio = (name) => median(res[name]) / base0;
  const missed = ours.filter((name) => res[name] && ratio(name) > LIST_TARGET);
  const targets = ours.map((name) =>
    res[name]
      ? [`list wall ≤ ${LIST_TARGET.toFixed(2)} × plain fetch (${name})`, `${ratio(name).toFixed(3)} × (per-round ${spread(paired(name), 3)})`, !missed.includes(name)]
      : [`list wall ≤ ${LIST_TARGET.toFixed(2)} × plain fetch (${name})`, NOT_BUILT, null],
  );
  let body =
    `Rounds: ${cfg.listRounds}; each round runs every variant in a fresh process: 200 warm-up calls, then ${cfg.listCalls} measured calls, one after another. ` +
    `"× plain fetch" is median over median; "per round" is each round's ratio (the two ran back to back), median (min–max).\n\n` +
    `| variant | wall ms median (min–max) | µs per call | × plain fetch | × plain fetch per round |\n|---|---|---|---|---|\n${rows.join("\n")}`;
  const profiledNames = [...ours.filter((name) => res[name]), BASELINE];
  const profiles = {};
  for (const name of profiledNames) profiles[name] = await profiled(bench, name, base, cfg.listCalls);
  const columns = Object.fromEntries(Object.entries(profiles).map(([name, p]) => [name, p.owners]));
  body +=
    `\n\nWhere the CPU time of the ${cfg.listCalls} measured calls goes (V8 CPU profile of one more run each, 100 µs sampling, idle excluded; ` +
    `the profiler slows everything down, so compare the columns, not these totals with the wall times above):\n\n${ownerTable(columns)}`;
  // A missed target gets the finer view: the functions where the extra CPU goes.
  for (const name of missed) {
    body +=
      `\n\nWhy ${name} missed the list target: the functions (self time) where its profile spends most more than plain fetch's, same runs as above:\n\n` +
      differenceTable(profiles[name].functions, profiles[BASELINE].functions, name, BASELINE);
  }
  console.log("list done");
  return { title: `${cfg.listCalls} sequential \`list\` calls`, body, targets };
}
