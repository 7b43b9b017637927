// Security: the key never shows (not even in Node's debug output), plain http:// to a remote host
// needs an explicit opt-in, and no redirect carries the key to another origin or to plain http.
import { tempFile, type TempFile } from "@llm-files/testing";
import { createFiles } from "@llm-files/unified";
import { PROVIDERS, type ProviderName } from "../src/bodies.js";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startFaultServer, type Fault, type FaultServer } from "../src/fault-server.js";
import { Tally } from "../src/summary.js";
import { KEY, isTyped, leaksOf } from "./helpers.js";

const tally = new Tally("security");
const started: FaultServer[] = [];
let file: TempFile;

beforeAll(async () => {
  file = await tempFile("security test\n", "s.txt");
});
afterAll(async () => {
  for (const s of started) tally.requests(s.requests.length);
  await Promise.all(started.map((s) => s.stop()));
  await file.cleanup();
  tally.flush(inject("summaryDir"));
});

async function server(p: ProviderName, fault: Fault): Promise<FaultServer> {
  const s = await startFaultServer(p, { close: true });
  s.set(fault);
  started.push(s);
  return s;
}

function runChild(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL("./fixtures/debug-child.mjs", import.meta.url))], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), 90_000); // a net for a hung child, not a measure
  return new Promise((resolve) =>
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    }),
  );
}

describe("the key never shows", () => {
  it("not in Node's debug output (NODE_DEBUG=http,net,fetch,undici,tls) nor in logged errors and clients, on every call and fault", async () => {
    const faults: Record<string, Fault> = {
      ok: { kind: "ok" },
      html502: { kind: "html502" },
      echoKey: { kind: "echoKey", where: "errorBody" },
      resetMidBody: { kind: "resetMidBody" },
      hang: { kind: "hang" },
      rateLimited: { kind: "status", status: 429, headers: { "retry-after": "0" } },
    };
    const urls: Record<string, Record<string, string>> = {};
    for (const p of PROVIDERS) {
      urls[p] = {};
      const other = await server(p, { kind: "ok" });
      urls[p]!.redirect = (await server(p, { kind: "redirect", status: 307, to: other.url })).url;
      for (const [name, fault] of Object.entries(faults)) urls[p]![name] = (await server(p, fault)).url;
      if (p === "minimax") urls[p]!.baseResp1004 = (await server(p, { kind: "baseResp", code: 1004 })).url;
    }
    const { code, out } = await runChild({ NODE_DEBUG: "http,net,fetch,undici,tls", REL_KEY: KEY, REL_URLS: JSON.stringify(urls), REL_FILE: file.path });
    const outcomes = Object.values(urls).reduce((n, u) => n + Object.keys(u).length * 5, 0);
    expect(out, out.slice(-2000)).toContain(`outcomes: ${outcomes}`);
    expect(code).toBe(0);
    // The output is real: Node's debug lines are there, and an echoed key was printed redacted.
    expect(out).toMatch(/^(HTTP|NET) \d+:/m);
    expect(out).toContain("[redacted]");
    const at = out.indexOf(KEY);
    expect(at, `the key at: ${out.slice(Math.max(0, at - 300), at + 100)}`).toBe(-1);
    tally.scenario(outcomes);
    tally.note(`debug run: ${outcomes} calls in a child under NODE_DEBUG, ${(out.length / 1024).toFixed(0)} KiB of output, key found 0 times`);
  });

  it("not in util.inspect or JSON of a facade, with the key given or read from the environment", async () => {
    for (const p of PROVIDERS) {
      const given = createFiles({ provider: p, apiKey: KEY, baseUrl: "http://127.0.0.1:9" });
      process.env[`${p.toUpperCase()}_API_KEY`] = KEY;
      try {
        const fromEnv = createFiles({ provider: p, baseUrl: "http://127.0.0.1:9" });
        for (const f of [given, fromEnv]) {
          expect(inspect(f, { showHidden: true, depth: Infinity })).not.toContain(KEY);
          expect(JSON.stringify(f)).not.toContain(KEY);
          expect(String(f)).not.toContain(KEY);
        }
        // An error from the environment's key, echoed back by the server, is redacted as well.
        const s = await server(p, { kind: "echoKey", where: "errorBody" });
        const err = await createFiles({ provider: p, baseUrl: s.url, maxRetries: 0 })
          .retrieve(p === "minimax" ? "1" : "file-1")
          .catch((e: unknown) => e);
        expect(isTyped(err) && err.name).toBe("AuthenticationError");
        expect(leaksOf(err)).toEqual([]);
        tally.error(err);
      } finally {
        delete process.env[`${p.toUpperCase()}_API_KEY`];
      }
      tally.scenario(2);
    }
  });
});

