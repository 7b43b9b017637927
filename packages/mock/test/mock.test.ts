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

/** The purpose each provider's uploads take here: its profile's sample's (none where files have no purpose). */
const PURPOSE = Object.fromEntries(PROVIDERS.map((p) => [p, registry[p].profile.sample.purpose])) as Record<(typeof PROVIDERS)[number], string | undefined>;
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
  const { profile } = registry[provider];
  it("upload → list → retrieve → content → delete, through the facade", async () => {
    mock = await startMock(provider);
    const seeded = mock.files().map((f) => f.id);
    expect(seeded.length).toBeGreaterThan(0);
    const files = createFiles({ provider: provider as ProviderName, apiKey: "test-key", baseUrl: mock.url });
    const up = await files.upload({ file: file.path, ...(PURPOSE[provider] ? { purpose: PURPOSE[provider] } : {}) } as never);
    expect(up).toMatchObject({ provider, filename: "requests.jsonl", bytes: (await readFile(file.path)).length, purpose: PURPOSE[provider] });
    expect(seeded).not.toContain(up.id);

    const listed = await files.list();
    expect(listed.map((f) => f.id).sort()).toEqual([...seeded, up.id].sort());
    expect(await files.retrieve(up.id)).toMatchObject({ id: up.id, filename: "requests.jsonl" });
    // Content where the provider has it (Gemini's uploads cannot be downloaded); where a file's
    // metadata says whether it can be (Anthropic's downloadable), an upload's cannot, until it says so.
    if (profile.operations.content) {
      const downloadable = profile.file.downloadable;
      if (downloadable) {
        await expect(files.content(up)).rejects.toMatchObject({ name: "UnsupportedError" });
        await expect(files.content(up.id)).rejects.toMatchObject({ name: "UnsupportedError", cause: { status: 400 } });
        mock.editFile(up.id, { [downloadable]: true });
      }
      const body = new Uint8Array(await (await files.content(up.id)).arrayBuffer());
      expect(Buffer.from(body).equals(await readFile(file.path))).toBe(true);
    } else expect(Buffer.from(mock.files().find((f) => f.id === up.id)!.content).equals(await readFile(file.path))).toBe(true);

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

  it("a request without a key (in the profile's header) is refused as the spec documents it", async () => {
    mock = await startMock(provider, { seed: false });
    const path = profile.operations.list!.path;
    const res = await fetch(`${mock.url}${path}${provider === "minimax" ? "?purpose=t2a_async_input" : ""}`, { headers: profile.headers });
    const body = (await res.json()) as Record<string, any>;
    if (provider === "minimax") {
      expect(res.status).toBe(200);
      expect(body.base_resp.status_code).toBe(1004);
    } else {
      expect(res.status).toBe(401);
      // The header the key goes in: Authorization, api-key, x-api-key, x-goog-api-key.
      expect(JSON.stringify(body).toLowerCase()).toContain((profile.auth?.header ?? "Authorization").toLowerCase());
    }
  });

  // Where files have a purpose (the profile's upload purposes) and the upload is a form.
  it.runIf(profile.purposes.upload.length > 0 && profile.operations.upload?.body.form === "multipart")("an upload with a purpose the spec does not list is refused, naming the field", async () => {
    mock = await startMock(provider, { seed: false });
    const form = new FormData();
    form.append("purpose", "not-a-purpose");
    form.append("file", new Blob(["x"]), "x.txt");
    const path = profile.operations.upload!.path;
    const auth = profile.auth ?? { header: "authorization", prefix: "Bearer " };
    const res = await fetch(`${mock.url}${path}`, { method: "POST", body: form, headers: { [auth.header]: `${auth.prefix ?? ""}k`, ...profile.headers } });
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
