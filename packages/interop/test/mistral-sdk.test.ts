// @mistralai/mistralai (2.7), Mistral's own client (generated from the same document and
// validating every answer with zod), against @llm-files/mock: upload with expiry, every page,
// filters, retrieve, download, the signed URL and its expiry, delete, and errors as the SDK's
// own classes. And the SDK and llm-files share one mock, each reading what the other wrote.
import { Mistral } from "@mistralai/mistralai";
import { MistralError, SDKError } from "@mistralai/mistralai/models/errors";
import { afterEach, expect, it } from "vitest";
import { startMock, type MockServer } from "@llm-files/mock";
import { createFiles } from "@llm-files/unified";
import { createMistralClient } from "@llm-files/mistral";
import { measure } from "./timing.js";

let mock: MockServer | undefined;
afterEach(async () => {
  await mock?.stop();
  mock = undefined;
});
const text = async (stream: ReadableStream<Uint8Array>) => Buffer.from(await new Response(stream).arrayBuffer());

it("Mistral: upload, every page, filters, retrieve, download, signed URL, expiry, delete, errors", async () => {
  mock = await startMock("mistral", { apiKey: "mistral-interop" });
  const seeded = mock.files().map((f) => f.id);
  const done = measure("@mistralai/mistralai lifecycle on the Mistral mock", mock);
  const sdk = new Mistral({ apiKey: "mistral-interop", serverURL: mock.url });

  // The seeded example files validate too (the document's examples answer bytes: null; the SDK requires an integer).
  const start = await sdk.files.list({});
  expect(start).toMatchObject({ object: "list", total: seeded.length });
  expect(start.data.every((f) => Number.isInteger(f.sizeBytes))).toBe(true);

  const made = [];
  for (let i = 0; i < 4; i++) {
    made.push(await sdk.files.upload({ file: { fileName: `f${i}.jsonl`, content: Buffer.from(`{"n":${i}}\n`) }, purpose: i < 3 ? "batch" : "fine-tune", ...(i === 0 ? { expiry: 2 } : {}), visibility: "user" }));
  }
  expect(made[0]).toMatchObject({ object: "file", filename: "f0.jsonl", purpose: "batch", sizeBytes: 8, source: "upload", visibility: "user" });
  expect(made[0]!.expiresAt).toBe(made[0]!.createdAt + 2 * 3600);

  // Every page, two files a page, newest first, to the total.
  const all: string[] = [];
  for (let page = 0; ; page++) {
    const p = await sdk.files.list({ page, pageSize: 2 });
    expect(p.total).toBe(seeded.length + 4);
    all.push(...p.data.map((f) => f.id));
    if ((page + 1) * 2 >= p.total!) break;
  }
  expect(all.slice(0, 4)).toEqual(made.map((f) => f.id).reverse());
  expect(all.sort()).toEqual([...seeded, ...made.map((f) => f.id)].sort());
  // Filters: purpose, search (the filename), and no total when not asked for.
  expect((await sdk.files.list({ purpose: "fine-tune" })).data.map((f) => f.id)).toEqual([made[3]!.id]);
  expect((await sdk.files.list({ search: "f1.json" })).data.map((f) => f.id)).toEqual([made[1]!.id]);
  expect((await sdk.files.list({ includeTotal: false, pageSize: 1 })).total ?? null).toBeNull();

  expect(await sdk.files.retrieve({ fileId: made[1]!.id })).toMatchObject({ id: made[1]!.id, filename: "f1.jsonl", deleted: false, sizeBytes: 8 });
  expect((await text(await sdk.files.download({ fileId: made[1]!.id }))).toString()).toBe('{"n":1}\n');

  // The signed URL serves the bytes with no key, until its expiry (hours, on the mock's clock).
  const { url } = await sdk.files.getSignedUrl({ fileId: made[2]!.id, expiry: 1 });
  expect(url.startsWith(mock.url)).toBe(true);
  expect(await (await fetch(url)).text()).toBe('{"n":2}\n');

  // Two hours on: the first file expired, the signed URL lapsed.
  mock.clock.advance(2 * 3600 * 1000);
  expect((await fetch(url)).status).toBe(403);
  const gone = await sdk.files.retrieve({ fileId: made[0]!.id }).catch((e: unknown) => e);
  expect(gone).toBeInstanceOf(SDKError);
  expect((gone as SDKError).statusCode).toBe(404);

  // Errors as the SDK's own classes, with the status.
  const denied = await new Mistral({ apiKey: "wrong", serverURL: mock.url }).files.list({}).catch((e: unknown) => e);
  expect(denied).toBeInstanceOf(MistralError);
  expect((denied as MistralError).statusCode).toBe(401);
  const refused = await sdk.files.upload({ file: { fileName: "x.txt", content: Buffer.from("x") }, purpose: "nope" as never }).catch((e: unknown) => e);
  expect((refused as MistralError).statusCode).toBe(400);
  expect((refused as MistralError).body).toMatch(/purpose must be one of/);
  mock.fault({ operation: "list", status: 503 });
  expect(((await sdk.files.list({}).catch((e: unknown) => e)) as MistralError).statusCode).toBe(503);
  // The SDK's own retries (backoff on 5XX) get through a scripted 500.
  mock.fault({ operation: "retrieve", status: 500 });
  const retried = await sdk.files.retrieve({ fileId: made[1]!.id }, { retries: { strategy: "backoff", backoff: { initialInterval: 5, maxInterval: 20, exponent: 1.5, maxElapsedTime: 5000 }, retryConnectionErrors: true } });
  expect(retried.id).toBe(made[1]!.id);

  expect(await sdk.files.delete({ fileId: made[1]!.id })).toEqual({ id: made[1]!.id, object: "file", deleted: true });
  expect(((await sdk.files.download({ fileId: made[1]!.id }).catch((e: unknown) => e)) as MistralError).statusCode).toBe(404);
  done();
});

it("Mistral: the SDK and llm-files share one mock, each reading what the other wrote, byte for byte", async () => {
  mock = await startMock("mistral", { seed: false });
  const sdk = new Mistral({ apiKey: "k", serverURL: mock.url });
  const files = createFiles({ provider: "mistral", apiKey: "k", baseUrl: mock.url });
  const fromSdk = Buffer.from([0, 1, 2, 250, 255, ...Buffer.from(" from the SDK\n")]);
  const fromUs = Buffer.from("from llm-files \u00e9\u4e2d\n");
  const a = await sdk.files.upload({ file: { fileName: "sdk.bin", content: fromSdk }, purpose: "batch" });
  const b = await files.upload({ file: fromUs, filename: "ours.jsonl", purpose: "batch", expiresAfterSeconds: 3600 });
  expect(await files.retrieve(a.id)).toMatchObject({ filename: "sdk.bin", bytes: fromSdk.length });
  expect(Buffer.from(await (await files.content(a.id)).arrayBuffer()).equals(fromSdk)).toBe(true);
  expect(await sdk.files.retrieve({ fileId: b.id })).toMatchObject({ filename: "ours.jsonl", sizeBytes: fromUs.length, expiresAt: Math.floor(b.createdAt.getTime() / 1000) + 3600 });
  expect((await text(await sdk.files.download({ fileId: b.id }))).equals(fromUs)).toBe(true);
  // llm-files' signed URL, fetched as the SDK's would be.
  const { url } = await createMistralClient({ apiKey: "k", baseUrl: mock.url }).files.signedUrl(a.id, { expiryHours: 1 });
  expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(fromSdk)).toBe(true);
  await sdk.files.delete({ fileId: b.id });
  await files.delete(a.id);
  expect(mock.files()).toEqual([]);
});
