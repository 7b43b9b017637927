import { defineConfig } from "vitest/config";

// Deadlines are a net for hangs, not a measure: generous for a busy 2-core machine.
// The end-to-end tests run the scripts of throwaway repo copies (/tmp/llm-files-repo-*) in their
// own process (test/repo-copy.ts: script()): Node imports those files itself, as `node <script>`
// would, rather than Vite transforming each copy's modules anew. The files share workers
// (isolate: false): each works in its own copies, and TypeScript and openapi-typescript are
// loaded once per worker rather than once per file.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    isolate: false,
    server: { deps: { external: [/\/llm-files-repo-[^/]+\//, /\/packages\/[^/]+\/dist\//] } },
  },
});
