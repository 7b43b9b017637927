// The fetch that openapi-fetch's client (`client.raw`) is given: its requests go through the
// same request policy as the Files operations (key, retries, timeouts, typed errors), and the
// policy's checked answer is handed back as a Response. A JSON answer is served from the text
// already read (exact int64s, the key redacted); a request whose Accept names no JSON type
// (e.g. "application/octet-stream" for a download) gets the body as a stream.
import type { RequestPolicy } from "./policy.js";

const IDEMPOTENT = new Set(["GET", "HEAD", "DELETE", "OPTIONS"]);

/**
 * What openapi-fetch builds a request into before handing it to our fetch. A real Request
 * costs a full WHATWG construction (and undici builds another from it); the policy only
 * needs the parts, so this keeps them as given.
 */
export class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null;
  readonly signal: AbortSignal | null;
  constructor(input: string | URL, init: RequestInit = {}) {
    this.url = String(input);
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
    this.signal = init.signal ?? null;
  }
}

/** openapi-fetch's createClient options for `policy`: its fetch and a light Request. */
export function rawFetch(policy: RequestPolicy): { fetch: (input: Request) => Promise<Response>; Request: typeof Request } {
  const fetch = async (request: Request | PlainRequest): Promise<Response> => {
    const plain = request instanceof PlainRequest;
    const body = plain ? ((request.body ?? undefined) as Uint8Array | string | Blob | ReadableStream<Uint8Array> | undefined) : request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const headers = plain ? request.headers : new Headers(request.headers);
    const accept = headers.get("accept");
    const expect = accept && !/json|\*\/\*/i.test(accept) ? "stream" : "json";
    const reply = await policy.send(
      {
        url: request.url,
        method: request.method,
        headers,
        body: body === undefined ? undefined : () => body,
        once: typeof ReadableStream !== "undefined" && body instanceof ReadableStream,
        idempotent: IDEMPOTENT.has(request.method),
        expect,
      },
      { signal: request.signal ?? undefined },
    );
    const init = { status: reply.status, statusText: reply.statusText, headers: reply.headers };
    if (expect === "stream") return new Response(reply.stream ?? null, init);
    return new Response(reply.status === 204 || reply.status === 205 ? null : reply.text ?? null, init);
  };
  return { fetch: fetch as (input: Request) => Promise<Response>, Request: PlainRequest as unknown as typeof Request };
}
