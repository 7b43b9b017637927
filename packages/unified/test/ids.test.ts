// MiniMax int64 ids above 2^53 survive list -> retrieve -> content -> delete digit for digit.
import { startServer, type TestServer } from "@llm-files/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createFiles } from "../src/index.js";

const BIG = "1234567890123456789"; // > 2^53, < 2^63
const BIGGER = "9007199254740993"; // 2^53 + 1: the first integer a double cannot hold
let server: TestServer;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const url = new URL(req.url!, "http://x");
    res.setHeader("content-type", "application/json");
    const file = (id: string) => `{"file_id":${id},"bytes":10,"created_at":1700000000,"filename":"a.mp3","purpose":"voice_clone"}`;
    const ok = `"base_resp":{"status_code":0,"status_msg":"success"}`;
    if (url.pathname === "/v1/files/list") {
      // One id as a bare JSON number, one quoted, as MiniMax's examples do both.
      if (url.searchParams.get("purpose") === "voice_clone") return res.end(`{"files":[${file(BIG)},${file(`"${BIGGER}"`)}],${ok}}`);
      return res.end(`{"files":[],${ok}}`);
    }
    if (url.pathname === "/v1/files/retrieve") return res.end(`{"file":${file(url.searchParams.get("file_id")!)},${ok}}`);
    if (url.pathname === "/v1/files/retrieve_content") {
      res.setHeader("content-type", "audio/mpeg");
      return res.end(`bytes of ${url.searchParams.get("file_id")}`);
    }
    if (url.pathname === "/v1/files/delete") {
      const id = /"file_id":(\d+)/.exec(req.body.toString())![1];
      return res.end(`{"file_id":${id},${ok}}`);
    }
    res.statusCode = 404;
    res.end("{}");
  });
});
afterAll(() => server.stop());

it("ids beyond 2^53 round-trip exactly through every operation", async () => {
  const files = createFiles({ provider: "minimax", apiKey: "k", baseUrl: server.url });
  const list = await files.list();
  expect(list.map((f) => f.id).sort()).toEqual([BIG, BIGGER].sort());
  for (const id of [BIG, BIGGER]) {
    const f = await files.retrieve(id);
    expect(f.id).toBe(id);
    expect(f.raw.file_id).toBe(id);
    expect(await (await files.content(id)).text()).toBe(`bytes of ${id}`);
    expect(await files.delete(id, { purpose: "voice_clone" })).toEqual({ id, deleted: true });
  }
  const sent = server.requests.filter((r) => r.url.startsWith("/v1/files/delete")).map((r) => r.text);
  // The id goes back as a bare JSON number with every digit.
  expect(sent).toEqual([`{"file_id":${BIG},"purpose":"voice_clone"}`, `{"file_id":${BIGGER},"purpose":"voice_clone"}`]);
  const queried = server.requests.filter((r) => r.url.startsWith("/v1/files/retrieve?")).map((r) => r.url);
  expect(queried).toEqual([`/v1/files/retrieve?file_id=${BIG}`, `/v1/files/retrieve?file_id=${BIGGER}`]);
});

it("a number that already lost digits is refused rather than sent wrong", async () => {
  const files = createFiles({ provider: "minimax", apiKey: "k", baseUrl: server.url });
  const before = server.requests.length;
  await expect(files.retrieve(Number(BIG) as unknown as string)).rejects.toMatchObject({ name: "ValidationError", field: "fileId" });
  expect(server.requests.length).toBe(before);
});

it("delete without a purpose takes the file's own from retrieve", async () => {
  const files = createFiles({ provider: "minimax", apiKey: "k", baseUrl: server.url });
  expect(await files.delete(BIG)).toEqual({ id: BIG, deleted: true });
  expect(server.requests.at(-1)!.text).toBe(`{"file_id":${BIG},"purpose":"voice_clone"}`);
});
