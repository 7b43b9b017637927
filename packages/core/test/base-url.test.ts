// A base URL as users write it: the bare origin, with a trailing slash, with the API's
// version segment (as some SDKs want their *_BASE_URL), or with any leading part of the
// documented prefix (a "…/compat" that other SDKs are given for a "/compat/v1" prefix), all
// mean the same origin, so no form ends in "/v1/v1/files". Checked for every prefix shape the
// specs have: one segment, and two.
import { describe, expect, it } from "vitest";
import { resolveBaseUrl, type ProviderSettings } from "../src/index.js";

const defaults = (pathPrefix: string, defaultBaseUrl = "https://api.example.com"): ProviderSettings => ({
  name: "p",
  env: { apiKey: "P_API_KEY", baseUrl: "P_BASE_URL" },
  defaultBaseUrl,
  pathPrefix,
});

describe("a base URL with or without the documented prefix", () => {
  const cases: [prefix: string, given: string, expected: string][] = [];
  for (const origin of ["https://api.example.com", "https://gateway.corp/llm"]) {
    // One segment: "/v1" (a server's version folded into the spec's paths).
    for (const tail of ["", "/", "/v1", "/v1/", "/v1//"]) cases.push(["/v1", origin + tail, origin]);
    // Two segments: "/compat/v1", where "…/compat" is what compatible SDKs are given.
    for (const tail of ["", "/", "/compat", "/compat/", "/compat/v1", "/compat/v1/"]) cases.push(["/compat/v1", origin + tail, origin]);
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
    expect(resolveBaseUrl(defaults("/compat/v1"), { baseUrl: "https://gw.corp/v1" })).toBe("https://gw.corp/v1");
  });

  it("falls back to the spec's server, an origin", () => {
    expect(resolveBaseUrl(defaults("/v1", "https://api.acme.test"), {}, {})).toBe("https://api.acme.test");
  });
});
