// A Vitest reporter that closes the run with its slowest test files, so a slow test is seen
// the day it lands (CI prints this through `pnpm test`).
import { relative } from "node:path";
import type { Reporter, TestModule } from "vitest/node";

const SHOWN = Number(process.env.SLOWEST_FILES) || 10;

export default class SlowestFiles implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const rows = modules
      .map((m) => ({ file: `${m.project.name}: ${relative(m.project.config.root, m.moduleId)}`, ms: m.diagnostic().duration, tests: m.children.size }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, SHOWN);
    if (rows.length === 0) return;
    const width = Math.max(...rows.map((r) => r.file.length));
    const lines = rows.map((r) => `  ${r.file.padEnd(width)}  ${(r.ms / 1000).toFixed(1).padStart(6)} s`);
    process.stdout.write(`\nSlowest ${rows.length} test files (wall time of each file in its worker):\n${lines.join("\n")}\n`);
  }
}
