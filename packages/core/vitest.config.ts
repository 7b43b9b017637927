import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The source's "#transport" and "#files" (package.json "imports" points at dist) resolve to the Node modules.
const src = (file: string) => fileURLToPath(new URL(`./src/${file}`, import.meta.url));

// Deadlines are a net for hangs, not a measure: generous for a busy 2-core machine.
// The files share workers (isolate: false): the one that changes process state (proxy.test.ts:
// the proxy variables) puts it back after each test; a fresh worker per file cost ~0.5 s of
// CPU each.
export default defineConfig({
  resolve: { alias: { "#transport": src("transport-node.ts"), "#files": src("files-node.ts") } },
  test: { server: { deps: { external: [/\/packages\/[^/]+\/dist\//] } }, testTimeout: 300_000, hookTimeout: 300_000, isolate: false },
});
