// A loopback server that answers like each provider under /<provider>/...: the 200 bodies
// are the examples of specs/<provider>/openapi.yaml (the seeds' bodies). Runs in its own
// process so it shares neither CPU budget nor heap with what is measured. Request bodies
// are drained and counted, never kept; an upload's answer reports the bytes that arrived
// in its `bytes` field, so a run that sent less than the file fails in the parent.
// Prints its port on stdout.
import { createServer } from "node:http";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { specRoutes } from "./spec-examples.mjs";

const SPECS = join(resolve(dirname(fileURLToPath(import.meta.url)), "../.."), "specs");
const PROVIDERS = ["moonshot", "novita", "minimax"];
const ROUTES = Object.fromEntries(PROVIDERS.map((p) => [p, specRoutes(SPECS, p)]));

function withBytes(body, bytes) {
  const json = JSON.parse(body);
  if (json.file && typeof json.file === "object") json.file.bytes = bytes;
  else json.bytes = bytes;
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
  req.on("end", () => send(route.operationId === "uploadFile" ? withBytes(route.body, bytes) : route.body));
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
