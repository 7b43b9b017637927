// files.list() and files.iterate() follow every page: a loopback server that pages as Mistral
// does (page from 0, page_size default 100, total), requests counted.
import { json, startServer, type TestServer } from "@llm-files/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMistralClient } from "../src/index.js";

const FILES = Array.from({ length: 250 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, object: "file", bytes: null, created_at: 1_759_500_189, filename: `f${i}.jsonl`, purpose: "batch", sample_type: "batch_request", source: "upload" }));
let server: TestServer;
let withTotal = true;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const q = new URL(req.url!, "http://x").searchParams;
    const page = Number(q.get("page") ?? 0);
    const size = Number(q.get("page_size") ?? 100);
    const data = FILES.slice(page * size, page * size + size);
    json(res, 200, withTotal ? { data, object: "list", total: FILES.length } : { data, object: "list" });
  });
});
afterAll(() => server.stop());
const files = () => createMistralClient({ apiKey: "k", baseUrl: server.url, maxRetries: 0 }).files;
const urls = (n: number) => server.requests.slice(n).map((r) => r.url);

describe("every page", () => {
  it("list() returns all 250 files, not the first 100: three requests up to the total", async () => {
    const n = server.requests.length;
    expect((await files().list()).map((f) => f.id)).toEqual(FILES.map((f) => f.id));
    expect(urls(n)).toEqual(["/v1/files", "/v1/files?page=1", "/v1/files?page=2"]);
  });

  it("without a total, a short page is the last", async () => {
    withTotal = false;
    try {
      const n = server.requests.length;
      expect(await files().list()).toHaveLength(250);
      expect(urls(n)).toEqual(["/v1/files", "/v1/files?page=1", "/v1/files?page=2"]);
    } finally {
      withTotal = true;
    }
  });

  it("iterate() with page_size fetches pages only as consumed", async () => {
    const n = server.requests.length;
    let count = 0;
    for await (const _ of files().iterate({ page_size: 10 })) if (++count === 15) break;
    expect(urls(n)).toEqual(["/v1/files?page_size=10", "/v1/files?page=1&page_size=10"]);
  });
});
