// The CommonJS build as a CommonJS consumer gets it: require() through the package's own
// exports map (its "require" condition), the same API as the ESM build, and errors from the
// CJS copy recognised by the ESM copy's classes (the dual-package case).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { afterAll, beforeAll, expect, it } from "vitest";
import { json, startServer, type TestServer } from "@llm-files/testing";
import * as esm from "../src/index.js";

const require = createRequire(import.meta.url);
let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, res) => json(res, 404, { error: { message: "no such file", type: "not_found" } }));
});
afterAll(() => server.stop());

it("require() resolves the CommonJS build and exports what the ESM build does", () => {
  expect(require.resolve("@llm-files/unified")).toMatch(/dist[\\/]cjs[\\/]index\.js$/);
  const cjs = require("@llm-files/unified") as typeof esm;
  expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
  expect(cjs.PROVIDERS).toEqual(esm.PROVIDERS);
});

it("a plain CommonJS process can require it (no loader, no flags)", () => {
  const r = spawnSync(process.execPath, ["-e", 'const u = require("@llm-files/unified"); process.stdout.write(typeof u.createFiles + " " + require.resolve("@llm-files/core"))'], {
    cwd: new URL("..", import.meta.url),
    encoding: "utf8",
  });
  expect(r.stderr).toBe("");
  expect(r.stdout).toMatch(/^function .*core[\\/]dist[\\/]cjs[\\/]index\.js$/);
});

it("an error thrown by the CommonJS copy is an instance of the ESM copy's classes", async () => {
  const cjs = require("@llm-files/unified") as typeof esm;
  const files = cjs.createFiles({ provider: "moonshot", apiKey: "k", baseUrl: server.url, maxRetries: 0 });
  const err = await files.retrieve("file-1").then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(cjs.NotFoundError);
  expect(err).toBeInstanceOf(esm.NotFoundError);
  expect(err).toBeInstanceOf(esm.FilesError);
  expect(err).not.toBeInstanceOf(esm.RateLimitError);
});
