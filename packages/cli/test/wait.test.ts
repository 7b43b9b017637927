// upload --wait and ls --limit: the real bin, as a child process, against a loopback server
// shaped like Moonshot's Files API, and against @llm-files/mock with files that take time to process.
import { json, startServer, tempFile, type TempFile, type TestServer } from "@llm-files/testing";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
let server: TestServer;
let a: TempFile;
/** The statuses GET /v1/files/{id} answers in turn (the last one repeats). */
let statuses: string[] = [];
let served = 0;
const file = (status: string, id = "file-1") => ({ id, object: "file", bytes: 11, created_at: 1700000000, filename: "a.txt", purpose: "file-extract", status, status_details: "" });

beforeAll(async () => {
  a = await tempFile("first file\n", "a.txt");
  server = await startServer((req, res) => {
    if (req.method === "POST") return json(res, 200, file("parsing"));
    if (req.url === "/v1/files") return json(res, 200, { object: "list", data: [file("ok"), file("ok", "file-2")] });
    json(res, 200, file(statuses[Math.min(served++, statuses.length - 1)]!));
  });
});
afterAll(() => Promise.all([server.stop(), a.cleanup()]));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, "-p", "moonshot", "--base-url", server.url, ...args], { env: { PATH: process.env.PATH!, MOONSHOT_API_KEY: "sk-cli-wait" } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end();
  });
}

describe("upload --wait", () => {
  it("polls until the file is ready and prints its final state; --json stays one document", async () => {
    statuses = ["parsing", "ok"];
    served = 0;
    const before = server.requests.length;
    const r = await cli(["--json", "upload", a.path, "--purpose", "file-extract", "--wait"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: true, uploaded: [{ id: "file-1", state: "ready", status: "ok" }], failed: [] });
    expect(server.requests.slice(before).map((x) => `${x.method} ${x.url}`)).toEqual(["POST /v1/files", "GET /v1/files/file-1", "GET /v1/files/file-1"]);
    expect(r.stderr).toBe("");
  });

  it("text output: a STATE column and a line per file", async () => {
    statuses = ["ready"];
    served = 0;
    const r = await cli(["upload", a.path, "--purpose", "file-extract", "--wait"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+FILENAME\s+SIZE\s+PURPOSE\s+CREATED\s+STATE\n/);
    expect(r.stdout).toMatch(/file-1\s+a\.txt\s+11 B\s+file-extract\s+2023-11-14 22:13\s+ready/);
    expect(r.stderr).toContain("file-1: ready");
  });

  it("a file still not ready at --wait-timeout: exit 1, the id in the failure", async () => {
    statuses = ["parsing"];
    served = 0;
    const r = await cli(["--json", "upload", a.path, "--purpose", "file-extract", "--wait", "--wait-timeout", "1500"]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: false, uploaded: [], failed: [{ id: "file-1", error: "TimeoutError" }] });
    expect(doc.failed[0].detail.message).toMatch(/was not ready after 1500 ms and \d+ polls? \(last status "parsing" \(not a status llm-files knows; see raw\)\): raise --wait-timeout to wait longer/);
  });

  it("a bad --wait-timeout is a usage error (exit 2) before any request", async () => {
    const before = server.requests.length;
    const r = await cli(["upload", a.path, "--purpose", "file-extract", "--wait", "--wait-timeout", "soon"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--wait-timeout must be a positive number/);
    expect(server.requests.length).toBe(before);
  });
});

describe("OpenAI", () => {
  let oa: TestServer;
  let served = 0;
  beforeAll(async () => {
    oa = await startServer((req, res) => {
      const file = (status: string, i = 1) => ({ id: `file-${i}`, object: "file", bytes: 11, created_at: 1700000000, filename: "a.jsonl", purpose: "batch", status, status_details: status === "error" ? "line 1 is not JSON" : null });
      if (req.method === "POST") return json(res, 200, file("uploaded"));
      const q = new URL(req.url!, "http://x").searchParams;
      if (req.url!.startsWith("/v1/files?") || req.url === "/v1/files") {
        const start = q.get("after") ? Number(q.get("after")!.slice(5)) : 0;
        const limit = Number(q.get("limit") ?? 10_000);
        const data = Array.from({ length: Math.max(0, Math.min(limit, 9 - start)) }, (_, i) => file("processed", start + i + 1));
        return json(res, 200, { object: "list", data, first_id: data[0]?.id, last_id: data.at(-1)?.id, has_more: start + data.length < 9 });
      }
      json(res, 200, file(served++ === 0 ? "uploaded" : "error"));
    });
  });
  afterAll(() => oa.stop());
  const run = (args: string[]) =>
    new Promise<{ code: number; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, [BIN, "-p", "openai", "--base-url", oa.url, ...args], { env: { PATH: process.env.PATH!, OPENAI_API_KEY: "sk-cli-oa" } }, (err, stdout) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout }));
      child.stdin!.end();
    });

  it("upload --wait: a file OpenAI failed to process is a failure with its id and OpenAI's detail, exit 1", async () => {
    const r = await run(["--json", "upload", a.path, "--purpose", "batch", "--wait"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, uploaded: [], failed: [{ id: "file-1", error: "FileProcessingError", message: expect.stringContaining("line 1 is not JSON") }] });
  });

  it("ls lists every page; ls --limit 2 asks for one page of two", async () => {
    let n = oa.requests.length;
    expect(JSON.parse((await run(["--json", "ls"])).stdout)).toHaveLength(9);
    n = oa.requests.length;
    expect(JSON.parse((await run(["--json", "ls", "--limit", "2"])).stdout).map((f: { id: string }) => f.id)).toEqual(["file-1", "file-2"]);
    expect(oa.requests.slice(n).map((x) => x.url)).toEqual(["/v1/files?limit=2"]);
  });
});

