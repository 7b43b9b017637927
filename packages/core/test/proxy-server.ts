// A small real proxy on loopback for the tests: forwards absolute-form http requests and
// tunnels CONNECT, counting what passed through it.
import { createServer, request, type Server } from "node:http";
import { connect, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface TestProxy {
  url: string;
  /** "GET http://127.0.0.1:1234/x" or "CONNECT host:port", in order. */
  seen: string[];
  /** Request body bytes forwarded to the target (plain http requests). */
  forwardedBytes: number;
  stop(): Promise<void>;
}

export async function startProxy(): Promise<TestProxy> {
  const sockets = new Set<Socket>();
  const proxy: TestProxy = { url: "", seen: [], forwardedBytes: 0, stop: async () => {} };
  const server: Server = createServer((req, res) => {
    proxy.seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url!);
    const out = request({ hostname: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    out.on("error", () => res.destroy());
    req.on("data", (chunk: Buffer) => (proxy.forwardedBytes += chunk.byteLength));
    req.pipe(out);
  });
  server.on("connect", (req, client: Socket) => {
    proxy.seen.push(`CONNECT ${req.url}`);
    const [host, port] = req.url!.split(":");
    const upstream = connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
    sockets.add(upstream);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.stop = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return proxy;
}
