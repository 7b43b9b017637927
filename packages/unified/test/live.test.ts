// Against the real providers: opt-in only (LLM_FILES_LIVE=1 and the provider's key in the
// environment). CI sets neither, so nothing here ever leaves the machine there.
import { tempFile } from "@llm-files/testing";
import { describe, expect, it } from "vitest";
import { registry } from "@llm-files/registry";
import { createFiles, PROVIDERS, type ProviderName } from "../src/index.js";

const SAMPLE: Record<ProviderName, { name: string; purpose?: string; text: string }> = {
  moonshot: { name: "llm-files-live.txt", purpose: "file-extract", text: "llm-files live test.\n" },
  novita: { name: "llm-files-live.jsonl", purpose: "batch", text: '{"custom_id":"r1","method":"POST","url":"/v1/chat/completions","body":{"model":"meta-llama/llama-3.1-8b-instruct","messages":[{"role":"user","content":"Hi"}]}}\n' },
  minimax: { name: "llm-files-live.txt", purpose: "t2a_async_input", text: "llm-files live test.\n" },
  openai: { name: "llm-files-live.txt", purpose: "user_data", text: "llm-files live test.\n" },
  mistral: { name: "llm-files-live.jsonl", purpose: "batch", text: '{"custom_id":"r1","body":{"max_tokens":10,"messages":[{"role":"user","content":"Hi"}]}}\n' },
  // Azure also needs AZURE_OPENAI_ENDPOINT (its resource's endpoint).
  azure: { name: "llm-files-live.jsonl", purpose: "batch", text: '{"custom_id":"r1","method":"POST","url":"/chat/completions","body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}}\n' },
  anthropic: { name: "llm-files-live.txt", text: "llm-files live test.\n" },
  gemini: { name: "llm-files-live.txt", text: "llm-files live test.\n" },
};

for (const provider of PROVIDERS) {
  const { profile } = registry[provider];
  const enabled = process.env.LLM_FILES_LIVE === "1" && Boolean(process.env[profile.env.apiKey]);
  describe.skipIf(!enabled)(`${provider} live`, () => {
    it("upload -> list -> retrieve -> content -> delete", async () => {
      const s = SAMPLE[provider];
      const file = await tempFile(s.text, s.name);
      const files = createFiles({ provider });
      const up = await files.upload({ file: file.path, purpose: s.purpose as never });
      try {
        expect(up.filename).toBe(s.name);
        expect((await files.list()).map((f) => f.id)).toContain(up.id);
        expect((await files.retrieve(up.id)).id).toBe(up.id);
        // Where uploads have content: Gemini has no download, Anthropic none for the files you upload.
        if (profile.operations.content && !profile.file.downloadable) expect((await (await files.content(up.id)).text()).length).toBeGreaterThan(0);
      } finally {
        expect(await files.delete(up.id, provider === "minimax" ? ({ purpose: s.purpose } as never) : undefined)).toEqual({ id: up.id, deleted: true });
        await file.cleanup();
      }
    }, 120_000);
  });
}
