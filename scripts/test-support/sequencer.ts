// The order test files start in. Vitest's own order runs the projects one after another by
// name, so the spec pipeline's 20 s file (project "scripts") started after ~70 s and ran on
// alone at the end. Here the projects keep their files together (a worker serves one project:
// mixing them started a fresh worker for nearly every file, ~30 s of CPU more), but the project
// holding the longest file starts first, and within a project the longest file does.
// A file's length is its duration in the last run on this machine (Vitest's cache), or else
// the one recorded in durations.json (a fresh clone: CI), or else unknown: a file never timed
// (a new one) counts as the longest, as in Vitest's order. `RECORD_DURATIONS=1 pnpm test`
// rewrites durations.json (slowest-files.ts).
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const RECORDED: Record<string, number> = JSON.parse(readFileSync(new URL("./durations.json", import.meta.url), "utf8"));

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const ms = new Map<TestSpecification, number>();
    for (const s of files) {
      const key = `${s.project.name}:${relative(this.ctx.config.root, s.moduleId)}`;
      ms.set(s, cache.getFileTestResults(key)?.duration ?? (key in RECORDED ? RECORDED[key]! * 1000 : Infinity));
    }
    const longest = new Map<string, number>();
    for (const [s, d] of ms) longest.set(s.project.name, Math.max(longest.get(s.project.name) ?? 0, d));
    return [...files].sort(
      (a, b) =>
        a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder ||
        longest.get(b.project.name)! - longest.get(a.project.name)! ||
        (a.project.name < b.project.name ? -1 : a.project.name > b.project.name ? 1 : 0) ||
        ms.get(b)! - ms.get(a)!,
    );
  }
}
