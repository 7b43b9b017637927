// The Node transport: every request over node:http/https with keep-alive (about twice as fast as
// Node's fetch per request), uploads streamed with a known Content-Length and flat memory
// (undici's fetch keeps a streamed request body in memory, nodejs/undici#4058), proxies
// from the environment or the `proxy` option on every path. Nothing node: is loaded at import:
// node:http and node:stream load with the first request, node:https with the first https one,
// node:zlib (decode-node.ts) with the first compressed answer, the proxy helpers (proxy-node.ts)
// only when a proxy is in use.
import type { Agent, ClientRequest, IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import { agentFor, envProxy } from "./proxy-node.js";
import { fetchTransport } from "./transport-fetch.js";
import { streamChunks } from "./streams.js";
import { isMultipart, type ReadBytes, type Transport, type TransportBody, type TransportCall, type TransportOptions, type TransportRequest, type TransportResponse } from "./transport.js";
import type { HeadersLike } from "./request-headers.js";

interface NodeLib {
  http: typeof import("node:http");
  Readable: typeof import("node:stream").Readable;
  https?: typeof import("node:https");
}

let lib: NodeLib | undefined;
let loading: Promise<NodeLib> | undefined;
let loadingHttps: Promise<NodeLib> | undefined;

/** The node: modules a request needs, loaded once: at once when they are, else a promise. */
function nodeLib(https: boolean): NodeLib | Promise<NodeLib> {
  if (lib && (!https || lib.https)) return lib;
  const base = (loading ??= Promise.all([import("node:http"), import("node:stream")]).then(([http, stream]): NodeLib => (lib = { ...lib, http, Readable: stream.Readable })));
  if (!https) return base;
  return (loadingHttps ??= Promise.all([base, import("node:https")]).then(([loaded, h]): NodeLib => (lib = { ...loaded, ...lib, https: h })));
}

/** The default transport of the Node build ("#transport" under the "node" condition); a caller's fetch wins. */
export function defaultTransport(options: TransportOptions): Transport {
  if (options.fetch) return fetchTransport(options);
  // The environment's proxy per origin, read at this client's first request to it.
  const fromEnv = new Map<string, string | Promise<string>>();
  const route = (origin: Origin): string | Promise<string> => {
    if (options.proxy !== undefined) return options.proxy || "";
    let proxy = fromEnv.get(origin.key);
    if (proxy === undefined) {
      const read = envProxy(origin.url);
      fromEnv.set(origin.key, read);
      if (read instanceof Promise) read.then((p) => fromEnv.set(origin.key, p), () => fromEnv.delete(origin.key));
      proxy = read;
    }
    return proxy;
  };
  return { kind: "node", send: (req) => send(req, options.provider, route, options.proxy === undefined) };
}

/** Where a request goes, as node:http takes it: parsed once per origin. */
interface Origin {
  /** "http://127.0.0.1:8080" */
  key: string;
  url: URL;
  https: boolean;
  protocol: string;
  hostname: string;
  port: string;
}

const ORIGINS = new Map<string, Origin>();
/** Characters URL never encodes in a path or query. */
const PLAIN_PATH = /^\/[\w\-.~!$&()*+,;=:@/?%]*$/;

/**
 * A path and query that URL would leave exactly as they are: characters it never encodes, and no
 * dot segment, plain or %-encoded (which it resolves). Anything else goes through URL, as before.
 */
const plainPath = (path: string) => PLAIN_PATH.test(path) && !path.includes("/.") && !(path.includes("%2") && /%2e/i.test(path));

/**
 * The origin and path of a request's URL. The URLs the library builds are normalised (a parsed
 * base URL's origin and path, ids and queries encoded): their origin, parsed once, is looked up
 * by its text, and the rest is the path. Anything else is parsed with URL, as before.
 */
function targetOf(href: string): { origin: Origin; path: string } {
  const slash = href.indexOf("/", href.indexOf("//") + 2);
  if (slash > 0) {
    const origin = ORIGINS.get(href.slice(0, slash));
    const path = href.slice(slash);
    if (origin && plainPath(path)) return { origin, path };
  }
  const url = new URL(href);
  let origin = ORIGINS.get(url.origin);
  if (!origin) {
    origin = { key: url.origin, url: new URL(url.origin), https: url.protocol === "https:", protocol: url.protocol, hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname, port: url.port };
    // An origin is kept only when its text is the URL's own start (no credentials, no default port written).
    if (href.startsWith(`${url.origin}/`)) {
      if (ORIGINS.size >= 256) ORIGINS.clear();
      ORIGINS.set(url.origin, origin);
    }
  }
  return { origin, path: url.pathname + url.search };
}

/** `value`, or what it resolves to, handed to `next`: synchronous while nothing needs loading. */
function then<T, R>(value: T | Promise<T>, next: (v: T) => R | Promise<R>): R | Promise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}

