import { defineConfig } from "vitest/config";
import LongestFirst from "./scripts/test-support/sequencer.js";

// The whole suite in one Vitest process: every package is a project with its own config
// (`pnpm --filter <pkg> test` still runs that config alone). One Prism per provider spec is
// started once for the run and shared (packages/testing/src/global-setup.ts). Test files run
// in parallel across three times as many workers as a 2-core machine has cores: much of the
// suite waits on timers, child processes and sockets (reliability's fault files: faults-trickle
// is ~25 s of wall for ~2 s of CPU), and that waiting overlaps with the CPU-bound files. On the
// idle 2-core machine, 4 workers: 113 s, 1.76 cores busy; 6: 98 s; 8: 103 s.
// Every project's config lists the workspace's built packages (packages/*/dist) under
// server.deps.external: they are plain JavaScript, so Node loads them itself, once per worker,
// instead of Vite transforming them again for every test file (~0.4 s of CPU per file).
export default defineConfig({
  test: {
    projects: ["packages/*", "scripts"],
    globalSetup: ["./packages/testing/src/global-setup.ts"],
    maxWorkers: 6,
    reporters: ["default", "./scripts/test-support/slowest-files.ts"],
    // Longest files first, across projects (Vitest's own order is project by project).
    sequence: { sequencer: LongestFirst },
  },
});
