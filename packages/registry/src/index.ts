// @llm-files/registry: the one list of providers llm-files knows. Each entry is a provider
// package's `./profile` module: its profile (what it offers, as data: operations, paging,
// states, expiry, ids, purposes, variables, server) loaded now, and its Files operations and
// OpenAPI document loaded on first use; loadClient() loads a provider's whole client by its
// package's name. The facade, the mock, the CLI, the demo, the test tables, the runtime matrix
// and the bench read this list; `pnpm new-provider` adds an entry.
import type { ClientOptions, FilesClient, ProviderModule, ProviderTypes } from "@llm-files/core";
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

/** A provider package's client factory: its one export named create<Name>Client (createOpenAIClient, createMoonshotClient ...). */
const CLIENT_FACTORY = /^create\w+Client$/;

/** A provider's whole client factory: the Files operations, `raw` and its package's extras. */
export type ClientFactory<P extends ProviderName> = (options?: ClientOptions) => FilesClient<RegistryTypes[P], {}>;

/**
 * The client factory in `pkg`, the module of the provider's package (`profile.package`): its
 * one export named create<Name>Client. For a program that imports the package itself (a
 * bundle, whose bundler follows only the names it can read: `clientFactory("openai", await
 * import("@llm-files/openai"))`); loadClient imports it by name.
 */
export function clientFactory<P extends ProviderName>(name: P, pkg: object): ClientFactory<P> {
  const found = Object.entries(pkg).filter(([key, value]) => CLIENT_FACTORY.test(key) && typeof value === "function");
  if (found.length !== 1) {
    const what = providerOf(name)?.profile.package ?? `${String(name)}'s package`;
    throw new TypeError(`${what} exports ${found.length ? found.map(([key]) => key).join(" and ") : "no create<Name>Client"}: a provider package exports one client factory`);
  }
  return found[0]![1] as ClientFactory<P>;
}

/**
 * The provider's whole client factory (its package's create<Name>Client), from the package its
 * profile names (`profile.package`), imported now by that name from here, where every provider
 * package is a dependency (Node, Deno, Bun; a bundler cannot follow a name known only at run
 * time: a bundle imports the package itself, then clientFactory). The facade never loads a
 * client: its first call loads the provider's Files operations alone (its module's `files()`).
 */
export async function loadClient<P extends ProviderName>(name: P): Promise<ClientFactory<P>> {
  const module = providerOf(name);
  if (!module) throw new TypeError(`no provider ${JSON.stringify(name)} in the registry (${PROVIDERS.join(", ")})`);
  return clientFactory(name, await import(/* webpackIgnore: true */ /* @vite-ignore */ module.profile.package));
}
