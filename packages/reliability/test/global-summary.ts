// Global setup: gives every test file a folder for its figures, and prints the summary table
// once all files have run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { readFigures, renderTable } from "../src/summary.js";

declare module "vitest" {
  export interface ProvidedContext {
    summaryDir: string;
  }
}

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "llm-files-reliability-"));
  project.provide("summaryDir", dir);
  return () => {
    try {
      const figures = readFigures(dir);
      if (figures.length > 0) process.stdout.write(renderTable(figures));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
