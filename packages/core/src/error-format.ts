// A provider's error answers, read by its profile's data: where the message, code and type
// sit in a non-2xx body, which of its own codes mean another error class than the HTTP
// status says, and the errors some providers carry inside a 2xx body.
import { classForStatus, errorClass, type FilesErrorClass } from "./errors.js";
import type { ErrorFormat, InBodyErrors } from "./profile.js";

export interface ErrorDetails {
  message?: string;
  code?: string;
  type?: string;
}

export interface Classified {
  Class: FilesErrorClass;
  retryable: boolean;
}

/** The value at a dotted path ("error.message"; "" is the body itself). */
function at(json: unknown, path: string): unknown {
  let v = json;
  if (path === "") return v;
  for (const key of path.split(".")) {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** A value as words: a string, a number's digits, FastAPI's [{ loc, msg }] joined, an object as JSON. */
function words(value: unknown, structured: boolean): string | undefined {
  if (typeof value === "string") return value || undefined;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (!structured || value === null || typeof value !== "object") return undefined;
  if (Array.isArray(value)) {
    // [{ loc: ["body", "purpose"], msg: "..." }] -> "body.purpose: ..."
    const parts = value.slice(0, 5).map((d) => {
      const r = (d ?? {}) as Record<string, unknown>;
      const loc = Array.isArray(r.loc) ? r.loc.map(String).join(".") : undefined;
      return [loc, typeof r.msg === "string" ? r.msg : undefined].filter(Boolean).join(": ");
    });
    return parts.filter(Boolean).join("; ") || undefined;
  }
  return JSON.stringify(value).slice(0, 500);
}

function first(json: unknown, paths: readonly string[] | undefined, structured = false): string | undefined {
  for (const p of paths ?? []) {
    const w = words(at(json, p), structured);
    if (w !== undefined) return w;
  }
  return undefined;
}

/** The details of a non-2xx body (`json` undefined when it is not JSON). */
export function readError(format: ErrorFormat, json: unknown): ErrorDetails {
  if (json === undefined || json === null || typeof json !== "object") return {};
  return { message: first(json, format.message, true), code: first(json, format.code), type: first(json, format.type) };
}

/** The error class of a non-2xx answer: a profile rule for the provider's own code or type, else the status's. */
export function classify(format: ErrorFormat, status: number, details: ErrorDetails): Classified {
  for (const rule of format.rules ?? []) {
    if (rule.status !== undefined && rule.status !== status) continue;
    const hit = (rule.code && details.code !== undefined && rule.code.test(details.code)) || (rule.type && details.type !== undefined && rule.type.test(details.type));
    if (hit) return { Class: errorClass(rule.error), retryable: rule.retryable };
  }
  return classForStatus(status);
}

/** The request id of an answer, from the headers the profile names (else the usual ones). */
export function requestIdOf(format: ErrorFormat, headers: Headers): string | undefined {
  for (const name of format.requestIdHeaders ?? ["x-request-id", "request-id"]) {
    const v = headers.get(name);
    if (v) return v;
  }
  return undefined;
}

/** An error inside a 2xx body, as a class and details; undefined when the body says success. */
export function inBodyError(spec: InBodyErrors, json: unknown): (ErrorDetails & Classified) | undefined {
  const b = at(json, spec.at);
  if (typeof b !== "object" || b === null || Array.isArray(b)) return undefined;
  const status = b as Record<string, unknown>;
  const raw = status[spec.code];
  if (raw === undefined || raw === null) return undefined;
  if (spec.ok.some((ok) => String(ok) === String(raw))) return undefined;
  const known = spec.codes[String(raw)];
  const said = status[spec.message];
  return {
    Class: known ? errorClass(known.error) : errorClass("FilesError"),
    retryable: known?.retryable ?? false,
    message: typeof said === "string" && said ? said : known?.meaning ?? "error",
    code: String(raw),
  };
}
