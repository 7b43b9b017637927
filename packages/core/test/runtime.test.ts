// Least privilege and the runtime checks: nothing reads the environment for a value the
// caller passed, a denied read counts as unset, browsers need an explicit opt-in; and the
// Node transport keeps connections alive.
import { json, startServer, type TestServer } from "@llm-files/testing";
import { afterEach, describe, expect, it } from "vitest";
import { RequestPolicy, ValidationError } from "../src/index.js";
import { inBrowser, readEnv } from "../src/env.js";
import { defaultTransport } from "../src/transport-node.js";
import { acmeProfile } from "./profile.js";

const protocol = acmeProfile({ env: { apiKey: "T_KEY", baseUrl: "T_URL" }, defaultBaseUrl: "https://x.test" });
let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});
const get = (t: RequestPolicy) => t.send({ url: `${t.baseUrl}/v1/files`, method: "GET", headers: new Headers(), idempotent: true, expect: "json" });

/** Runs `fn` with process.env replaced by `env` (restored after, also on failure). */
async function withEnv<T>(env: object, fn: () => Promise<T>): Promise<T> {
  const real = Object.getOwnPropertyDescriptor(process, "env")!;
  Object.defineProperty(process, "env", { value: env, configurable: true, writable: true });
  try {
    return await fn();
  } finally {
    Object.defineProperty(process, "env", real);
  }
}

/**
 * An environment that throws on reading the variables the library may use, as Deno does
 * without --allow-env (the test runner's own variables still read through).
 */
const OURS = /^(T_KEY|T_URL|(https?|no|all)_proxy)$/i;
const denied = (reads: string[]) => {
  const real = process.env;
  return new Proxy(real, {
    get(t, name) {
      if (typeof name !== "string" || !OURS.test(name)) return Reflect.get(t, name);
      reads.push(name);
      throw Object.assign(new Error(`Requires env access to "${name}"`), { name: "NotCapable" });
    },
  });
};

describe("least privilege", () => {
  it("does not read the environment for an apiKey, baseUrl or proxy the caller passed", async () => {
    server = await startServer((_q, res) => json(res, 200, { ok: true }));
    const reads: string[] = [];
    const body = await withEnv(denied(reads), async () => (await get(new RequestPolicy(protocol, { apiKey: "k", baseUrl: server!.url, proxy: false }))).json);
    expect(body).toEqual({ ok: true });
    expect(reads).toEqual([]);
  });

  it("treats a denied read as unset: a missing key is a ValidationError naming the variable", async () => {
    const reads: string[] = [];
    const err = await withEnv(denied(reads), async () => get(new RequestPolicy(protocol, { baseUrl: "https://x.test" })).catch((e) => e));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toContain("T_KEY");
    expect(reads).toContain("T_KEY");
  });

  it("treats a denied read as unset for the base URL and the proxy variables", async () => {
    server = await startServer((_q, res) => json(res, 200, { ok: true }));
    const reads: string[] = [];
    // No baseUrl: T_URL is read (denied), so the spec's server is used.
    const t = await withEnv(denied(reads), async () => new RequestPolicy(protocol, { apiKey: "k" }));
    expect(t.baseUrl).toBe("https://x.test");
    expect(reads).toEqual(["T_URL"]);
    // No proxy option: the proxy variables are read (denied), so the request goes direct.
    const body = await withEnv(denied([]), async () => (await get(new RequestPolicy(protocol, { apiKey: "k", baseUrl: server!.url }))).json);
    expect(body).toEqual({ ok: true });
    expect(server.requests).toHaveLength(1);
  });

  it("readEnv is undefined without a process at all (browsers, workers)", () => {
    const real = Object.getOwnPropertyDescriptor(globalThis, "process")!;
    Object.defineProperty(globalThis, "process", { value: undefined, configurable: true, writable: true });
    try {
      expect(readEnv("PATH")).toBeUndefined();
    } finally {
      Object.defineProperty(globalThis, "process", real);
    }
  });
});

