import { createMoonshotClient, PURPOSES } from "@llm-files/moonshot";
import type { Adapter } from "../adapter.js";
import type { StatusTable } from "../file-info.js";
import { openAIStyleOperations } from "./openai-style.js";

/**
 * Moonshot documents "ready" (its spec's example) and "ok" (its SDK example), nothing else:
 * those are ready; any other value keeps `status` and has no state (waitUntilReady keeps polling).
 */
export const MOONSHOT_STATES: StatusTable = { ready: ["ok", "ready"], processing: [], failed: [] };

export const moonshot: Adapter<"moonshot"> = (options) =>
  openAIStyleOperations("moonshot", createMoonshotClient(options).files, PURPOSES, (f) => ({ status: f.status, states: MOONSHOT_STATES, statusDetails: f.status_details }));
