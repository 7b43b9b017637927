import { expect, it } from "vitest";
import { matrix } from "../src/table.mjs";

const row = (name, ...results) => ({ runtime: { name, filesystem: name !== "workerd" }, version: "v", seconds: "1.0", results });
const pass = { ok: true, steps: [] };
const fail = (error) => ({ ok: false, error });

it("counts cells: a failure is failed unless marked; a marked cell that passes is failed too", () => {
  const rows = [row("node", pass, pass), row("workerd", fail("esbuild: no node:util"), pass), row("deno", fail("NotCapable | env"), fail("x"))];
  expect(matrix(rows, ["a", "b"])).toMatchObject({ passed: 3, failed: 3, xfailed: 0 });
  const marked = matrix(rows, ["a", "b"], ["workerd", "deno:a"]);
  expect(marked).toMatchObject({ passed: 2, failed: 2, xfailed: 2 });
  expect(marked.table).toContain("| workerd | v | Blob | fail (expected): esbuild: no node:util | **pass, but marked expected to fail**: remove the mark | 1.0 |");
  expect(marked.table).toContain("fail (expected): NotCapable \\| env | **fail**: x |");
});
