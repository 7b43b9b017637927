// Types follow the provider; an operation a provider's profile lacks is an UnsupportedError at run time.
import { json, startServer } from "@llm-files/testing";
import { registry } from "@llm-files/registry";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createFiles, filesFromProvider, UnsupportedError, type FileInfo, type FileState, type UploadParams } from "../src/index.js";
import { profileLike, testProvider } from "./test-provider.js";

describe("types follow the provider", () => {
  it("purposes are the provider's own", () => {
    const minimax = createFiles({ provider: "minimax", apiKey: "k" });
    const moonshot = createFiles({ provider: "moonshot", apiKey: "k" });
    expectTypeOf(minimax.upload).parameter(0).toHaveProperty("purpose").toEqualTypeOf<"voice_clone" | "prompt_audio" | "t2a_async_input" | "video_understanding">();
    expectTypeOf(moonshot.upload).parameter(0).toHaveProperty("purpose").toEqualTypeOf<"file-extract" | "image" | "video" | "batch">();
    expectTypeOf(minimax.list).returns.resolves.toEqualTypeOf<FileInfo<"minimax">[]>();
    const openai = createFiles({ provider: "openai", apiKey: "k" });
    const mistral = createFiles({ provider: "mistral", apiKey: "k" });
    expectTypeOf(openai.upload).parameter(0).toHaveProperty("purpose").toEqualTypeOf<"assistants" | "batch" | "fine-tune" | "vision" | "user_data" | "evals">();
    expectTypeOf(mistral.upload).parameter(0).toHaveProperty("purpose").toEqualTypeOf<"fine-tune" | "batch" | "ocr" | "audio">();
    // Mistral may not know a file's size (it answers bytes: null); the others always do.
    expectTypeOf<FileInfo<"mistral">["bytes"]>().toEqualTypeOf<number | null>();
    expectTypeOf<FileInfo<"openai">["bytes"]>().toEqualTypeOf<number>();
    // Compile-time checks (run by `tsc --noEmit` in the typecheck task):
    const never = () => {
      // @ts-expect-error a Moonshot purpose is not a MiniMax purpose
      void minimax.upload({ file: "a.mp3", purpose: "file-extract" });
      // @ts-expect-error Moonshot's delete takes no purpose
      void moonshot.delete("id", { purpose: "file-extract" });
      void minimax.delete("1", { purpose: "video_generation" });
      // @ts-expect-error an OpenAI purpose is not a Mistral purpose
      void mistral.upload({ file: "a.pdf", purpose: "assistants" });
      // @ts-expect-error not a MiniMax delete purpose
      void minimax.delete("1", { purpose: "batch" });
      // @ts-expect-error no such provider
      createFiles({ provider: "cohere" });
    };
    void never;
  });

  it("states and expiry follow the provider", () => {
    const moonshot = createFiles({ provider: "moonshot", apiKey: "k" });
    const novita = createFiles({ provider: "novita", apiKey: "k" });
    // Moonshot reports a status: its files have a state. Novita and MiniMax report none: always undefined.
    expectTypeOf<FileInfo<"moonshot">["state"]>().toEqualTypeOf<FileState | undefined>();
    expectTypeOf<FileInfo<"novita">["state"]>().toEqualTypeOf<undefined>();
    expectTypeOf<FileInfo<"minimax">["state"]>().toEqualTypeOf<undefined>();
    expectTypeOf<FileInfo["state"]>().toEqualTypeOf<FileState | undefined>();
    // OpenAI reports a status; Mistral does not.
    expectTypeOf<FileInfo<"openai">["state"]>().toEqualTypeOf<FileState | undefined>();
    expectTypeOf<FileInfo<"mistral">["state"]>().toEqualTypeOf<undefined>();
    // OpenAI and Mistral offer expiry: a number of seconds.
    expectTypeOf<UploadParams<"openai">["expiresAfterSeconds"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<UploadParams<"mistral">["expiresAfterSeconds"]>().toEqualTypeOf<number | undefined>();
    const openai = createFiles({ provider: "openai", apiKey: "k" });
    void (() => openai.upload({ file: "a.jsonl", purpose: "batch", expiresAfterSeconds: 3600 }));
    // Moonshot, Novita and MiniMax offer no expiry: the parameter is never.
    expectTypeOf<UploadParams<"moonshot">["expiresAfterSeconds"]>().toEqualTypeOf<undefined>();
    expectTypeOf<UploadParams<"minimax">["expiresAfterSeconds"]>().toEqualTypeOf<undefined>();
    expectTypeOf(novita.iterate).returns.toEqualTypeOf<AsyncIterable<FileInfo<"novita">>>();
    expectTypeOf(novita.waitUntilReady).returns.resolves.toEqualTypeOf<FileInfo<"novita">>();
    const never = async () => {
      // @ts-expect-error Moonshot keeps files until deleted: no expiry
      void moonshot.upload({ file: "a.pdf", purpose: "file-extract", expiresAfterSeconds: 3600 });
      // @ts-expect-error Novita's states are never
      const s: FileInfo<"novita">["state"] = "ready";
      void s;
      const m = await moonshot.retrieve("x");
      if (m.state === "ready" || m.state === "processing" || m.state === "failed") void m;
      // @ts-expect-error not a state
      if (m.state === "ok") void m;
      // @ts-expect-error waitUntilReady takes { timeoutMs, intervalMs, signal }
      void moonshot.waitUntilReady("x", { interval: 5 });
    };
    void never;
  });

  it("an operation the profile lacks rejects with UnsupportedError, sending nothing", async () => {
    // Moonshot's profile with its list only, against a server with no files.
    const server = await startServer((_req, res) => json(res, 200, { object: "list", data: [] }));
    try {
      const onlyList = profileLike("moonshot", { operations: { list: registry.moonshot.profile.operations.list } });
      const files = filesFromProvider<"moonshot">(testProvider(onlyList), { apiKey: "k", baseUrl: server.url, maxRetries: 0 });
      expect(await files.list()).toEqual([]);
      const sent = server.requests.length;
      await expect(files.content("x")).rejects.toBeInstanceOf(UnsupportedError);
      await expect(files.content("x")).rejects.toMatchObject({ provider: "moonshot", message: "moonshot has no content operation" });
      expect(server.requests.length).toBe(sent);
    } finally {
      await server.stop();
    }
  });
});

describe("Azure OpenAI, Anthropic and Gemini: what each has and lacks", () => {
  it("purposes, states, expiry, content and upload options follow each profile", () => {
    // Azure OpenAI: purposes, states, expiry (a number of seconds), content.
    expectTypeOf<UploadParams<"azure">["purpose"]>().toEqualTypeOf<"assistants" | "batch" | "fine-tune" | "evals">();
    expectTypeOf<UploadParams<"azure">["expiresAfterSeconds"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<FileInfo<"azure">["state"]>().toEqualTypeOf<FileState | undefined>();
    expectTypeOf<FileInfo<"azure">["bytes"]>().toEqualTypeOf<number | null>();
    // Anthropic: no purpose, no state, no expiry; content (of downloadable files).
    expectTypeOf<FileInfo<"anthropic">["purpose"]>().toEqualTypeOf<undefined>();
    expectTypeOf<FileInfo<"anthropic">["state"]>().toEqualTypeOf<undefined>();
    expectTypeOf<UploadParams<"anthropic">["expiresAfterSeconds"]>().toEqualTypeOf<undefined>();
    // Gemini: no purpose, states, no expiry to set, no content; uploads take a chunk size.
    expectTypeOf<FileInfo<"gemini">["purpose"]>().toEqualTypeOf<undefined>();
    expectTypeOf<FileInfo<"gemini">["state"]>().toEqualTypeOf<FileState | undefined>();
    expectTypeOf<UploadParams<"gemini">["expiresAfterSeconds"]>().toEqualTypeOf<undefined>();
    const gemini = createFiles({ provider: "gemini", apiKey: "k" });
    const anthropic = createFiles({ provider: "anthropic", apiKey: "k" });
    const azure = createFiles({ provider: "azure", apiKey: "k", resource: "r" });
    expectTypeOf(gemini.upload).parameter(0).toHaveProperty("chunkSizeBytes").toEqualTypeOf<number | undefined>();
    expectTypeOf(anthropic.content).returns.resolves.toEqualTypeOf<Response>();
    expectTypeOf(azure.content).returns.resolves.toEqualTypeOf<Response>();
    const never = () => {
      void gemini.upload({ file: "a.mp4" });
      void anthropic.upload({ file: "a.pdf" });
      void azure.upload({ file: "a.jsonl", purpose: "batch", expiresAfterSeconds: 14 * 86_400 });
      // @ts-expect-error Gemini's uploads cannot be downloaded: no content operation
      void gemini.content("files/abc");
      // @ts-expect-error Anthropic's files have no purpose
      void anthropic.upload({ file: "a.pdf", purpose: "batch" });
      // @ts-expect-error Gemini's files have no purpose
      void gemini.list({ purpose: "batch" });
      // @ts-expect-error Azure's uploads need their purpose
      void azure.upload({ file: "a.jsonl" });
      // @ts-expect-error Anthropic offers no expiry
      void anthropic.upload({ file: "a.pdf", expiresAfterSeconds: 3600 });
      // @ts-expect-error Gemini uploads in chunks, not parts
      void gemini.upload({ file: "a.mp4", partSizeBytes: 1024 });
    };
    void never;
  });
});

describe("uploads in parts are OpenAI's", () => {
  it("multipartThresholdBytes / partSizeBytes / partConcurrency are typed for openai only", () => {
    const openai = createFiles({ provider: "openai", apiKey: "k" });
    const moonshot = createFiles({ provider: "moonshot", apiKey: "k" });
    expectTypeOf(openai.upload).parameter(0).toHaveProperty("partSizeBytes").toEqualTypeOf<number | undefined>();
    expectTypeOf(openai.upload).parameter(0).toHaveProperty("multipartThresholdBytes").toEqualTypeOf<number | undefined>();
    const never = () => {
      void openai.upload({ file: "big.jsonl", purpose: "batch", multipartThresholdBytes: 0, partSizeBytes: 8 * 1024 * 1024, partConcurrency: 3 });
      // @ts-expect-error Moonshot has no uploads in parts
      void moonshot.upload({ file: "a.pdf", purpose: "file-extract", partSizeBytes: 1024 });
    };
    void never;
  });
});
