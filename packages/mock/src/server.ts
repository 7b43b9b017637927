// The mock server: a real HTTP server on loopback that serves every operation of a provider's
// spec with the semantics its profile gives them, keeps files in memory (or only counts their
// bytes), runs its own clock, and applies the faults a test scripts.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Profile } from "@llm-files/core/profile";
import type { Answer, Handler, Incoming } from "./answer.js";
import { createClock, type MockClock } from "./clock.js";
import { MockError, errorAnswer } from "./errors.js";
import { Faults, type Fault, type FaultSpec } from "./faults.js";
import { contentHandler, deleteHandler, listHandler, okBody, retrieveHandler, uploadHandler, type Context } from "./files-api.js";
import { Int64, stringify } from "./json.js";
import { modelOf, type Model, type SpecRoute } from "./model.js";
import { SIGNED_PATH, SignedUrls, isSignedUrlOperation } from "./signed-urls.js";
import type { OpenApiDoc } from "./spec.js";
import { FileStore, type StoreOptions, type StoredFile } from "./store.js";
import { Uploads, type MockUpload } from "./uploads-api.js";
import { ResumableUploads, stepOf, type MockUploadSession } from "./resumable.js";
import { requestProblem } from "./request-checks.js";

export interface MockOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Start with the spec's example files (default true); false starts empty. */
  seed?: boolean;
  /** Largest file the mock keeps in memory, in bytes (default 64 MiB); larger uploads get a 413. */
  maxUploadBytes?: number;
  /**
   * Keep the bytes of what is uploaded (default true). false: uploads and parts are read,
   * counted and dropped (a multi-GB upload costs no memory); `content` then answers 410.
   */
  storeContent?: boolean;
  /**
   * Integer ids (int64 profiles, MiniMax) start beyond 2^53, to test that a client keeps them
   * exact. Off by default: JavaScript validators (Prism's among them) cap int64 at 2^53 - 1.
   */
  bigIds?: boolean;
  /** A new file is processing for this long on the mock's clock (default 0: ready at once), where the provider reports a status. */
  processingMs?: number;
  /**
   * Files that fail processing: a RegExp tested on the filename, or a function of the new file
   * returning the provider's detail (a string), true, or nothing for a file that goes through.
   */
  failProcessing?: StoreOptions["failProcessing"];
  /** Where the mock's clock starts (a Date or ms since the epoch; default: now). */
  now?: Date | number;
  /** Every request waits this long before it is answered (default 0). */
  latencyMs?: number;
  /** Faults in place from the start (see `fault()`). */
  faults?: FaultSpec[];
  /** The only key accepted (default: any non-empty key in the provider's auth header). */
  apiKey?: string;
  /**
   * The origin clients reach the mock at, where it is not `url` (behind a proxy): the URLs the
   * mock hands out (upload sessions, signed URLs, download URLs) point there. A function is asked
   * each time (for a proxy started after the mock).
   */
  publicUrl?: string | (() => string);
}

export interface MockFile {
  id: string;
  /** The file object's fields, as the mock answers them now. */
  fields: Record<string, unknown>;
  /** The bytes (empty when the mock keeps none: storeContent false). */
  content: Uint8Array;
  bytes: number;
  /** Where its processing is, for a provider that reports a status. */
  state?: "processing" | "ready" | "failed";
}

export interface FilePartRecord {
  /** The form field. */
  name: string;
  filename: string;
  bytes: number;
  /** Its first bytes (up to 16). */
  head: Uint8Array;
}

export interface RequestRecord {
  method: string;
  /** The path and query, as sent. */
  path: string;
  /** The profile's operation name ("upload") or the spec's operationId ("addUploadPart"); undefined for an unknown route. */
  operation?: string;
  /** The status answered; 0 when no answer was sent (a hang, a drop, the client gone). */
  status: number;
  /** The fault applied, if any. */
  fault?: Readonly<FaultSpec>;
  /** The file parts of a multipart body: what the request carried. */
  parts?: FilePartRecord[];
  /** The body bytes a resumable upload's chunk carried (those that arrived, where it was cut). */
  bytes?: number;
}

