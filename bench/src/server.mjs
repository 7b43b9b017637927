// A loopback server that answers like the providers (the specs' example bodies). Runs in
// its own process so it does not share a CPU budget or heap with what is measured.
// Uploads are drained, never kept. Prints its port on stdout.
import { createServer } from "node:http";

const FILE = { id: "clg681objj8g9m7n4je0", object: "file", bytes: 761790, created_at: 1700815879, filename: "xlnet.pdf", purpose: "file-extract", status: "ok", status_details: "" };
const LIST = JSON.stringify({ object: "list", data: [FILE, { ...FILE, id: "clg681objj8g9m7n4je1" }, { ...FILE, id: "clg681objj8g9m7n4je2" }] });
const ONE = JSON.stringify(FILE);

const server = createServer((req, res) => {
  const send = (body) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  };
  if (req.method === "POST") {
    let bytes = 0;
    req.on("data", (c) => (bytes += c.length));
    req.on("end", () => {
      if (req.url.startsWith("/v1/files/upload")) {
        send(JSON.stringify({ file: { file_id: 307374631411713, bytes, created_at: 1700469398, filename: "big.bin", purpose: "t2a_async_input" }, base_resp: { status_code: 0, status_msg: "success" } }));
      } else send(JSON.stringify({ ...FILE, bytes }));
    });
    return;
  }
  if (req.url === "/v1/files") return send(LIST);
  if (req.url.startsWith("/v1/files/")) return send(ONE);
  res.writeHead(404).end();
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
