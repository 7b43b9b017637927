// @llm-files/registry: the one list of providers llm-files knows. Each entry is a provider
// package's `./profile` module: its profile (what it offers, as data: operations, paging,
// states, expiry, ids, purposes, variables, server) loaded now, and its client and OpenAPI
// document loaded on first use. The facade, the mock, the CLI, the demo, the test tables,
// the runtime matrix and the bench read this list; `pnpm new-provider` adds an entry.
import type { ProviderModule, ProviderTypes } from "@llm-files/core";
import { provider as moonshot } from "@llm-files/moonshot/profile";
import { provider as novita } from "@llm-files/novita/profile";
import { provider as minimax } from "@llm-files/minimax/profile";
import { provider as openai } from "@llm-files/openai/profile";
import { provider as mistral } from "@llm-files/mistral/profile";
import { provider as azure } from "@llm-files/azure/profile";
import { provider as anthropic } from "@llm-files/anthropic/profile";
import { provider as gemini } from "@llm-files/gemini/profile";

/** Every provider, by name. */
export const registry = {
  moonshot,
  novita,
  minimax,
  openai,
  mistral,
  azure,
  anthropic,
  gemini,
} as const;

export type ProviderName = keyof typeof registry;

/** The types of each provider's client (its files, purposes, states, expiry ...). */
export type RegistryTypes = { [P in ProviderName]: (typeof registry)[P] extends ProviderModule<infer T> ? T : ProviderTypes };

/** The providers' names, in the registry's order. */
export const PROVIDERS = Object.keys(registry) as ProviderName[];

/** The provider of that name, or undefined when there is none. */
export function providerOf(name: unknown): ProviderModule | undefined {
  return typeof name === "string" && Object.hasOwn(registry, name) ? (registry[name as ProviderName] as ProviderModule) : undefined;
}
