import { defineConfig } from "vitest/config";

// Deadlines are a net for hangs, not a measure: generous for a busy 2-core machine. The files
// share workers (isolate: false): each starts its own mocks and keeps no process-wide state.
export default defineConfig({ test: { server: { deps: { external: [/\/packages\/[^/]+\/dist\//] } }, testTimeout: 300_000, hookTimeout: 300_000, isolate: false } });
