// The loopback provider the matrix runs against: one in-process server that answers like
// Moonshot, Novita, MiniMax, OpenAI and Mistral under /<provider>/..., with the shapes of the specs' own 200
// examples (bench/src/spec-examples.mjs), but keeping state, so each cell can fail for real:
// an upload is parsed as multipart (undici's own parser) and stored under the API key that
// sent it, with a fresh id (MiniMax's above 2^53, written digit for digit); list, retrieve,
// content and delete answer from that store, and an unknown id is a 404. Every answer carries
// CORS headers (the browser page is served from another port); a preflight allows only the
// headers a client needs (authorization, content-type), like a strict real API would.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { specRoutes } from "../../../bench/src/spec-examples.mjs";

const SPECS = join(resolve(dirname(fileURLToPath(import.meta.url)), "../../.."), "specs");
const example = (provider, operationId) => JSON.parse(specRoutes(SPECS, provider).find((r) => r.operationId === operationId).body);

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, DELETE",
  "access-control-allow-headers": "authorization, content-type",
  "access-control-max-age": "600",
};

// MiniMax ids are int64: start above Number.MAX_SAFE_INTEGER so a client that parses them
// as a plain number gets a different id back and the next call misses.
let nextBig = 9007199254740993n;
let nextId = 1;

/** JSON text with every MiniMax file_id written as a bare number, digit for digit. */
const bareIds = (value) => JSON.stringify(value).replace(/"file_id":"(\d+)"/g, '"file_id":$1');

// The operationIds of list, upload and delete: each document names them its own way.
const OPENAI_STYLE_OPS = ["listFiles", "uploadFile", "deleteFile"];
const OPS = { openai: ["listFiles", "createFile", "deleteFile"], mistral: ["files_api_routes_list_files", "files_api_routes_upload_file", "files_api_routes_delete_file"] };

function openAIStyle(provider, prefix) {
  const [list, file, deleted] = (OPS[provider] ?? OPENAI_STYLE_OPS).map((op) => example(provider, op));
  const object = (f) => ({ ...file, id: f.id, filename: f.filename, bytes: f.bytes, purpose: f.purpose, created_at: f.created });
  return {
    // Mistral's ids are uuids.
    id: () => (provider === "mistral" ? randomUUID() : `file-${provider}-${nextId++}`),
    route(method, path) {
      const m = new RegExp(`^${prefix}/files(?:/([^/?]+))?(/content)?$`).exec(path);
      if (!m) return undefined;
      const [, id, content] = m;
      if (method === "POST" && !id) return { op: "upload", answer: (f) => JSON.stringify(object(f)) };
      if (method === "GET" && !id) return { op: "list", answer: (all) => JSON.stringify({ ...list, data: all.map(object) }) };
      if (method === "GET" && content) return { op: "content", id };
      if (method === "GET") return { op: "retrieve", id, answer: (f) => JSON.stringify(object(f)) };
      if (method === "DELETE" && !content) return { op: "delete", id, answer: (f) => JSON.stringify({ ...deleted, id: f.id, deleted: true }) };
      return undefined;
    },
    missing: (id) => JSON.stringify({ error: { message: `No such file: ${id}`, type: "not_found_error" } }),
  };
}

function minimax() {
  const [list, upload, retrieved, deleted] = ["listFiles", "uploadFile", "retrieveFile", "deleteFile"].map((op) => example("minimax", op));
  const object = (f, extra) => ({ ...upload.file, ...extra, file_id: f.id, filename: f.filename, bytes: f.bytes, purpose: f.purpose, created_at: f.created });
  return {
    id: () => String(nextBig++),
    route(method, path, query, body) {
      if (method === "POST" && path === "/v1/files/upload") return { op: "upload", answer: (f) => bareIds({ ...upload, file: object(f) }) };
      if (method === "GET" && path === "/v1/files/list") {
        const purpose = query.get("purpose");
        return { op: "list", answer: (all) => bareIds({ ...list, files: all.filter((f) => f.purpose === purpose).map((f) => object(f)) }) };
      }
      if (method === "GET" && path === "/v1/files/retrieve") return { op: "retrieve", id: query.get("file_id"), answer: (f) => bareIds({ ...retrieved, file: object(f, { download_url: retrieved.file.download_url }) }) };
      if (method === "GET" && path === "/v1/files/retrieve_content") return { op: "content", id: query.get("file_id") };
      if (method === "POST" && path === "/v1/files/delete") {
        // The id must arrive as a bare JSON number with every digit.
        const id = /"file_id"\s*:\s*(\d+)/.exec(body ?? "")?.[1];
        return { op: "delete", id, answer: (f) => bareIds({ ...deleted, file_id: f.id }) };
      }
      return undefined;
    },
    missing: (id) => JSON.stringify({ base_resp: { status_code: 1004, status_msg: `file ${id} not found` } }),
  };
}

const PROVIDERS = { moonshot: openAIStyle("moonshot", "/v1"), novita: openAIStyle("novita", "/openai/v1"), minimax: minimax(), openai: openAIStyle("openai", "/v1"), mistral: openAIStyle("mistral", "/v1") };

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Starts the server on a free loopback port: { url, requests(), close() }. */
export async function startProviderServer() {
  const store = new Map(); // API key -> Map(id -> { id, filename, bytes, purpose, content, created })
  let count = 0;
  const server = createServer(async (req, res) => {
    count++;
    const send = (status, body, type = "application/json") => res.writeHead(status, { ...CORS, "content-type": type }).end(body);
    try {
      if (req.method === "OPTIONS") return void res.writeHead(204, CORS).end();
      const url = new URL(req.url, "http://x");
      const slash = url.pathname.indexOf("/", 1);
      const provider = PROVIDERS[url.pathname.slice(1, slash)];
      const body = await readBody(req);
      const route = provider?.route(req.method, url.pathname.slice(slash), url.searchParams, req.method === "POST" ? body.toString("utf8") : undefined);
      if (!route) return send(404, JSON.stringify({ error: { message: `no route ${req.method} ${url.pathname}` } }));
      const key = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (!key) return send(401, JSON.stringify({ error: { message: "no API key" } }));
      if (!store.has(key)) store.set(key, new Map());
      const files = store.get(key);
      if (route.op === "upload") {
        const form = await new Response(body, { headers: { "content-type": req.headers["content-type"] ?? "" } }).formData();
        const file = form.get("file");
        if (!(file instanceof Blob)) return send(400, JSON.stringify({ error: { message: "multipart body has no file part" } }));
        const content = Buffer.from(await file.arrayBuffer());
        const f = { id: provider.id(), filename: file.name, bytes: content.length, purpose: form.get("purpose"), content, created: Math.floor(Date.now() / 1000) };
        files.set(f.id, f);
        return send(200, route.answer(f));
      }
      if (route.op === "list") return send(200, route.answer([...files.values()]));
      const f = files.get(route.id);
      if (!f) return send(404, provider.missing(route.id));
      if (route.op === "content") return send(200, f.content, "application/octet-stream");
      if (route.op === "delete") files.delete(f.id);
      return send(200, route.answer(f));
    } catch (err) {
      if (!res.headersSent) send(500, JSON.stringify({ error: { message: `provider server: ${err.message}` } }));
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests: () => count,
    close() {
      const closed = new Promise((r) => server.close(r));
      server.closeAllConnections();
      return closed;
    },
  };
}
