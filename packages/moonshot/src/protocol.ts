// How Moonshot speaks: OpenAI-style `{ error: { message, type, code } }` with HTTP statuses.
import { InsufficientBalanceError, RateLimitError, type Protocol } from "@llm-files/core";
import { specInfo } from "./generated/spec-info.js";

export const moonshotProtocol: Protocol = {
  provider: "moonshot",
  apiKeyEnv: "MOONSHOT_API_KEY",
  baseUrlEnv: "MOONSHOT_BASE_URL",
  defaultBaseUrl: specInfo.servers[0],
  pathPrefix: "/v1",
  readError(_text, json) {
    const e = (json as { error?: Record<string, unknown> } | undefined)?.error;
    if (!e || typeof e !== "object") return {};
    const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
    return { message: str(e.message), type: str(e.type), code: str(e.code) ?? str(e.type) };
  },
  classify(status, details) {
    // Moonshot reports an empty balance as 429 exceeded_current_quota_error: retrying cannot help.
    if (/quota|balance|suspended/i.test(details.type ?? "")) return { Class: InsufficientBalanceError, retryable: false };
    if (status === 429) return { Class: RateLimitError, retryable: true };
    return undefined;
  },
};
