// The same job done each way being compared. variant(name, base) -> { upload(path, size), list(), retrieve(id) }.
// base is the bench server; each provider answers under base/<provider>.
// ROUTES (providers.mjs: the registry's first provider with OpenAI-shaped routes, so the
// openai SDK can do the job) is the provider for list, retrieve and uploads. llm-files refuses
// files over ROUTES' cap before sending them, so its uploads above that go to UNCAPPED (the
// first provider with no cap for its sample purpose); the openai SDK and plain fetch have no
// such check and post the same file to ROUTES. Purposes are the profiles' sample purposes.
import { createReadStream, openAsBlob } from "node:fs";
import { Agent, get } from "node:http";
import { basename } from "node:path";
import { loadClient, registry } from "@llm-files/registry";
import { ROUTES, ROUTES_CAP, UNCAPPED, exampleId, profileOf } from "./providers.mjs";

const KEY = "bench-key";
const MB = 1024 * 1024;
const ROUTES_PROFILE = profileOf(ROUTES);
/** ROUTES' Files endpoint on the bench server, as a plain client calls it. */
const filesUrl = (base) => `${base}/${ROUTES}${ROUTES_PROFILE.operations.list.path}`;

export const VARIANTS = [
  { name: "llm-files (provider package)", needs: [...new Set([ROUTES_PROFILE.package, profileOf(UNCAPPED).package])] },
  { name: "llm-files (facade)", needs: ["@llm-files/unified"] },
  { name: "openai SDK", needs: [] },
  { name: "plain fetch", needs: [] },
  // The floor: what node:http with a keep-alive agent costs, with nothing on top (list and retrieve only).
  { name: "node:http keep-alive loop", needs: [], jobs: ["list", "retrieve"] },
];
// Like for like on OpenAI's own routes (base <server>/openai), a comparison about that one
// provider (its package against its own SDK): llm-files' OpenAI provider and
// the openai SDK send the same requests. Above 512 MB llm-files goes through the Uploads API
// on its own; the openai SDK 7.57 has the raw Uploads endpoints only (no chunked helper), so
// its big-file row is the loop a user writes with them: create, parts.create of 64 MiB
// slices read with createReadStream(start, end), complete.
export const OPENAI_VARIANTS = [
  { name: "llm-files (@llm-files/openai)", needs: ["@llm-files/openai"] },
  { name: "openai SDK (OpenAI routes)", needs: [] },
];

// Side by side with each official SDK, on that provider's own routes (a comparison about each
// provider: its package against its own SDK): Azure OpenAI with the openai SDK's AzureOpenAI,
// Anthropic with @anthropic-ai/sdk (its beta Files API), Gemini with @google/genai (its
// resumable upload). Each pair sends the same requests to the same routes.
export const SDK_PAIRS = [
  { provider: "azure", ours: "llm-files (@llm-files/azure)", sdk: "openai SDK's AzureOpenAI", sdkPackage: "openai" },
  { provider: "anthropic", ours: "llm-files (@llm-files/anthropic)", sdk: "@anthropic-ai/sdk", sdkPackage: "@anthropic-ai/sdk" },
  { provider: "gemini", ours: "llm-files (@llm-files/gemini)", sdk: "@google/genai", sdkPackage: "@google/genai" },
];

/** The variants a figure measures: a variant without `jobs` takes part in every one. */
export const takingPart = (variants, job) => variants.filter((v) => !v.jobs || v.jobs.includes(job));
/** The id in ROUTES' spec example: what the server's retrieve answers. */
export const ID = await exampleId(ROUTES);