export interface MockServer {
  /** The provider's name (the registry's, or the profile's). */
  provider: string;
  profile: Profile;
  /** The mock's origin, e.g. http://127.0.0.1:40123: a base URL for llm-files. */
  url: string;
  /** The URL an official SDK takes as its base URL: `url` and the profile's path prefix, e.g. http://127.0.0.1:40123/v1. */
  apiUrl: string;
  port: number;
  /** The files the mock holds now (expired ones gone). */
  files(): MockFile[];
  /** The Uploads API's uploads (where the spec has it), their parts and what they became. */
  uploads(): MockUpload[];
  /** A resumable upload's sessions (where the profile's uploads are resumable): what each declared and holds, and the file it became. */
  sessions(): MockUploadSession[];
  /** Every request answered so far, in the order they ended. */
  requests: RequestRecord[];
  /** The mock's clock: created_at, processing, expiry and signed URLs follow it. */
  clock: MockClock;
  /** Adds a fault; it applies to the next matching request(s). */
  fault(spec: FaultSpec): Fault;
  /** The faults still waiting. */
  faults(): Fault[];
  clearFaults(): void;
  /** Fails a file's processing now, with the provider's detail. */
  failFile(id: string, detail?: string): void;
  /** Sets fields of a file as the mock answers them from now on (e.g. `{ bytes: null }`, as Mistral's own examples answer); not its id. */
  editFile(id: string, fields: Record<string, unknown>): void;
  /** Adds a file as an upload would make it, without a request (a large file a test needs to exist): its id and fields. */
  addFile(file: { filename: string; content: Uint8Array; purpose?: string; mimeType?: string }): MockFile;
  stop(): Promise<void>;
}

