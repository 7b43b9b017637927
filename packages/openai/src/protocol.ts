// How OpenAI speaks: `{ error: { message, type, param, code } }` with HTTP statuses. An
// exhausted quota or billing limit also arrives as 429, with code/type `insufficient_quota`:
// retrying cannot help, so it is an InsufficientBalanceError and never retried.
import { InsufficientBalanceError, RateLimitError, type Protocol } from "@llm-files/core";
import { specInfo } from "./generated/spec-info.js";

export const openaiProtocol: Protocol = {
  provider: "openai",
  apiKeyEnv: "OPENAI_API_KEY",
  baseUrlEnv: "OPENAI_BASE_URL",
  defaultBaseUrl: specInfo.servers[0],
  // The document's server is https://api.openai.com/v1; the build folds "/v1" into the paths,
  // so OPENAI_BASE_URL works with or without it (as it is set for the openai SDK).
  pathPrefix: "/v1",
  readError(_text, json) {
    const body = json as { error?: unknown } | undefined;
    const e = body && typeof body === "object" && typeof body.error === "object" && body.error !== null ? (body.error as Record<string, unknown>) : undefined;
    if (!e) return {};
    const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
    return { message: str(e.message), type: str(e.type), code: str(e.code) ?? str(e.type) };
  },
  classify(status, details) {
    if (status === 429 && (details.code === "insufficient_quota" || details.type === "insufficient_quota")) return { Class: InsufficientBalanceError, retryable: false };
    if (status === 429) return { Class: RateLimitError, retryable: true };
    return undefined;
  },
};
