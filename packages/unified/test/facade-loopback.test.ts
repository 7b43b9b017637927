// The facade over Azure OpenAI, Anthropic and Gemini, each against a loopback server that keeps
// files and answers in that provider's own shapes (Prism cannot: it does not end a walk of
// generated pages, nor answer a resumable upload): upload from a path, a Blob, bytes and a
// stream; every page through list() and iterate(); FileInfo with state and expiresAt;
// waitUntilReady (Azure and Gemini poll, Anthropic resolves at once); expiresAfterSeconds where
// offered; content where there is any (a FileInfo that says it cannot be downloaded is refused
// before any request; Gemini has no content); delete; one FilesError model.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { startServer, tempFile, type TestServer } from "@llm-files/testing";
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFiles, NotFoundError, UnsupportedError, ValidationError, type FileInfo } from "../src/index.js";
import { LOOPBACK_PROVIDERS } from "./loopback-providers.js";

type Req = IncomingMessage & { body: Buffer };
type Stored = { id: string; name: string; bytes: Buffer; polls: number; downloadable: boolean };
const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
  const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { ...(body === undefined ? {} : { "content-type": "application/json" }), "content-length": String(Buffer.byteLength(text)), ...headers });
  res.end(text);
};
/** The file part of a multipart body: its filename and bytes. */
function multipartFile(req: Req): { name: string; bytes: Buffer } {
  const boundary = /boundary=(.+)$/.exec(String(req.headers["content-type"]))![1]!;
  const text = req.body.toString("latin1");
  const part = text.split(`--${boundary}`).find((p) => /name="file"/.test(p))!;
  const name = /filename="([^"]*)"/.exec(part)![1]!;
  const bytes = Buffer.from(part.slice(part.indexOf("\r\n\r\n") + 4, -2), "latin1");
  return { name, bytes };
}

/** A provider's server over one store of files: `page` files per list request. */
function store() {
  const files = new Map<string, Stored>();
  let n = 0;
  return { files, add: (name: string, bytes: Buffer, downloadable = false) => files.set(`f${++n}`, { id: `f${n}`, name, bytes, polls: 0, downloadable }).get(`f${n}`)! };
}
const PAGE = 2;

function azure(req: Req, res: ServerResponse, s: ReturnType<typeof store>) {
  const u = new URL(req.url!, "http://x");
  const obj = (f: Stored) => ({ id: f.id, object: "file", bytes: f.bytes.length, created_at: 1764580000, expires_at: f.name.startsWith("exp") ? 1765789600 : undefined, filename: f.name, purpose: "batch", status: f.polls < 2 ? "pending" : "processed" });
  const m = /^\/openai\/v1\/files(?:\/([^/]+))?(\/content)?$/.exec(u.pathname);
  if (!m || u.searchParams.get("api-version") !== "v1" || req.headers["api-key"] !== "az-key") return send(res, 401, { error: { code: "401", message: "Access denied" } });
  if (!m[1] && req.method === "POST") {
    const { name, bytes } = multipartFile(req);
    const f = s.add(/expires_after\[seconds\]/.test(req.body.toString("latin1")) ? `exp-${name}` : name, bytes);
    return send(res, 200, obj(f));
  }
  if (!m[1]) {
    const all = [...s.files.values()];
    const after = u.searchParams.get("after");
    const from = after ? all.findIndex((f) => f.id === after) + 1 : 0;
    const page = all.slice(from, from + PAGE);
    return send(res, 200, { object: "list", data: page.map(obj), first_id: page[0]?.id ?? "", last_id: page.at(-1)?.id ?? "", has_more: from + PAGE < all.length });
  }
  const f = s.files.get(m[1]);
  if (!f) return send(res, 404, { error: { code: "404", message: `File ${m[1]} not found`, type: "invalid_request_error" } }, { "apim-request-id": "apim-9" });
  if (m[2]) return send(res, 200, f.bytes.toString("latin1"), { "content-type": "application/octet-stream" });
  if (req.method === "DELETE") return s.files.delete(f.id), send(res, 200, { id: f.id, object: "file", deleted: true });
  f.polls++;
  return send(res, 200, obj(f));
}

