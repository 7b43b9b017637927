// The transport: how one HTTP exchange goes out in this runtime. The request policy
// (policy.ts: retries, timeouts, redirects, error mapping) talks to a Transport only:
// transport-node.ts (node:http/https keep-alive, proxies) on Node, transport-fetch.ts
// everywhere else and whenever the caller passes their own fetch. package.json "imports"
// picks the default one ("#transport"), so a browser or worker bundle holds no node: import.
import type { MultipartBody } from "./multipart.js";
import type { HeadersLike } from "./request-headers.js";

/** A request body the transports accept; a `MultipartUpload` is sent each transport's own way. */
export type TransportBody = string | Uint8Array | Blob | ReadableStream<Uint8Array> | MultipartUpload;

export interface MultipartUpload {
  readonly kind: "multipart";
  body: MultipartBody;
  /** Called as file bytes are handed to the network. */
  onFileBytes(n: number): void;
}

export interface TransportRequest {
  url: string;
  method: string;
  headers: HeadersLike;
  body?: TransportBody;
}

export interface ReadBytes {
  bytes: Uint8Array;
  /** The body was longer than the limit: `bytes` holds its first `limit` bytes. */
  truncated: boolean;
}

/** A response whose body has not been read yet. */
export interface TransportResponse {
  readonly status: number;
  readonly statusText: string;
  /** Every header, as a WHATWG Headers (the Node transport builds it only when asked for). */
  readonly headers: Headers;
  /** One header's value (lowercase name), or null: the cheap way to read a header. */
  header(name: string): string | null;
  /** The body's bytes (Content-Encoding undone), at most `limit` of them (the rest is dropped); body.ts decodes them. */
  bytes(limit: number): Promise<ReadBytes>;
  /** The body as a stream (once), or null when there is none. */
  stream(): ReadableStream<Uint8Array> | null;
  /** Drops the body (redirects). */
  discard(): void;
}

/** One exchange in flight: `abort` cancels it, body included, and rejects with `reason`. */
export interface TransportCall {
  response: Promise<TransportResponse>;
  abort(reason: unknown): void;
}

export interface Transport {
  /** "node" (node:http) or "fetch". */
  readonly kind: "node" | "fetch";
  send(request: TransportRequest): TransportCall;
}

export interface TransportOptions {
  /** A caller's fetch (fetch transport only). */
  fetch?: typeof globalThis.fetch;
  /** For messages. */
  provider: string;
  /** Proxy URL, false for none, undefined for the environment's (node transport only). */
  proxy?: string | false;
}

export function isMultipart(body: TransportBody | undefined): body is MultipartUpload {
  return typeof body === "object" && body !== null && (body as MultipartUpload).kind === "multipart";
}
