// The mock server: a real HTTP server on loopback that keeps files in memory, so upload →
// list → retrieve → content → delete behave like the provider's API as its spec describes.
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Readable } from "node:stream";
import { filesApi, type FilesApi, type Route } from "./api.js";
import { deletedAnswer, errorAnswer, fileAnswer, parseJson, stringify, type Answer, type StoredFile } from "./render.js";
import { deref, sample, type OpenApiDoc } from "./spec.js";

export interface MockOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Start with the spec's example files (default true); false starts empty. */
  seed?: boolean;
  /** Largest upload accepted, in bytes (default 64 MiB); larger ones get a 413-style error. */
  maxUploadBytes?: number;
  /**
   * Integer ids (MiniMax) start beyond 2^53, to test that a client keeps them exact. Off by
   * default: JavaScript validators (Prism's among them) cap int64 at 2^53 - 1.
   */
  bigIds?: boolean;
}

export interface MockFile {
  id: string;
  fields: Record<string, unknown>;
  content: Uint8Array;
}

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
}

export interface MockServer {
  provider: string;
  /** Base URL to hand to a client as baseUrl, e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  /** The files the mock holds right now. */
  files(): MockFile[];
  /** Every request answered so far. */
  requests: RequestRecord[];
  stop(): Promise<void>;
}

