// The mock's answers against the specs, judged by Prism (not by us): every request goes through
// `prism proxy --errors` to the mock, which validates each request and each answer against
// specs/<provider>/openapi.yaml and reports any violation. Every operation each spec has is
// called: the five Files operations through the facade (every page of a list, a missing file,
// a scripted server error), OpenAI's Uploads API through its client, Mistral's signed URL
// through its client, and any other operation with a request built from the spec.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFiles, type ProviderName } from "@llm-files/unified";
import { createOpenAIClient } from "@llm-files/openai";
import { createMistralClient } from "@llm-files/mistral";
import { registry } from "@llm-files/registry";
import { sampleOf, specOperations, startPrisms, type Prism } from "@llm-files/testing";
import { MOCK_PROVIDERS, SPECS, startMock, type MockServer } from "../src/index.js";

// One mock per provider, and one Prism process proxying to all of them (a proxy per spec).
const mocks = new Map<string, MockServer>();
const prisms = new Map<string, Prism>();
beforeAll(async () => {
  // The URLs a mock hands out (an upload session's) point at its Prism, so those requests are judged too.
  for (const provider of MOCK_PROVIDERS) mocks.set(provider, await startMock(provider, { publicUrl: () => prisms.get(provider)!.url }));
  const started = await startPrisms(MOCK_PROVIDERS.map((provider) => ({ provider, upstream: mocks.get(provider)!.url, errors: true })));
  MOCK_PROVIDERS.forEach((provider, i) => prisms.set(provider, started[i]!));
});
let judged = 0;
afterAll(async () => {
  console.log(`conformance: ${judged} answers of the mock judged by Prism against the specs`);
  await Promise.all([...prisms.values()].map((p) => p.stop()));
  await Promise.all([...mocks.values()].map((m) => m.stop()));
});

/** Neither OpenAI's nor Mistral's document declares an error answer: Prism can only warn that the status is not in it. */
const UNDOCUMENTED_ERROR = /^\[\{"location":\["response"\],"severity":"Warning","message":"Unable to match the returned status code with those defined in the document: 200"\}\]$/;