describe("ls --limit", () => {
  it("prints at most that many files", async () => {
    const r = await cli(["--json", "ls", "--limit", "1"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((f: { id: string }) => f.id)).toEqual(["file-1"]);
    expect((await cli(["ls", "--limit", "0"])).code).toBe(2);
  });
});

describe("upload --wait against @llm-files/mock (OpenAI's spec, files processing on the mock's clock)", () => {
  it("waits out the processing of each file: one processed, one failed with OpenAI's detail, exit 1", async () => {
    const { startMock } = await import("@llm-files/mock");
    const mock = await startMock("openai", { seed: false, processingMs: 400, failProcessing: (f) => (f.filename === "bad.jsonl" ? "line 1 is not a request" : undefined) });
    const bad = await tempFile('{"oops"\n', "bad.jsonl");
    try {
      const r = await new Promise<{ code: number; stdout: string }>((resolve) => {
        const child = execFile(process.execPath, [BIN, "-p", "openai", "--base-url", mock.url, "--json", "upload", a.path, bad.path, "--purpose", "batch", "--wait", "--concurrency", "1"], { env: { PATH: process.env.PATH!, OPENAI_API_KEY: "sk-cli-mock" } }, (err, stdout) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout }),
        );
        child.stdin!.end();
      });
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.stdout);
      const [good, failed] = [mock.files().find((f) => f.fields.filename === "a.txt")!, mock.files().find((f) => f.fields.filename === "bad.jsonl")!];
      expect(doc).toMatchObject({ ok: false, uploaded: [{ id: good.id, state: "ready", status: "processed" }], failed: [{ id: failed.id, error: "FileProcessingError", message: expect.stringContaining("line 1 is not a request") }] });
      // Each upload was answered while processing ("uploaded"): the final states came from polling.
      const polls = (id: string) => mock.requests.filter((x) => x.operation === "retrieve" && x.path.endsWith(id)).length;
      expect(polls(good.id)).toBeGreaterThanOrEqual(1);
      expect(polls(failed.id)).toBeGreaterThanOrEqual(1);
    } finally {
      await bad.cleanup();
      await mock.stop();
    }
  });
});
