// The mock's answers against the specs, judged by Prism (not by us): every request of the
// walk goes through `prism proxy --errors` to the mock, which validates each request and each
// answer against specs/<provider>/openapi.yaml and reports any violation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFiles, type ProviderName } from "@llm-files/unified";
import { startPrisms, tempFile, type Prism, type TempFile } from "@llm-files/testing";
import { MOCK_PROVIDERS, startMock, type MockServer } from "../src/index.js";

const PURPOSE = { moonshot: "file-extract", novita: "batch", minimax: "voice_clone", openai: "batch", mistral: "batch" } as const;

// One mock per provider, and one Prism process proxying to all of them (a proxy per spec).
const mocks = new Map<string, MockServer>();
const prisms = new Map<string, Prism>();
beforeAll(async () => {
  for (const provider of MOCK_PROVIDERS) mocks.set(provider, await startMock(provider));
  const started = await startPrisms(MOCK_PROVIDERS.map((provider) => ({ provider, upstream: mocks.get(provider)!.url, errors: true })));
  MOCK_PROVIDERS.forEach((provider, i) => prisms.set(provider, started[i]!));
});
afterAll(async () => {
  await Promise.all([...prisms.values()].map((p) => p.stop()));
  await Promise.all([...mocks.values()].map((m) => m.stop()));
});

describe.each(MOCK_PROVIDERS)("%s answers as its spec says (prism proxy --errors)", (provider) => {
  let mock: MockServer;
  let prism: Prism;
  let file: TempFile;
  const violations: string[] = [];
  beforeAll(async () => {
    file = await tempFile("conformance\n", provider === "minimax" ? "voice.mp3" : "requests.jsonl");
    mock = mocks.get(provider)!;
    prism = prisms.get(provider)!;
  });
  afterAll(async () => {
    await file?.cleanup();
  });

  it("upload → list → retrieve → content → delete, and a missing file, with no violation", async () => {
    // Bodies are buffered here: prism proxy does not forward a chunked (streamed) upload
    // body intact. What is judged is the mock's answers, not the client's streaming.
    const watch: typeof fetch = async (input, init) => {
      const req = new Request(input, init);
      const body = req.body ? await req.arrayBuffer() : undefined;
      const res = await fetch(req.url, { method: req.method, headers: req.headers, body, signal: req.signal, redirect: "manual" });
      const v = res.headers.get("sl-violations");
      if (v) violations.push(`${res.url}: ${v}`);
      return res;
    };
    const files = createFiles({ provider: provider as ProviderName, apiKey: "k", baseUrl: prism.url, fetch: watch, maxRetries: 0 });
    const up = await files.upload({ file: file.path, purpose: PURPOSE[provider] as never });
    expect((await files.list()).map((f) => f.id)).toContain(up.id);
    expect((await files.retrieve(up.id)).filename).toBe(file.path.split("/").pop());
    expect(await (await files.content(up.id)).text()).toBe("conformance\n");
    await files.delete(up.id);
    // The documented error answer, valid per the spec too (a violation would be a 500 ServerError).
    const before = violations.length;
    await expect(files.retrieve(up.id)).rejects.toMatchObject({ provider, name: provider === "minimax" ? "InvalidRequestError" : "NotFoundError" });
    if (provider === "openai" || provider === "mistral") {
      // Neither document declares an error answer: Prism can only warn that the 404 is not in it.
      expect(violations.slice(before).map((v) => JSON.parse(v.slice(v.indexOf(": ") + 2)))).toEqual([[{ location: ["response"], severity: "Warning", message: "Unable to match the returned status code with those defined in the document: 200" }]]);
      violations.length = before;
    }
    expect(violations).toEqual([]);
    // Every answer reached the mock through Prism: nothing was served by Prism itself.
    expect(mock.requests.length).toBeGreaterThanOrEqual(provider === "minimax" ? 5 + 3 : 6);
  });
});
