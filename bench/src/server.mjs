// A loopback server that answers like every provider of the registry under /<provider>/...:
// the 200 bodies are the examples of each provider's OpenAPI document (the one its package
// vendors). Runs in its own process so it shares neither CPU budget nor heap with what is
// measured. Request bodies are drained and counted, never kept; the answer to a provider's
// upload (its profile's upload operation) reports the bytes that arrived in the file's
// `bytes` field (inside the profile's envelope, if any), so a run that sent less than the
// file fails in the parent. The key is looked for in the header the provider's profile names
// (or as a bearer, as Anthropic's SDK sends it). Where a provider's uploads are resumable
// (Gemini's), the upload route speaks Google's protocol: a start answers the session's URL,
// chunks are drained and counted, the finalizing one answers the file with its size. Prints its
// port on stdout.
import { createServer } from "node:http";
import { PROVIDERS, registry } from "@llm-files/registry";
import { specRoutes } from "./spec-examples.mjs";
import { providerAnswers } from "@llm-files/testing/providers";

const ROUTES = Object.fromEntries(await Promise.all(PROVIDERS.map(async (p) => [p, withFiles(p, specRoutes(await registry[p].spec()), await registry[p].spec())])));

/**
 * Where a spec's examples show no file with an id (Azure's are empty strings, Gemini's document
 * has no examples), the Files operations answer a file made from the profile's fields instead
 * (@llm-files/testing's providerAnswers), so every client reads a valid one.
 */
function withFiles(provider, routes, doc) {
  const { profile } = registry[provider];
  const answers = providerAnswers(profile, doc);
  if (answers.exampleId !== undefined) return routes;
  const file = answers.file({ id: answers.id(0), filename: "bench.bin", bytes: 10, purpose: profile.sample.purpose, createdAt: 1_719_186_911 });
  const body = { list: answers.list([file]), retrieve: answers.retrieve(file), upload: answers.upload(file) };
  return routes.map((r) => {
    const op = Object.entries(profile.operations).find(([, x]) => x && x.method.toUpperCase() === r.method && x.path === r.template)?.[0];
    return op && body[op] ? { ...r, body: answers.text(body[op]) } : r;
  });
}

/** The upload's answer with the bytes that arrived, where the provider's profile keeps a file's size. */
function withBytes(provider, body, bytes) {
  const { operations, file } = registry[provider].profile;
  const json = JSON.parse(body);
  const envelope = operations.upload?.envelope;
  const target = envelope ? (json[envelope] ??= {}) : json;
  // A spec with no example file (Gemini's) still answers a file with an id (a resource name where ids are).
  if (target[file.id] === undefined || target[file.id] === "") target[file.id] = `${operations.retrieve?.id.prefix ?? ""}file-bench`;
  // An int64 size is a decimal string in JSON (Gemini's sizeBytes).
  target[file.bytes] = typeof target[file.bytes] === "string" || file.omitsZeroValues ? String(bytes) : bytes;
  return JSON.stringify(json);
}
/** Whether `route` is the provider's single-request upload (its profile's upload operation). */
const isUpload = (provider, route) => {
  const up = registry[provider].profile.operations.upload;
  return Boolean(up) && route.method === up.method.toUpperCase() && route.template === up.path;
};

let partBytes = 0;
let parts = 0;
/** Resumable sessions: id -> bytes received. */
const sessions = new Map();
let nextSession = 0;

/** Whether the request carries a key where the provider takes one (its profile's header, or a bearer). */
function keyed(provider, req) {
  const auth = registry[provider].profile.auth ?? { header: "authorization", prefix: "Bearer " };
  const value = req.headers[auth.header.toLowerCase()];
  return (typeof value === "string" && value.startsWith(auth.prefix ?? "") && value.length > (auth.prefix ?? "").length) || /^Bearer \S/.test(req.headers.authorization ?? "");
}
const isResumable = (provider) => registry[provider].profile.operations.upload?.body.form === "resumable";

/** A completed Upload: the spec's example with its File, which holds the bytes of the parts (multipart framing included). */
function completed(body, bytes) {
  const json = JSON.parse(body);
  json.id ||= "upload_bench";
  json.status = "completed";
  json.file = { id: "file-bench", object: "file", created_at: 1719186911, filename: json.filename ?? "big.bin", purpose: json.purpose ?? "batch", ...(json.file ?? {}), bytes };
  return JSON.stringify(json);
}

const server = createServer((req, res) => {
  const slash = req.url.indexOf("/", 1);
  const provider = req.url.slice(1, slash);
  const routes = Object.hasOwn(ROUTES, provider) ? ROUTES[provider] : undefined;
  const path = req.url.slice(slash);
  const route = routes?.find((r) => r.method === req.method && r.path.test(path));
  if (!route || !keyed(provider, req)) {
    req.resume();
    res.writeHead(route ? 401 : 404, { "content-type": "application/json" }).end('{"error":{"message":"bench server: no such route or no key"}}');
    return;
  }
  const send = (body) => {
    res.writeHead(200, { "content-type": route.contentType, "content-length": Buffer.byteLength(body) });
    res.end(body);
  };
  if (req.method !== "POST") return send(route.body);
  let bytes = 0;
  req.on("data", (chunk) => (bytes += chunk.length));
  req.on("end", () => {
    if (isUpload(provider, route) && isResumable(provider)) {
      const command = String(req.headers["x-goog-upload-command"] ?? "").replace(/\s+/g, "");
      if (command === "start") {
        const id = String(++nextSession);
        sessions.set(id, 0);
        res.writeHead(200, { "x-goog-upload-url": `http://${req.headers.host}${req.url.split("?")[0]}?upload_id=${id}`, "x-goog-upload-status": "active", "content-length": 0 });
        return res.end();
      }
      const id = new URL(req.url, "http://x").searchParams.get("upload_id");
      const held = (sessions.get(id) ?? 0) + bytes;
      sessions.set(id, held);
      if (command === "upload") {
        res.writeHead(200, { "x-goog-upload-status": "active", "content-length": 0 });
        return res.end();
      }
      sessions.delete(id);
      const body = withBytes(provider, route.body, held);
      res.writeHead(200, { "content-type": "application/json", "x-goog-upload-status": "final", "content-length": Buffer.byteLength(body) });
      return res.end(body);
    }
    // OpenAI's Uploads API (that provider's own operations, for files above 512 MB): the parts' bytes since the last create are the completed file's
    // (runs are sequential, one upload at a time, and every example has the same upload id).
    // The examples' ids may be empty strings: an upload and its parts get ids a client can send back.
    if (route.operationId === "createUpload") {
      partBytes = 0;
      return send(JSON.stringify({ ...JSON.parse(route.body), id: "upload_bench" }));
    }
    if (route.operationId === "addUploadPart") {
      partBytes += bytes;
      return send(JSON.stringify({ ...JSON.parse(route.body), id: `part_${++parts}`, upload_id: "upload_bench" }));
    }
    if (route.operationId === "completeUpload") return send(completed(route.body, partBytes));
    send(isUpload(provider, route) ? withBytes(provider, route.body, bytes) : route.body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
