// Bad input is a ValidationError naming the field, raised before anything is sent.
import { sparseFile, startServer, tempFile, type TempFile, type TestServer } from "@llm-files/testing";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createFiles, ValidationError } from "../src/index.js";
import { badInputCases } from "./bad-inputs.js";

let server: TestServer;
let ok: TempFile;
let empty: TempFile;
let big100: TempFile;
let big20: TempFile;
let dir: string;
beforeAll(async () => {
  server = await startServer((_req, res) => res.end("{}"));
  ok = await tempFile("x", "ok.txt");
  empty = await tempFile("", "empty.txt");
  big100 = await sparseFile(100 * 1024 * 1024 + 1, "big.jsonl");
  big20 = await sparseFile(20 * 1024 * 1024 + 1, "big.mp3");
  dir = await mkdtemp(`${tmpdir()}/llm-files-dir-`);
});
afterAll(async () => {
  await server.stop();
  await Promise.all([ok, empty, big100, big20].map((f) => f.cleanup()));
});

const CASES = () =>
  badInputCases(server.url, { ok: ok.path, empty: empty.path, dir, missing: `${dir}/nope.pdf`, over100MB: big100.path, over20MB: big20.path });

it("the table has at least 20 rows", () => expect(CASES().length).toBeGreaterThanOrEqual(20));

for (const [name, field] of badInputCases("http://127.0.0.1:1", {} as never)) {
  it(`${name} -> ValidationError(${field}), nothing sent`, async () => {
    const run = CASES().find(([n]) => n === name)![2];
    const before = server.requests.length;
    let err: unknown;
    try {
      await run();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).field).toBe(field);
    expect((err as Error).message).toMatch(new RegExp(`^${field}: .{10,}`));
    expect(server.requests.length).toBe(before);
  });
}

it("a missing key names the environment variable, and nothing is sent", async () => {
  const saved = process.env.NOVITA_API_KEY;
  delete process.env.NOVITA_API_KEY;
  try {
    const f = createFiles({ provider: "novita", baseUrl: server.url });
    await expect(f.list()).rejects.toMatchObject({ name: "ValidationError", field: "apiKey", message: expect.stringContaining("NOVITA_API_KEY") });
    expect(server.requests.length).toBe(0);
  } finally {
    if (saved !== undefined) process.env.NOVITA_API_KEY = saved;
  }
});

it("the key and base URL are read from the environment", async () => {
  process.env.MOONSHOT_API_KEY = "sk-from-env";
  process.env.MOONSHOT_BASE_URL = `${server.url}/v1`;
  try {
    await createFiles({ provider: "moonshot" }).list().catch(() => {});
    const last = server.requests.at(-1)!;
    expect(last.url).toBe("/v1/files");
    expect(last.headers.authorization).toBe("Bearer sk-from-env");
  } finally {
    delete process.env.MOONSHOT_API_KEY;
    delete process.env.MOONSHOT_BASE_URL;
  }
});

it("allowInsecureHttp lets a deliberate plain-http base URL through", () => {
  expect(() => createFiles({ provider: "moonshot", apiKey: "k", baseUrl: "http://10.0.0.5:8080", allowInsecureHttp: true })).not.toThrow();
});
