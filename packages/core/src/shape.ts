// Checks that a 2xx body has the shape the spec promises. A body in the wrong envelope
// is a ServerError that says what was expected, never a TypeError three calls later.
import { ServerError } from "./errors.js";

export function responseShapeError(provider: string, what: string, got: unknown): ServerError {
  const seen = got === undefined ? "no body" : got === null ? "null" : Array.isArray(got) ? "an array" : typeof got === "object" ? `an object with keys ${Object.keys(got as object).slice(0, 8).join(", ") || "(none)"}` : typeof got;
  return new ServerError({ provider, message: `${provider}: unexpected response: expected ${what}, got ${seen}`, retryable: false });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The body as an object with these keys present, or a ServerError. */
export function expectObject<T>(provider: string, value: unknown, what: string, keys: readonly string[] = []): T {
  if (!isRecord(value) || keys.some((k) => !(k in value))) throw responseShapeError(provider, what, value);
  return value as T;
}

/** The body's `key` as an array, or a ServerError. */
export function expectArray<T>(provider: string, value: unknown, key: string, what: string): T[] {
  if (!isRecord(value) || !Array.isArray(value[key])) throw responseShapeError(provider, what, value);
  return value[key] as T[];
}
