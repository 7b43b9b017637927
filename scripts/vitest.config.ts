import { defineConfig } from "vitest/config";

// Deadlines are a net for hangs, not a measure: generous for a busy 2-core machine.
export default defineConfig({ test: { include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 120_000 } });
