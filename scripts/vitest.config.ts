import { defineConfig } from "vitest/config";

// Deadlines are a net for hangs, not a measure: generous for a busy 2-core machine.
// The end-to-end tests run the scripts of throwaway repo copies (/tmp/llm-files-repo-*) in their
// own process (test/repo-copy.ts: script()): Node imports those files itself, as `node <script>`
// would, rather than Vite transforming each copy's modules anew. The files share workers
// (isolate: false): each works in its own copies, and TypeScript and openapi-typescript are
// loaded once per worker rather than once per file.
export const SETTINGS = {
  testTimeout: 300_000,
  hookTimeout: 300_000,
  isolate: false,
  server: { deps: { external: [/\/llm-files-repo-[^/]+\//, /\/packages\/[^/]+\/dist\//] } },
};

/**
 * The spec pipeline end to end: a tier of its own, `pnpm test:pipeline` (vitest.pipeline.config.ts),
 * not part of `pnpm test`; CI runs both (.ci/run). With it, the API model the pipeline's semver
 * decisions and specs:check's reports are built on (two TypeScript programs, ~5 s of CPU).
 */
export const PIPELINE = ["test/pipeline-*.test.ts", "test/specs-check.test.ts", "test/api-model.test.ts"];

export default defineConfig({ test: { ...SETTINGS, include: ["test/**/*.test.ts"], exclude: PIPELINE } });
