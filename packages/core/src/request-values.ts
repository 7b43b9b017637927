// Every value a caller supplies that ends up on the wire is checked (or encoded) here, before
// any socket opens: the key, custom header names and values, and multipart names. A value
// node:http or undici would refuse (a bracketed-paste ESC left in a copied key, a CR/LF that
// would inject a header line) becomes a ValidationError naming the field, never a
// ConnectionError from deep inside a runtime, and never a half-built request left behind.
import { ValidationError } from "./errors.js";
import { describe } from "./validate.js";

/** RFC 9110 token characters: what a header name may be made of. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 9110 field-value: visible ASCII, space, tab, and obs-text (0x80–0xFF); no CTL, no CR/LF. */
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/** A bearer token: visible ASCII only (a key never holds spaces or control characters). */
const KEY_CHARS = /^[\x21-\x7e]+$/;

/** Names the first offending character so a user can find it (e.g. "U+001B (ESC)" from a bracketed paste). */
export function firstBadChar(value: string, ok: RegExp): string {
  for (const ch of value) {
    if (!ok.test(ch)) {
      const cp = ch.codePointAt(0)!;
      const name = cp === 0x1b ? " (ESC, often left by a bracketed paste)" : cp === 0x0d ? " (CR)" : cp === 0x0a ? " (LF)" : cp === 0x20 ? " (space)" : cp === 0 ? " (NUL)" : "";
      return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}${name}`;
    }
  }
  return "none";
}

/** The API key as it will go into `Authorization: Bearer …`; never quoted in the message. */
export function checkApiKey(provider: string, key: unknown, field = "apiKey"): string {
  if (typeof key !== "string") throw new ValidationError(provider, field, `expected a string, got ${typeof key}`);
  if (!KEY_CHARS.test(key)) {
    const bad = firstBadChar(key, /[\x21-\x7e]/);
    throw new ValidationError(provider, field, `holds a character that cannot be sent in a header (${bad} at position ${positionOf(key, /[^\x21-\x7e]/)}): copy the key again without spaces, line breaks or terminal escapes`);
  }
  return key;
}

const RESERVED = new Set(["authorization", "content-length", "content-type", "host", "transfer-encoding", "connection"]);

/** Custom headers: names are tokens, values single-line; headers the transport owns, and the provider's key headers (`keyHeaders`), are refused. */
export function checkHeaders(provider: string, headers: unknown, field = "headers", keyHeaders: readonly (string | undefined)[] = []): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  if (typeof headers !== "object" || headers === null || Array.isArray(headers)) {
    throw new ValidationError(provider, field, `expected an object of header names to values, got ${describe(headers)}`);
  }
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (!TOKEN.test(name)) throw new ValidationError(provider, field, `header name ${describe(name)} is not a valid HTTP header name (${firstBadChar(name, /[!#$%&'*+\-.^_`|~0-9A-Za-z]/)}): use letters, digits and "-"`);
    if (RESERVED.has(name.toLowerCase()) || keyHeaders.some((h) => h?.toLowerCase() === name.toLowerCase())) throw new ValidationError(provider, field, `"${name}" is set by llm-files itself: remove it (the key goes in apiKey)`);
    if (typeof value !== "string") throw new ValidationError(provider, field, `the value of "${name}" must be a string, got ${describe(value)}`);
    if (!FIELD_VALUE.test(value)) {
      throw new ValidationError(provider, field, `the value of "${name}" holds a character that cannot be sent in a header (${firstBadChar(value, /[\t\x20-\x7e\x80-\xff]/)}): remove line breaks and control characters`);
    }
  }
  return headers as Record<string, string>;
}

/**
 * A name or filename inside a multipart Content-Disposition, encoded as browsers do
 * (WHATWG HTML, "multipart/form-data encoding algorithm"): `"` → %22, CR → %0D, LF → %0A.
 * Nothing a caller or a file system supplies can end the quoted string or the header line.
 */
export function encodeMultipartName(name: string): string {
  return name.replace(/["\r\n]/g, (c) => (c === '"' ? "%22" : c === "\r" ? "%0D" : "%0A"));
}

/** A filename from any source (option, path, File.name, stream path): a string a provider can store. */
export function checkFilename(provider: string, name: unknown, field = "filename"): string {
  if (typeof name !== "string" || name.trim() === "") {
    throw new ValidationError(provider, field, `expected a plain file name such as "data.jsonl", got ${describe(name)}`);
  }
  if (/\u0000/.test(name)) throw new ValidationError(provider, field, `${describe(name)} holds a NUL character: pass { filename } with a plain name`);
  if (name.length > 1024) throw new ValidationError(provider, field, `is ${name.length} characters long: pass { filename } with a shorter name`);
  return name;
}

function positionOf(value: string, bad: RegExp): number {
  const m = bad.exec(value);
  return m ? m.index : -1;
}
