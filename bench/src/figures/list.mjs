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
/** The floor for any client on Node: node:http with a keep-alive agent and JSON.parse, nothing else. */
const FLOOR = "node:http keep-alive loop";
/** Target: llm-files' list loop takes at most this share of plain fetch's time (issue 16). */
const LIST_TARGET = 0.75;
/** Target: llm-files' per-call time on list is at most this multiple of the floor's (issue 25). */
const FLOOR_TARGET = 1.25;

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
  const floor0 = res[FLOOR] ? median(res[FLOOR]) : NaN;
  const perCall = (name) => (median(res[name]) / cfg.listCalls) * 1000;
  // × the floor, and the same round's ratio (both ran back to back).
  const overFloor = (name) => res[name].map((ms, i) => ms / res[FLOOR][i]);
  const rows = variants.map((v) =>
    res[v.name]
      ? `| ${v.name} | ${spread(res[v.name])} | ${perCall(v.name).toFixed(0)} | ${res[FLOOR] ? (perCall(v.name) - perCall(FLOOR)).toFixed(0) : "—"} | ${(median(res[v.name]) / floor0).toFixed(3)} | ${(median(res[v.name]) / base0).toFixed(3)} | ${spread(paired(v.name), 3)} |`
      : `| ${v.name} | ${NOT_BUILT} | | | | | |`,
  );
  const ours = variants.filter((v) => v.name.startsWith("llm-files")).map((v) => v.name);
  const ratio = (name) => median(res[name]) / base0;
  const missed = ours.filter((name) => res[name] && ratio(name) > LIST_TARGET);
  const targets = ours.map((name) =>
    res[name]
      ? [`list wall ≤ ${LIST_TARGET.toFixed(2)} × plain fetch (${name})`, `${ratio(name).toFixed(3)} × (per-round ${spread(paired(name), 3)})`, !missed.includes(name)]
      : [`list wall ≤ ${LIST_TARGET.toFixed(2)} × plain fetch (${name})`, NOT_BUILT, null],
  );
  const floorRatio = (name) => median(res[name]) / floor0;
  const overTheFloor = ours.filter((name) => res[name] && res[FLOOR] && floorRatio(name) > FLOOR_TARGET);
  for (const name of ours) {
    const label = `list per-call time ≤ ${FLOOR_TARGET} × the node:http keep-alive floor (${name})`;
    targets.push(
      res[name] && res[FLOOR]
        ? [label, `${floorRatio(name).toFixed(3)} × (${perCall(name).toFixed(0)} vs ${perCall(FLOOR).toFixed(0)} µs per call; per round ${spread(overFloor(name), 3)})`, !overTheFloor.includes(name)]
        : [label, NOT_BUILT, null],
    );
  }
  let body =
    `Rounds: ${cfg.listRounds}; each round runs every variant in a fresh process: 200 warm-up calls, then ${cfg.listCalls} measured calls, one after another. ` +
    `"× plain fetch" is median over median; "per round" is each round's ratio (the two ran back to back), median (min–max).\n\n` +
    `"Over the floor" is each variant's µs per call beyond the node:http keep-alive loop's (\`http.get\` with a keep-alive Agent and JSON.parse: what any client on Node pays).\n\n` +
    `| variant | wall ms median (min–max) | µs per call | µs over the floor | × the floor | × plain fetch | × plain fetch per round |\n|---|---|---|---|---|---|---|\n${rows.join("\n")}`;
  // The steady state: the same calls after a long warm-up, for llm-files and the floor.
  const steadyNames = [...ours, FLOOR].filter((name) => res[name]);
  const steady = await inTurns(
    variants.filter((v) => steadyNames.includes(v.name)),
    cfg.steadyRounds,
    async (v) => (await runJob(bench, ["list", v.name, base, String(cfg.listCalls), String(cfg.steadyWarmup)])).ms,
  );
  if (steady[FLOOR]) {
    const us = (name) => (median(steady[name]) / cfg.listCalls) * 1000;
    body +=
      `\n\nThe same ${cfg.listCalls} calls after ${cfg.steadyWarmup} warm-up calls instead of 200 (rounds: ${cfg.steadyRounds}): what a call costs once V8 has compiled the code on the path. ` +
      `The calls of the figure above run while the code on their path (node:http's for every variant, and llm-files' own) is still being compiled; these run it compiled.\n\n` +
      `| variant, steady state | µs per call | µs over the floor | × the floor |\n|---|---|---|---|\n` +
      steadyNames.map((name) => `| ${name} | ${us(name).toFixed(0)} | ${(us(name) - us(FLOOR)).toFixed(0)} | ${(us(name) / us(FLOOR)).toFixed(3)} |`).join("\n");
  }
  const profiledNames = [...ours.filter((name) => res[name]), BASELINE, ...(res[FLOOR] ? [FLOOR] : [])];
  const profiles = {};
  for (const name of profiledNames) profiles[name] = await profiled(bench, name, base, cfg.listCalls);
  const columns = Object.fromEntries(Object.entries(profiles).map(([name, p]) => [name, p.owners]));
  body +=
    `\n\nWhere the CPU time of the ${cfg.listCalls} measured calls goes (V8 CPU profile of one more run each, 100 µs sampling, idle excluded; ` +
    `the profiler slows everything down, so compare the columns, not these totals with the wall times above):\n\n${ownerTable(columns)}`;
  // A missed target gets the finer view: the functions where the extra CPU goes.
  for (const name of overTheFloor) {
    body +=
      `\n\nWhere ${name} spends more than the floor: the functions (self time) where its profile spends most more than the node:http keep-alive loop's, same runs as above:\n\n` +
      differenceTable(profiles[name].functions, profiles[FLOOR].functions, name, FLOOR);
  }
  for (const name of missed) {
    body +=
      `\n\nWhy ${name} missed the list target: the functions (self time) where its profile spends most more than plain fetch's, same runs as above:\n\n` +
      differenceTable(profiles[name].functions, profiles[BASELINE].functions, name, BASELINE);
  }
  console.log("list done");
  return { title: `${cfg.listCalls} sequential \`list\` calls`, body, targets };
}
