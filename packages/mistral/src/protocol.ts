// How Mistral speaks. Its document publishes one error body, FastAPI's validation error
// `{ detail: [{ loc, msg, type }] }` (422); the API also answers `{ object: "error", message,
// type, param, code }` and `{ detail: "..." }`, and gateways send plain text or HTML (kept
// by core as the message when the body is not JSON).
import { type ErrorDetails, type Protocol } from "@llm-files/core";
import { specInfo } from "./generated/spec-info.js";

const str = (v: unknown) => (typeof v === "string" && v ? v : typeof v === "number" ? String(v) : undefined);

export const mistralProtocol: Protocol = {
  provider: "mistral",
  apiKeyEnv: "MISTRAL_API_KEY",
  baseUrlEnv: "MISTRAL_BASE_URL",
  defaultBaseUrl: specInfo.servers[0],
  pathPrefix: "/v1",
  readError(_text, json): ErrorDetails {
    if (!json || typeof json !== "object") return {};
    const body = json as Record<string, unknown>;
    const e = (typeof body.error === "object" && body.error !== null ? body.error : body) as Record<string, unknown>;
    let message = str(e.message);
    if (!message && typeof e.message === "object" && e.message !== null) message = JSON.stringify(e.message).slice(0, 500);
    const detail = e.detail;
    if (!message && typeof detail === "string" && detail) message = detail;
    if (!message && Array.isArray(detail)) {
      // [{ loc: ["body", "purpose"], msg: "...", type: "..." }] -> "body.purpose: ..."
      const parts = detail.slice(0, 5).map((d) => {
        const r = (d ?? {}) as Record<string, unknown>;
        const loc = Array.isArray(r.loc) ? r.loc.map(String).join(".") : undefined;
        return [loc, str(r.msg)].filter(Boolean).join(": ");
      });
      message = parts.filter(Boolean).join("; ") || undefined;
    }
    return { message, type: str(e.type), code: str(e.code) ?? str(e.type) };
  },
};
