// A loopback server that answers like each provider under /<provider>/...: the 200 bodies
// are the examples of specs/<provider>/openapi.yaml (the seeds' bodies). Runs in its own
// process so it shares neither CPU budget nor heap with what is measured. Request bodies
// are drained and counted, never kept; an upload's answer reports the bytes that arrived
// in its `bytes` field, so a run that sent less than the file fails in the parent.
// Prints its port on stdout.
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { specRoutes } from "./spec-examples.mjs";

const SPECS = join(resolve(dirname(fileURLToPath(import.meta.url)), "../.."), "specs");
const PROVIDERS = ["moonshot", "novita", "minimax", "openai"].filter((p) => existsSync(join(SPECS, p, "openapi.yaml")));
// Single-request uploads, by operationId: their answer reports the bytes that arrived.
const UPLOADS = new Set(["uploadFile", "createFile"]);
const ROUTES = Object.fromEntries(PROVIDERS.map((p) => [p, specRoutes(SPECS, p)]));

function withBytes(body, bytes) {
  const json = JSON.parse(body);
  if (json.file && typeof json.file === "object") json.file.bytes = bytes;
  else json.bytes = bytes;
  return JSON.stringify(json);
}

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
  const routes = ROUTES[req.url.slice(1, slash)];
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
    // OpenAI's Uploads API: the parts' bytes since the last create are the completed file's
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
    send(UPLOADS.has(route.operationId) ? withBytes(route.body, bytes) : route.body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
