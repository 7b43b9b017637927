// Exit codes by class of failure, and the one line a person reads.
import { FilesError } from "@llm-files/unified";

export const EXIT = { ok: 0, other: 1, usage: 2, auth: 3, notFound: 4, rateLimit: 5 } as const;

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
    default:
      return EXIT.other;
  }
}

const HINTS: Record<string, string> = {
  ValidationError: "fix the input named above and try again",
  AuthenticationError: "check the API key (the provider's *_API_KEY variable or --api-key-file)",
  PermissionError: "the key may not use this file or operation",
  NotFoundError: "check the id with `llm-files ls`",
  RateLimitError: "wait a moment and retry, or lower --concurrency",
  InvalidRequestError: "the provider refused the request as sent; check the arguments",
  InsufficientBalanceError: "top up the account",
  TimeoutError: "retry, or raise --timeout",
  ConnectionError: "check the network and the base URL",
  ServerError: "the provider had a problem; retry later",
  UnsupportedError: "this provider does not offer that operation",
  UsageError: "see `llm-files --help`",
};

/** One line: what went wrong, and what to do. */
export function describeError(err: unknown): string {
  const e = err as Error;
  const name = e?.name ?? "Error";
  const hint = HINTS[name];
  return `llm-files: ${e?.message ?? String(err)}${hint ? ` (${hint})` : ""}`;
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
  const text = lines.join("\n");
  return key && key.length >= 4 ? text.split(key).join("[redacted]") : text;
}
