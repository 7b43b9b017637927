import { createNovitaClient } from "@llm-files/novita";
import type { Adapter } from "../adapter.js";
import { openAIStyleOperations } from "./openai-style.js";

export const novita: Adapter<"novita"> = (options) =>
  openAIStyleOperations("novita", createNovitaClient(options).files, (f) => ({ expiresAt: f.expires_at }));