describe("plain http:// and redirects", () => {
  it("a base URL over http:// to a non-loopback host is refused, from options or the environment", async () => {
    const hosts = ["http://api.moonshot.ai", "http://files.example.com:8080/v1", "http://127.0.0.1.nip.io", "http://10.0.0.5", "http://[2001:db8::1]"];
    for (const p of PROVIDERS) {
      for (const baseUrl of hosts) {
        const err: any = (() => {
          try {
            createFiles({ provider: p, apiKey: KEY, baseUrl });
          } catch (e) {
            return e;
          }
        })();
        expect(err?.name, `${p} ${baseUrl}`).toBe("ValidationError");
        expect(err.field).toBe("baseUrl");
        expect(err.message).toContain("allowInsecureHttp");
        tally.error(err);
      }
      const name = `${p.toUpperCase()}_BASE_URL`;
      process.env[name] = "http://api.example.com";
      try {
        expect(() => createFiles({ provider: p, apiKey: KEY })).toThrow(expect.objectContaining({ name: "ValidationError", field: name }));
      } finally {
        delete process.env[name];
      }
      // Loopback stays allowed without the opt-in (every test here relies on it).
      for (const ok of ["http://127.0.0.1:1", "http://localhost:1", "http://[::1]:1"]) expect(() => createFiles({ provider: p, apiKey: KEY, baseUrl: ok })).not.toThrow();
      tally.scenario(hosts.length + 4);
    }
  });

  it("with allowInsecureHttp: true the same URL is used, over http:// (seen by a fetch that never leaves the process)", async () => {
    for (const p of PROVIDERS) {
      const seen: { url: string; auth: string | null }[] = [];
      const body = p === "minimax" ? '{"files":[],"base_resp":{"status_code":0,"status_msg":"success"}}' : p === "novita" ? '{"code":"200","message":"ok","data":[]}' : '{"object":"list","data":[]}';
      const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
        seen.push({ url: String(input), auth: new Headers(init?.headers).get("authorization") });
        return new Response(body, { headers: { "content-type": "application/json" } });
      };
      const files = createFiles({ provider: p, apiKey: KEY, baseUrl: "http://files.example.com", allowInsecureHttp: true, fetch } as never) as any;
      expect(await files.list(p === "minimax" ? { purpose: "voice_clone" } : undefined)).toEqual([]);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.url.startsWith("http://files.example.com/")).toBe(true);
      expect(seen[0]!.auth).toBe(`Bearer ${KEY}`);
      tally.scenario();
    }
  });

  it("a redirect from https:// down to plain http:// is refused before anything is sent there", async () => {
    for (const p of PROVIDERS) {
      const seen: string[] = [];
      const fetch = async (input: RequestInfo | URL) => {
        seen.push(String(input));
        return new Response(null, { status: 302, headers: { location: "http://evil.example.com/steal" } });
      };
      const err: any = await (createFiles({ provider: p, apiKey: KEY, baseUrl: "https://api.example.com", fetch, maxRetries: 0 } as never) as any)
        .retrieve(p === "minimax" ? "1" : "file-1")
        .catch((e: unknown) => e);
      expect(err?.name).toBe("ConnectionError");
      expect(err.message).toContain("plain http");
      expect(seen.every((u) => u.startsWith("https://api.example.com/"))).toBe(true);
      expect(leaksOf(err)).toEqual([]);
      tally.error(err);
      tally.scenario();
    }
  });
});
