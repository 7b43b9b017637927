// How MiniMax speaks: HTTP 200 with `base_resp.status_code != 0` for errors, int64 ids
// sent as bare JSON numbers (beyond 2^53), and non-200 only from gateways.
import {
  AuthenticationError,
  FilesError,
  InsufficientBalanceError,
  InvalidRequestError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type Classified,
  type Protocol,
} from "@llm-files/core";
import { specInfo } from "./generated/spec-info.js";

/** base_resp.status_code → error class (documented on every MiniMax page). */
export const BASE_RESP_CODES: Record<number, Classified & { meaning: string }> = {
  1000: { Class: ServerError, retryable: true, meaning: "unknown error" },
  1001: { Class: TimeoutError, retryable: true, meaning: "timeout" },
  1002: { Class: RateLimitError, retryable: true, meaning: "rate limit (RPM)" },
  1004: { Class: AuthenticationError, retryable: false, meaning: "authentication failed" },
  1008: { Class: InsufficientBalanceError, retryable: false, meaning: "insufficient balance" },
  1013: { Class: ServerError, retryable: true, meaning: "internal service error" },
  1026: { Class: InvalidRequestError, retryable: false, meaning: "input content error" },
  1027: { Class: InvalidRequestError, retryable: false, meaning: "output content error" },
  1039: { Class: RateLimitError, retryable: true, meaning: "rate limit (TPM)" },
  2013: { Class: InvalidRequestError, retryable: false, meaning: "invalid input" },
};

function baseResp(json: unknown): { status_code?: unknown; status_msg?: unknown } | undefined {
  const b = (json as { base_resp?: unknown } | undefined)?.base_resp;
  return typeof b === "object" && b !== null ? (b as Record<string, unknown>) : undefined;
}

export const minimaxProtocol: Protocol = {
  provider: "minimax",
  apiKeyEnv: "MINIMAX_API_KEY",
  baseUrlEnv: "MINIMAX_BASE_URL",
  defaultBaseUrl: specInfo.servers[0],
  pathPrefix: "/v1",
  exactIntegers: true,
  readError(_text, json) {
    const b = baseResp(json);
    const o = (json ?? {}) as Record<string, unknown>;
    const msg = b?.status_msg ?? o.message ?? (o.error as Record<string, unknown> | undefined)?.message;
    return { message: typeof msg === "string" && msg ? msg : undefined, code: b?.status_code !== undefined ? String(b.status_code) : undefined };
  },
  successError(json) {
    const b = baseResp(json);
    if (!b) return undefined;
    const code = Number(b.status_code);
    if (b.status_code === undefined || code === 0) return undefined;
    const known = BASE_RESP_CODES[code];
    const message = typeof b.status_msg === "string" && b.status_msg ? b.status_msg : known?.meaning ?? "error";
    return { Class: known?.Class ?? FilesError, retryable: known?.retryable ?? false, message, code: String(b.status_code) };
  },
};
