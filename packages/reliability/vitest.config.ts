import { defineConfig } from "vitest/config";

// Files run one after another (load figures stay clean), each in its own process.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // The load test collects garbage before and after a run to measure what stays retained.
    execArgv: ["--expose-gc"],
    globalSetup: ["./test/global-summary.ts"],
  },
});
