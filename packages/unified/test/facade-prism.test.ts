// Every facade operation for every provider, against Prism started from the real specs.
import { startPrism, tempFile, type Prism, type TempFile } from "@llm-files/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFiles, PROVIDERS, type FileInfo, type ProviderName } from "../src/index.js";

const SAMPLE: Record<ProviderName, { name: string; purpose: string; id: string; filename: string; content: RegExp }> = {
  moonshot: { name: "notes.txt", purpose: "file-extract", id: "clg681objj8g9m7n4je0", filename: "xlnet.pdf", content: /XLNet/ },
  novita: { name: "batch.jsonl", purpose: "batch", id: "file_8f2c1a", filename: "batch_input.jsonl", content: /custom_id/ },
  minimax: { name: "speech.txt", purpose: "t2a_async_input", id: "307374631411713", filename: "output.mp3", content: /ID3/ },
  // OpenAI's document has no example file objects: Prism answers from the schema ("string", 0).
  openai: { name: "batch.jsonl", purpose: "batch", id: "string", filename: "string", content: /string/ },
  mistral: { name: "batch.jsonl", purpose: "batch", id: "e85980c9-409e-4a46-9304-36588f6292b0", filename: "example.file.jsonl", content: /string/ },
};

function expectFileInfo(f: FileInfo, provider: ProviderName) {
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

for (const provider of PROVIDERS) {
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
