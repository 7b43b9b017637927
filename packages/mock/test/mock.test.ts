// The mock against the real clients (the facade over each provider package), real files on
// disk and raw HTTP: the walk a user's test would make, and the errors the spec documents.
import { readFile } from "node:fs/promises";
import { connect } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFiles, FilesError, type ProviderName } from "@llm-files/unified";
import { tempFile, type TempFile } from "@llm-files/testing";
import { PROVIDERS } from "@llm-files/registry";
import { registry } from "@llm-files/registry";
import { MOCK_PROVIDERS, SPECS, startMock, type MockServer } from "../src/index.js";

const PURPOSE = { moonshot: "file-extract", novita: "batch", minimax: "t2a_async_input", openai: "batch", mistral: "batch" } as const;
let file: TempFile;
let mock: MockServer | undefined;
beforeAll(async () => {
  file = await tempFile('{"custom_id":"r1","body":{}}\n{"custom_id":"r2","body":{}}\n', "requests.jsonl");
});
afterAll(() => file.cleanup());
afterEach(async () => {
  await mock?.stop();
  mock = undefined;
});

describe.each(MOCK_PROVIDERS)("%s", (provider) => {
  it("upload → list → retrieve → content → delete, through the facade", async () => {
    mock = await startMock(provider);
    const seeded = mock.files().map((f) => f.id);
    expect(seeded.length).toBeGreaterThan(0);
    const files = createFiles({ provider: provider as ProviderName, apiKey: "test-key", baseUrl: mock.url });
    const up = await files.upload({ file: file.path, purpose: PURPOSE[provider] as never });
    expect(up).toMatchObject({ provider, filename: "requests.jsonl", bytes: (await readFile(file.path)).length, purpose: PURPOSE[provider] });
    expect(seeded).not.toContain(up.id);

    const listed = await files.list();
    expect(listed.map((f) => f.id).sort()).toEqual([...seeded, up.id].sort());
    expect(await files.retrieve(up.id)).toMatchObject({ id: up.id, filename: "requests.jsonl" });
    const body = new Uint8Array(await (await files.content(up.id)).arrayBuffer());
    expect(Buffer.from(body).equals(await readFile(file.path))).toBe(true);

    expect(await files.delete(up.id)).toEqual({ id: up.id, deleted: true });
    expect(mock.files().map((f) => f.id).sort()).toEqual([...seeded].sort());
    const gone = await files.retrieve(up.id).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(gone).toBeInstanceOf(FilesError);
    // Moonshot and Novita document a 404; MiniMax answers 200 with an error base_resp.
    expect((gone as Error).name).toBe(provider === "minimax" ? "InvalidRequestError" : "NotFoundError");
    expect((gone as Error).message).toContain(up.id);
  });

  it("a request without a Bearer key is refused as the spec documents it", async () => {
    mock = await startMock(provider, { seed: false });
    const list = (await SPECS[provider]()).paths;
    const path = Object.keys(list).find((p) => /list$|files$/.test(p))!;
    const res = await fetch(`${mock.url}${path}${provider === "minimax" ? "?purpose=t2a_async_input" : ""}`);
    const body = (await res.json()) as Record<string, any>;
    if (provider === "minimax") {
      expect(res.status).toBe(200);
      expect(body.base_resp.status_code).toBe(1004);
    } else {
      expect(res.status).toBe(401);
      expect(JSON.stringify(body)).toContain("Authorization");
    }
  });

  it("an upload with a purpose the spec does not list is refused, naming the field", async () => {
    mock = await startMock(provider, { seed: false });
    const form = new FormData();
    form.append("purpose", "not-a-purpose");
    form.append("file", new Blob(["x"]), "x.txt");
    const { paths } = await SPECS[provider]();
    const path = Object.keys(paths).find((p) => !p.includes("{") && (paths[p] as Record<string, any>).post?.requestBody?.content?.["multipart/form-data"])!;
    const res = await fetch(`${mock.url}${path}`, { method: "POST", body: form, headers: { authorization: "Bearer k" } });
    expect(JSON.stringify(await res.json())).toMatch(/purpose must be one of/);
    expect(res.status).toBe(provider === "minimax" ? 200 : 400);
    expect(mock.files()).toEqual([]);
  });
});

it("the mock serves every provider of the registry, each from its package's spec", async () => {
  expect(MOCK_PROVIDERS).toEqual(PROVIDERS);
  expect(Object.keys(SPECS)).toEqual(PROVIDERS);
  for (const provider of PROVIDERS) expect((await SPECS[provider]()).openapi).toMatch(/^3\./);
});

it("MiniMax ids beyond 2^53 (bigIds) stay exact both ways", async () => {
  mock = await startMock("minimax", { seed: false, bigIds: true });
  const files = createFiles({ provider: "minimax", apiKey: "k", baseUrl: mock.url });
  const up = await files.upload({ file: new TextEncoder().encode("hello"), filename: "a.txt", purpose: "t2a_async_input" });
  expect(BigInt(up.id) > 2n ** 53n).toBe(true);
  expect((await files.retrieve(up.id)).id).toBe(up.id);
  expect(await files.delete(up.id)).toEqual({ id: up.id, deleted: true });
  expect(mock.files()).toEqual([]);
});

it("MiniMax's delete with another purpose than the file's does not delete it", async () => {
  mock = await startMock("minimax", { seed: false });
  const files = createFiles({ provider: "minimax", apiKey: "k", baseUrl: mock.url });
  const up = await files.upload({ file: new TextEncoder().encode("hello"), filename: "a.txt", purpose: "t2a_async_input" });
  await expect(files.delete(up.id, { purpose: "voice_clone" })).rejects.toMatchObject({ name: "InvalidRequestError" });
  expect(mock.files().map((f) => f.id)).toEqual([up.id]);
});

it("a spec without an operation its profile names fails loudly, naming it", async () => {
  const doc = structuredClone(await SPECS.moonshot());
  for (const item of Object.values(doc.paths)) delete (item as Record<string, unknown>).delete;
  const fourth = { profile: { ...registry.moonshot.profile, name: "fourth" }, spec: async () => doc };
  await expect(startMock(fourth)).rejects.toThrow(/the fourth spec has no DELETE \/v1\/files\/\{file_id\} \(the profile's delete operation\)/);
});

it("an unknown provider is refused; stop() closes the port", async () => {
  await expect(startMock("nosuch" as never)).rejects.toThrow(new RegExp(`unknown provider "nosuch": use one of ${PROVIDERS.join(", ")}`));
  const m = await startMock("novita");
  await m.stop();
  const refused = await new Promise<boolean>((resolve) => {
    const s = connect(m.port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(false)));
    s.once("error", () => resolve(true));
  });
  expect(refused).toBe(true);
});
