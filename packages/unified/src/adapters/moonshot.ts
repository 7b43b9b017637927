import { createMoonshotClient, PURPOSES } from "@llm-files/moonshot";
import type { Adapter } from "../adapter.js";
import { openAIStyleOperations } from "./openai-style.js";

export const moonshot: Adapter<"moonshot"> = (options) =>
  openAIStyleOperations("moonshot", createMoonshotClient(options).files, PURPOSES, (f) => ({ status: f.status }));
