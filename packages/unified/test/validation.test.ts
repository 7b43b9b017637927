// Bad input is a ValidationError naming the field, raised before anything is sent.
import { sparseFile, startServer, tempFile, type TempFile, type TestServer } from "@llm-files/testing";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createFiles, ValidationError, type ProviderName } from "../src/index.js";

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

const files = (provider: ProviderName, extra: object = {}) => createFiles({ provider, apiKey: "k", baseUrl: server.url, ...extra } as any);

const CASES: [string, string, () => unknown][] = [
  ["unknown purpose (moonshot)", "purpose", () => files("moonshot").upload({ file: ok.path, purpose: "voice_clone" as never })],
  ["unknown purpose (minimax upload)", "purpose", () => files("minimax").upload({ file: ok.path, purpose: "file-extract" as never })],
  ["unknown purpose (minimax list)", "purpose", () => files("minimax").list({ purpose: "batch" as never })],
  ["unknown purpose (minimax delete)", "purpose", () => files("minimax").delete("123", { purpose: "image" as never })],
  ["missing file", "file", () => files("moonshot").upload({ file: `${dir}/nope.pdf`, purpose: "file-extract" })],
  ["a directory", "file", () => files("novita").upload({ file: dir, purpose: "batch" })],
  ["an empty file", "file", () => files("novita").upload({ file: empty.path, purpose: "batch" })],
  ["over Moonshot's 100 MB", "file", () => files("moonshot").upload({ file: big100.path, purpose: "file-extract" })],
  ["over Novita's 100 MB", "file", () => files("novita").upload({ file: big100.path, purpose: "batch" })],
  ["over MiniMax's 20 MB for voice_clone", "file", () => files("minimax").upload({ file: big20.path, purpose: "voice_clone" })],
  ["over MiniMax's 20 MB for prompt_audio", "file", () => files("minimax").upload({ file: big20.path, purpose: "prompt_audio" })],
  ["bytes without a filename", "filename", () => files("moonshot").upload({ file: new Uint8Array([1]), purpose: "file-extract" })],
  ["a stream without a filename", "filename", () => files("moonshot").upload({ file: new Blob(["a"]).stream(), purpose: "file-extract" })],
  ["not a file at all", "file", () => files("moonshot").upload({ file: 42 as never, purpose: "file-extract" })],
  ["id empty", "fileId", () => files("moonshot").retrieve("")],
  ["id .", "fileId", () => files("moonshot").retrieve(".")],
  ["id ..", "fileId", () => files("novita").content("..")],
  ["id ../x", "fileId", () => files("novita").delete("../x")],
  ["id a/b", "fileId", () => files("moonshot").delete("a/b")],
  ["id a?b", "fileId", () => files("moonshot").retrieve("a?b")],
  ["id a#b", "fileId", () => files("moonshot").retrieve("a#b")],
  ["id with a newline", "fileId", () => files("moonshot").retrieve("a\nb")],
  ["id not a string", "fileId", () => files("moonshot").retrieve(7 as never)],
  ["minimax id not an integer", "fileId", () => files("minimax").retrieve("abc")],
  ["minimax id ../1", "fileId", () => files("minimax").content("../1")],
  ["minimax id negative", "fileId", () => files("minimax").retrieve("-5")],
  ["timeoutMs negative (client)", "timeoutMs", () => files("moonshot", { timeoutMs: -1 })],
  ["timeoutMs not a number (call)", "timeoutMs", () => files("moonshot").list({ timeoutMs: "fast" as never })],
  ["maxRetries fractional", "maxRetries", () => files("moonshot", { maxRetries: 1.5 })],
  ["signal not a signal", "signal", () => files("novita").retrieve("f", { signal: {} as never })],
  ["base URL not a URL", "baseUrl", () => createFiles({ provider: "moonshot", apiKey: "k", baseUrl: "not a url" })],
  ["http:// to a non-loopback host", "baseUrl", () => createFiles({ provider: "moonshot", apiKey: "k", baseUrl: "http://api.example.com" })],
  ["unknown provider", "provider", () => createFiles({ provider: "openai" as never })],
  ["options not an object", "options", () => files("moonshot").list("voice" as never)],
];

for (const [name, field, run] of CASES) {
  it(`${name} -> ValidationError(${field}), nothing sent`, async () => {
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