function anthropic(req: Req, res: ServerResponse, s: ReturnType<typeof store>) {
  const u = new URL(req.url!, "http://x");
  const obj = (f: Stored) => ({ id: f.id, type: "file", filename: f.name, mime_type: "text/plain", size_bytes: f.bytes.length, created_at: "2025-12-01T10:00:00.123456Z", downloadable: f.downloadable });
  const m = /^\/v1\/files(?:\/([^/]+))?(\/content)?$/.exec(u.pathname);
  if (!m || req.headers["x-api-key"] !== "ant-key" || req.headers["anthropic-beta"] !== "files-api-2025-04-14") return send(res, 401, { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } });
  if (!m[1] && req.method === "POST") {
    const { name, bytes } = multipartFile(req);
    return send(res, 200, obj(s.add(name, bytes)));
  }
  if (!m[1]) {
    const all = [...s.files.values()];
    const after = u.searchParams.get("after_id");
    const from = after ? all.findIndex((f) => f.id === after) + 1 : 0;
    const page = all.slice(from, from + PAGE);
    return send(res, 200, { data: page.map(obj), first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null, has_more: from + PAGE < all.length });
  }
  const f = s.files.get(m[1]);
  if (!f) return send(res, 404, { type: "error", error: { type: "not_found_error", message: `File not found: ${m[1]}` } }, { "request-id": "req_9" });
  if (m[2]) return f.downloadable ? send(res, 200, f.bytes.toString("latin1"), { "content-type": "application/octet-stream" }) : send(res, 400, { type: "error", error: { type: "invalid_request_error", message: "This file cannot be downloaded" } });
  if (req.method === "DELETE") return s.files.delete(f.id), send(res, 200, { id: f.id, type: "file_deleted" });
  return send(res, 200, obj(f));
}

function gemini(url: () => string) {
  const sessions = new Map<string, { name: string; chunks: Buffer[] }>();
  return (req: Req, res: ServerResponse, s: ReturnType<typeof store>) => {
    const u = new URL(req.url!, "http://x");
    // proto3 JSON: zero values left out (an unnamed file has no displayName).
    const obj = (f: Stored) => ({ name: `files/${f.id}`, ...(f.name ? { displayName: f.name } : {}), mimeType: "text/plain", sizeBytes: String(f.bytes.length), createTime: "2026-12-01T10:00:00.123456Z", expirationTime: "2026-12-03T10:00:00.123456Z", state: f.polls < 2 ? "PROCESSING" : "ACTIVE", source: "UPLOADED" });
    if (req.headers["x-goog-api-key"] !== "gm-key") return send(res, 403, { error: { code: 403, message: "API key not valid", status: "PERMISSION_DENIED" } });
    if (u.pathname === "/upload/v1beta/files") {
      const command = String(req.headers["x-goog-upload-command"]);
      if (command === "start") {
        const id = String(sessions.size + 1);
        sessions.set(id, { name: JSON.parse(req.body.toString()).file?.display_name ?? "", chunks: [] });
        return send(res, 200, undefined, { "x-goog-upload-url": `${url()}/upload/v1beta/files?upload_id=${id}`, "x-goog-upload-status": "active" });
      }
      const session = sessions.get(u.searchParams.get("upload_id")!)!;
      session.chunks.push(req.body);
      if (command !== "upload, finalize") return send(res, 200, undefined, { "x-goog-upload-status": "active" });
      return send(res, 200, { file: obj(s.add(session.name, Buffer.concat(session.chunks))) }, { "x-goog-upload-status": "final" });
    }
    if (u.pathname === "/v1beta/files") {
      const all = [...s.files.values()];
      const from = Number(u.searchParams.get("pageToken") ?? 0);
      const page = all.slice(from, from + PAGE);
      return send(res, 200, { files: page.map(obj), ...(from + PAGE < all.length ? { nextPageToken: String(from + PAGE) } : {}) });
    }
    const f = s.files.get(/^\/v1beta\/files\/([^/]+)$/.exec(u.pathname)?.[1] ?? "");
    if (!f) return send(res, 404, { error: { code: 404, message: "File not found.", status: "NOT_FOUND" } });
    if (req.method === "DELETE") return s.files.delete(f.id), send(res, 200, {});
    f.polls++;
    return send(res, 200, obj(f));
  };
}

const CASES = {
  azure: { key: "az-key", serve: azure },
  anthropic: { key: "ant-key", serve: anthropic },
  gemini: { key: "gm-key", serve: undefined },
} as const satisfies Record<(typeof LOOPBACK_PROVIDERS)[number], unknown>;
type Three = keyof typeof CASES;

const servers = new Map<Three, { server: TestServer; store: ReturnType<typeof store> }>();
beforeAll(async () => {
  for (const p of Object.keys(CASES) as Three[]) {
    const s = store();
    let url = "";
    const serve = CASES[p].serve ?? gemini(() => url);
    const server = await startServer((req, res) => serve(req, res, s));
    url = server.url;
    servers.set(p, { server, store: s });
  }
});
afterAll(async () => {
  for (const { server } of servers.values()) await server.stop();
});
const files = <P extends Three>(p: P) => createFiles({ provider: p, apiKey: CASES[p].key, baseUrl: servers.get(p)!.server.url, maxRetries: 0 } as never) as ReturnType<typeof createFiles<P>>;
const TEXT = "hello from llm-files\n";