describe("browsers", () => {
  /** Runs `fn` synchronously in something that looks like a web page: window, document, navigator, no Node. */
  function asPage<T>(fn: () => T): T {
    const g = globalThis as Record<string, unknown>;
    const before = Object.fromEntries(["process", "window", "document", "navigator"].map((k) => [k, Object.getOwnPropertyDescriptor(g, k)]));
    for (const [k, v] of Object.entries({ process: undefined, window: {}, document: {}, navigator: { userAgent: "Mozilla/5.0" } })) {
      Object.defineProperty(g, k, { value: v, configurable: true, writable: true });
    }
    try {
      return fn();
    } finally {
      for (const [k, d] of Object.entries(before)) (d ? Object.defineProperty(g, k, d) : delete g[k]);
    }
  }

  it("refuse to create a client without dangerouslyAllowBrowser, and say why", () => {
    const err = asPage(() => {
      try {
        new RequestPolicy(protocol, { apiKey: "k" });
      } catch (e) {
        return e as ValidationError;
      }
    });
    expect(err).toBeInstanceOf(ValidationError);
    expect(err!.field).toBe("dangerouslyAllowBrowser");
    expect(err!.message).toMatch(/anyone who opens the page can read your API key/);
  });

  it("allow it with dangerouslyAllowBrowser: true", () => {
    expect(asPage(() => inBrowser())).toBe(true);
    const t = asPage(() => new RequestPolicy(protocol, { apiKey: "k", dangerouslyAllowBrowser: true }));
    expect(t.provider).toBe("acme");
  });

  it("Node is not a browser, even with a test DOM's window and document", () => {
    const g = globalThis as Record<string, unknown>;
    g.window = {};
    g.document = {};
    try {
      expect(inBrowser()).toBe(false);
      expect(() => new RequestPolicy(protocol, { apiKey: "k" })).not.toThrow();
    } finally {
      delete g.window;
      delete g.document;
    }
  });
});

describe("the Node transport", () => {
  it("keeps one connection alive across sequential calls", async () => {
    const sockets = new Set<unknown>();
    server = await startServer((req, res) => {
      sockets.add(req.socket);
      json(res, 200, { ok: true });
    });
    const t = new RequestPolicy(protocol, { apiKey: "k", baseUrl: server.url, proxy: false });
    for (let i = 0; i < 5; i++) expect((await get(t)).json).toEqual({ ok: true });
    expect(server.requests).toHaveLength(5);
    expect(sockets.size).toBe(1);
  });

  it("decodes a compressed body the way fetch would", async () => {
    const { gzipSync } = await import("node:zlib");
    server = await startServer((_q, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(gzipSync(JSON.stringify({ packed: true })));
    });
    const t = new RequestPolicy(protocol, { apiKey: "k", baseUrl: server.url, proxy: false });
    expect((await get(t)).json).toEqual({ packed: true });
  });

  it("sends each path as URL would have written it: plain ones as they are, others (dot segments, spaces, quotes) parsed", async () => {
    server = await startServer((_q, res) => json(res, 200, { ok: true }));
    const t = new RequestPolicy(protocol, { apiKey: "k", baseUrl: server.url, proxy: false });
    const paths = ["/v1/files?limit=2&after=file-1", "/v1/files/..", "/v1/files/%2E%2e/x", "/v1/a/./b", "/v1/a b", "/v1/x?q=it's", "/v1/.hidden", "/v1/x?q=a%20b|c"];
    for (const path of paths) {
      await t.send({ url: `${t.baseUrl}${path}`, method: "GET", headers: new Headers(), idempotent: true, expect: "json" });
      const u = new URL(`${t.baseUrl}${path}`);
      expect(server.requests.at(-1)!.url, path).toBe(u.pathname + u.search);
    }
  });
});

describe("one hidden class per reply", () => {
  // A reply or a transport response written as an object literal with `get headers()` got a
  // hidden class of its own per request (the getter is a new closure each time): over 2,200
  // sequential calls the heap grew by 8 MB and every request's objects were promoted out of the
  // young generation. The getter belongs on a prototype, shared by every reply.
  it("a reply's headers are read through its class's getter, not an own accessor, and still hold the answer's headers", async () => {
    server = await startServer((_q, res) => {
      res.setHeader("x-answer", "yes");
      json(res, 200, { ok: true });
    });
    const t = new RequestPolicy(protocol, { apiKey: "k", baseUrl: server.url, proxy: false });
    const [a, b] = [await get(t), await get(t)];
    for (const reply of [a, b]) {
      expect(Object.getOwnPropertyDescriptor(reply, "headers")).toBeUndefined();
      expect(reply.headers.get("x-answer")).toBe("yes");
    }
    expect(Object.getPrototypeOf(a)).toBe(Object.getPrototypeOf(b));
    expect(Object.getPrototypeOf(a)).not.toBe(Object.prototype);
    // And the Node transport's response under it.
    const transport = defaultTransport({ provider: "acme" });
    const answer = await transport.send({ url: `${server.url}/v1/files`, method: "GET", headers: new Headers() }).response;
    expect(Object.getOwnPropertyDescriptor(answer, "headers")).toBeUndefined();
    expect(answer.headers.get("x-answer")).toBe("yes");
    answer.discard();
  });
});
