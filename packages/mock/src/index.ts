// @llm-files/mock: an in-process mock of each provider's Files API, built from the same
// OpenAPI specs as the clients, for tests and demos with no key and no network. The providers
// are the registry's (@llm-files/registry): each one's OpenAPI document is its package's
// `./spec` module, loaded when its mock first starts.
import { PROVIDERS, providerOf, registry, type ProviderName } from "@llm-files/registry";
import { serve, type MockOptions, type MockServer } from "./server.js";
import type { OpenApiDoc } from "./spec.js";

/** A provider the mock serves: every provider in the registry. */
export type MockProvider = ProviderName;
/** The providers the mock serves, in the registry's order. */
export const MOCK_PROVIDERS: readonly MockProvider[] = PROVIDERS;

/**
 * The OpenAPI document of each provider the mock serves, as its package ships it (the
 * vendored specs/<provider>/openapi.yaml, parsed): `await SPECS.moonshot()`. Each loads on
 * first use.
 */
export const SPECS: { readonly [P in MockProvider]: () => Promise<OpenApiDoc> } = Object.freeze(
  Object.fromEntries(PROVIDERS.map((p) => [p, () => registry[p].spec() as Promise<OpenApiDoc>])) as { [P in MockProvider]: () => Promise<OpenApiDoc> },
);

/** Starts a mock of one provider's Files API on a free loopback port; stop() it when done. */
export async function startMock(provider: MockProvider, options: MockOptions = {}): Promise<MockServer> {
  const module = providerOf(provider);
  if (!module) throw new TypeError(`@llm-files/mock: unknown provider ${JSON.stringify(provider)}: use one of ${PROVIDERS.join(", ")}`);
  return serve(provider, (await module.spec()) as OpenApiDoc, options);
}

/** Starts a mock from any OpenAPI document with the same five Files operations (e.g. a new provider's). */
export function startMockFromSpec(name: string, doc: OpenApiDoc, options: MockOptions = {}): Promise<MockServer> {
  return serve(name, doc, options);
}

export type { MockFile, MockOptions, MockServer, RequestRecord } from "./server.js";
export type { OpenApiDoc } from "./spec.js";
