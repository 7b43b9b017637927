import { createMistralClient, PURPOSES } from "@llm-files/mistral";
import type { Adapter } from "../adapter.js";
import { openAIStyleOperations } from "./openai-style.js";

// Mistral answers `bytes: null` (its own examples; spec override mistral-bytes-nullable).
export const mistral: Adapter<"mistral"> = (options) =>
  openAIStyleOperations("mistral", createMistralClient(options).files, PURPOSES, (f) => ({ expiresAt: f.expires_at, nullableBytes: true }));
