// files.list() and files.iterate() follow every page: a loopback server that pages as OpenAI does
// (after / limit / has_more / last_id), requests counted.
import { json, startServer, type TestServer } from "@llm-files/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAIClient, ServerError } from "../src/index.js";

const FILES = Array.from({ length: 5 }, (_, i) => ({ id: `file-${i + 1}`, object: "file", bytes: 1, created_at: 1_700_000_000, filename: "a.jsonl", purpose: "batch", status: "processed" }));
let server: TestServer;
let stuck = false;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const q = new URL(req.url!, "http://x").searchParams;
    const start = q.get("after") ? FILES.findIndex((f) => f.id === q.get("after")) + 1 : 0;
    const data = FILES.slice(start, start + Number(q.get("limit") ?? 10_000));
    // `stuck`: a server that ignores `after` and answers the first page again.
    json(res, 200, stuck ? { object: "list", data: FILES.slice(0, 2), first_id: "file-1", last_id: "file-2", has_more: true } : { object: "list", data, first_id: data[0]?.id, last_id: data.at(-1)?.id, has_more: start + data.length < FILES.length });
  });
});
afterAll(() => server.stop());
const files = () => createOpenAIClient({ apiKey: "k", baseUrl: server.url, maxRetries: 0 }).files;
const urls = (n: number) => server.requests.slice(n).map((r) => r.url);

describe("every page", () => {
  it("iterate() follows has_more with after = last_id, one request per page consumed", async () => {
    let n = server.requests.length;
    const ids: string[] = [];
    for await (const f of files().iterate({ limit: 2 })) ids.push(f.id);
    expect(ids).toEqual(FILES.map((f) => f.id));
    expect(urls(n)).toEqual(["/v1/files?limit=2", "/v1/files?after=file-2&limit=2", "/v1/files?after=file-4&limit=2"]);
    n = server.requests.length;
    for await (const _ of files().iterate({ limit: 2 })) break;
    expect(urls(n)).toEqual(["/v1/files?limit=2"]);
  });

  it("list() is every file; one request when the first page holds them all", async () => {
    const n = server.requests.length;
    expect(await files().list()).toHaveLength(5);
    expect(urls(n)).toEqual(["/v1/files"]);
  });

  it("a server that ignores after: ServerError after two requests, not a loop", async () => {
    stuck = true;
    try {
      const n = server.requests.length;
      await expect(files().list()).rejects.toBeInstanceOf(ServerError);
      expect(server.requests.length - n).toBe(2);
    } finally {
      stuck = false;
    }
  });
});
