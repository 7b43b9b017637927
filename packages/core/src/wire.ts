// The wire: how one HTTP exchange goes out in this runtime. The request policy (retries,
// timeouts, redirects, error mapping) lives in transport.ts and talks to a Wire only:
// wire-node.ts (node:http/https keep-alive, proxies) on Node, wire-fetch.ts everywhere
// else and whenever the caller passes their own fetch. package.json "imports" picks the
// default one ("#wire"), so a browser or worker bundle holds no node: import.
import type { MultipartBody } from "./upload.js";

/** A request body the wires accept; `Upload` is a multipart body each wire sends its own way. */
export type WireBody = string | Uint8Array | Blob | ReadableStream<Uint8Array> | Upload;

export interface Upload {
  readonly kind: "upload";
  body: MultipartBody;
  /** Called as file bytes are handed to the network. */
  onFileBytes(n: number): void;
}

export interface WireRequest {
  url: string;
  method: string;
  headers: Headers;
  body?: WireBody;
}

export interface WireBytes {
  bytes: Uint8Array;
  /** The body was longer than the limit: `bytes` holds its first `limit` bytes. */
  truncated: boolean;
}

/** A response whose body has not been read yet. */
export interface WireResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  /** The body's bytes (Content-Encoding undone), at most `limit` of them (the rest is dropped); answer.ts decodes them. */
  bytes(limit: number): Promise<WireBytes>;
  /** The body as a stream (once), or null when there is none. */
  stream(): ReadableStream<Uint8Array> | null;
  /** Drops the body (redirects). */
  discard(): void;
  /** The fetch wire's own Response: handed on as is rather than rebuilt. */
  readonly response?: Response;
}

/** One exchange in flight: `abort` cancels it, body included, and rejects with `reason`. */
export interface WireCall {
  response: Promise<WireResponse>;
  abort(reason: unknown): void;
}

export interface Wire {
  /** "node" (node:http) or "fetch". */
  readonly kind: "node" | "fetch";
  send(request: WireRequest): WireCall;
}

export interface WireOptions {
  /** A caller's fetch (fetch wire only). */
  fetch?: typeof globalThis.fetch;
  /** For messages. */
  provider: string;
  /** Proxy URL, false for none, undefined for the environment's (node wire only). */
  proxy?: string | false;
}

export function isUpload(body: WireBody | undefined): body is Upload {
  return typeof body === "object" && body !== null && (body as Upload).kind === "upload";
}

/** A web stream over an async iterable (the multipart chunks), pulled on demand. */
export function iterableToStream(iterable: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const it = iterable[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await it.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel(reason) {
      await it.return?.(reason);
    },
  });
}

/** An async iterable over a web stream (browsers' ReadableStream is not async-iterable everywhere). */
export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // Stopped early (an error, a size limit): cancel the source rather than leave it open.
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** The body with each attempt's chunk generator handed to `onChunks`, so the attempt can end it (Attempt.release). */
export function tracked(body: MultipartBody, onChunks: (g: AsyncGenerator<Uint8Array>) => void): MultipartBody {
  return {
    ...body,
    chunks: (onFileBytes, reuse) => {
      const g = body.chunks(onFileBytes, reuse);
      onChunks(g);
      return g;
    },
  };
}
