// 4. Cold import: wall time of a fresh `node --input-type=module -e "await import(pkg)"`
// minus that of the same command importing nothing. Processes alternate.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runNode } from "../child.mjs";
import { NOT_BUILT } from "../available.mjs";
import { ownerTable, packageOwner, timeByOwner } from "../profile.mjs";
import { inTurns, median, spread } from "../stats.mjs";
import { PROVIDER_PACKAGES, importable } from "../providers.mjs";

const code = (pkg) => (pkg ? `await import(${JSON.stringify(importable(pkg))});` : "");

async function profiledImport(bench, pkg) {
  const dir = await mkdtemp(join(tmpdir(), "llm-files-prof-"));
  try {
    await runNode(["--cpu-prof", "--cpu-prof-dir", dir, "--cpu-prof-interval", "100", "--input-type=module", "-e", code(pkg)], { cwd: bench });
    const file = (await readdir(dir)).find((f) => f.endsWith(".cpuprofile"));
    return timeByOwner(JSON.parse(await readFile(join(dir, file), "utf8")), packageOwner);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function importFigure(ctx) {
  const { bench, cfg, available } = ctx;
  // Bare node, every provider package of the registry, the facade, the openai SDK.
  const all = ["", ...PROVIDER_PACKAGES, "@llm-files/unified", "openai"];
  const ready = all.filter((p) => !p.startsWith("@llm-files") || available.has(p));
  const res = await inTurns(
    ready,
    cfg.importRuns,
    async (pkg) => {
      const t = performance.now();
      await runNode(["--input-type=module", "-e", code(pkg)], { cwd: bench });
      return performance.now() - t;
    },
    { warmup: 1, key: (pkg) => pkg },
  );
  const bare = median(res[""]);
  const over = (p) => median(res[p]) - bare;
  const rows = all.map((p) =>
    !res[p] ? `| ${p} | ${NOT_BUILT} | |` : `| ${p || "nothing (bare node)"} | ${spread(res[p])} | ${p ? over(p).toFixed(1) : "—"} |`,
  );
  const targets = [];
  let body =
    `Fresh processes per row: ${cfg.importRuns}, after one warm-up round, alternating; wall time of the whole process as the parent sees it.\n\n` +
    `| import | process wall ms median (min–max) | over bare node, ms |\n|---|---|---|\n${rows.join("\n")}`;
  if (res["@llm-files/unified"]) {
    const share = over("@llm-files/unified") / over("openai");
    targets.push(["cold import ≤ 1/3 of openai's (@llm-files/unified)", `${(share * 100).toFixed(0)} % (${over("@llm-files/unified").toFixed(0)} ms vs ${over("openai").toFixed(0)} ms)`, share <= 1 / 3]);
    if (share > 1 / 3) {
      const columns = { "@llm-files/unified": await profiledImport(bench, "@llm-files/unified"), openai: await profiledImport(bench, "openai") };
      body += `\n\nThe target is missed. CPU profile of one import each, by package (whole process, so Node's own start-up is in both):\n\n${ownerTable(columns)}`;
    }
  } else targets.push(["cold import ≤ 1/3 of openai's (@llm-files/unified)", NOT_BUILT, null]);
  // Like for like: the OpenAI provider package against the OpenAI SDK (a comparison about that one provider).
  if (res["@llm-files/openai"]) {
    const share = over("@llm-files/openai") / over("openai");
    targets.push(["cold import ≤ 1/3 of openai's (@llm-files/openai)", `${(share * 100).toFixed(0)} % (${over("@llm-files/openai").toFixed(0)} ms vs ${over("openai").toFixed(0)} ms)`, share <= 1 / 3]);
  } else targets.push(["cold import ≤ 1/3 of openai's (@llm-files/openai)", NOT_BUILT, null]);
  console.log("import done");
  return { title: "Cold import", body, targets };
}
