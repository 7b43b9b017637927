// `pnpm specs:check` on the repo itself, inside the suite: the specs rebuild identically from
// their sources, lint clean, and every provider's generated code is in sync (any provider,
// including one added by new-provider).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "@llm-files/testing";
import { expect, it } from "vitest";

it("specs:check passes on the committed tree", () => {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, "scripts/specs/check.mjs")], { cwd: REPO_ROOT, encoding: "utf8" });
  const out = `${r.stdout}${r.stderr}`;
  expect(out).toMatch(/^ok +specs rebuild identically$/m);
  expect(out).toMatch(/^ok +specs lint clean$/m);
  expect(out).not.toMatch(/^FAIL/m);
  expect(r.status, out).toBe(0);
});