export async function serve(provider: string, doc: OpenApiDoc, options: MockOptions = {}): Promise<MockServer> {
  const api = filesApi(provider, doc);
  const files = new Map<string, StoredFile>();
  const seedBytes = new TextEncoder().encode(api.seedContent);
  if (options.seed !== false) for (const s of api.seeds) files.set(String(s[api.idField]), { fields: { ...s, [api.idField]: String(s[api.idField]) }, content: seedBytes });
  const maxUpload = options.maxUploadBytes ?? 64 * 1024 * 1024;
  const requests: RequestRecord[] = [];
  const seedIds = api.integerIds ? api.seeds.map((f) => BigInt(String(f[api.idField]))) : [];
  let nextInt = options.bigIds ? 2n ** 53n : seedIds.reduce((a, b) => (b > a ? b : a), 1_000_000_000_000n);
  let url = "";

  const idFormat = deref(api.doc, api.fileSchema.properties?.[api.idField] ?? {}).format;
  const newId = (): string => {
    if (api.integerIds) return String(++nextInt);
    if (idFormat === "uuid") return randomUUID();
    const example = String(api.seeds[0]?.[api.idField] ?? "file-");
    const prefix = /^[a-z]+[_-]/i.exec(example)?.[0] ?? "";
    return prefix + randomBytes(10).toString("hex");
  };
  const contentUrl = (f: StoredFile): string => {
    const route = api.routes.find((r) => r.name === "content")!;
    const id = encodeURIComponent(String(f.fields[api.idField]));
    return route.id?.in === "path" ? `${url}${route.path.replace(`{${route.id.name}}`, id)}` : `${url}${route.path}?${route.id?.name}=${id}`;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const u = new URL(req.url ?? "/", "http://mock");
    const matches = api.routes.map((r) => ({ r, m: r.pattern.exec(u.pathname) })).filter((x) => x.m);
    const hit = matches.find((x) => x.r.method === req.method);
    if (!hit) {
      req.resume();
      return send(res, errorAnswer(api, matches[0]?.r, matches.length ? 405 : 404, matches.length ? `${req.method} is not allowed on ${u.pathname}` : `no route ${req.method} ${u.pathname}`));
    }
    const route = hit.r;
    if (!/^Bearer \S+/.test(req.headers.authorization ?? "")) {
      req.resume();
      return send(res, errorAnswer(api, route, 401, "missing or malformed Authorization: Bearer <key>"));
    }
    const fail = (status: number, message: string) => send(res, errorAnswer(api, route, status, message));
    let body: Record<string, unknown> = {};
    if (route.name === "upload") return upload(req, res, route, fail);
    if (route.op.requestBody) {
      try {
        body = (parseJson(await readText(req, 1024 * 1024)) ?? {}) as Record<string, unknown>;
      } catch {
        return fail(400, "the body is not JSON");
      }
    } else req.resume();
    const value = (where: string, name: string): unknown => (where === "path" ? decodeURIComponent(hit.m!.groups?.[name.replace(/\W/g, "_")] ?? "") : where === "query" ? u.searchParams.get(name) ?? undefined : body[name]);
    for (const f of route.fileFields) {
      const v = value(f.in, f.name);
      if (v === undefined || v === null || v === "") {
        if (f.required) return fail(400, `${f.name} is required`);
      } else if (f.enum && !f.enum.includes(v)) return fail(400, `${f.name} must be one of ${f.enum.join(", ")}, got ${String(v)}`);
    }
    if (route.name === "list") {
      const list = [...files.values()].filter((file) => route.fileFields.every((f) => value(f.in, f.name) === undefined || file.fields[f.name] === value(f.in, f.name)));
      return send(res, { status: 200, body: fileAnswer(api, route, list, contentUrl) });
    }
    const idValue = value(route.id!.in, route.id!.name);
    if (idValue === undefined || idValue === null || idValue === "") return fail(400, `${route.id!.name} is required`);
    const id = String(idValue);
    const file = files.get(id);
    // A field that must match the file (MiniMax's delete purpose) and does not: not this file.
    if (!file || route.fileFields.some((f) => value(f.in, f.name) !== undefined && file.fields[f.name] !== value(f.in, f.name))) return fail(404, `file ${id} not found`);
    if (route.name === "retrieve") return send(res, { status: 200, body: fileAnswer(api, route, file, contentUrl) });
    if (route.name === "delete") {
      files.delete(id);
      return send(res, { status: 200, body: deletedAnswer(api, route, id) });
    }
    res.writeHead(200, { "content-type": api.contentType, "content-length": file.content.byteLength });
    res.end(file.content);
    return 200;
  }

  async function upload(req: IncomingMessage, res: ServerResponse, route: Route, fail: (s: number, m: string) => number): Promise<number> {
    const length = Number(req.headers["content-length"] ?? 0);
    if (length > maxUpload) {
      req.resume();
      return fail(413, `upload of ${length} bytes is larger than this mock takes (maxUploadBytes ${maxUpload})`);
    }
    let form: FormData;
    try {
      const request = new Request("http://mock/", { method: "POST", headers: { "content-type": req.headers["content-type"] ?? "" }, body: Readable.toWeb(req) as ReadableStream, duplex: "half" } as RequestInit);
      form = await request.formData();
    } catch (err) {
      return fail(400, `the body is not multipart/form-data: ${(err as Error).message}`);
    }
    const part = form.get(api.upload.fileField);
    if (!part || typeof part === "string") return fail(400, `the ${api.upload.fileField} part (a file) is missing`);
    if (part.size > maxUpload) return fail(413, `upload of ${part.size} bytes is larger than this mock takes (maxUploadBytes ${maxUpload})`);
    const fields: Record<string, unknown> = {};
    for (const [name, f] of Object.entries(api.upload.fields)) {
      const v = form.get(name);
      if (typeof v !== "string" || v === "") {
        if (f.required) return fail(400, `${name} is required`);
        continue;
      }
      if (f.enum && !f.enum.includes(v)) return fail(400, `${name} must be one of ${f.enum.join(", ")}, got ${v}`);
      fields[name] = v;
    }
    const id = newId();
    // Fields the mock does not track keep the spec example's values (e.g. object: "file"); with
    // no example file (OpenAI's document), the schema's required properties, sampled.
    const example = { ...(api.seeds[0] ?? requiredSample(api)) };
    const stored: StoredFile = {
      fields: { ...example, ...fields, [api.idField]: id, filename: part.name, bytes: part.size, created_at: Math.floor(Date.now() / 1000) },
      content: new Uint8Array(await part.arrayBuffer()),
    };
    files.set(id, stored);
    return send(res, { status: 200, body: fileAnswer(api, route, stored, contentUrl) });
  }

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(req, res)
      .catch((err: unknown) => send(res, { status: 500, body: { error: { message: `mock: ${(err as Error).message}` } } }))
      .then((status) => requests.push({ method: req.method ?? "", path: req.url ?? "", status }));
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  url = `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
  return {
    provider,
    url,
    port,
    requests,
    files: () => [...files.values()].map((f) => ({ id: String(f.fields[api.idField]), fields: { ...f.fields }, content: f.content })),
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

function send(res: ServerResponse, answer: Answer): number {
  if (res.headersSent) {
    res.destroy();
    return answer.status;
  }
  const text = stringify(answer.body);
  res.writeHead(answer.status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
  return answer.status;
}

async function readText(req: IncomingMessage, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new Error("body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export type { FilesApi };

/** The file object's required properties with a sample value each (enum: its first value). */
function requiredSample(api: FilesApi): Record<string, unknown> {
  const all = sample(api.doc, api.fileSchema) as Record<string, unknown>;
  return Object.fromEntries((api.fileSchema.required ?? []).filter((k) => k in all).map((k) => [k, all[k]]));
}