function send(req: TransportRequest, provider: string, route: (origin: Origin) => string | Promise<string>, proxyFromEnv: boolean): TransportCall {
  let aborted: Error | undefined;
  let outgoing: ClientRequest | undefined;
  let incoming: IncomingMessage | undefined;
  const response = new Promise<TransportResponse>((resolve, reject) => {
    const { origin, path } = targetOf(req.url);
    const https = origin.https;
    const start = (agent: Agent) => {
      if (aborted) return reject(aborted);
      // Headers are set on the request, not passed as options: NODE_DEBUG=http,net prints the
      // options (Authorization included) when the agent opens a connection.
      const r = (https ? lib!.https! : lib!.http).request({
        protocol: origin.protocol,
        hostname: origin.hostname,
        port: origin.port,
        path,
        method: req.method,
        agent,
      });
      outgoing = r;
      // The error listener comes first: nothing may leave a request without one (an orphan
      // ClientRequest's 'error' event would end the process later). A reset on a reused socket
      // may be a server closing it while idle, or a server that read the request and died:
      // only idempotent requests are repeated (as undici does).
      r.on("error", reject);
      try {
        req.headers.forEach((v, k) => r.setHeader(k, v));
      } catch (err) {
        // request-values.ts refuses such values before; this is the last line of defence.
        r.destroy();
        return reject(err);
      }
      const state = { answered: false, bodyDone: req.body === undefined };
      r.on("response", (res: IncomingMessage) => {
        incoming = res;
        state.answered = true;
        // Answered before the whole body was sent (413, 401 …): stop sending, and once the answer
        // is read let go of the connection (it is mid-body, so it cannot be reused).
        if (!state.bodyDone) res.once("end", () => r.destroy());
        // An error while nobody reads yet must not end the process (nodeResponse says the same).
        res.on("error", noop);
        // A compressed answer is decoded as fetch would: node:zlib loads with the first one.
        if (encodingOf(res) === undefined) resolve(nodeResponse(res, req.method, undefined));
        else import("./decode-node.js").then((m) => resolve(nodeResponse(res, req.method, m.decodedBody(res))), reject);
      });
      if (req.body === undefined) r.end();
      else writeBody(r, req.body, req.headers, state).catch((err) => r.destroy(err as Error));
    };
    try {
      const agent = then(route(origin), (proxy) => then(nodeLib(https), (l) => agentFor(provider, origin.url, proxy, proxyFromEnv, l)));
      if (agent instanceof Promise) agent.then(start, reject);
      else start(agent);
    } catch (err) {
      reject(err);
    }
  });
  return {
    response,
    abort(reason) {
      aborted = reason instanceof Error ? reason : new Error(String(reason));
      outgoing?.destroy(aborted);
      incoming?.destroy(aborted);
    },
  };
}

const ENCODINGS = new Set(["gzip", "x-gzip", "deflate", "br"]);

/** The Content-Encoding this transport undoes, if the answer has one. */
function encodingOf(res: IncomingMessage): string | undefined {
  const raw = res.headers["content-encoding"];
  if (raw === undefined) return undefined;
  const encoding = String(raw).trim().toLowerCase();
  return ENCODINGS.has(encoding) ? encoding : undefined;
}

async function writeBody(r: ClientRequest, body: TransportBody, headers: HeadersLike, state: { answered: boolean; bodyDone: boolean }): Promise<void> {
  if (typeof body === "string" || body instanceof Uint8Array) {
    state.bodyDone = true;
    r.setHeader("content-length", Buffer.byteLength(body));
    return void r.end(body);
  }
  let chunks: AsyncIterable<Uint8Array>;
  if (isMultipart(body)) {
    const { body: mp, onFileBytes } = body;
    r.setHeader("content-type", mp.contentType);
    headers.set("content-type", mp.contentType);
    if (mp.length !== undefined) r.setHeader("content-length", mp.length);
    chunks = mp.chunks(onFileBytes, true);
  } else if (body instanceof ReadableStream) {
    chunks = streamChunks(body);
  } else {
    // FormData, URLSearchParams, Blob (a raw client call): encoded the way fetch would.
    const encoded = new Response(body as BodyInit);
    const type = encoded.headers.get("content-type");
    if (type && !headers.has("content-type")) r.setHeader("content-type", type);
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    r.setHeader("content-length", bytes.byteLength);
    state.bodyDone = true;
    return void r.end(bytes);
  }
  for await (const chunk of chunks) {
    // Wait until each chunk is handed to the socket: upload chunks share one buffer.
    await new Promise<void>((resolve) => {
      const done = () => {
        r.off("close", done);
        resolve();
      };
      r.once("close", done);
      r.write(chunk, done);
    });
    // Stopping here returns the source's iterator: its file handle closes at once.
    if (r.destroyed || state.answered) return;
  }
  state.bodyDone = true;
  r.end();
}

