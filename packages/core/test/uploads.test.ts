// Every kind of file arrives byte for byte, with progress, through node:http or a user's fetch.
import { startServer, tempFile, json, type TestServer } from "@llm-files/testing";
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RequestPolicy, prepareFile, type Reply, type UploadProgress } from "../src/index.js";
import { acme } from "./profile.js";

const DATA = randomBytes(700 * 1024 + 3);
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    // Find the file part and hash exactly its bytes.
    const body = req.body;
    const start = body.indexOf("\r\n\r\n", body.indexOf('name="file"')) + 4;
    const boundary = String(req.headers["content-type"]).split("boundary=")[1]!;
    const end = body.lastIndexOf(`\r\n--${boundary}--`);
    const purpose = /name="purpose"\r\n\r\n([^\r]*)/.exec(body.toString("latin1"))?.[1];
    json(res, 200, { sha: sha(body.subarray(start, end)), purpose, filename: /filename="([^"]*)"/.exec(body.toString("latin1"))?.[1], length: req.headers["content-length"] });
  }, { keepBodies: true });
});
afterAll(() => server.stop());

async function send(file: unknown, filename: string | undefined, fetchImpl?: typeof fetch) {
  const t = new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url, fetch: fetchImpl });
  const progress: UploadProgress[] = [];
  const prepared = await prepareFile(file, { provider: "acme", filename });
  const res = await t.upload(`${t.baseUrl}/files`, { purpose: "batch" }, "file", prepared, { onProgress: (p) => progress.push({ ...p }) });
  return { body: res.json as any, progress };
}

it("a path on disk, with Content-Length and increasing progress up to the total", async () => {
  const f = await tempFile(DATA, "data.bin");
  const { body, progress } = await send(f.path, undefined);
  expect(body).toMatchObject({ sha: sha(DATA), purpose: "batch", filename: "data.bin" });
  expect(Number(body.length)).toBeGreaterThan(DATA.length);
  expect(progress.at(-1)).toEqual({ loaded: DATA.length, total: DATA.length });
  for (let i = 1; i < progress.length; i++) expect(progress[i]!.loaded).toBeGreaterThan(progress[i - 1]!.loaded);
  await f.cleanup();
});

it("a Blob, a File, a Uint8Array and a ReadableStream", async () => {
  expect((await send(new Blob([DATA]), "b.bin")).body.sha).toBe(sha(DATA));
  expect((await send(new File([DATA], "named.bin"), undefined)).body).toMatchObject({ sha: sha(DATA), filename: "named.bin" });
  expect((await send(new Uint8Array(DATA), "u.bin")).body.sha).toBe(sha(DATA));
  const { body, progress } = await send(new Blob([DATA]).stream(), "s.bin");
  expect(body.sha).toBe(sha(DATA));
  expect(progress.at(-1)).toEqual({ loaded: DATA.length, total: undefined });
});

it("a user's fetch is used for uploads too", async () => {
  let calls = 0;
  const mine: typeof fetch = (input, init) => {
    calls++;
    return fetch(input, init);
  };
  const f = await tempFile(DATA, "d.bin");
  expect((await send(f.path, undefined, mine)).body.sha).toBe(sha(DATA));
  expect(calls).toBe(1);
  await f.cleanup();
});

it("quotes in a filename cannot break the multipart header", async () => {
  const { body } = await send(new Uint8Array([1, 2, 3]), 'we"ird\\name.txt').catch((e) => ({ body: e }));
  expect(body).toMatchObject({ name: "ValidationError", field: "filename" });
});

it("in a browser, a Blob goes out as one Blob body with a Content-Length (no streamed request body)", async () => {
  const g = globalThis as Record<string, unknown>;
  const before = Object.fromEntries(["process", "window", "document", "navigator"].map((k) => [k, Object.getOwnPropertyDescriptor(g, k)]));
  const progress: UploadProgress[] = [];
  const prepared = await prepareFile(new Blob([DATA]), { provider: "acme", filename: "b.bin" });
  let pending: Promise<Reply>;
  // Look like a page only while the client is made and the request is handed to fetch (synchronously).
  for (const [k, v] of Object.entries({ process: undefined, window: {}, document: {}, navigator: { userAgent: "Mozilla/5.0" } })) Object.defineProperty(g, k, { value: v, configurable: true, writable: true });
  try {
    const t = new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url, fetch, dangerouslyAllowBrowser: true });
    pending = t.upload(`${t.baseUrl}/files`, { purpose: "batch" }, "file", prepared, { onProgress: (p) => progress.push({ ...p }) });
  } finally {
    for (const [k, d] of Object.entries(before)) (d ? Object.defineProperty(g, k, d) : delete g[k]);
  }
  const body = (await pending).json as any;
  expect(body.sha).toBe(sha(DATA));
  expect(Number(body.length)).toBeGreaterThan(DATA.length); // a streamed body would be chunked, with no length
  expect(progress).toEqual([{ loaded: DATA.length, total: DATA.length }]);
});
