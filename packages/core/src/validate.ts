// Checks made before anything is sent. Each failure is a ValidationError naming the
// field and saying what to do instead.
import { ValidationError } from "./errors.js";

const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A file id that is safe to put in a URL path or query. `encodeURIComponent` leaves
 * `.` and `..` alone, so `../x` would climb out of /files/: refuse it and its kin.
 */
export function checkFileId(provider: string, id: unknown, field = "id"): string {
  if (typeof id !== "string") {
    throw new ValidationError(provider, field, `expected a file id string, got ${describe(id)}`);
  }
  if (id.length === 0) throw new ValidationError(provider, field, "is empty: pass the id returned by upload() or list()");
  if (id === "." || id === "..") throw new ValidationError(provider, field, `"${id}" is not a file id: pass the id returned by upload() or list()`);
  if (/[/?#\\]/.test(id)) throw new ValidationError(provider, field, `contains "/", "?", "#" or "\\", which would change the request URL; pass the id exactly as returned by upload() or list()`);
  if (CONTROL.test(id)) throw new ValidationError(provider, field, "contains control characters; pass the id exactly as returned by upload() or list()");
  return id;
}

const INTEGER = /^(0|[1-9]\d{0,18})$/;
const INT64_MAX = 9223372036854775807n;

/** An int64 id as its exact decimal string (accepts a safe-integer number, a bigint or a decimal string). */
export function checkIntegerId(provider: string, id: unknown, field = "id"): string {
  let text: string | undefined;
  if (typeof id === "string") text = id.trim() === id ? id : undefined;
  else if (typeof id === "bigint") text = id.toString();
  else if (typeof id === "number") {
    if (!Number.isSafeInteger(id)) {
      throw new ValidationError(provider, field, `${id} is not an exact integer (ids above 2^53 lose digits as JavaScript numbers): pass the id as the decimal string returned by upload() or list()`);
    }
    text = String(id);
  }
  if (text === undefined) throw new ValidationError(provider, field, `expected an integer file id (decimal string), got ${describe(id)}`);
  if (!INTEGER.test(text) || BigInt(text) > INT64_MAX || BigInt(text) <= 0n) {
    throw new ValidationError(provider, field, `"${text.slice(0, 40)}" is not a ${provider} file id: ${provider} ids are positive 64-bit integers, e.g. "307374631411713"`);
  }
  return text;
}

/** The longest delay a Node (or browser) timer can wait: a longer one fires at once (after 1 ms). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export function checkTimeout(provider: string, value: unknown, field = "timeoutMs"): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new ValidationError(provider, field, `expected a positive number of milliseconds, got ${describe(value)}`);
  }
  if (value > MAX_TIMER_MS) {
    throw new ValidationError(provider, field, `${value} ms is more than timers can wait (${MAX_TIMER_MS} ms, about 24.8 days; a longer one would fire at once): pass at most ${MAX_TIMER_MS}, or use an AbortSignal to cancel`);
  }
  return value;
}

export function checkMaxRetries(provider: string, value: unknown, field = "maxRetries"): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 10) {
    throw new ValidationError(provider, field, `expected a whole number from 0 to 10, got ${describe(value)}`);
  }
  return value;
}

export function checkSignal(provider: string, value: unknown, field = "signal"): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof AbortSignal)) throw new ValidationError(provider, field, `expected an AbortSignal, got ${describe(value)}`);
  return value;
}

export function checkPurpose<P extends string>(provider: string, value: unknown, allowed: readonly P[], field = "purpose"): P {
  if (allowed.length === 0) throw new ValidationError(provider, field, `${provider} files have no purpose: remove ${field} (got ${describe(value)})`);
  if (typeof value !== "string" || !allowed.includes(value as P)) {
    throw new ValidationError(provider, field, `${describe(value)} is not a ${provider} purpose; use one of: ${allowed.join(", ")}`);
  }
  return value as P;
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? value.slice(0, 60) + "…" : value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? `an object (${(value as object).constructor?.name ?? "Object"})` : typeof value;
}
