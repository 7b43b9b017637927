// Small pieces of the request path: the light Request openapi-fetch builds, and the scrub
// that keeps the key out of errors.
import type { FilesError } from "./errors.js";

/** Replaces every occurrence of `secret` in an error's message, stack and body. */
export function redactSecret<E extends FilesError>(err: E, secret: string): E {
  if (secret.length < 4) return err;
  const scrub = (text: string | undefined) => (text === undefined ? text : text.split(secret).join("[redacted]"));
  for (const field of ["message", "stack", "body"] as const) {
    const value = (err as Record<string, unknown>)[field];
    if (typeof value === "string" && value.includes(secret)) Object.defineProperty(err, field, { value: scrub(value), writable: true, configurable: true, enumerable: field === "body" });
  }
  return err;
}

/**
 * What openapi-fetch builds a request into before handing it to our fetch. A real
 * Request costs a full WHATWG construction (and undici builds another from it); the
 * transport only needs the parts, so this keeps them as given.
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
