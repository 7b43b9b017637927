// The Node wire: every request over node:http/https with keep-alive (about twice as fast as
// Node's fetch per request), uploads streamed with a known Content-Length and flat memory
// (undici's fetch keeps a streamed request body in memory, nodejs/undici#4058), proxies
// from the environment or the `proxy` option on every path.
import { request as httpRequest, type Agent, type ClientRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { agentFor, envProxy } from "./proxy-node.js";
import { fetchWire } from "./wire-fetch.js";
import { isUpload, streamChunks, type Wire, type WireBody, type WireCall, type WireOptions, type WireResponse, type WireText } from "./wire.js";

/** The default wire of the Node build ("#wire" under the "node" condition); a caller's fetch wins. */
export function defaultWire(options: WireOptions): Wire {
  if (options.fetch) return fetchWire(options);
  // The environment's proxy per origin, read at this client's first request to it.
  const fromEnv = new Map<string, string>();
  const route = (url: URL): string => {
    if (options.proxy !== undefined) return options.proxy || "";
    let proxy = fromEnv.get(url.origin);
    if (proxy === undefined) fromEnv.set(url.origin, (proxy = envProxy(url)));
    return proxy;
  };
  return { kind: "node", send: (req) => send(req, options.provider, route, options.proxy === undefined) };
}

function send(req: { url: string; method: string; headers: Headers; body?: WireBody }, provider: string, route: (url: URL) => string, proxyFromEnv: boolean): WireCall {
  let aborted: Error | undefined;
  let outgoing: ClientRequest | undefined;
  let incoming: IncomingMessage | undefined;
  const response = new Promise<WireResponse>((resolve, reject) => {
    const url = new URL(req.url);
    const start = (agent: Agent) => {
      if (aborted) return reject(aborted);
      // Headers are set on the request, not passed as options: NODE_DEBUG=http,net prints the
      // options (Authorization included) when the agent opens a connection.
      const r = (url.protocol === "https:" ? httpsRequest : httpRequest)({
        protocol: url.protocol,
        hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: req.method,
        agent,
      });
      outgoing = r;
      req.headers.forEach((v, k) => r.setHeader(k, v));
      // A reset on a reused socket may be a server closing it while idle, or a server that
      // read the request and died: only idempotent requests are repeated (as undici does).
      r.on("error", reject);
      r.on("response", (res: IncomingMessage) => {
        incoming = res;
        resolve(nodeResponse(res, req.method));
      });
      if (req.body === undefined) r.end();
      else writeBody(r, req.body, req.headers).catch((err) => r.destroy(err as Error));
    };
    try {
      const agent = agentFor(provider, url, route(url), proxyFromEnv);
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

async function writeBody(r: ClientRequest, body: WireBody, headers: Headers): Promise<void> {
  if (typeof body === "string" || body instanceof Uint8Array) {
    r.setHeader("content-length", Buffer.byteLength(body));
    return void r.end(body);
  }
  let chunks: AsyncIterable<Uint8Array>;
  if (isUpload(body)) {
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
    if (r.destroyed) return;
  }
  r.end();
}

const DECODERS: Record<string, () => NodeJS.ReadWriteStream> = { gzip: createGunzip, "x-gzip": createGunzip, deflate: createInflate, br: createBrotliDecompress };

function nodeResponse(res: IncomingMessage, method: string): WireResponse {
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  // Errors reach whoever reads the body (text(), stream()); one that comes while nobody is
  // reading (an abort between hops) must not be an unhandled 'error' that ends the process.
  res.on("error", () => {});
  const status = res.statusCode ?? 500;
  const nullBody = status === 204 || status === 304 || method === "HEAD";
  if (nullBody) res.resume();
  // fetch decodes compressed bodies; so does this wire (a server may compress unasked).
  const decode = DECODERS[(res.headers["content-encoding"] ?? "").trim().toLowerCase()];
  const source = (): Readable => (decode ? (res.pipe(decode()) as unknown as Readable).on("error", () => {}) : res);
  return {
    status,
    statusText: res.statusMessage ?? "",
    headers,
    text: (limit) => (nullBody ? Promise.resolve({ text: "", truncated: false }) : readText(res, source(), limit)),
    stream: () => {
      if (nullBody) return null;
      const body = source();
      if (body !== res) res.on("error", (err) => body.destroy(err));
      return Readable.toWeb(body) as ReadableStream<Uint8Array>;
    },
    // A small body is drained so the connection can be reused; a large one is not worth it.
    discard: () => void (Number(res.headers["content-length"]) > 64 * 1024 ? res.destroy() : res.resume()),
  };
}

function readText(res: IncomingMessage, body: Readable, limit: number): Promise<WireText> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (truncated: boolean) => {
      settled = true;
      resolve({ text: chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8"), truncated });
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
