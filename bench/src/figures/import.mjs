// 4. Cold import: wall time of a fresh `node --input-type=module -e "await import(pkg)"` against a
// bare `node -e 0`, processes alternating; the minimum of the runs (the least disturbed start)
// and the median. Beside it, what the import loads, in counts no load changes: the files, their
// bytes and the node: built-ins a bare process had not (scripts/import-cost.mjs, the same count
// the budget test holds the packages to).
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runNode } from "../child.mjs";
import { NOT_BUILT } from "../available.mjs";
import { ownerTable, packageOwner, timeByOwner } from "../profile.mjs";
import { inTurns, median, spread } from "../stats.mjs";
import { FACADE_ENTRIES, PROVIDER_PACKAGES, ROUTES, importable } from "../providers.mjs";
import { importCost } from "../../../scripts/import-cost.mjs";

/** Target (issue 25): the facade's cold import costs at most this much over a bare node, in ms (the minimum of the runs). */
const IMPORT_TARGET_MS = 25;
const BARE = "";
const code = (pkg) => (pkg ? `await import(${JSON.stringify(importable(pkg))});` : "");
/** The bare process is `node -e 0`; an import runs as an ES module. */
const args = (pkg) => (pkg === BARE ? ["-e", "0"] : ["--input-type=module", "-e", code(pkg)]);

async function profiledImport(bench, pkg) {
  const dir = await mkdtemp(join(tmpdir(), "llm-files-prof-"));
  try {
    await runNode(["--cpu-prof", "--cpu-prof-dir", dir, "--cpu-prof-interval", "100", ...args(pkg)], { cwd: bench });
    const file = (await readdir(dir)).find((f) => f.endsWith(".cpuprofile"));
    return timeByOwner(JSON.parse(await readFile(join(dir, file), "utf8")), packageOwner);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function importFigure(ctx) {
  const { bench, cfg, available } = ctx;
  const one = `@llm-files/unified/${ROUTES}`;
  // Bare node, every provider package of the registry, the facade, its entry for each provider, the openai SDK.
  const all = [BARE, ...PROVIDER_PACKAGES, "@llm-files/unified", ...FACADE_ENTRIES, "openai"];
  const ready = all.filter((p) => !p.startsWith("@llm-files") || available.has(p));
  const res = await inTurns(
    ready,
    cfg.importRuns,
    async (pkg) => {
      const t = performance.now();
      await runNode(args(pkg), { cwd: bench });
      return performance.now() - t;
    },
    { warmup: 1, key: (pkg) => pkg },
  );
  const costs = {};
  for (const p of ready) if (p !== BARE) costs[p] = await importCost(importable(p), { cwd: bench });
  const bareMin = Math.min(...res[BARE]);
  const bareMedian = median(res[BARE]);
  const overMin = (p) => Math.min(...res[p]) - bareMin;
  const overMedian = (p) => median(res[p]) - bareMedian;
  const rows = all.map((p) => {
    if (!res[p]) return `| ${p} | ${NOT_BUILT} | | | | |`;
    if (p === BARE) return `| nothing (\`node -e 0\`) | ${spread(res[p])} | — | — | — | — |`;
    const c = costs[p];
    return `| ${p} | ${spread(res[p])} | ${overMin(p).toFixed(1)} | ${overMedian(p).toFixed(1)} | ${c.modules.length} (${(c.bytes / 1024).toFixed(0)} kB) | ${c.builtins.length ? c.builtins.join(", ") : "none"} |`;
  });
  const targets = [];
  let body =
    `Fresh processes per row: ${cfg.importRuns}, after one warm-up round, alternating; wall time of the whole process as the parent sees it. ` +
    `"Over bare node" is against \`node -e 0\`: the minimum of the runs (the least disturbed start) and the median. ` +
    `"Loaded at import" counts the files a fresh process loads for the import and their bytes (a module loader hook), and the node: built-ins a bare process had not: counts no load changes, the ones \`pnpm test\`'s budget holds (scripts/test/budget.test.ts).\n\n` +
    `| import | process wall ms median (min–max) | over bare node, ms (min) | over bare node, ms (median) | files loaded at import | node: built-ins loaded |\n|---|---|---|---|---|---|\n${rows.join("\n")}`;
  for (const p of ["@llm-files/unified", one]) {
    const label = `cold import ≤ +${IMPORT_TARGET_MS} ms over bare node, minimum of ${cfg.importRuns} (${p})`;
    targets.push(res[p] ? [label, `+${overMin(p).toFixed(1)} ms (median +${overMedian(p).toFixed(1)} ms; ${costs[p].modules.length} files)`, overMin(p) <= IMPORT_TARGET_MS] : [label, NOT_BUILT, null]);
  }
  if (res["@llm-files/unified"]) {
    const share = overMedian("@llm-files/unified") / overMedian("openai");
    targets.push(["cold import ≤ 1/3 of openai's (@llm-files/unified)", `${(share * 100).toFixed(0)} % (${overMedian("@llm-files/unified").toFixed(0)} ms vs ${overMedian("openai").toFixed(0)} ms, medians)`, share <= 1 / 3]);
    if (overMin("@llm-files/unified") > IMPORT_TARGET_MS) {
      const columns = { "@llm-files/unified": await profiledImport(bench, "@llm-files/unified"), "node -e 0": await profiledImport(bench, BARE) };
      body += `\n\nThe facade's target is missed. CPU profile of one import each, by package (whole process, so Node's own start-up is in both):\n\n${ownerTable(columns)}`;
    }
  }
  // Like for like: the OpenAI provider package against the OpenAI SDK (a comparison about that one provider).
  if (res["@llm-files/openai"]) {
    const share = overMedian("@llm-files/openai") / overMedian("openai");
    targets.push(["cold import ≤ 1/3 of openai's (@llm-files/openai)", `${(share * 100).toFixed(0)} % (${overMedian("@llm-files/openai").toFixed(0)} ms vs ${overMedian("openai").toFixed(0)} ms, medians)`, share <= 1 / 3]);
  } else targets.push(["cold import ≤ 1/3 of openai's (@llm-files/openai)", NOT_BUILT, null]);
  console.log("import done");
  return { title: "Cold import", body, targets };
}
