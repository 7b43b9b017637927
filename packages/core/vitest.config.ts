import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The source's "#wire" and "#files" (package.json "imports" points at dist) resolve to the Node modules.
const src = (file: string) => fileURLToPath(new URL(`./src/${file}`, import.meta.url));

export default defineConfig({
  resolve: { alias: { "#wire": src("wire-node.ts"), "#files": src("files-node.ts") } },
  test: { testTimeout: 20_000, hookTimeout: 60_000 },
});