export async function serve(profile: Profile, doc: OpenApiDoc, options: MockOptions = {}): Promise<MockServer> {
  checkOptions(options);
  const model = modelOf(profile, doc);
  const clock = createClock(options.now);
  const store = new FileStore(model, clock, { seed: options.seed !== false, bigIds: options.bigIds === true, processingMs: options.processingMs ?? 0, failProcessing: options.failProcessing });
  let url = "";
  const ctx: Context = {
    model,
    store,
    clock,
    storeContent: options.storeContent !== false,
    maxUploadBytes: options.maxUploadBytes ?? 64 * 1024 * 1024,
    baseUrl: () => (typeof options.publicUrl === "function" ? options.publicUrl() : options.publicUrl) ?? url,
    storageUrl: () => url,
    contentUrl: (f: StoredFile) => contentUrlOf(model, ctx.baseUrl(), f.id),
  };
  const uploads = new Uploads(ctx);
  const signed = new SignedUrls(ctx);
  const resumable = profile.operations.upload?.body.form === "resumable" ? new ResumableUploads(ctx) : undefined;
  const handlers = new Map<SpecRoute, Handler<any>>();
  for (const route of model.routes) handlers.set(route, route.name === "upload" && resumable ? resumable.handler(route) : handlerFor(ctx, route, uploads, signed));
  const faults = new Faults();
  for (const f of options.faults ?? []) faults.add(f);
  const requests: RequestRecord[] = [];
  const auth = profile.auth ?? { header: "Authorization", prefix: "Bearer " };
  // A key in the profile's header, or a bearer in Authorization: every provider here takes one
  // (Azure's Entra ID tokens, Google's OAuth tokens, Anthropic's key as @anthropic-ai/sdk 1.10
  // sends it, and the rest's keys).
  const bearer = { header: "authorization", prefix: "Bearer " };
  const schemes = [auth, ...(profile.auth?.token ? [profile.auth.token] : []), ...(auth.header.toLowerCase() === "authorization" || profile.auth?.token?.header.toLowerCase() === "authorization" ? [] : [bearer])];
  const authorized = (req: IncomingMessage): boolean =>
    schemes.some((scheme) => {
      const value = req.headers[scheme.header.toLowerCase()];
      const text = Array.isArray(value) ? value[0] : value;
      if (typeof text !== "string") return false;
      const prefix = scheme.prefix ?? "";
      if (!text.toLowerCase().startsWith(prefix.toLowerCase())) return false;
      const key = text.slice(prefix.length).trim();
      return key !== "" && (options.apiKey === undefined || key === options.apiKey);
    });
  const authWords = schemes.map((x) => `${x.header}: ${x.prefix ?? ""}<key>`).join(" or ");
  const accepted = schemes.map((x) => x.header).join(" or ");
  const waits = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  const sleep = (ms: number, res: ServerResponse) =>
    new Promise<void>((resolve) => {
      const entry = { timer: setTimeout(() => done(), ms), resolve: () => done() };
      const done = () => {
        clearTimeout(entry.timer);
        waits.delete(entry);
        res.off("close", done);
        resolve();
      };
      waits.add(entry);
      res.once("close", done);
    });

  async function handle(req: IncomingMessage, res: ServerResponse, record: RequestRecord): Promise<void> {
    const u = new URL(req.url ?? "/", "http://mock");
    if (req.method === "GET" && u.pathname.startsWith(SIGNED_PATH)) {
      req.resume();
      record.status = signed.serve(u.pathname.slice(SIGNED_PATH.length), res);
      return;
    }
    const matches = model.routes.map((r) => ({ r, m: r.pattern.exec(u.pathname) })).filter((x) => x.m);
    const hit = matches.find((x) => x.r.method === req.method);
    const route = hit?.r;
    record.operation = route?.name;
    // A resumable upload's requests are the upload's, each also named by its step (upload.chunk ...).
    const step = route?.name === "upload" && resumable ? stepOf(req.headers["x-goog-upload-command"]) : undefined;
    const fault = faults.take({ method: req.method ?? "", path: u.pathname, operations: route ? [route.name, route.operationId ?? "", step ? `upload.${step}` : ""].filter(Boolean) : [] });
    if (fault) record.fault = fault;
    let refusal: MockError | undefined;
    if (!route) refusal = matches.length ? new MockError(405, `${req.method} is not allowed on ${u.pathname}`) : new MockError(404, `no route ${req.method} ${u.pathname}`);
    else if (!authorized(req)) refusal = new MockError(401, options.apiKey === undefined ? `missing or malformed ${authWords}` : `${accepted}: the key is not the one this mock accepts`);
    else refusal = requestProblem(model, route, req, u);
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(hit?.m?.groups ?? {})) params[k] = safeDecode(v);
    const incoming: Incoming = { req, url: u, params, route: route! };
    const handler = route ? handlers.get(route)! : undefined;
    if (fault?.dropAfterBytes !== undefined) {
      // A resumable upload's chunk keeps what arrived before the cut; any other request is cut unapplied.
      if (!refusal && handler && (step === "chunk" || step === "finalize")) incoming.cutAfterBytes = fault.dropAfterBytes;
      else return void (await readUpTo(req, fault.dropAfterBytes), drop(res));
    }
    let input: unknown;
    if (refusal || !handler) await drain(req);
    else {
      try {
        input = await handler.read(incoming);
      } catch (err) {
        if (!(err instanceof MockError)) throw err;
        refusal = err;
        await drain(req);
      }
    }
    if (incoming.parts) record.parts = incoming.parts.map((p) => ({ name: p.name, filename: p.filename, bytes: p.bytes, head: p.head }));
    if (incoming.bodyBytes !== undefined) record.bytes = incoming.bodyBytes;
    if (incoming.cut && !refusal) {
      // Cut partway (a fault, or the client gone): applied as far as it got, never answered.
      await Promise.resolve(handler!.apply(input)).catch(() => undefined);
      return drop(res);
    }
    const latency = (fault?.delayMs ?? 0) + (options.latencyMs ?? 0);
    if (latency > 0) await sleep(latency, res);
    if (res.destroyed || res.writableEnded) return;
    if (fault?.hang) {
      await new Promise<void>((resolve) => {
        const entry = { timer: setTimeout(() => {}, 0), resolve };
        waits.add(entry);
        res.once("close", () => (waits.delete(entry), resolve()));
      });
      return;
    }
    if (fault?.drop === "before-store") return drop(res);
    if (fault?.status !== undefined) {
      const headers = { ...(fault.headers ?? {}), ...(fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {}) };
      const message = fault.message ?? `a fault scripted for this test: ${fault.status}`;
      record.status = send(res, errorAnswer(model, route, new MockError(fault.status, message, { code: fault.code, type: fault.type, headers })));
      return;
    }
    if (refusal) {
      record.status = send(res, errorAnswer(model, route, refusal));
      return;
    }
    let answer: Answer;
    try {
      answer = await handler!.apply(input);
    } catch (err) {
      if (!(err instanceof MockError)) throw err;
      answer = errorAnswer(model, route, err);
    }
    if (fault?.drop === "after-store") return drop(res);
    record.status = send(res, answer);
  }

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const record: RequestRecord = { method: req.method ?? "", path: req.url ?? "", status: 0 };
    handle(req, res, record)
      .catch((err: unknown) => {
        record.status = send(res, { status: 500, json: { error: { message: `mock: ${(err as Error).message}`, type: "server_error" } } });
      })
      .finally(() => requests.push(record));
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const listFiles = (): MockFile[] =>
      store.all().map((f) => ({
        id: f.id,
        fields: Object.fromEntries(Object.entries(store.render(f, undefined, ctx.contentUrl)).map(([k, v]) => [k, v instanceof Int64 ? v.digits : v])),
        content: f.content ?? new Uint8Array(0),
        bytes: f.bytes,
        ...(store.state(f) ? { state: store.state(f) } : {}),
      }));
  const { port, address } = server.address() as AddressInfo;
  url = `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
  return {
    provider: profile.name,
    profile,
    url,
    apiUrl: url + (profile.pathPrefix ?? ""),
    port,
    requests,
    clock,
    files: listFiles,
    uploads: () => uploads.all(),
    sessions: () => resumable?.all() ?? [],
    fault: (spec) => faults.add(spec),
    faults: () => faults.list(),
    clearFaults: () => faults.clear(),
    failFile: (id, detail = "the mock failed this file on purpose (failFile)") => store.fail(id, detail),
    editFile: (id, fields) => store.edit(id, fields),
    addFile(file) {
      if (!file || typeof file.filename !== "string" || !(file.content instanceof Uint8Array)) throw new TypeError("@llm-files/mock: addFile takes { filename, content: Uint8Array, purpose?, mimeType? }");
      if (file.purpose !== undefined && !profile.purposes.upload.includes(file.purpose)) throw new TypeError(`@llm-files/mock: purpose must be one of ${profile.purposes.upload.join(", ") || "none (this provider's files have no purpose)"}, got ${file.purpose}`);
      const made = store.create({ filename: file.filename, purpose: file.purpose, bytes: file.content.byteLength, content: ctx.storeContent ? file.content : undefined, mimeType: file.mimeType ?? "application/octet-stream" });
      return listFiles().find((f) => f.id === made.id)!;
    },
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const w of waits) w.resolve();
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

function handlerFor(ctx: Context, route: SpecRoute, uploads: Uploads, signed: SignedUrls): Handler<any> {
  switch (route.name) {
    case "list":
      return listHandler(ctx, route);
    case "upload":
      return uploadHandler(ctx, route);
    case "retrieve":
      return retrieveHandler(ctx, route);
    case "content":
      return contentHandler(ctx);
    case "delete":
      return deleteHandler(ctx, route);
  }
  const known = uploads.handler(route) ?? (isSignedUrlOperation(route) ? signed.handler(route) : undefined);
  if (known) return known;
  // Any other operation of the spec: its documented answer, as a static mock would give it.
  return {
    read: async ({ req }) => void req.resume(),
    apply: () => ({ status: 200, json: okBody(ctx, route) }),
  };
}

function contentUrlOf(model: Model, base: string, id: string): string {
  const route = model.files.content;
  const r = model.profile.operations.content;
  if (!route || !r) return "";
  const value = encodeURIComponent(id);
  if (r.id.in === "path") return `${base}${route.path.replace(`{${r.id.name}}`, value)}`;
  return `${base}${route.path}?${r.id.name}=${value}`;
}

function send(res: ServerResponse, answer: Answer): number {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return 0;
  }
  const body = answer.bytes ?? Buffer.from(stringify(answer.json ?? {}));
  const type = answer.bytes ? (answer.contentType ?? "application/octet-stream") : "application/json";
  res.writeHead(answer.status, { ...(answer.headers ?? {}), "content-type": type, "content-length": body.byteLength });
  res.end(body);
  return answer.status;
}

function drop(res: ServerResponse): void {
  res.socket?.destroy();
  res.destroy();
}

/** Reads a request's body until `bytes` of it arrived (or it ended). */
function readUpTo(req: IncomingMessage, bytes: number): Promise<void> {
  return new Promise((resolve) => {
    let n = 0;
    const done = () => {
      req.off("data", onData);
      resolve();
    };
    const onData = (piece: Buffer) => {
      n += piece.length;
      if (n >= bytes) done();
    };
    if (bytes === 0) return resolve();
    req.on("data", onData);
    req.once("end", done);
    req.once("close", done);
  });
}

function drain(req: IncomingMessage): Promise<void> {
  if (req.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    req.on("end", resolve);
    req.on("error", () => resolve());
    req.on("close", () => resolve());
    req.resume();
  });
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

function checkOptions(o: MockOptions): void {
  if (o === null || typeof o !== "object") throw new TypeError("@llm-files/mock: options must be an object");
  const count = (name: keyof MockOptions, min: number) => {
    const v = o[name];
    if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v) || v < min || !Number.isInteger(v))) throw new TypeError(`@llm-files/mock: ${name} must be a whole number >= ${min}, got ${String(v)}`);
  };
  count("port", 0);
  count("maxUploadBytes", 0);
  count("processingMs", 0);
  count("latencyMs", 0);
  if (o.failProcessing !== undefined && !(o.failProcessing instanceof RegExp) && typeof o.failProcessing !== "function") throw new TypeError("@llm-files/mock: failProcessing must be a RegExp (tested on the filename) or a function of the new file");
  if (o.apiKey !== undefined && (typeof o.apiKey !== "string" || o.apiKey === "")) throw new TypeError("@llm-files/mock: apiKey must be a non-empty string");
  if (o.faults !== undefined && !Array.isArray(o.faults)) throw new TypeError("@llm-files/mock: faults must be an array of faults");
  if (o.publicUrl !== undefined && typeof o.publicUrl !== "function" && !/^https?:\/\/[^/]+$/.test(String(o.publicUrl))) throw new TypeError(`@llm-files/mock: publicUrl must be an origin (http://host:port) or a function giving one, got ${String(o.publicUrl)}`);
}

