import { checkPurpose, numberedPage } from "@llm-files/core";
import { createMistralClient, DEFAULT_PAGE_SIZE, PURPOSES } from "@llm-files/mistral";
import type { Adapter } from "../adapter.js";
import { openAIStyleInfo, openAIStyleOperations } from "./openai-style.js";

const HOUR = 3600;

// Mistral answers `bytes: null` (its own examples; spec override mistral-bytes-nullable), reports
// no status, pages by number (page / page_size / total), and takes `expiry` in whole hours (p15's
// reading of the unitless field, spec override mistral-upload-expiry-unit).
export const mistral: Adapter<"mistral"> = (options) => {
  const { files } = createMistralClient(options);
  const extra = (f: Record<string, unknown>) => ({ expiresAt: f.expires_at, nullableBytes: true });
  const info = openAIStyleInfo("mistral", extra);
  const ops = openAIStyleOperations("mistral", files, PURPOSES, extra);
  return {
    ...ops,
    expiry: { minSeconds: HOUR, maxSeconds: Number.MAX_SAFE_INTEGER, stepSeconds: HOUR },
    upload: ({ expiresAfterSeconds: seconds, ...p }) => ops.upload!({ ...p, ...(seconds === undefined ? {} : { expiryHours: seconds / HOUR }) } as typeof p),
    // Only what differs from Mistral's defaults is sent (page 0, page_size 100).
    page: ({ purpose, pageSize, ...call }, cursor) => {
      if (purpose !== undefined) checkPurpose("mistral", purpose, PURPOSES);
      return numberedPage((page) => files.listPage({ ...call, page: page || undefined, page_size: pageSize, purpose }), info, cursor, pageSize ?? DEFAULT_PAGE_SIZE);
    },
  };
};
