import { defineConfig } from "vitest/config";

// Deadlines are a net for hangs, not a measure: generous for a busy 2-core machine.
// The files share workers (isolate: false): none keeps process-wide state (the bin's own
// process-level behaviour is tested in child processes), and a fresh worker per file cost
// ~0.5 s of CPU each.
export default defineConfig({ test: { server: { deps: { external: [/\/packages\/[^/]+\/dist\//] } }, testTimeout: 300_000, hookTimeout: 300_000, isolate: false } });
