// @google/genai (3.1), Google's own client, against @llm-files/mock: its Files lifecycle as a
// user's code drives it, a resumable upload (start, 8 MiB chunks at their offsets, finalize),
// every page through its pager (pageSize, pageToken), metadata, waiting for ACTIVE on the mock's
// clock, delete, errors as its ApiError with the status; then the SDK and llm-files share the
// mock, each reading what the other wrote (Gemini's uploads cannot be downloaded: the bytes are
// compared as the mock holds them, and by size and hash in the metadata).
import { ApiError, FileState, GoogleGenAI } from "@google/genai";
import { createHash } from "node:crypto";
import { afterEach, expect, it } from "vitest";
import { startMock, type MockServer } from "@llm-files/mock";
import { createFiles } from "@llm-files/unified";
import { measure } from "./timing.js";

let mock: MockServer | undefined;
afterEach(async () => {
  await mock?.stop();
  mock = undefined;
});
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

it("Gemini: resumable upload, every page, metadata, processing, delete, errors; shared with llm-files byte for byte", async () => {
  mock = await startMock("gemini", { seed: false, apiKey: "gemini-interop", processingMs: 2000 });
  const done = measure("@google/genai lifecycle on the Gemini mock", mock);
  const ai = new GoogleGenAI({ apiKey: "gemini-interop", httpOptions: { baseUrl: mock.url, apiVersion: "v1beta" } });

  // A file of two chunks and a bit (the SDK sends 8 MiB chunks): start, upload, upload, finalize.
  const big = new Uint8Array(8 * 1024 * 1024 * 2 + 1234).map((_, i) => (i * 7) & 0xff);
  const first = await ai.files.upload({ file: new Blob([big], { type: "video/mp4" }), config: { displayName: "talk.mp4" } });
  expect(first).toMatchObject({ name: expect.stringMatching(/^files\//), displayName: "talk.mp4", mimeType: "video/mp4", sizeBytes: String(big.length), state: FileState.PROCESSING });
  expect(sha(mock.files().find((f) => f.id === first.name)!.content)).toBe(sha(big));
  expect(mock.sessions()).toMatchObject([{ declared: big.length, received: big.length, status: "final" }]);
  const made = [first];
  for (let i = 0; i < 4; i++) made.push(await ai.files.upload({ file: new Blob([`doc ${i}\n`], { type: "text/plain" }), config: { displayName: `d${i}.txt` } }));

  // Every page through the SDK's pager, two files a page, newest first.
  const n = mock.requests.length;
  const listed: string[] = [];
  for await (const f of await ai.files.list({ config: { pageSize: 2 } })) listed.push(f.name!);
  expect(listed).toEqual(made.map((f) => f.name).reverse());
  expect(mock.requests.slice(n).filter((r) => r.operation === "list")).toHaveLength(3);

  // Processing ends on the mock's clock; the SDK's get sees ACTIVE and the 48-hour expiry.
  mock.clock.advance(2000);
  const got = await ai.files.get({ name: first.name! });
  expect(got).toMatchObject({ state: FileState.ACTIVE, sizeBytes: String(big.length) });
  expect(Date.parse(got.expirationTime!) - Date.parse(got.createTime!)).toBe(48 * 3600_000);

  // Errors as its ApiError with the status; a deleted file is gone.
  const denied = await new GoogleGenAI({ apiKey: "wrong", httpOptions: { baseUrl: mock.url, apiVersion: "v1beta" } }).files.get({ name: first.name! }).catch((e: unknown) => e);
  expect(denied).toBeInstanceOf(ApiError);
  expect((denied as ApiError).status).toBe(401);
  mock.fault({ operation: "retrieve", status: 500 });
  expect(((await ai.files.get({ name: first.name! }).catch((e: unknown) => e)) as ApiError).status).toBe(500);
  await ai.files.delete({ name: made[1]!.name! });
  expect(((await ai.files.get({ name: made[1]!.name! }).catch((e: unknown) => e)) as ApiError).status).toBe(404);
  done();

  // One mock, two clients: each reads what the other wrote.
  const files = createFiles({ provider: "gemini", apiKey: "gemini-interop", baseUrl: mock.url });
  const fromSdk = Buffer.from([0, 1, 2, 250, 255, ...Buffer.from(" from the SDK\n")]);
  const fromUs = Buffer.from("from llm-files \u00e9\u4e2d\n");
  const a = await ai.files.upload({ file: new Blob([fromSdk], { type: "application/octet-stream" }), config: { displayName: "sdk.bin" } });
  const b = await files.upload({ file: fromUs, filename: "ours.txt" });
  expect(await files.retrieve(a.name!)).toMatchObject({ id: a.name, filename: "sdk.bin", bytes: fromSdk.length });
  expect(await ai.files.get({ name: b.id })).toMatchObject({ name: b.id, displayName: "ours.txt", sizeBytes: String(fromUs.length), mimeType: "text/plain" });
  const held = (id: string) => Buffer.from(mock!.files().find((f) => f.id === id)!.content);
  expect(held(a.name!).equals(fromSdk)).toBe(true);
  expect(held(b.id).equals(fromUs)).toBe(true);
  await ai.files.delete({ name: b.id });
  await files.delete(a.name!);
  expect(mock.files().map((f) => f.id)).not.toContain(a.name);
});
