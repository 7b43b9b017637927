// The CLI's providers are the registry's: the help lists each one's name, label, key and base
// URL variables and purposes from its profile, the key is read from (and a refused key's hint
// names) the profile's variable, and no source file of the CLI writes a provider's name,
// label or variable out.
import { readdir, readFile } from "node:fs/promises";
import { Readable, Writable } from "node:stream";
import { PROVIDERS, registry } from "@llm-files/registry";
import { json, startServer } from "@llm-files/testing";
import { expect, it } from "vitest";
import { run } from "../src/cli.js";
import { NO_PURPOSE } from "../src/provider-help.js";

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const sink = () => {
    const w = Object.assign(new Writable({ write: (chunk, _encoding, done) => ((w.text += String(chunk)), done()) }), { text: "" });
    return w;
  };
  const stdout = sink();
  const stderr = sink();
  const code = await run(args, { stdout, stderr, stdin: Readable.from([]), env: { PATH: process.env.PATH!, ...env } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

it("--help lists every registry provider: its name, label, and key and base URL variables", async () => {
  const { code, stdout } = await cli(["--help"]);
  expect(code).toBe(0);
  for (const p of PROVIDERS) {
    const { label, env } = registry[p].profile;
    expect(stdout).toContain(label);
    expect(stdout).toMatch(new RegExp(`^  ${p} +${label.replace(/[()]/g, "\\$&")}: key in ${env.apiKey}, base URL in ${env.baseUrl}$`, "m"));
  }
});

it("each command's help lists the purposes of every provider from its profile", async () => {
  const upload = (await cli(["upload", "--help"])).stdout;
  const ls = (await cli(["ls", "--help"])).stdout;
  const rm = (await cli(["rm", "--help"])).stdout;
  for (const p of PROVIDERS) {
    const { purposes, operations, label } = registry[p].profile;
    // Where files have no purpose, the lists say so (and --purpose is refused).
    const listed = (xs: readonly string[]) => (xs.length ? xs.join(", ") : NO_PURPOSE).replace(/[()]/g, "\\$&");
    expect(upload).toMatch(new RegExp(`^  ${p} +${listed(purposes.upload)}$`, "m"));
    expect(ls).toMatch(new RegExp(`^  ${p} +${listed(purposes.list)}$`, "m"));
    // Only the providers whose delete takes a purpose are listed under rm.
    expect(new RegExp(`^  ${p} +`, "m").test(rm)).toBe(operations.delete?.purpose !== undefined);
    if (operations.delete?.purpose) expect(rm).toContain(`${label}'s delete takes it too`);
  }
});

it("the key comes from the variable the provider's profile names", async () => {
  // An empty list under every items key the providers use ("data", "files").
  const server = await startServer((_req, res) => json(res, 200, { object: "list", data: [], files: [] }));
  try {
    for (const p of PROVIDERS.filter((p) => !registry[p].profile.operations.list?.purpose?.required)) {
      const { env, auth } = registry[p].profile as { env: { apiKey: string }; auth?: { header: string; prefix?: string } };
      const variable = env.apiKey;
      const r = await cli(["-p", p, "--base-url", server.url, "--json", "ls"], { [variable]: `sk-from-${variable}` });
      expect(r.code, r.stderr).toBe(0);
      // In the header the profile names (Authorization: Bearer by default; api-key, x-api-key, x-goog-api-key ...).
      expect(server.requests.at(-1)!.headers[auth?.header ?? "authorization"]).toBe(`${auth ? auth.prefix ?? "" : "Bearer "}sk-from-${variable}`);
    }
  } finally {
    await server.stop();
  }
});

it("a refused key's hint names the variable the provider's profile reads it from", async () => {
  const server = await startServer((_req, res) => json(res, 401, { error: { message: "invalid api key", type: "invalid_authentication_error" } }));
  try {
    for (const p of PROVIDERS) {
      const { env, ids } = registry[p].profile;
      const r = await cli(["-p", p, "--base-url", server.url, "get", ids === "int64" ? "1" : "file-1"], { [env.apiKey]: "sk-refused" });
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain(`(check the API key (${env.apiKey} or --api-key-file))`);
    }
  } finally {
    await server.stop();
  }
});

it("no source file of the CLI names a provider: they all come from the registry", async () => {
  const dir = new URL("../src/", import.meta.url);
  const words = PROVIDERS.flatMap((p) => [p, registry[p].profile.label, registry[p].profile.env.apiKey]);
  for (const name of await readdir(dir)) {
    const text = (await readFile(new URL(name, dir), "utf8")).toLowerCase();
    for (const word of words) expect(text.includes(word.toLowerCase()), `${name} names ${word}`).toBe(false);
  }
});
