// @anthropic-ai/sdk (1.10), Anthropic's own client, against @llm-files/mock: its beta Files
// API (files-api-2025-04-14) as a user's code drives it, upload, every page, metadata, content of
// a file that may be downloaded (and the refusal of one that may not), delete, errors as the
// SDK's own classes, its retry; then the SDK and llm-files share the mock, each reading what the
// other wrote, byte for byte.
//
// The SDK's auto-pagination follows `page` / `next_page` (Anthropic's newer pages); the beta
// reference the spec is authored from pages by `after_id` / `has_more` / `last_id`, which is what
// the mock serves: the SDK walks every page by after_id here, passed through its list's query.
import Anthropic, { AuthenticationError, BadRequestError, InternalServerError, NotFoundError, RateLimitError, toFile } from "@anthropic-ai/sdk";
import { afterEach, expect, it } from "vitest";
import { startMock, type MockServer } from "@llm-files/mock";
import { createFiles } from "@llm-files/unified";
import { measure } from "./timing.js";

const BETAS = ["files-api-2025-04-14" as const];
let mock: MockServer | undefined;
afterEach(async () => {
  await mock?.stop();
  mock = undefined;
});

it("Anthropic: upload, every page, metadata, content where allowed, delete, errors; shared with llm-files byte for byte", async () => {
  mock = await startMock("anthropic", { seed: false, apiKey: "sk-ant-interop" });
  const done = measure("@anthropic-ai/sdk lifecycle on the Anthropic mock", mock);
  const sdk = new Anthropic({ apiKey: "sk-ant-interop", baseURL: mock.url, maxRetries: 0 });

  const made = [];
  for (let i = 0; i < 5; i++) made.push(await sdk.beta.files.upload({ file: await toFile(Buffer.from(`file ${i}\n`), `f${i}.txt`, { type: "text/plain" }), betas: BETAS }));
  expect(made[0]).toMatchObject({ type: "file", filename: "f0.txt", size_bytes: 7, mime_type: "text/plain", downloadable: false });
  expect(Number.isNaN(Date.parse(made[0]!.created_at))).toBe(false);

  // Every page, two files a page, newest first: after_id = the page's last_id while has_more.
  const n = mock.requests.length;
  const listed: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await sdk.beta.files.list({ limit: 2, betas: BETAS, ...(after ? { after_id: after } : {}) } as never);
    listed.push(...page.data.map((f) => f.id));
    const body = (page as unknown as { body: { has_more: boolean; last_id: string | null } }).body;
    if (!body.has_more) break;
    after = body.last_id!;
  }
  expect(listed).toEqual(made.map((f) => f.id).reverse());
  expect(mock.requests.slice(n).map((r) => new URL(r.path, mock!.url).searchParams.get("after_id"))).toEqual([null, made[3]!.id, made[1]!.id]);
  expect(await sdk.beta.files.retrieveMetadata(made[2]!.id, { betas: BETAS })).toMatchObject({ id: made[2]!.id, filename: "f2.txt", size_bytes: 7 });

  // An upload cannot be downloaded: the SDK gets the API's refusal; a file a tool made (downloadable) can.
  await expect(sdk.beta.files.download(made[1]!.id, { betas: BETAS })).rejects.toBeInstanceOf(BadRequestError);
  mock.editFile(made[1]!.id, { downloadable: true });
  expect(await (await sdk.beta.files.download(made[1]!.id, { betas: BETAS })).text()).toBe("file 1\n");

  // Errors as the SDK's own classes; its retry gets through a 503.
  await expect(new Anthropic({ apiKey: "sk-ant-wrong", baseURL: mock.url, maxRetries: 0 }).beta.files.list({ betas: BETAS })).rejects.toBeInstanceOf(AuthenticationError);
  mock.fault({ operation: "list", status: 429, retryAfter: 0 });
  await expect(sdk.beta.files.list({ betas: BETAS })).rejects.toBeInstanceOf(RateLimitError);
  mock.fault({ operation: "retrieve", status: 500 });
  await expect(sdk.beta.files.retrieveMetadata(made[0]!.id, { betas: BETAS })).rejects.toBeInstanceOf(InternalServerError);
  mock.fault({ operation: "retrieve", status: 503, headers: { "retry-after-ms": "10" } });
  expect((await new Anthropic({ apiKey: "sk-ant-interop", baseURL: mock.url, maxRetries: 2 }).beta.files.retrieveMetadata(made[0]!.id, { betas: BETAS })).id).toBe(made[0]!.id);
  expect(await sdk.beta.files.delete(made[0]!.id, { betas: BETAS })).toMatchObject({ id: made[0]!.id });
  await expect(sdk.beta.files.retrieveMetadata(made[0]!.id, { betas: BETAS })).rejects.toBeInstanceOf(NotFoundError);
  done();

  // One mock, two clients: each reads what the other wrote.
  const files = createFiles({ provider: "anthropic", apiKey: "sk-ant-interop", baseUrl: mock.url });
  const fromSdk = Buffer.from([0, 1, 2, 250, 255, ...Buffer.from(" from the SDK\n")]);
  const fromUs = Buffer.from("from llm-files \u00e9\u4e2d\n");
  const a = await sdk.beta.files.upload({ file: await toFile(fromSdk, "sdk.bin"), betas: BETAS });
  const b = await files.upload({ file: fromUs, filename: "ours.txt" });
  expect(await files.retrieve(a.id)).toMatchObject({ filename: "sdk.bin", bytes: fromSdk.length });
  expect(await sdk.beta.files.retrieveMetadata(b.id, { betas: BETAS })).toMatchObject({ filename: "ours.txt", size_bytes: fromUs.length, downloadable: false });
  // The bytes, where the metadata allows them (a tool's file): the same both ways.
  for (const id of [a.id, b.id]) mock.editFile(id, { downloadable: true });
  expect(Buffer.from(await (await files.content(a.id)).arrayBuffer()).equals(fromSdk)).toBe(true);
  expect(Buffer.from(await (await sdk.beta.files.download(b.id, { betas: BETAS })).arrayBuffer()).equals(fromUs)).toBe(true);
  expect((await files.list()).map((f) => f.id)).toEqual(expect.arrayContaining([a.id, b.id]));
  await sdk.beta.files.delete(b.id, { betas: BETAS });
  await files.delete(a.id);
  expect(mock.files().map((f) => f.id)).not.toContain(a.id);
});
