import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "@llm-files/testing";
import { expect, it } from "vitest";
import { specInfo } from "../src/index.js";

// In process and cheap: the generated code names the committed spec by its hash. That the
// spec and the code are exactly what their sources produce now is checked once for every
// provider by specs:check (scripts/test/specs-check.test.ts, in `pnpm test:pipeline`).
it("was generated from the committed spec (its sha256 matches)", () => {
  expect(specInfo.provider).toBe("minimax");
  const spec = readFileSync(join(REPO_ROOT, specInfo.spec), "utf8");
  expect(specInfo.specSha256).toBe(createHash("sha256").update(spec).digest("hex"));
});
