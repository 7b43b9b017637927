// The same job done each way being compared. Each returns { upload(path), list(), retrieve(id) }.
import { openAsBlob } from "node:fs";
import { createReadStream } from "node:fs";
import { basename } from "node:path";

export async function variant(name, base) {
  const key = "bench-key";
  switch (name) {
    case "llm-files (provider package)": {
      const { createMoonshotClient } = await import("@llm-files/moonshot");
      const { createMinimaxClient } = await import("@llm-files/minimax");
      const m = createMoonshotClient({ apiKey: key, baseUrl: base });
      const x = createMinimaxClient({ apiKey: key, baseUrl: base });
      return {
        // Moonshot takes files up to 100 MB; above that the MiniMax package uploads (no documented cap for t2a_async_input).
        upload: (path, size) => (size <= 100 * 1024 * 1024 ? m.files.upload({ file: path, purpose: "file-extract" }) : x.files.upload({ file: path, purpose: "t2a_async_input" })),
        list: () => m.files.list(),
        retrieve: (id) => m.files.retrieve(id),
      };
    }
    case "llm-files (facade)": {
      const { createFiles } = await import("@llm-files/unified");
      const m = createFiles({ provider: "moonshot", apiKey: key, baseUrl: base });
      const x = createFiles({ provider: "minimax", apiKey: key, baseUrl: base });
      return {
        upload: (path, size) => (size <= 100 * 1024 * 1024 ? m.upload({ file: path, purpose: "file-extract" }) : x.upload({ file: path, purpose: "t2a_async_input" })),
        list: () => m.list(),
        retrieve: (id) => m.retrieve(id),
      };
    }
    case "openai SDK": {
      const { default: OpenAI } = await import("openai");
      const client = new OpenAI({ apiKey: key, baseURL: `${base}/v1`, maxRetries: 2 });
      return {
        upload: (path) => client.files.create({ file: createReadStream(path), purpose: "batch" }),
        list: async () => (await client.files.list()).data,
        retrieve: (id) => client.files.retrieve(id),
      };
    }
    case "plain fetch": {
      const headers = { authorization: `Bearer ${key}` };
      return {
        upload: async (path) => {
          const form = new FormData();
          form.set("purpose", "file-extract");
          form.set("file", await openAsBlob(path), basename(path));
          return (await fetch(`${base}/v1/files`, { method: "POST", headers, body: form })).json();
        },
        list: async () => JSON.parse(await (await fetch(`${base}/v1/files`, { headers })).text()).data,
        retrieve: async (id) => JSON.parse(await (await fetch(`${base}/v1/files/${encodeURIComponent(id)}`, { headers })).text()),
      };
    }
    default:
      throw new Error(`unknown variant ${name}`);
  }
}

export const VARIANTS = ["llm-files (provider package)", "llm-files (facade)", "openai SDK", "plain fetch"];
