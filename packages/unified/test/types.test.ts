// Types follow the provider; an operation an adapter lacks is an UnsupportedError at run time.
import { describe, expect, expectTypeOf, it } from "vitest";
import { createFiles, filesFromAdapter, UnsupportedError, type FileInfo } from "../src/index.js";

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
      createFiles({ provider: "anthropic" });
    };
    void never;
  });

  it("an operation the adapter lacks rejects with UnsupportedError, sending nothing", async () => {
    const files = filesFromAdapter("moonshot", () => ({ list: async () => [] }), {});
    expect(await files.list()).toEqual([]);
    await expect(files.content("x")).rejects.toBeInstanceOf(UnsupportedError);
    await expect(files.content("x")).rejects.toMatchObject({ provider: "moonshot", message: "moonshot has no content operation" });
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
