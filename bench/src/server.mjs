// A loopback server that answers like every provider of the registry under /<provider>/...:
// the 200 bodies are the examples of each provider's OpenAPI document (the one its package
// vendors). Runs in its own process so it shares neither CPU budget nor heap with what is
// measured. Request bodies are drained and counted, never kept; the answer to a provider's
// upload (its profile's upload operation) reports the bytes that arrived in the file's
// `bytes` field (inside the profile's envelope, if any), so a run that sent less than the
// file fails in the parent. Prints its port on stdout.
import { createServer } from "node:http";
import { PROVIDERS, registry } from "@llm-files/registry";
import { specRoutes } from "./spec-examples.mjs";

const ROUTES = Object.fromEntries(await Promise.all(PROVIDERS.map(async (p) => [p, specRoutes(await registry[p].spec())])));

/** The upload's answer with the bytes that arrived, where the provider's profile keeps a file's size. */
function withBytes(provider, body, bytes) {
  const { operations, file } = registry[provider].profile;
  const json = JSON.parse(body);
  const envelope = operations.upload?.envelope;
  const target = envelope ? (json[envelope] ??= {}) : json;
  target[file.bytes] = bytes;
  return JSON.stringify(json);
}
/** Whether `route` is the provider's single-request upload (its profile's upload operation). */
const isUpload = (provider, route) => {
  const up = registry[provider].profile.operations.upload;
  return Boolean(up) && route.method === up.method.toUpperCase() && route.template === up.path;
};

let partBytes = 0;
let parts = 0;

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
  if (!route || !/^Bearer \S/.test(req.headers.authorization ?? "")) {
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