/**
 * An IncomingMessage as a TransportResponse. Its header lookups read Node's own header object;
 * the WHATWG Headers (for callers: a Reply, a Response) is built only when asked for.
 */
function nodeResponse(res: IncomingMessage, method: string, decoded: Readable | undefined): TransportResponse {
  // Errors reach whoever reads the body (text(), stream()); one that comes while nobody is
  // reading (an abort between hops) must not be an unhandled 'error' that ends the process
  // (the response handler gave `res` its listener already).
  decoded?.on("error", noop);
  return new NodeResponse(res, method, decoded);
}

/**
 * A class, not an object literal: a literal with a getter (`get headers()`) made per request
 * gets a hidden class of its own each time (the getter is a new closure), which V8 keeps in a
 * transition tree until a full GC. Over 2,200 sequential list calls that grew the heap by
 * 8 MB, promoted every request's objects out of the young generation (scavenges of 5-19 ms,
 * 75-140 ms of GC against the node:http loop's 15) and left the code on the path megamorphic.
 */
class NodeResponse implements TransportResponse {
  readonly status: number;
  readonly statusText: string;
  #res: IncomingMessage;
  #decoded: Readable | undefined;
  #nullBody: boolean;
  #headers: Headers | undefined;

  constructor(res: IncomingMessage, method: string, decoded: Readable | undefined) {
    this.#res = res;
    this.#decoded = decoded;
    this.status = res.statusCode ?? 500;
    this.statusText = res.statusMessage ?? "";
    this.#nullBody = this.status === 204 || this.status === 304 || method === "HEAD";
    if (this.#nullBody) res.resume();
  }

  get headers(): Headers {
    return (this.#headers ??= webHeaders(this.#res, this.#decoded !== undefined));
  }

  header(name: string): string | null {
    // Decoded here: the encoding and the length on the wire no longer describe the body.
    if (this.#decoded && (name === "content-encoding" || name === "content-length")) return null;
    const value = this.#res.headers[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  }

  bytes(limit: number): Promise<ReadBytes> {
    return this.#nullBody ? Promise.resolve({ bytes: new Uint8Array(0), truncated: false }) : readBytes(this.#res, this.#decoded ?? this.#res, limit);
  }

  stream(): ReadableStream<Uint8Array> | null {
    if (this.#nullBody) return null;
    const decoded = this.#decoded;
    if (decoded) this.#res.on("error", (err) => decoded.destroy(err));
    return lib!.Readable.toWeb(decoded ?? this.#res) as ReadableStream<Uint8Array>;
  }

  // A small body is drained so the connection can be reused; a large one is not worth it.
  discard(): void {
    if (this.#decoded || Number(this.#res.headers["content-length"]) > 64 * 1024) this.#res.destroy();
    else this.#res.resume();
  }
}

/** The answer's headers as fetch would hand them on (a decoded body drops its encoding and length). */
function webHeaders(res: IncomingMessage, decoded: boolean): Headers {
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (decoded && (name === "content-encoding" || name === "content-length")) continue;
    headers.append(raw[i]!, raw[i + 1]!);
  }
  return headers;
}

const noop = () => {};

function readBytes(res: IncomingMessage, body: Readable, limit: number): Promise<ReadBytes> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (truncated: boolean) => {
      settled = true;
      resolve({ bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), truncated });
    };
    body.on("data", (chunk: Buffer) => {
      if (settled) return;
      size += chunk.byteLength;
      if (size > limit) {
        chunks.push(chunk.subarray(0, chunk.byteLength - (size - limit)));
        finish(true);
        res.destroy();
        return;
      }
      chunks.push(chunk);
    });
    body.on("end", () => settled || finish(false));
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      reject(err);
    };
    body.on("error", fail);
    if (body !== res) res.on("error", fail);
    res.on("close", () => {
      // The connection ended before the body did.
      if (!settled && !res.complete) fail(Object.assign(new Error("the connection closed before the response body ended"), { code: "ECONNRESET" }));
    });
  });
}
