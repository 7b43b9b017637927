// Every facade operation for every provider, against Prism started from the real specs (or, for
// the providers Prism cannot walk, on loopback servers that speak them: facade-loopback.test.ts).
import { startPrism, tempFile, type Prism, type TempFile } from "@llm-files/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFiles, PROVIDERS, TimeoutError, type FileInfo, type ProviderName } from "../src/index.js";
import { LOOPBACK_PROVIDERS } from "./loopback-providers.js";

type OnPrism = Exclude<ProviderName, (typeof LOOPBACK_PROVIDERS)[number]>;
const SAMPLE: Record<OnPrism, { name: string; purpose: string; id: string; filename: string; content: RegExp }> = {
  moonshot: { name: "notes.txt", purpose: "file-extract", id: "clg681objj8g9m7n4je0", filename: "xlnet.pdf", content: /XLNet/ },
  novita: { name: "batch.jsonl", purpose: "batch", id: "file_8f2c1a", filename: "batch_input.jsonl", content: /custom_id/ },
  minimax: { name: "speech.txt", purpose: "t2a_async_input", id: "307374631411713", filename: "output.mp3", content: /ID3/ },
  // OpenAI's file example (override openai-file-example); its download has no example: "string".
  openai: { name: "batch.jsonl", purpose: "batch", id: "file-abc123", filename: "salesOverview.pdf", content: /string/ },
  mistral: { name: "batch.jsonl", purpose: "batch", id: "e85980c9-409e-4a46-9304-36588f6292b0", filename: "example.file.jsonl", content: /string/ },
};

function expectFileInfo(f: FileInfo, provider: OnPrism) {
  expect(f.provider).toBe(provider);
  expect(typeof f.id).toBe("string");
  expect(f.id.length).toBeGreaterThan(0);
  expect(typeof f.filename).toBe("string");
  // Mistral's own examples answer bytes: null (override mistral-bytes-nullable).
  if (provider === "mistral") expect(f.bytes).toBeNull();
  else expect(Number.isSafeInteger(f.bytes)).toBe(true);
  expect(f.createdAt).toBeInstanceOf(Date);
  expect(Number.isNaN(f.createdAt.getTime())).toBe(false);
  expect(typeof f.purpose).toBe("string");
  expect(f.raw).toBeTypeOf("object");
}

it("every provider of the registry is walked through the facade: here on Prism, or on a loopback server", () => {
  expect([...Object.keys(SAMPLE), ...LOOPBACK_PROVIDERS].sort()).toEqual([...PROVIDERS].sort());
});

for (const provider of PROVIDERS.filter((p): p is OnPrism => p in SAMPLE)) {
  describe(`${provider} through the facade`, () => {
    let prism: Prism;
    let file: TempFile;
    const s = SAMPLE[provider];
    const files = () => createFiles({ provider, apiKey: "test-key", baseUrl: prism.url } as any);
    beforeAll(async () => {
      prism = await startPrism({ provider, errors: true });
      file = await tempFile("some content\n", s.name);
    }, 60_000);
    afterAll(async () => {
      await prism?.stop();
      await file?.cleanup();
    });

    it("upload", async () => {
      let progress = 0;
      const f = await files().upload({ file: file.path, purpose: s.purpose as never, onProgress: (p) => (progress = p.loaded) });
      expectFileInfo(f, provider);
      expect(f.id).toBe(s.id);
      expect(progress).toBe(13);
    });

    it("list", async () => {
      const list = await files().list();
      expect(list.length).toBeGreaterThan(0);
      for (const f of list) expectFileInfo(f, provider);
      expect(list.map((f) => f.id)).toContain(s.id);
    });

    it("retrieve", async () => {
      const f = await files().retrieve(s.id);
      expectFileInfo(f, provider);
      expect(f).toMatchObject({ id: s.id, filename: s.filename });
      if (provider === "moonshot") expect(f.status).toBe("ok");
      if (provider === "minimax") expect(f.downloadUrl).toMatch(/^https:\/\//);
      if (provider === "novita") expect(f.createdAt.toISOString()).toBe("2025-01-01T00:00:00.000Z");
    });

    it("iterate and waitUntilReady", async () => {
      const ids: string[] = [];
      for await (const f of files().iterate()) ids.push(f.id);
      expect(ids).toEqual((await files().list()).map((f) => f.id));
      // Prism answers the same file every time: the wait's outcome follows its state.
      const seen = await files().retrieve(s.id);
      if (provider === "moonshot") expect(seen.state).toBe("ready"); // the example's status "ok"
      if (seen.status !== undefined && seen.state !== "ready" && seen.state !== "failed") {
        // Still processing (or a status nobody documents) on every poll: the wait times out.
        const err = await files().waitUntilReady(s.id, { intervalMs: 10, timeoutMs: 2_000 }).catch((e) => e);
        expect(err).toBeInstanceOf(TimeoutError);
        return;
      }
      // Ready, or no status at all (Novita, MiniMax, Mistral; OpenAI's example has none): one retrieve.
      const f = await files().waitUntilReady(s.id, { intervalMs: 10 });
      expect(f).toMatchObject({ id: s.id });
      expect(f.state).toBe(seen.state);
    });

    it("content", async () => {
      const res = await files().content(s.id);
      expect(res).toBeInstanceOf(Response);
      expect(await res.text()).toMatch(s.content);
    });

    it("delete", async () => {
      // MiniMax: the purpose is looked up with retrieve when not given.
      expect(await files().delete(s.id)).toEqual({ id: s.id, deleted: true });
    });
  });
}