describe.each(MOCK_PROVIDERS)("%s answers as its spec says (prism proxy --errors)", (provider) => {
  it("every operation of the spec, with no violation", async () => {
    const mock = mocks.get(provider)!;
    const prism = prisms.get(provider)!;
    const { profile } = registry[provider];
    const violations: string[] = [];
    const errorAnswers: string[] = [];
    // Bodies are buffered here: prism proxy does not forward a chunked (streamed) upload body
    // intact. What is judged is the mock's answers, not the client's streaming.
    const watch: typeof fetch = async (input, init) => {
      const req = new Request(input, init);
      const body = req.body ? await req.arrayBuffer() : undefined;
      const res = await fetch(req.url, { method: req.method, headers: req.headers, body, signal: req.signal, redirect: "manual" });
      judged++;
      const v = res.headers.get("sl-violations");
      if (v) (res.status >= 400 && UNDOCUMENTED_ERROR.test(v) ? errorAnswers : violations).push(`${req.method} ${new URL(req.url).pathname}: ${v}`);
      return res;
    };
    const settings = { apiKey: "k", baseUrl: prism.url, fetch: watch, maxRetries: 0 };
    const files = createFiles({ provider: provider as ProviderName, ...settings });
    const { sample } = profile;
    const before = mock.requests.length;
    const ups = [];
    for (let i = 0; i < 3; i++) ups.push(await files.upload({ file: new TextEncoder().encode(sample.content), filename: `${i}-${sample.filename}`, ...(sample.purpose ? { purpose: sample.purpose } : {}) } as never));
    const up = ups[0]!;
    // Every page, one file a page where the list has pages.
    const listed = await files.list({ pageSize: profile.operations.list?.paging ? 1 : undefined } as never);
    expect(listed.map((f) => f.id)).toEqual(expect.arrayContaining(ups.map((f) => f.id)));
    expect((await files.retrieve(up.id)).filename).toBe(`0-${sample.filename}`);
    // Content where the provider has it; a file whose metadata says it cannot be downloaded is refused as documented first.
    if (profile.operations.content) {
      const downloadable = profile.file.downloadable;
      if (downloadable) {
        await expect(files.content(up.id)).rejects.toMatchObject({ name: "UnsupportedError", cause: { status: 400 } });
        mock.editFile(up.id, { [downloadable]: true });
      }
      expect(await (await files.content(up.id)).text()).toBe(sample.content);
    }
    await files.delete(up.id, profile.operations.delete?.purpose ? ({ purpose: sample.purpose } as never) : undefined);
    // The documented error answers: a missing file, a server error.
    await expect(files.retrieve(up.id)).rejects.toMatchObject({ provider, name: profile.inBodyErrors ? "InvalidRequestError" : "NotFoundError" });
    mock.fault({ operation: "retrieve", status: 500 });
    await expect(files.retrieve(ups[1]!.id)).rejects.toMatchObject({ provider, name: profile.inBodyErrors ? "ServerError" : "ServerError" });

    if (provider === "openai") {
      const client = createOpenAIClient(settings);
      const bytes = new Uint8Array(1000).fill(7);
      const created = await client.uploads.create({ filename: "u.jsonl", purpose: "batch", bytes: bytes.length, mime_type: "text/jsonl", expires_after: { anchor: "created_at", seconds: 3600 } });
      const a = await client.uploads.addPart(created.id, { data: bytes.subarray(0, 600) });
      const b = await client.uploads.addPart(created.id, { data: bytes.subarray(600) });
      expect((await client.uploads.complete(created.id, { part_ids: [a.id, b.id] })).file).toMatchObject({ bytes: 1000 });
      const other = await client.uploads.create({ filename: "c.jsonl", purpose: "batch", bytes: 5, mime_type: "text/jsonl" });
      expect((await client.uploads.cancel(other.id)).status).toBe("cancelled");
    }
    if (provider === "mistral") {
      const client = createMistralClient(settings);
      const { url } = await client.files.signedUrl(ups[1]!.id, { expiryHours: 2 });
      expect(await (await fetch(url)).text()).toBe(sample.content);
    }

    // Any operation of the spec not called yet: a request built from the spec.
    const doc = await SPECS[provider]();
    const called = new Set(mock.requests.slice(before).map((r) => r.operation));
    for (const op of specOperations(provider)) {
      const name = Object.entries(profile.operations).find(([, r]) => r && r.method === op.method && r.path === op.path)?.[0] ?? op.operationId;
      if (called.has(name)) continue;
      const operation = (doc.paths[op.path] as Record<string, any>)[op.method];
      const path = op.path.replace(/\{([^}]+)\}/g, (_m, p: string) => encodeURIComponent(String(sampleOf(doc as never, operation.parameters?.find((x: any) => x.name === p)?.schema) ?? "sample")));
      const json = operation.requestBody?.content?.["application/json"]?.schema;
      const auth = profile.auth ?? { header: "authorization", prefix: "Bearer " };
      await watch(`${prism.url}${path}`, { method: op.method.toUpperCase(), headers: { [auth.header]: `${auth.prefix ?? ""}k`, ...profile.headers, ...(json ? { "content-type": "application/json" } : {}) }, body: json ? JSON.stringify(sampleOf(doc as never, json)) : undefined });
      called.add(name);
    }

    // Every operation reached the mock through Prism (nothing was answered by Prism itself).
    // (The signed URL's own download is the mock's, not an operation of the spec.)
    const served = new Set(mock.requests.slice(before).flatMap((r) => r.operation ?? []));
    expect([...served].sort()).toEqual(
      specOperations(provider)
        .map((op) => Object.entries(profile.operations).find(([, r]) => r && r.method === op.method && r.path === op.path)?.[0] ?? op.operationId)
        .sort(),
    );
    expect(violations).toEqual([]);
    // Only where the document declares no error answer, and only for the error answers.
    if (!(provider === "openai" || provider === "mistral")) expect(errorAnswers).toEqual([]);
  });
});
