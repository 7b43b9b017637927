// The API key never shows: not in messages, stacks, util.inspect or JSON of errors and clients.
import { json, startServer, type TestServer } from "@llm-files/testing";
import { inspect } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RequestPolicy } from "@llm-files/core";
import { loadClient, registry } from "@llm-files/registry";
import { createFiles, PROVIDERS } from "../src/index.js";

const KEY = "sk-SUPER-SECRET-7f3a9c";
let server: TestServer;
let mode = "401";
beforeAll(async () => {
  server = await startServer((req, res) => {
    // Echo the request's headers back in the body, as a careless gateway might: whichever one
    // carries the key (Authorization, api-key, x-api-key, x-goog-api-key).
    const auth = Object.values(req.headers).join(" ");
    if (mode === "401") return json(res, 401, { error: { message: `bad key ${auth}`, type: "invalid_authentication_error" } });
    if (mode === "html") {
      res.writeHead(502, { "content-type": "text/html" });
      return res.end(`<h1>502</h1><pre>${auth}</pre>`);
    }
    if (mode === "base_resp") return json(res, 200, { base_resp: { status_code: 1004, status_msg: `auth failed for ${auth}` } });
    res.destroy();
  });
});
afterAll(() => server.stop());

function expectNoKey(value: unknown) {
  for (const text of [inspect(value, { depth: 10, showHidden: true }), JSON.stringify(value) ?? "", String(value), (value as Error)?.stack ?? ""]) {
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(KEY.slice(3));
  }
}

it("clients and facades never show the key", async () => {
  for (const provider of PROVIDERS) expectNoKey(createFiles({ provider, apiKey: KEY, baseUrl: server.url }));
  // Every provider's own client (its package's, loaded through the registry), its raw client, and the
  // request policy that holds the key (what clients exposed as `transport` before).
  // (A base URL for each: Azure's server is per resource and has no default.)
  for (const provider of PROVIDERS) {
    const c = (await loadClient(provider))({ apiKey: KEY, baseUrl: server.url });
    expectNoKey(c);
    expectNoKey(c.raw);
    expectNoKey(new RequestPolicy(registry[provider].profile, { apiKey: KEY, baseUrl: server.url }));
    expect(inspect(c)).toContain("[redacted]");
  }
});

for (const m of ["401", "html", "base_resp", "reset"]) {
  it(`errors never carry the key (${m})`, async () => {
    mode = m;
    for (const provider of PROVIDERS) {
      const err = await createFiles({ provider, apiKey: KEY, baseUrl: server.url, maxRetries: 0 })
        .retrieve(registry[provider].profile.ids === "int64" ? "123" : "file-1")
        .then(() => undefined, (e) => e);
      expect(err).toBeDefined();
      // A server that echoes the key into its body must not get it into our error.
      expectNoKey(err);
      expectNoKey((err as { cause?: unknown }).cause);
    }
  });
}
