// Exit codes by class of failure, and the one line a person reads.
import { FilesError } from "@llm-files/unified";
import { safeLines, safeText } from "./terminal.js";
import { apiKeyVariable } from "./provider-help.js";

export const EXIT = { ok: 0, other: 1, usage: 2, auth: 3, notFound: 4, rateLimit: 5, outcomeUnknown: 6, unsupported: 7 } as const;

/** Wrong use of the command line (unknown option, missing argument, refused confirmation). */
export class UsageError extends Error {
  override name = "UsageError";
}

export function exitCodeFor(err: unknown): number {
  if (err instanceof UsageError) return EXIT.usage;
  if (!FilesError.isInstance(err)) return EXIT.other;
  switch (err.name) {
    case "ValidationError":
      // No key at all is an authentication problem, not a typo in the command.
      return (err as FilesError & { field?: string }).field === "apiKey" ? EXIT.auth : EXIT.usage;
    case "AuthenticationError":
    case "PermissionError":
      return EXIT.auth;
    case "NotFoundError":
      return EXIT.notFound;
    case "RateLimitError":
      return EXIT.rateLimit;
    // The provider may have stored the file: a script must not simply run the upload again.
    case "OutcomeUnknownError":
      return EXIT.outcomeUnknown;
    // The provider cannot do it at all (a download of a file that cannot be downloaded): retrying will not help.
    case "UnsupportedError":
      return EXIT.unsupported;
    default:
      return EXIT.other;
  }
}

const HINTS: Record<string, string> = {
  ValidationError: "fix the input named above and try again",
  AuthenticationError: "check the API key (the provider's key variable or --api-key-file)",
  PermissionError: "the key may not use this file or operation",
  NotFoundError: "check the id with `llm-files ls`",
  RateLimitError: "wait a moment and retry, or lower --concurrency",
  InvalidRequestError: "the provider refused the request as sent; check the arguments",
  InsufficientBalanceError: "top up the account",
  TimeoutError: "retry, or raise --timeout",
  FileProcessingError: "the provider could not process the file: fix it as the detail says and upload it again",
  ConnectionError: "check the network and the base URL",
  ServerError: "the provider had a problem; retry later",
  OutcomeUnknownError: "check with `llm-files ls` before uploading it again, or upload with --reconcile, which does",
  UnsupportedError: "this provider does not offer that operation",
  UsageError: "see `llm-files --help`",
};

/** The library's option names, as the CLI's flags and variables (a person types those). */
const OWN_WORDS: [RegExp, string][] = [
  [/^(\w+: )?baseUrl: /, "$1--base-url: "],
  [/^(\w+: )?timeoutMs: /, "$1--timeout: "],
  [/^(\w+: )?allowInsecureHttp: /, "$1--allow-insecure-http: "],
  [/^(\w+: )?apiKey: /, "$1the API key: "],
  [/pass allowInsecureHttp: true/g, "pass --allow-insecure-http"],
  [/pass \{ apiKey \} or set/g, "pass --api-key-file or set"],
  [/pass the key as apiKey/g, "pass the key with --api-key-file"],
  [/use an AbortSignal to cancel/g, "press Ctrl-C to cancel"],
  [/\(upload with reconcile: true does this\)/g, "(`upload --reconcile` does this)"],
  [/raise timeoutMs to wait longer/g, "raise --wait-timeout to wait longer"],
];

/** An error's message in the CLI's words: its flags, not library option names. */
export function cliMessage(err: unknown): string {
  let text = (err as Error)?.message ?? String(err);
  for (const [re, to] of OWN_WORDS) text = text.replace(re, to);
  return text;
}

/** One line: what went wrong, and what to do (server text escaped). */
export function describeError(err: unknown): string {
  const e = err as Error;
  const name = e?.name ?? "Error";
  // A refused key: name the variable it came from, as the provider's profile does.
  const variable = name === "AuthenticationError" ? apiKeyVariable((err as { provider?: string }).provider ?? "") : undefined;
  const hint = variable ? `check the API key (${variable} or --api-key-file)` : HINTS[name];
  return `llm-files: ${safeText(cliMessage(err))}${hint ? ` (${hint})` : ""}`;
}

/** An error as --json reports it. */
export function errorJson(err: unknown): Record<string, unknown> {
  const e = err as FilesError & { field?: string };
  const out: Record<string, unknown> = { name: e?.name ?? "Error", message: cliMessage(err), exitCode: exitCodeFor(err) };
  for (const k of ["provider", "status", "code", "field", "requestId", "retryable"] as const) if (e?.[k as keyof typeof e] !== undefined) out[k] = e[k as keyof typeof e];
  // An unknown outcome names the upload, so a script can look for it.
  const unknown = e as Partial<{ filename: string; bytes: number; startedAt: Date; matches: readonly string[] }>;
  if (e?.name === "OutcomeUnknownError") Object.assign(out, { filename: unknown.filename, bytes: unknown.bytes, startedAt: unknown.startedAt?.toISOString(), matches: unknown.matches });
  return out;
}

/** --debug: everything we know, with the key masked. */
export function debugDetails(err: unknown, key?: string): string {
  const e = err as FilesError & { cause?: unknown };
  const lines = [
    `name: ${e?.name}`,
    e?.status !== undefined ? `status: ${e.status}` : "",
    e?.code !== undefined ? `code: ${e.code}` : "",
    e?.url ? `url: ${e.url}` : "",
    e?.requestId ? `request id: ${e.requestId}` : "",
    e?.body ? `body: ${e.body.slice(0, 500)}` : "",
    e?.cause ? `cause: ${String((e.cause as Error)?.message ?? e.cause)}` : "",
    `stack: ${e?.stack ?? ""}`,
  ].filter(Boolean);
  const text = safeLines(lines.join("\n"));
  return key && key.length >= 4 ? text.split(key).join("[redacted]") : text;
}
