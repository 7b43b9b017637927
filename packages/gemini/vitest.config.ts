import { defineConfig } from "vitest/config";

// Deadlines are a net for hangs, not a measure: generous for a busy 2-core machine.
// The files share one worker (isolate: false): none keeps process-wide state, and loading the
// packages once instead of once per file is most of what these small files cost.
export default defineConfig({ test: { server: { deps: { external: [/\/packages\/[^/]+\/dist\//] } }, testTimeout: 300_000, hookTimeout: 300_000, isolate: false } });
