// The fetch transport: globalThis.fetch, or the caller's own fetch (which always wins). Used in
// browsers, workers, Deno and Bun, and on Node when a fetch is passed. No node: import.
import { inBrowser } from "./env.js";
import { ValidationError } from "./errors.js";
import { readStreamBytes } from "./body.js";
import { iterableToStream } from "./streams.js";
import { headersInit, type HeadersLike } from "./request-headers.js";
import { isMultipart, type Transport, type TransportBody, type TransportCall, type TransportOptions, type TransportResponse } from "./transport.js";

export function fetchTransport(options: Partial<TransportOptions> = {}): Transport {
  const custom = options.fetch;
  // Browsers hide a redirect's Location from "manual"; there they follow it (and by the Fetch
  // standard drop Authorization when it leaves the origin). Everywhere else the policy follows.
  const redirect: RequestRedirect = inBrowser() ? "follow" : "manual";
  return {
    kind: "fetch",
    send(req): TransportCall {
      const controller = new AbortController();
      const body = toFetchBody(req.body, req.headers);
      const init: RequestInit & { duplex?: "half" } = { method: req.method, headers: headersInit(req.headers), body, signal: controller.signal, redirect };
      if (typeof ReadableStream !== "undefined" && body instanceof ReadableStream) init.duplex = "half";
      const response = (custom ?? globalThis.fetch)(req.url, init).then(wrap);
      return { response, abort: (reason) => controller.abort(reason) };
    },
  };
}

/** The default transport of this build: fetch (package.json "imports" maps "#transport" here outside Node). */
export function defaultTransport(options: TransportOptions): Transport {
  if (options.proxy) {
    throw new ValidationError(
      options.provider,
      "proxy",
      "the proxy option works on Node only; in this runtime pass a fetch that uses your proxy, or set HTTPS_PROXY where the runtime's fetch reads it (Bun, Deno)",
    );
  }
  return fetchTransport(options);
}

/**
 * A multipart upload as fetch sends it. A file with a Blob behind it (a Blob, File or bytes)
 * goes as one Blob in browsers: Chromium streams a request body only over HTTP/2, and a Blob
 * has a known length. Elsewhere it streams, so progress and the idle timeout see every chunk.
 */
function toFetchBody(body: TransportBody | undefined, headers: HeadersLike): BodyInit | undefined {
  if (!isMultipart(body)) return body as BodyInit | undefined;
  const { body: mp, onFileBytes } = body;
  headers.set("content-type", mp.contentType);
  const blob = mp.asBlob?.();
  if (blob && inBrowser()) {
    onFileBytes(blob.fileBytes);
    return blob.blob;
  }
  return iterableToStream(mp.chunks(onFileBytes, false));
}

function wrap(res: Response): TransportResponse {
  let used = false;
  return {
    status: res.status,
    statusText: res.statusText,
    headers: res.headers,
    header: (name) => res.headers.get(name),
    bytes: (limit) => {
      used = true;
      const declared = Number(res.headers.get("content-length"));
      // A declared length within the limit is read in one go.
      if (declared > 0 && declared <= limit && !res.headers.has("content-encoding")) return res.arrayBuffer().then((b) => ({ bytes: new Uint8Array(b), truncated: false }));
      return readStreamBytes(res.body, limit);
    },
    stream: () => {
      used = true;
      return res.body;
    },
    discard: () => {
      if (!used) res.body?.cancel().catch(() => {});
    },
  };
}
