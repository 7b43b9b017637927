import { defineConfig } from "vitest/config";

// Each file runs in its own process (the default forks pool), so its handle, heap and RSS
// figures are its own even while other files run beside it. Deadlines are a net for hangs,
// not a measure: generous for a busy 2-core machine.
export default defineConfig({
  test: { server: { deps: { external: [/\/packages\/[^/]+\/dist\//] } },
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // The load test collects garbage before and after a run to measure what stays retained.
    execArgv: ["--expose-gc"],
    globalSetup: ["./test/global-summary.ts"],
  },
});
