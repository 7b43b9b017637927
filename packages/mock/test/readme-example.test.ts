// The README's retry test example, run as written: its code block is read from README.md, its
// imports bound to the modules they name, and its `it` run here. An example that stops working
// fails this test, so the README cannot go stale.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import * as unified from "@llm-files/unified";
import * as mock from "../src/index.js";

const README = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const block = /### A retry test with scripted faults\n+```ts\n([\s\S]*?)\n```/.exec(README)?.[1];

it("the README's retry test example passes as written", async () => {
  expect(block, "README.md has no ```ts block under '### A retry test with scripted faults'").toBeDefined();
  const tests: { name: string; run: () => Promise<void> }[] = [];
  const modules: Record<string, unknown> = { vitest: { expect, it: (name: string, run: () => Promise<void>) => tests.push({ name, run }) }, "@llm-files/mock": mock, "@llm-files/unified": unified };
  // `import { a, b } from "m";` → `const { a, b } = modules["m"];`
  const code = block!.replace(/^import \{([^}]+)\} from "([^"]+)";$/gm, (_m, names: string, from: string) => {
    if (!(from in modules)) throw new Error(`the example imports ${from}, which this test does not provide`);
    return `const {${names}} = modules[${JSON.stringify(from)}];`;
  });
  expect(code).not.toMatch(/^import /m);
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
  await new AsyncFunction("modules", code)(modules);
  expect(tests.map((t) => t.name)).toEqual(["retries a 503 after Retry-After, and gives up on a 429 when retries are off"]);
  for (const t of tests) await t.run();
});
