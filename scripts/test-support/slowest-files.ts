// A Vitest reporter that closes the run with its slowest test files, so a slow test is seen
// the day it lands (CI prints this through `pnpm test`; SLOWEST_FILES=N shows N). With
// RECORD_DURATIONS=1 it also writes every file's duration to durations.json, the order a fresh
// clone starts the files in (sequencer.ts).
import { writeFileSync } from "node:fs";
import { relative } from "node:path";
import type { Reporter, TestModule, Vitest } from "vitest/node";

const SHOWN = Number(process.env.SLOWEST_FILES) || 10;

export default class SlowestFiles implements Reporter {
  private root = process.cwd();

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const all = modules.map((m) => ({ key: `${m.project.name}:${relative(this.root, m.moduleId)}`, file: `${m.project.name}: ${relative(m.project.config.root, m.moduleId)}`, ms: m.diagnostic().duration }));
    if (process.env.RECORD_DURATIONS && all.length > 0) {
      const recorded = Object.fromEntries(all.sort((a, b) => a.key.localeCompare(b.key)).map((r) => [r.key, Math.round(r.ms / 100) / 10]));
      writeFileSync(new URL("./durations.json", import.meta.url), JSON.stringify(recorded, null, 2) + "\n");
    }
    const rows = all.sort((a, b) => b.ms - a.ms).slice(0, SHOWN);
    if (rows.length === 0) return;
    const width = Math.max(...rows.map((r) => r.file.length));
    const lines = rows.map((r) => `  ${r.file.padEnd(width)}  ${(r.ms / 1000).toFixed(1).padStart(6)} s`);
    process.stdout.write(`\nSlowest ${rows.length} test files (wall time of each file in its worker):\n${lines.join("\n")}\n`);
  }
}
