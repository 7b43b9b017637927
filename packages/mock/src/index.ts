// @llm-files/mock: an in-process mock of each provider's Files API, served from the provider's
// OpenAPI document (every operation, every shape) with the semantics its profile gives them
// (pages, order, filters, ids, states, expiry, errors), for tests and demos with no key and no
// network. The providers are the registry's (@llm-files/registry); any other provider module
// (a profile and its spec) is served the same way.
import { PROVIDERS, providerOf, registry, type ProviderName } from "@llm-files/registry";
import type { Profile } from "@llm-files/core/profile";
import { serve, type MockOptions, type MockServer } from "./server.js";
import type { OpenApiDoc } from "./spec.js";

/** A provider the mock serves: every provider in the registry. */
export type MockProvider = ProviderName;
/** The providers the mock serves, in the registry's order. */
export const MOCK_PROVIDERS: readonly MockProvider[] = PROVIDERS;

/** What the mock needs of a provider: its profile, and its OpenAPI document (loaded on start). A registry entry is one. */
export interface MockProviderModule {
  profile: Profile;
  spec(): Promise<unknown>;
}

/**
 * The OpenAPI document of each provider the mock serves, as its package ships it (the
 * vendored specs/<provider>/openapi.yaml, parsed): `await SPECS.moonshot()`. Each loads on
 * first use.
 */
export const SPECS: { readonly [P in MockProvider]: () => Promise<OpenApiDoc> } = Object.freeze(
  Object.fromEntries(PROVIDERS.map((p) => [p, () => registry[p].spec() as Promise<OpenApiDoc>])) as { [P in MockProvider]: () => Promise<OpenApiDoc> },
);

/**
 * Starts a mock of one provider's Files API on a free loopback port; stop() it when done.
 * `provider` is a registry name, or a provider module of your own ({ profile, spec }).
 */
export async function startMock(provider: MockProvider | MockProviderModule, options: MockOptions = {}): Promise<MockServer> {
  const module = typeof provider === "string" ? providerOf(provider) : provider;
  if (!module || typeof module !== "object" || !module.profile || typeof module.spec !== "function") {
    throw new TypeError(`@llm-files/mock: unknown provider ${JSON.stringify(typeof provider === "string" ? provider : typeof provider)}: use one of ${PROVIDERS.join(", ")}, or a provider module ({ profile, spec })`);
  }
  return serve(module.profile, (await module.spec()) as OpenApiDoc, options);
}

export type { MockOptions, MockServer, MockFile, RequestRecord, FilePartRecord } from "./server.js";
export type { MockClock } from "./clock.js";
export type { Fault, FaultSpec } from "./faults.js";
export type { MockUpload, MockPart } from "./uploads-api.js";
export type { OpenApiDoc } from "./spec.js";
