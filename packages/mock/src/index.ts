// @llm-files/mock: an in-process mock of each provider's Files API, built from the same
// OpenAPI specs as the clients, for tests and demos with no key and no network.
import { serve, type MockOptions, type MockServer } from "./server.js";
import type { OpenApiDoc } from "./spec.js";
import { spec as minimax } from "./specs/minimax.js";
import { spec as mistral } from "./specs/mistral.js";
import { spec as moonshot } from "./specs/moonshot.js";
import { spec as novita } from "./specs/novita.js";
import { spec as openai } from "./specs/openai.js";

/** The vendored specs the mock serves, as parsed OpenAPI documents. */
export const SPECS: Readonly<Record<MockProvider, OpenApiDoc>> = { moonshot, novita, minimax, openai, mistral };
export type MockProvider = "moonshot" | "novita" | "minimax" | "openai" | "mistral";
export const MOCK_PROVIDERS: readonly MockProvider[] = ["moonshot", "novita", "minimax", "openai", "mistral"];

/** Starts a mock of one provider's Files API on a free loopback port; stop() it when done. */
export function startMock(provider: MockProvider, options: MockOptions = {}): Promise<MockServer> {
  if (!(MOCK_PROVIDERS as readonly string[]).includes(provider)) {
    return Promise.reject(new TypeError(`@llm-files/mock: unknown provider ${JSON.stringify(provider)}: use one of ${MOCK_PROVIDERS.join(", ")}`));
  }
  return serve(provider, SPECS[provider], options);
}

/** Starts a mock from any OpenAPI document with the same five Files operations (e.g. a fourth provider's). */
export function startMockFromSpec(name: string, doc: OpenApiDoc, options: MockOptions = {}): Promise<MockServer> {
  return serve(name, doc, options);
}

export type { MockFile, MockOptions, MockServer, RequestRecord } from "./server.js";
export type { OpenApiDoc } from "./spec.js";
