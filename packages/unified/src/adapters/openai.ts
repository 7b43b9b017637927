import { createOpenAIClient, PURPOSES } from "@llm-files/openai";
import type { Adapter } from "../adapter.js";
import { openAIStyleOperations } from "./openai-style.js";

// `status` is deprecated in OpenAI's document but still sent by the API: kept as the raw value.
export const openai: Adapter<"openai"> = (options) =>
  openAIStyleOperations("openai", createOpenAIClient(options).files, PURPOSES, (f) => ({ status: f.status, expiresAt: f.expires_at }));