for (const p of Object.keys(CASES) as Three[]) {
  describe(`${p} through the facade`, () => {
    let uploaded: FileInfo[] = [];

    it("uploads from a path, a Blob, bytes and a stream", async () => {
      const f = await tempFile(TEXT, "a.txt");
      try {
        const purpose = p === "azure" ? { purpose: "batch" as const } : {};
        const up = files(p as "azure").upload;
        uploaded = [
          await up({ file: f.path, ...purpose } as never),
          await up({ file: new Blob([TEXT]), filename: "b.txt", ...purpose } as never),
          await up({ file: new TextEncoder().encode(TEXT), filename: "c.txt", ...purpose } as never),
          await up({ file: Readable.from([Buffer.from(TEXT)]), filename: "d.txt", ...purpose } as never),
          await up({ file: new Blob([TEXT]), filename: "e.txt", ...purpose } as never),
        ];
      } finally {
        await f.cleanup();
      }
      expect(uploaded.map((u) => u.filename)).toEqual(["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"]);
      for (const u of uploaded) {
        expect(u).toMatchObject({ provider: p, bytes: TEXT.length });
        expect(u.createdAt).toBeInstanceOf(Date);
        expect(u.purpose).toBe(p === "azure" ? "batch" : undefined);
      }
      if (p === "gemini") expect(uploaded[0]).toMatchObject({ id: "files/f1", status: "PROCESSING", state: "processing", expiresAt: new Date("2026-12-03T10:00:00.123Z") });
      const stored = servers.get(p)!.store.files;
      for (const f of stored.values()) expect(createHash("sha256").update(f.bytes).digest("hex")).toBe(createHash("sha256").update(TEXT).digest("hex"));
    });

    it("list() and iterate() walk every page (two files a page)", async () => {
      const before = servers.get(p)!.server.requests.length;
      const all = await files(p).list();
      expect(all.map((f) => f.id)).toEqual(uploaded.map((u) => u.id));
      expect(servers.get(p)!.server.requests.length - before).toBe(3);
      const seen: string[] = [];
      for await (const f of files(p).iterate()) {
        seen.push(f.id);
        if (seen.length === 3) break;
      }
      expect(seen).toEqual(uploaded.slice(0, 3).map((u) => u.id));
    });

    it("waitUntilReady: polls where the provider has states, at once where it has none", async () => {
      const before = servers.get(p)!.server.requests.length;
      const ready = await files(p).waitUntilReady(uploaded[1]!.id, { intervalMs: 5 });
      const polls = servers.get(p)!.server.requests.length - before;
      if (p === "anthropic") {
        expect(ready.state).toBeUndefined();
        expect(polls).toBe(1);
      } else {
        expect(ready.state).toBe("ready");
        expect(ready.status).toBe(p === "azure" ? "processed" : "ACTIVE");
        expect(polls).toBeGreaterThan(1);
      }
    });

    it("expiresAfterSeconds where offered (Azure: 14 to 30 days), a ValidationError elsewhere", async () => {
      const blob = new Blob([TEXT]);
      if (p === "azure") {
        const f = await files("azure").upload({ file: blob, filename: "x.txt", purpose: "batch", expiresAfterSeconds: 14 * 86_400 });
        expect(f.expiresAt).toEqual(new Date(1765789600 * 1000));
        await expect(files("azure").upload({ file: blob, filename: "x.txt", purpose: "batch", expiresAfterSeconds: 3600 })).rejects.toMatchObject({ name: "ValidationError", field: "expiresAfterSeconds" });
        await files("azure").delete(f.id);
      } else await expect(files(p as "gemini").upload({ file: blob, filename: "x.txt", expiresAfterSeconds: 86_400 as never })).rejects.toMatchObject({ name: "ValidationError", field: "expiresAfterSeconds" });
    });

    it("content where there is any", async () => {
      const f = files(p as "azure");
      if (p === "gemini") {
        await expect(f.content(uploaded[0]!.id)).rejects.toBeInstanceOf(UnsupportedError);
        return;
      }
      if (p === "anthropic") {
        const before = servers.get(p)!.server.requests.length;
        // Its FileInfo says downloadable: false: refused before any request.
        await expect(f.content(uploaded[0] as never)).rejects.toThrow(/cannot be downloaded: its downloadable is false/);
        expect(servers.get(p)!.server.requests.length).toBe(before);
        // By id: the refusal, then the metadata that explains it.
        await expect(f.content(uploaded[0]!.id)).rejects.toBeInstanceOf(UnsupportedError);
        servers.get(p)!.store.files.get(uploaded[1]!.id)!.downloadable = true;
      }
      expect(await (await f.content(uploaded[1]!.id)).text()).toBe(TEXT);
    });

    it("delete, then a 404 is a NotFoundError; a purpose where files have none is a ValidationError", async () => {
      for (const u of uploaded) expect(await files(p).delete(u.id)).toEqual({ id: u.id, deleted: true });
      const gone = await files(p).retrieve(uploaded[0]!.id).catch((e: unknown) => e);
      expect(gone).toBeInstanceOf(NotFoundError);
      expect(gone).toMatchObject({ provider: p, status: 404 });
      if (p !== "azure") {
        await expect(files(p as "gemini").list({ purpose: "batch" as never })).rejects.toBeInstanceOf(ValidationError);
        await expect(files(p as "gemini").upload({ file: new Blob([TEXT]), filename: "x.txt", purpose: "batch" as never })).rejects.toThrow(/files have no purpose/);
      }
    });
  });
}
