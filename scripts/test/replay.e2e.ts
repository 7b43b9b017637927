// Real upstream history, replayed (fixtures/replay/replay.json): OpenAI's and Mistral's published
// documents at several real commits. Each provider is scaffolded from its first commit, then
// specs:update takes each later commit in turn, as the weekly spec watch would have. Every step
// is either a sane changeset (words only: patch; additions: minor; a removal: major), its new
// operations named "not in the facade yet" in the run's report, or a clean failure that names
// the document, where it was read and the place (its own line, or the JSON pointer in it), with
// the tree exactly as it was. Two of the commits are documents that are not YAML at all.
import { mkdir, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { REPO_ROOT } from "@llm-files/testing";
import { afterAll, describe, expect, it } from "vitest";
import { copyRepo, type RepoCopy } from "./repo-copy.js";

const FIXTURES = join(REPO_ROOT, "scripts/test/fixtures/replay");

interface Step {
  commit: string;
  date: string;
  fixture: string;
  expect: "seed" | { fails: string } | { bump: "patch" | "minor" | "major"; new?: string[]; removed?: string[] };
  why: string;
}
interface History {
  repo: string;
  file: string;
  select: { pathPrefix: string[] };
  steps: Step[];
}

const { providers } = JSON.parse(await readFile(join(FIXTURES, "replay.json"), "utf8")) as { providers: Record<string, History> };

let copy: RepoCopy | undefined;
afterAll(async () => {
  await copy?.cleanup();
  copy = undefined;
});

describe("replay of real upstream history", () => {
  for (const [name, history] of Object.entries(providers)) {
    it(`${history.repo}: ${history.steps.map((s) => `${s.commit.slice(0, 8)} (${s.date})`).join(" -> ")}`, async () => {
      await copy?.cleanup();
      copy = await copyRepo();
      const c = copy;
      const dir = join(c.root, "incoming");
      await mkdir(join(dir, name), { recursive: true });
      const [seed, ...steps] = history.steps;
      expect(seed!.expect).toBe("seed");
      const first = join(c.root, history.file);
      await writeFile(first, await readFile(join(FIXTURES, seed!.fixture), "utf8"));
      const made = await c.script("scripts/new-provider.mjs", [name, "--from", first, "--url", `https://github.com/${history.repo}/blob/${seed!.commit}/${history.file}`, ...history.select.pathPrefix.flatMap((p) => ["--path-prefix", p])]);
      expect(made.status, made.output).toBe(0);
      // As `pnpm install` would link the new package; then its first API report.
      await symlink(join(REPO_ROOT, "packages/moonshot/node_modules"), join(c.root, "packages", name, "node_modules"));
      expect((await c.script("scripts/api/report.mjs", [name])).status).toBe(0);
      const changesets = async () => (await readdir(join(c.root, ".changeset"))).filter((f) => f.startsWith(`specs-${name}-`));

      for (const step of steps) {
        const page = join(dir, name, history.file);
        await writeFile(page, await readFile(join(FIXTURES, step.fixture), "utf8"));
        const before = await c.snapshot();
        const report = join(c.root, "report.md");
        const r = await c.run(["--from", dir, "--provider", name, "--report", report]);
        const at = `${step.commit.slice(0, 8)} (${step.date}): ${step.why}`;
        const expected = step.expect;
        if (expected === "seed") throw new Error(`${at}: only the first step seeds`);
        if ("fails" in expected) {
          expect(r.status, `${at}\n${r.output}`).not.toBe(0);
          expect(r.output, at).toContain(expected.fails);
          // Where it was read: the document's own file, never a temporary copy of the merged spec.
          expect(r.output, at).toContain(page);
          expect(r.output, at).not.toMatch(/llm-files-specs-/);
          expect(await c.snapshot(), at).toEqual(before);
          expect(await readFile(report, "utf8"), at).toMatch(/^# specs:update failed/);
          continue;
        }
        expect(r.status, `${at}\n${r.output}`).toBe(0);
        const [file, ...more] = await changesets();
        expect(more, at).toEqual([]);
        expect(await c.read(`.changeset/${file}`), at).toMatch(new RegExp(`^---\\n"@llm-files/${name}": ${expected.bump}\\n---`));
        const text = await readFile(report, "utf8");
        expect(text, at).toContain(`## ${name}: ${expected.bump}`);
        for (const op of expected.new ?? []) expect(text, at).toMatch(new RegExp(`\\| ${op.replace(/[{}/]/g, "\\$&")} \\(\`\\w+\`\\) \\| \\*\\*new operation\\*\\*: .* \\*\\*not in the facade yet\\*\\*`));
        for (const op of expected.removed ?? []) expect(text, at).toContain(`| ${op} | **operation removed** (major) |`);
        // The next step starts from this one, as the next weekly run would; the changeset was consumed by a release.
        await rm(join(c.root, ".changeset", file!));
      }
    });
  }
});
