// createFiles loads the provider's profile only: its Files operations (the provider package's
// files module, core's operations and request policy) are loaded by the first call, and never
// its client (the package's index, with `raw`), which no provider module names. Checked in a
// plain CommonJS child, where require.cache lists every module loaded so far.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { REPO_ROOT, json, startServer, type TestServer } from "@llm-files/testing";
import { registry } from "@llm-files/registry";
import { PROVIDERS } from "../src/index.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, res) => json(res, 404, { error: { message: "no such file", type: "not_found" } }));
});
afterAll(() => server.stop());

/** The modules a CommonJS process has loaded after createFiles, and after its first call (through the whole facade, or a provider's own entry). */
async function modulesOf(provider: string, entry = "@llm-files/unified"): Promise<{ created: string[]; called: string[]; error: string }> {
  const options = `apiKey: "sk-lazy", baseUrl: ${JSON.stringify(server.url)}, maxRetries: 0`;
  const child = `
    const u = require(${JSON.stringify(entry)});
    const files = u.createFiles(${entry === "@llm-files/unified" ? `{ provider: ${JSON.stringify(provider)}, ${options} }` : `{ ${options} }`});
    const created = Object.keys(require.cache);
    files.retrieve("file-1").then(() => "answered", (e) => e.name).then((error) => {
      process.stdout.write(JSON.stringify({ created, called: Object.keys(require.cache), error }));
    });`;
  // Not spawnSync: the server answering the child lives in this process.
  const r = await promisify(execFile)(process.execPath, ["-e", child], { cwd: new URL("..", import.meta.url), encoding: "utf8" });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout);
}

const index = (provider: string) => new RegExp(`[\\\\/]${provider}[\\\\/]dist[\\\\/]cjs[\\\\/]index\\.js$`);
const filesOf = (provider: string) => new RegExp(`[\\\\/]${provider}[\\\\/]dist[\\\\/]cjs[\\\\/]files\\.js$`);
const profile = (provider: string) => new RegExp(`[\\\\/]${provider}[\\\\/]dist[\\\\/]cjs[\\\\/]profile\\.js$`);
const some = (paths: string[], pattern: RegExp) => paths.some((p) => pattern.test(p));

it("createFiles loads no client: not the provider's files or index, core's client or policy, nor openapi-fetch, until the first call; that call loads the files, not the index", async () => {
  const { created, called, error } = await modulesOf("moonshot");
  expect(some(created, profile("moonshot"))).toBe(true);
  for (const pattern of [filesOf("moonshot"), index("moonshot"), /[\\/]openapi-fetch[\\/]/, /[\\/]core[\\/]dist[\\/]cjs[\\/](client|policy|transport-node)\.js$/]) {
    expect(some(created, pattern), String(pattern)).toBe(false);
  }
  // The first call loaded the Files operations (and reached the server: its 404 is a NotFoundError).
  expect(error).toBe("NotFoundError");
  for (const pattern of [filesOf("moonshot"), /[\\/]core[\\/]dist[\\/]cjs[\\/](client|policy)\.js$/]) {
    expect(some(called, pattern), String(pattern)).toBe(true);
  }
  // Not the client: the facade never uses `raw`. (openapi-fetch itself still loads on Node with core's main entry.)
  expect(some(called, index("moonshot"))).toBe(false);
  // Only that provider's: the others' stay unloaded.
  for (const other of PROVIDERS.filter((p) => p !== "moonshot")) expect(some(called, filesOf(other)) || some(called, index(other)), other).toBe(false);
});

it("a provider's own entry (@llm-files/unified/<provider>) loads that provider's profile only: none of the others', before or after its first call", async () => {
  for (const provider of [PROVIDERS[0]!, PROVIDERS[PROVIDERS.length - 1]!]) {
    const { created, called, error } = await modulesOf(provider, `@llm-files/unified/${provider}`);
    expect(some(created, profile(provider)), provider).toBe(true);
    for (const pattern of [index(provider), /[\\/]openapi-fetch[\\/]/, /[\\/]core[\\/]dist[\\/]cjs[\\/](client|policy|transport-node)\.js$/, /[\\/]registry[\\/]dist[\\/]cjs[\\/]index\.js$/]) {
      expect(some(created, pattern), `${provider}: ${pattern}`).toBe(false);
    }
    expect(error, provider).toBe("NotFoundError");
    expect(some(called, filesOf(provider)), provider).toBe(true);
    expect(some(called, index(provider)), provider).toBe(false);
    for (const other of PROVIDERS.filter((p) => p !== provider)) {
      expect(some(called, profile(other)), `${provider}'s entry loaded ${other}'s profile`).toBe(false);
      expect(some(called, filesOf(other)) || some(called, index(other)), `${provider}'s entry loaded ${other}'s files or client`).toBe(false);
    }
  }
});

it("no provider module names its package's client: it has its profile, Files operations and spec, and its built profile entry imports no index", async () => {
  // A one-file bundle of the facade inlines every import() its provider module names: an index
  // (the client, raw, openapi-fetch) among them would be in it (scripts/test/budget.test.ts weighs that bundle).
  for (const provider of PROVIDERS) {
    expect(Object.keys(registry[provider]).sort(), provider).toEqual(["files", "profile", "spec"]);
    const file = join(REPO_ROOT, "packages", registry[provider].profile.package.replace(/^@llm-files\//, ""), "dist/profile.js");
    const text = await readFile(file, "utf8");
    expect(text, file).toMatch(/import\(["']\.\/files\.js["']\)/);
    expect(text, file).not.toMatch(/["']\.\/index\.js["']/);
  }
});
