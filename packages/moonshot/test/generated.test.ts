import { execFileSync } from "node:child_process";
import { REPO_ROOT } from "@llm-files/testing";
import { expect, it } from "vitest";
import { specInfo } from "../src/index.js";

it("the committed spec and generated code match what their sources produce now", () => {
  // Both exit non-zero, naming the stale file, when a source changed without a rebuild.
  execFileSync(process.execPath, ["scripts/specs/build.mjs", "--provider", "moonshot", "--check"], { cwd: REPO_ROOT, stdio: "pipe" });
  execFileSync(process.execPath, ["scripts/generate.mjs", "moonshot", "--check"], { cwd: REPO_ROOT, stdio: "pipe" });
  expect(specInfo.provider).toBe("moonshot");
  expect(specInfo.specSha256).toMatch(/^[0-9a-f]{64}$/);
});
