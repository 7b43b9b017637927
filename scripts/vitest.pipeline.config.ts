import { defineConfig } from "vitest/config";
import { PIPELINE, SETTINGS } from "./vitest.config.js";

// `pnpm test:pipeline`: the spec pipeline end to end, a tier beside `pnpm test` (CI runs both:
// .ci/run). `specs:check` on the committed tree (specs rebuild identically, lint clean,
// generated code and API reports in sync), and specs:update and new-provider run for real on
// throwaway copies of the repo: today's pages, changes of each kind, failures that change
// nothing, the replay of OpenAI's and Mistral's published history commit by commit, a sixth
// provider in a copy of the whole workspace; and the API model the reports are built on
// (api-model.test.ts). These files cost ~80 s of CPU on two cores,
// as much as the rest of the suite's scripts, CLI, OpenAI, mock and interop files together;
// inside `pnpm test` they kept it far over its 90 s budget. Same settings as the scripts
// project; the contract tests they run in child Vitest processes start their own Prism.
export default defineConfig({ test: { ...SETTINGS, name: "@llm-files/scripts (pipeline)", root: import.meta.dirname, include: PIPELINE } });