export async function variant(name, base) {
  switch (name) {
    case "llm-files (provider package)": {
      // Each provider package's own client (the registry loads the package), as its users create it.
      const m = (await loadClient(ROUTES))({ apiKey: KEY, baseUrl: `${base}/${ROUTES}` });
      const x = (await loadClient(UNCAPPED))({ apiKey: KEY, baseUrl: `${base}/${UNCAPPED}` });
      const bytes = (p, file) => file[profileOf(p).file.bytes];
      return {
        upload: async (path, size) =>
          size <= ROUTES_CAP
            ? bytes(ROUTES, await m.files.upload({ file: path, purpose: ROUTES_PROFILE.sample.purpose }))
            : bytes(UNCAPPED, await x.files.upload({ file: path, purpose: profileOf(UNCAPPED).sample.purpose })),
        list: () => m.files.list(),
        retrieve: (id) => m.files.retrieve(id),
      };
    }
    case "llm-files (facade)": {
      const { createFiles } = await import("@llm-files/unified");
      const m = createFiles({ provider: ROUTES, apiKey: KEY, baseUrl: `${base}/${ROUTES}` });
      const x = createFiles({ provider: UNCAPPED, apiKey: KEY, baseUrl: `${base}/${UNCAPPED}` });
      return {
        upload: async (path, size) => (size <= ROUTES_CAP ? await m.upload({ file: path, purpose: ROUTES_PROFILE.sample.purpose }) : await x.upload({ file: path, purpose: profileOf(UNCAPPED).sample.purpose })).bytes,
        list: () => m.list(),
        retrieve: (id) => m.retrieve(id),
      };
    }
    case "openai SDK": {
      const { default: OpenAI } = await import("openai");
      const client = new OpenAI({ apiKey: KEY, baseURL: `${base}/${ROUTES}${ROUTES_PROFILE.pathPrefix ?? ""}`, maxRetries: 2 });
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
    case "llm-files (@llm-files/azure)":
    case "llm-files (@llm-files/anthropic)":
    case "llm-files (@llm-files/gemini)": {
      const p = /@llm-files\/(\w+)/.exec(name)[1];
      const { profile } = registry[p];
      const c = (await loadClient(p))({ apiKey: KEY, baseUrl: `${base}/${p}` });
      return {
        upload: async (path) => Number((await c.files.upload({ file: path, ...(profile.sample.purpose ? { purpose: profile.sample.purpose } : {}) }))[profile.file.bytes]),
        // One page a call, as the SDKs' list() asks for (their auto-pagination fetches more only as it is iterated).
        list: async () => (await c.files.listPage())[profile.operations.list.items],
        retrieve: (id) => c.files.retrieve(id),
      };
    }
    case "openai SDK's AzureOpenAI": {
      const { AzureOpenAI } = await import("openai");
      const client = new AzureOpenAI({ apiKey: KEY, baseURL: `${base}/azure/openai/v1`, apiVersion: "v1", maxRetries: 2 });
      return {
        upload: async (path) => (await client.files.create({ file: createReadStream(path), purpose: "batch" })).bytes,
        list: async () => (await client.files.list()).data,
        retrieve: (id) => client.files.retrieve(id),
      };
    }
    case "@anthropic-ai/sdk": {
      const { default: Anthropic } = await import("@anthropic-ai/sdk");
      const client = new Anthropic({ apiKey: KEY, baseURL: `${base}/anthropic`, maxRetries: 2 });
      const betas = ["files-api-2025-04-14"];
      return {
        upload: async (path) => (await client.beta.files.upload({ file: createReadStream(path), betas })).size_bytes,
        list: async () => (await client.beta.files.list({ betas })).data,
        retrieve: (id) => client.beta.files.retrieveMetadata(id, { betas }),
      };
    }
    case "@google/genai": {
      const { GoogleGenAI } = await import("@google/genai");
      const ai = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: `${base}/gemini`, apiVersion: "v1beta" } });
      return {
        // Its uploader reads a path in 8 MiB chunks (Node), as its users call it.
        upload: async (path) => Number((await ai.files.upload({ file: path, config: { mimeType: "application/octet-stream" } })).sizeBytes),
        list: async () => (await ai.files.list({ config: { pageSize: 100 } })).page,
        retrieve: (id) => ai.files.get({ name: id }),
      };
    }
    case "plain fetch": {
      const headers = { authorization: `Bearer ${KEY}` };
      const url = filesUrl(base);
      const ok = async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return JSON.parse(await res.text());
      };
      return {
        upload: async (path) => {
          const form = new FormData();
          form.set("purpose", ROUTES_PROFILE.sample.purpose);
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
      const url = filesUrl(base);
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
