// The same job done each way being compared. variant(name, base) -> { upload(path, size), list(), retrieve(id) }.
// base is the bench server; each provider answers under base/<provider>.
// Moonshot is the provider for list and retrieve (OpenAI-compatible, so the openai SDK can do
// the job). Moonshot refuses files over 100 MB before sending them, so llm-files uploads
// above that go to MiniMax (no documented cap for t2a_async_input); the openai SDK and
// plain fetch have no such check and post the same file to the Moonshot route.
import { createReadStream, openAsBlob } from "node:fs";
import { Agent, get } from "node:http";
import { basename } from "node:path";

const KEY = "bench-key";
const MB = 1024 * 1024;

export const VARIANTS = [
  { name: "llm-files (provider package)", needs: ["@llm-files/moonshot", "@llm-files/minimax"] },
  { name: "llm-files (facade)", needs: ["@llm-files/unified"] },
  { name: "openai SDK", needs: [] },
  { name: "plain fetch", needs: [] },
  // The floor: what node:http with a keep-alive agent costs, with nothing on top (list and retrieve only).
  { name: "node:http keep-alive loop", needs: [], jobs: ["list", "retrieve"] },
];
// Like for like on OpenAI's own routes (base <server>/openai): llm-files' OpenAI provider and
// the openai SDK send the same requests. Above 512 MB llm-files goes through the Uploads API
// on its own; the openai SDK 7.57 has the raw Uploads endpoints only (no chunked helper), so
// its big-file row is the loop a user writes with them: create, parts.create of 64 MiB
// slices read with createReadStream(start, end), complete.
export const OPENAI_VARIANTS = [
  { name: "llm-files (@llm-files/openai)", needs: ["@llm-files/openai"] },
  { name: "openai SDK (OpenAI routes)", needs: [] },
];

/** The variants a figure measures: a variant without `jobs` takes part in every one. */
export const takingPart = (variants, job) => variants.filter((v) => !v.jobs || v.jobs.includes(job));
export const ID = "clg681objj8g9m7n4je0"; // the Moonshot spec example's id

export async function variant(name, base) {
  switch (name) {
    case "llm-files (provider package)": {
      const { createMoonshotClient } = await import("@llm-files/moonshot");
      const { createMinimaxClient } = await import("@llm-files/minimax");
      const m = createMoonshotClient({ apiKey: KEY, baseUrl: `${base}/moonshot` });
      const x = createMinimaxClient({ apiKey: KEY, baseUrl: `${base}/minimax` });
      return {
        upload: async (path, size) => (size <= 100 * MB ? await m.files.upload({ file: path, purpose: "file-extract" }) : await x.files.upload({ file: path, purpose: "t2a_async_input" })).bytes,
        list: () => m.files.list(),
        retrieve: (id) => m.files.retrieve(id),
      };
    }
    case "llm-files (facade)": {
      const { createFiles } = await import("@llm-files/unified");
      const m = createFiles({ provider: "moonshot", apiKey: KEY, baseUrl: `${base}/moonshot` });
      const x = createFiles({ provider: "minimax", apiKey: KEY, baseUrl: `${base}/minimax` });
      return {
        upload: async (path, size) => (size <= 100 * MB ? await m.upload({ file: path, purpose: "file-extract" }) : await x.upload({ file: path, purpose: "t2a_async_input" })).bytes,
        list: () => m.list(),
        retrieve: (id) => m.retrieve(id),
      };
    }
    case "openai SDK": {
      const { default: OpenAI } = await import("openai");
      const client = new OpenAI({ apiKey: KEY, baseURL: `${base}/moonshot/v1`, maxRetries: 2 });
      return {
        upload: async (path) => (await client.files.create({ file: createReadStream(path), purpose: "batch" })).bytes,
        list: async () => (await client.files.list()).data,
        retrieve: (id) => client.files.retrieve(id),
      };
    }
    case "llm-files (@llm-files/openai)": {
      const { createOpenAIClient } = await import("@llm-files/openai");
      const o = createOpenAIClient({ apiKey: KEY, baseUrl: `${base}/openai` });
      return {
        upload: async (path) => (await o.files.upload({ file: path, purpose: "batch" })).bytes,
        list: () => o.files.list(),
        retrieve: (id) => o.files.retrieve(id),
      };
    }
    case "openai SDK (OpenAI routes)": {
      const { default: OpenAI } = await import("openai");
      const client = new OpenAI({ apiKey: KEY, baseURL: `${base}/openai/v1`, maxRetries: 2 });
      const PART = 64 * MB;
      return {
        upload: async (path, size) => {
          if (size <= 512 * MB) return (await client.files.create({ file: createReadStream(path), purpose: "batch" })).bytes;
          const up = await client.uploads.create({ bytes: size, filename: basename(path), mime_type: "application/octet-stream", purpose: "batch" });
          const ids = [];
          for (let start = 0; start < size; start += PART) {
            ids.push((await client.uploads.parts.create(up.id, { data: createReadStream(path, { start, end: Math.min(size, start + PART) - 1 }) })).id);
          }
          return (await client.uploads.complete(up.id, { part_ids: ids })).file.bytes;
        },
        list: async () => (await client.files.list()).data,
        retrieve: (id) => client.files.retrieve(id),
      };
    }
    case "plain fetch": {
      const headers = { authorization: `Bearer ${KEY}` };
      const url = `${base}/moonshot/v1/files`;
      const ok = async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return JSON.parse(await res.text());
      };
      return {
        upload: async (path) => {
          const form = new FormData();
          form.set("purpose", "file-extract");
          form.set("file", await openAsBlob(path), basename(path));
          return (await ok(await fetch(url, { method: "POST", headers, body: form }))).bytes;
        },
        list: async () => (await ok(await fetch(url, { headers }))).data,
        retrieve: async (id) => ok(await fetch(`${url}/${encodeURIComponent(id)}`, { headers })),
      };
    }
    case "node:http keep-alive loop": {
      const agent = new Agent({ keepAlive: true });
      const headers = { authorization: `Bearer ${KEY}` };
      const url = `${base}/moonshot/v1/files`;
      const getJson = (target) =>
        new Promise((resolve, reject) => {
          get(target, { agent, headers }, (res) => {
            const chunks = [];
            res.on("data", (c) => chunks.push(c));
            res.on("end", () => (res.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))) : reject(new Error(`HTTP ${res.statusCode}`))));
            res.on("error", reject);
          }).on("error", reject);
        });
      return {
        upload: () => {
          throw new Error("the node:http loop is a floor for list and retrieve only");
        },
        list: async () => (await getJson(url)).data,
        retrieve: (id) => getJson(`${url}/${encodeURIComponent(id)}`),
      };
    }
    default:
      throw new Error(`unknown variant ${name}`);
  }
}
