// Errors as the provider answers them. Where its profile says errors come inside a 200 (MiniMax's
// base_resp), the status object carries the code the profile gives that kind of error; where
// the operation documents an error body for the status, that body; else the body the
// profile's error paths read (`error.message`, `error.type`, `error.code`).
import type { ErrorName } from "@llm-files/core/profile";
import type { Answer } from "./answer.js";
import { withoutZeroValues, type Model, type SpecRoute } from "./model.js";
import { deref, jsonSchemaOf, sample, variantOf, type Schema } from "./spec.js";

/** An error the mock answers: the status, and what the body says. */
export class MockError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly detail: { code?: string | number; type?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}

/** The kind of error (the type string most APIs send) for a status. */
const TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  405: "invalid_request_error",
  409: "conflict_error",
  410: "invalid_request_error",
  413: "request_too_large",
  422: "invalid_request_error",
  429: "rate_limit_error",
};
const typeFor = (status: number): string => TYPES[status] ?? (status >= 500 ? "server_error" : "invalid_request_error");

/** The error class a status means, to pick a provider's in-body code for it. */
function classFor(status: number): ErrorName {
  if (status === 401) return "AuthenticationError";
  if (status === 403) return "PermissionError";
  if (status === 429) return "RateLimitError";
  if (status === 408 || status === 504) return "TimeoutError";
  if (status >= 500) return "ServerError";
  return "InvalidRequestError";
}

export function errorAnswer(model: Model, route: SpecRoute | undefined, error: MockError): Answer {
  const { status, message, detail } = error;
  const headers = { ...(detail.headers ?? {}) };
  const inBody = model.profile.inBodyErrors;
  // Errors inside a 200, for the provider's own routes (an unknown route is the gateway's plain 404).
  if (inBody && route) {
    const wanted = classFor(status);
    // The provider's code for that kind of error; for a bad request, the one it calls invalid input.
    const of = (name: ErrorName) => Object.entries(inBody.codes).filter(([, c]) => c.error === name);
    // A kind the provider has no code for: a 4xx is a bad request, a 5xx a server error.
    const kind = of(wanted).length ? of(wanted) : of(status >= 500 ? "ServerError" : "InvalidRequestError");
    const code = detail.code ?? (kind.find(([, c]) => /invalid/i.test(c.meaning)) ?? kind[0])?.[0] ?? Object.keys(inBody.codes)[0] ?? status;
    const numeric = typeof code === "string" && /^-?\d+$/.test(code) ? Number(code) : code;
    return { status: 200, json: { [inBody.at]: { [inBody.code]: numeric, [inBody.message]: message } }, headers };
  }
  const responses = route?.op.responses ?? {};
  const documented = responses[String(status)] ?? (status >= 500 ? responses["500"] : undefined) ?? Object.entries(responses).find(([code]) => /^4/.test(code))?.[1] ?? responses.default;
  const schema = jsonSchemaOf(model.doc, documented);
  // The kind of error as the documented answer names it ("api_error: ..."), else the usual name for the status.
  const described = documented ? /^([a-z]+(?:_[a-z]+)+):/.exec(deref(model.doc, documented).description ?? "")?.[1] : undefined;
  const type = detail.type ?? described ?? typeFor(status);
  const code = detail.code ?? type;
  if (schema) {
    const body = sample(model.doc, schema);
    fill(model, schema, body, message, type, code, status);
    // proto3's JSON leaves out what is empty (an error's details: []).
    const json = model.profile.file.omitsZeroValues && body && typeof body === "object" ? withoutZeroValues(model.doc, schema, body as Record<string, unknown>) : body;
    return { status, json, headers };
  }
  const body: Record<string, unknown> = {};
  const errors = model.profile.errors;
  const first = (paths: readonly string[] | undefined) => paths?.[0];
  const messagePath = first(errors.message) ?? "error.message";
  set(body, messagePath, message);
  const typePath = first(errors.type);
  if (typePath) set(body, typePath, type);
  const codePath = errors.code?.find((p) => p !== typePath);
  if (codePath) set(body, codePath, code);
  return { status, json: body, headers };
}

function set(body: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let at = body;
  for (const p of parts.slice(0, -1)) at = (at[p] = at[p] && typeof at[p] === "object" ? at[p] : {}) as Record<string, unknown>;
  at[parts.at(-1)!] = value;
}

/** The google.rpc.Code name of an HTTP status (AIP-193's `status` beside the numeric `code`). */
const RPC_CODES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ABORTED",
  413: "INVALID_ARGUMENT",
  429: "RESOURCE_EXHAUSTED",
  499: "CANCELLED",
  500: "INTERNAL",
  501: "UNIMPLEMENTED",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};
const rpcCode = (status: number): string => RPC_CODES[status] ?? (status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION");

/** A value the schema allows: `want` where it may be, else the one it names (a const, a single enum value), else its first. */
function allowed(schema: Schema | undefined, want: string): string {
  if (!schema) return want;
  if (typeof schema.const === "string") return schema.const;
  const values = schema.enum?.filter((v): v is string => typeof v === "string");
  if (!values?.length || values.includes(want)) return want;
  return values[0]!;
}

/** Sets the message (and type, code) wherever the documented body has them, within what its schema allows (a `type` that is always "error" stays so). */
function fill(model: Model, schema: Schema | undefined, body: unknown, message: string, type: string, code: string | number, status: number): void {
  if (!body || typeof body !== "object") return;
  const o = body as Record<string, unknown>;
  const prop = (k: string): Schema | undefined => {
    const p = schema?.properties?.[k];
    return p ? variantOf(model.doc, p) : undefined;
  };
  if ("message" in o) o.message = message;
  if ("type" in o && typeof o.type === "string") o.type = allowed(prop("type"), type);
  if ("code" in o) o.code = typeof o.code === "number" ? (typeof code === "number" ? code : status) : allowed(prop("code"), String(code));
  if ("reason" in o) o.reason = String(code).toUpperCase();
  // AIP-193 (google.rpc.Status): a numeric code and, beside it, the code's name.
  if (typeof o.code === "number" && typeof o.status === "string") o.status = allowed(prop("status"), rpcCode(status));
  for (const [k, v] of Object.entries(o)) if (v && typeof v === "object" && !Array.isArray(v)) fill(model, prop(k), v, message, type, code, status);
}
