import { createNovitaClient, PURPOSES } from "@llm-files/novita";
import type { Adapter } from "../adapter.js";
import { openAIStyleOperations } from "./openai-style.js";

export const novita: Adapter<"novita"> = (options) =>
  openAIStyleOperations("novita", createNovitaClient(options).files, PURPOSES, (f) => ({ expiresAt: f.expires_at }));
