// How Novita speaks: statuses 400/401/403/404/429/500/503/504 with an undocumented body,
// seen as `{ code, message }` (sometimes `reason`), and gateways' HTML pages.
import { type Protocol } from "@llm-files/core";
import { specInfo } from "./generated/spec-info.js";

export const novitaProtocol: Protocol = {
  provider: "novita",
  apiKeyEnv: "NOVITA_API_KEY",
  baseUrlEnv: "NOVITA_BASE_URL",
  defaultBaseUrl: specInfo.servers[0],
  pathPrefix: "/openai/v1",
  readError(_text, json) {
    if (!json || typeof json !== "object") return {};
    const body = json as Record<string, unknown>;
    // OpenAI-style { error: {...} } is possible behind the /openai prefix too.
    const e = (typeof body.error === "object" && body.error !== null ? body.error : body) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === "string" && v ? v : typeof v === "number" ? String(v) : undefined);
    return { message: str(e.message) ?? str(e.reason), code: str(e.reason) ?? str(e.code), type: str(e.type) };
  },
};
