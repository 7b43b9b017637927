// A base URL as users write it: the bare origin, with a trailing slash, with the API's
// version segment (as the openai SDK wants OPENAI_BASE_URL), or with any leading part of
// the documented prefix (Novita's "…/openai" for OpenAI-compatible SDKs), all mean the same
// origin, so no form ends in "/v1/v1/files". Checked for every prefix shape in the specs.
import { describe, expect, it } from "vitest";
import { resolveBaseUrl, type ProviderDefaults } from "../src/index.js";

const defaults = (pathPrefix: string, defaultBaseUrl = "https://api.example.com"): ProviderDefaults => ({
  provider: "p",
  apiKeyEnv: "P_API_KEY",
  baseUrlEnv: "P_BASE_URL",
  defaultBaseUrl,
  pathPrefix,
});

describe("a base URL with or without the documented prefix", () => {
  const cases: [prefix: string, given: string, expected: string][] = [];
  for (const origin of ["https://api.example.com", "https://gateway.corp/llm"]) {
    // "/v1": OpenAI (its server's /v1 folded into the paths), Mistral, Moonshot.
    for (const tail of ["", "/", "/v1", "/v1/", "/v1//"]) cases.push(["/v1", origin + tail, origin]);
    // "/openai/v1": Novita, where "…/openai" is what OpenAI-compatible SDKs are given.
    for (const tail of ["", "/", "/openai", "/openai/", "/openai/v1", "/openai/v1/"]) cases.push(["/openai/v1", origin + tail, origin]);
  }
  for (const [prefix, given, expected] of cases) {
    it(`prefix ${prefix}: ${given} -> ${expected}`, () => {
      expect(resolveBaseUrl(defaults(prefix), { baseUrl: given })).toBe(expected);
      // The same from the environment variable.
      expect(resolveBaseUrl(defaults(prefix), {}, { P_BASE_URL: given })).toBe(expected);
    });
  }

  it("keeps a path that only looks like the prefix", () => {
    expect(resolveBaseUrl(defaults("/v1"), { baseUrl: "https://gw.corp/xv1" })).toBe("https://gw.corp/xv1");
    expect(resolveBaseUrl(defaults("/v1"), { baseUrl: "https://gw.corp/v1/proxy" })).toBe("https://gw.corp/v1/proxy");
    // Only a leading part of the prefix is dropped, never a trailing one alone.
    expect(resolveBaseUrl(defaults("/openai/v1"), { baseUrl: "https://gw.corp/v1" })).toBe("https://gw.corp/v1");
  });

  it("falls back to the spec's server, an origin", () => {
    expect(resolveBaseUrl(defaults("/v1", "https://api.openai.com"), {}, {})).toBe("https://api.openai.com");
  });
});
