// The one routine that keeps the API key out of everything llm-files prints or hands on:
// error messages, stacks and bodies, parsed answers (a server may echo the key), the CLI's
// output and debug details, and inspect/JSON views of clients. One rule everywhere: a key of
// at least MIN_SECRET_LENGTH characters is replaced wherever it appears; a shorter value is
// too likely to occur by chance to be searched for (and no provider issues such keys).
import type { FilesError } from "./errors.js";

export const REDACTED = "[redacted]";
export const MIN_SECRET_LENGTH = 4;

/** `text` with every occurrence of `secret` replaced by "[redacted]". */
export function redact(text: string, secret: string | undefined): string {
  if (!secret || secret.length < MIN_SECRET_LENGTH || !text.includes(secret)) return text;
  return text.split(secret).join(REDACTED);
}

/** The error with `secret` replaced in its message, stack and body (in place; returned for chaining). */
export function redactError<E extends FilesError>(err: E, secret: string | undefined): E {
  for (const field of ["message", "stack", "body"] as const) {
    const value = (err as Record<string, unknown>)[field];
    if (typeof value !== "string") continue;
    const clean = redact(value, secret);
    if (clean !== value) Object.defineProperty(err, field, { value: clean, writable: true, configurable: true, enumerable: field === "body" });
  }
  return err;
}
