import { checkPurpose, cursorPage } from "@llm-files/core";
import { createOpenAIClient, EXPIRES_AFTER_SECONDS, PURPOSES, UPLOAD_PURPOSES } from "@llm-files/openai";
import type { Adapter } from "../adapter.js";
import type { StatusTable } from "../file-info.js";
import { openAIStyleInfo, openAIStyleOperations } from "./openai-style.js";

/** OpenAI's document: status "uploaded", "processed" or "error" (deprecated, still sent). */
export const OPENAI_STATES: StatusTable = { processing: ["uploaded"], ready: ["processed"], failed: ["error"] };
const LIST_PURPOSES: readonly string[] = [...new Set([...PURPOSES, ...UPLOAD_PURPOSES])];

// The list pages by cursor (after / limit / has_more); expiresAfterSeconds is expires_after from created_at.
export const openai: Adapter<"openai"> = (options) => {
  const { files } = createOpenAIClient(options);
  const extra = (f: Record<string, unknown>) => ({ status: f.status, states: OPENAI_STATES, statusDetails: f.status_details, expiresAt: f.expires_at });
  const info = openAIStyleInfo("openai", extra);
  const ops = openAIStyleOperations("openai", files, PURPOSES, extra);
  return {
    ...ops,
    expiry: { minSeconds: EXPIRES_AFTER_SECONDS.min, maxSeconds: EXPIRES_AFTER_SECONDS.max },
    upload: ({ expiresAfterSeconds: seconds, ...p }) => ops.upload!({ ...p, ...(seconds === undefined ? {} : { expires_after: { anchor: "created_at", seconds } }) } as typeof p),
    page: ({ purpose, pageSize, ...call }, cursor) => {
      if (purpose !== undefined) checkPurpose("openai", purpose, LIST_PURPOSES);
      return cursorPage("openai", (after) => files.listPage({ ...call, after, limit: pageSize, purpose }), info, cursor);
    },
  };
};
