// Proxies on the Node transport: the environment's (HTTP_PROXY / HTTPS_PROXY / NO_PROXY) and the
// explicit option, for JSON calls and streamed uploads, through a real loopback proxy.
import { json, startServer, tempFile, type TestServer } from "@llm-files/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectionError, RequestPolicy, ValidationError, prepareFile } from "../src/index.js";
import { startProxy, type TestProxy } from "./proxy-server.js";
import { acme } from "./profile.js";

const VARS = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"];
let saved: Record<string, string | undefined>;
let server: TestServer;
let proxy: TestProxy;

beforeEach(async () => {
  saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));
  for (const k of VARS) delete process.env[k];
  server = await startServer((req, res) => json(res, 200, { ok: true, bytes: Number(req.headers["content-length"] ?? 0) }));
  proxy = await startProxy();
});
afterEach(async () => {
  for (const k of VARS) (saved[k] === undefined ? delete process.env[k] : (process.env[k] = saved[k]));
  await Promise.all([server.stop(), proxy.stop()]);
});

const get = (t: RequestPolicy) => t.send({ url: `${t.baseUrl}/v1/files`, method: "GET", headers: new Headers(), idempotent: true, expect: "json" });

describe("proxies from the environment", () => {
  it("sends JSON calls through HTTP_PROXY, loopback targets included", async () => {
    process.env.HTTP_PROXY = proxy.url;
    const t = new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url });
    for (let i = 0; i < 3; i++) expect(await (await get(t)).json).toEqual({ ok: true, bytes: 0 });
    expect(proxy.seen).toEqual(Array(3).fill(`GET ${server.url}/v1/files`));
    expect(server.requests).toHaveLength(3);
  });

  it("reads the lowercase form too", async () => {
    process.env.http_proxy = proxy.url;
    await get(new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url }));
    expect(proxy.seen).toHaveLength(1);
  });

  it("skips hosts in NO_PROXY, and only those", async () => {
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = "example.internal,127.0.0.1";
    await get(new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url }));
    expect(proxy.seen).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("streams an upload from disk through the proxy, every byte", async () => {
    process.env.HTTP_PROXY = proxy.url;
    const file = await tempFile(3 * 1024 * 1024 + 7, "big.bin");
    try {
      const t = new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url });
      const prepared = await prepareFile(file.path, { provider: "acme" });
      const res = await t.upload(`${t.baseUrl}/v1/files`, { purpose: "x" }, "file", prepared);
      const body = res.json as { bytes: number };
      expect(proxy.seen).toEqual([`POST ${server.url}/v1/files`]);
      expect(body.bytes).toBeGreaterThan(3 * 1024 * 1024);
      expect(proxy.forwardedBytes).toBe(body.bytes);
      expect(server.requests[0]!.bytes).toBe(body.bytes);
    } finally {
      await file.cleanup();
    }
  });

  it("tunnels https targets with CONNECT through HTTPS_PROXY", async () => {
    process.env.HTTPS_PROXY = proxy.url;
    // The plain-http test server cannot answer TLS: the tunnel is what is checked here.
    const t = new RequestPolicy(acme, { apiKey: "k", baseUrl: `https://127.0.0.1:${new URL(server.url).port}`, maxRetries: 0 });
    const err = await get(t).catch((e) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${new URL(server.url).port}`]);
  });

  it("says which variable holds a proxy that is not a URL", async () => {
    process.env.HTTP_PROXY = "http://[bad";
    const err = await get(new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url, maxRetries: 0 })).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.field).toBe("HTTP_PROXY");
  });
});

describe("the proxy option", () => {
  it("wins over the environment, without reading it", async () => {
    process.env.HTTP_PROXY = "http://127.0.0.1:9"; // would refuse the connection
    await get(new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url, proxy: proxy.url }));
    expect(proxy.seen).toHaveLength(1);
  });

  it("false turns the environment's proxy off", async () => {
    process.env.HTTP_PROXY = proxy.url;
    await get(new RequestPolicy(acme, { apiKey: "k", baseUrl: server.url, proxy: false }));
    expect(proxy.seen).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("is checked at creation", () => {
    expect(() => new RequestPolicy(acme, { apiKey: "k", proxy: "socks://x" as string })).toThrow(ValidationError);
    expect(() => new RequestPolicy(acme, { apiKey: "k", proxy: 3128 as unknown as string })).toThrow(/proxy/);
  });

  it("is refused next to a caller's fetch, which would silently ignore it", () => {
    const err = (() => {
      try {
        new RequestPolicy(acme, { apiKey: "k", proxy: proxy.url, fetch });
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect(err!.field).toBe("proxy");
  });
});
